// `iransearch serve` runs in its own executable, iransearch-serve (searcher/serve_main.cc,
// installed in <prefix>/libexec): the HTTP server's library (libcpp-httplib, which pulls
// in OpenSSL and brotli) then costs a search nothing. Loading and initialising it was a
// quarter of the CPU of one `iransearch QUERY` process.
#pragma once

#include <string>
#include <vector>

namespace iran::searcher {

// Replaces this process (same PID) with iransearch-serve running `serve` with these
// arguments (the settings given before `serve`, then its own). Returns only when that
// cannot start: the exit code after saying why.
int exec_serve(const char* argv0, const std::vector<std::string>& arguments);

// Where iransearch-serve is: <dir of this executable>/../libexec/iransearch-serve.
std::string serve_executable();

}  // namespace iran::searcher
