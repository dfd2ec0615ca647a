"""A single-threaded WSGI server for the list benchmark: python -m bench.server (prints "PORT <n>").

It listens on 127.0.0.1 only, on a free port, and serves one request at a time, quietly.
"""

import os
import sys
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    httpd = make_server("127.0.0.1", 0, application, server_class=WSGIServer, handler_class=QuietHandler)
    print(f"PORT {httpd.server_port}", flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
    sys.exit(0)


if __name__ == "__main__":
    main()
