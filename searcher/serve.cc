#include "searcher/serve.h"

#include <CLI/CLI.hpp>
#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/cli_support.h"
#include "app/config.h"
#include "entities/gazetteer.h"
#include "index/suggest.h"
#include "searcher/http_api.h"
#include "searcher/searcher_pool.h"
#include "util/terminal.h"

namespace fs = std::filesystem;

namespace iran::searcher {
namespace {

struct ServeOptions {
  std::string db = "index";
  std::string listen = "127.0.0.1:8080";
  std::string web;  // the page's files; default <data dir>/web
  unsigned threads = 8;
};

struct Endpoint {
  std::string host;
  int port = 0;
};

// "127.0.0.1:8080", "localhost:0", "[::1]:8080", ":8080" (loopback), "8080".
Endpoint parse_listen(const std::string& text) {
  Endpoint e{"127.0.0.1", 0};
  std::string port = text;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':')
      throw index::UsageError("--listen '" + text + "': expected [ADDRESS]:PORT");
    e.host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else if (const auto colon = text.rfind(':'); colon != std::string::npos) {
    if (colon > 0) e.host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  if (port.empty() || port.size() > 5 || !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      std::stoi(port) > 65535)
    throw index::UsageError("--listen '" + text + "': the port must be a number from 0 to 65535");
  e.port = std::stoi(port);
  return e;
}

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

fs::path find_web_dir(const std::string& given) {
  if (!given.empty()) return given;
  std::error_code ec;
  try {
    const fs::path installed = entities::find_data_dir() / "web";
    if (fs::exists(installed / "index.html", ec)) return installed;
  } catch (const std::exception&) {
  }
  return IRAN_SOURCE_WEB_DIR;
}

void reply(httplib::Response& res, const ApiResponse& api) {
  res.status = api.status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(api.body, "application/json; charset=utf-8");
}

const char* reason(int status) {
  switch (status) {
    case 400: return "bad request";
    case 403: return "forbidden";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 413: return "request too large";
    case 414: return "request too long";
    case 503: return "no index";
    default: return status >= 500 ? "server error" : "error";
  }
}

}  // namespace

int serve_main(int argc, char** argv) {
  // SIGINT and SIGTERM stop the server from a thread of ours (stop() is not
  // async-signal-safe). Blocked first thing, before any thread starts: one that comes
  // while the gazetteer loads waits, and the server stops as soon as it runs.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  CLI::App app{"iransearch serve: the web page and HTTP API over the index", "iransearch serve"};
  ServeOptions options;
  std::string config;
  app.add_option("--config", config, "read settings from this TOML file instead of the default one (keys: db, listen)");
  app.add_option("--db", options.db, "index directory (default: IRANIDX_DB, the config file, or ./index)")
      ->capture_default_str();
  app.add_option("--listen", options.listen,
                 "ADDRESS:PORT to listen on (port 0: any free port); anything but loopback exposes the index")
      ->capture_default_str();
  app.add_option("--threads", options.threads, "requests served at once")->check(app::whole_number(1, 256))->capture_default_str();
  app.add_option("--web", options.web, "directory of the page's files (default: <data dir>/web)");
  app.footer(
      "Open the printed address in a browser. API: GET /api/search (the parameters of\n"
      "iransearch --json: q, country, official, source, lang, from, to, sort, offset, limit,\n"
      "facets, histogram), /api/article?path=, /api/suggest?q=, /api/health, /api/saved.\n"
      "A build (iranidx build, also --full) is picked up by the next request, no restart.");
  try {
    // The same settings as the search: the config file, IRANIDX_DB, --config FILE.
    app::apply_settings(app, std::vector<std::string>(argv + 1, argv + argc));
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app::exit_for_parse_error(app, e);
  } catch (const app::ConfigError& e) {
    app::print_error("iransearch", e.what());
    return app::exit_code::kError;
  }

  return app::guarded_main("iransearch", [&] {
    const Endpoint endpoint = parse_listen(options.listen);
    const fs::path web = find_web_dir(options.web);
    std::error_code ec;
    if (!fs::exists(web / "index.html", ec))
      throw index::UsageError("no page at " + web.string() + " (index.html missing): give --web DIR");
    const auto context = app::load_analysis_context();
    SearcherPool pool(options.db, context.gazetteer, app::table_cache_dir());
    const index::Suggester suggester(context.gazetteer);
    Api api(pool, suggester);

    httplib::Server server;
    const unsigned threads = options.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_payload_max_length(64 * 1024);
    // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a second server
    // on the same port would start and silently share it.
    server.set_socket_options([](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    });
    server.set_keep_alive_max_count(100);
    // Headers and body go out in two writes: without TCP_NODELAY, Nagle's algorithm and
    // the client's delayed ACK add 40 ms to every answer on a kept-alive connection.
    server.set_tcp_nodelay(true);

    // A page on a loopback address answers only to loopback names: a web site that
    // points its own name at 127.0.0.1 (DNS rebinding) gets 403, not the index.
    const bool loopback = is_loopback(endpoint.host);
    server.set_pre_routing_handler([loopback](const httplib::Request& req, httplib::Response& res) {
      if (req.method != "GET" && req.method != "HEAD") {
        reply(res, error_response(405, "only GET is served"));
        return httplib::Server::HandlerResponse::Handled;
      }
      if (loopback) {
        std::string host = req.get_header_value("Host");
        if (!host.empty() && host.front() == '[') host = host.substr(1, host.find(']') - 1);
        else host = host.substr(0, host.rfind(':'));
        if (!host.empty() && !is_loopback(host)) {
          reply(res, error_response(403, "this server answers only to 127.0.0.1 and localhost"));
          return httplib::Server::HandlerResponse::Handled;
        }
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    auto route = [&](const char* path, auto handler) {
      server.Get(path, [handler](const httplib::Request& req, httplib::Response& res) {
        reply(res, handler(req.params));
      });
    };
    route("/api/search", [&](const Params& p) { return api.search(p); });
    route("/api/article", [&](const Params& p) { return api.article(p); });
    route("/api/suggest", [&](const Params& p) { return api.suggest(p); });
    route("/api/health", [&](const Params&) { return api.health(); });
    route("/api/saved", [&](const Params& p) { return api.saved(p); });

    httplib::Headers page_headers{
        {"Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"},
        {"X-Content-Type-Options", "nosniff"},
        {"Cache-Control", "no-cache"}};
    if (!server.set_mount_point("/", web.string(), page_headers))
      throw index::UsageError("cannot serve the page from " + web.string());
    // Whatever ends in an error (no route, a request line too long) gets a JSON body;
    // limits the HTTP layer enforces (414, 413) are bad requests like the others.
    server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
      const char* why = reason(res.status);
      if (res.status == 414 || res.status == 413) res.status = 400;
      if (res.body.empty()) reply(res, error_response(res.status, why));
      return httplib::Server::HandlerResponse::Handled;
    }));
    server.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
      reply(res, error_response(500, "internal error"));
    });

    int port = endpoint.port;
    if (port == 0) port = server.bind_to_any_port(endpoint.host);
    else if (!server.bind_to_port(endpoint.host, port)) port = -1;
    if (port <= 0)
      throw index::UsageError("cannot listen on " + options.listen + ": address in use or not available");

    // stop() does nothing before listen_after_bind() has started, and a signal may come
    // that early (a script that kills the server as soon as it reads the first line):
    // the stopper repeats it until the server has returned.
    std::atomic<bool> listening_done{false};
    std::thread stopper([&] {
      int received = 0;
      sigwait(&stop_signals, &received);
      while (!listening_done) {
        server.stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    });
    const std::string shown_host = endpoint.host.find(':') != std::string::npos ? "[" + endpoint.host + "]" : endpoint.host;
    // One write (std::cerr is unbuffered: each << would be its own), so that whoever
    // reads the log for the address never sees half the line.
    const std::string serving = "iransearch: serving http://" + util::escape_controls(shown_host) + ':' +
                                std::to_string(port) + "/ (index: " + util::quote_name(options.db) +
                                ", page: " + util::quote_name(web.string()) + ")\n";
    std::cerr << serving << std::flush;
    const bool ok = server.listen_after_bind();
    listening_done = true;
    // Wakes the stopper if it is still waiting (the server stopped on its own); when it
    // already had a signal, this one stays blocked and pending, and the process exits.
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
    return ok ? app::exit_code::kSuccess : app::exit_code::kError;
  });
}

}  // namespace iran::searcher
