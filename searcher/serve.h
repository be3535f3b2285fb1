// `iransearch serve`: the web page and the HTTP API (searcher/http_api.h) on one port.
#pragma once

namespace iran::searcher {

// argv[0] is "serve". Returns the exit code: 0 after SIGINT/SIGTERM, 2 when it cannot
// start (bad option, port taken, no page files).
int serve_main(int argc, char** argv);

}  // namespace iran::searcher
