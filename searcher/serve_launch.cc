#include "searcher/serve_launch.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "app/cli_support.h"

namespace fs = std::filesystem;

namespace iran::searcher {

std::string serve_executable() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  const fs::path dir = ec ? fs::path(".") : exe.parent_path();
  return (dir / ".." / "libexec" / "iransearch-serve").lexically_normal().string();
}

int exec_serve(const char* argv0, const std::vector<std::string>& arguments) {
  const std::string helper = serve_executable();
  // argv[0] stays the name the user ran, so `ps` shows "iransearch serve ...".
  std::vector<std::string> args{argv0 ? argv0 : "iransearch", "serve"};
  args.insert(args.end(), arguments.begin(), arguments.end());
  std::vector<char*> pointers;
  for (auto& a : args) pointers.push_back(a.data());
  pointers.push_back(nullptr);
  ::execv(helper.c_str(), pointers.data());
  const int error = errno;
  app::print_error("iransearch", "cannot start the web server " + helper + ": " + std::strerror(error) +
                                     " (it is installed beside iransearch, in ../libexec)");
  return app::exit_code::kError;
}

}  // namespace iran::searcher
