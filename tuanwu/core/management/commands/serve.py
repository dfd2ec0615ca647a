"""tuanwu serve [--workers N] [--bind HOST:PORT] [--timeout S] [--debug]: the production web server (gunicorn),
serving the collected static files through WhiteNoise as the development server does."""

import os

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils import translation
from django.utils.translation import gettext as _
from gunicorn.app.base import BaseApplication

# Each worker holds a database connection and its own copy of the application (about 100 MB), so more than
# this many on one machine costs memory without serving more: add a second server instead.
MAX_WORKERS = 8


def default_workers() -> int:
    """gunicorn's rule of thumb, two workers per CPU plus one, capped at MAX_WORKERS."""
    return min(2 * (os.cpu_count() or 1) + 1, MAX_WORKERS)


def parse_bind(value: str) -> str:
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise CommandError(_("--bind takes HOST:PORT, e.g. 127.0.0.1:8000, not %(value)r.") % {"value": value})
    return value


class Command(BaseCommand):
    help = "The production web server (gunicorn) with the static files served by WhiteNoise."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=None, help=f"default: 2 x CPUs + 1, at most {MAX_WORKERS}")
        parser.add_argument("--bind", default="127.0.0.1:8000", help="HOST:PORT (default 127.0.0.1:8000)")
        parser.add_argument("--timeout", type=int, default=120, help="seconds before a stuck worker is restarted")
        parser.add_argument("--debug", action="store_true", help="allow DEBUG=true from the environment")
        parser.add_argument("--lang", choices=["zh-hans", "en"], default=None)

    def handle(self, *args, **opts):
        translation.activate(opts["lang"] or settings.LANGUAGE_CODE)
        bind = parse_bind(opts["bind"])
        workers = opts["workers"] or default_workers()
        if workers < 1:
            raise CommandError(_("--workers must be at least 1."))
        if settings.DEBUG and not opts["debug"]:
            raise CommandError(
                _("DEBUG is on (DEBUG=true in the environment or .env): unset it, or pass --debug to serve anyway.")
            )
        _require_collected_static()
        # The workers are forked from this process: none may inherit its database connections.
        connections.close_all()
        self.stdout.write(_("Serving http://%(bind)s with %(workers)d workers.") % {"bind": bind, "workers": workers})
        self.stdout.flush()
        Server({"bind": bind, "workers": workers, "timeout": opts["timeout"]}).run()


def _require_collected_static() -> None:
    """The manifest storage answers every page with an error until `collectstatic` has written its manifest."""
    storage = storages["staticfiles"]
    if isinstance(storage, ManifestFilesMixin) and not storage.manifest_storage.exists(storage.manifest_name):
        raise CommandError(
            _("The static files are not collected yet: run `tuanwu collectstatic --noinput` first (into %(root)s).")
            % {"root": settings.STATIC_ROOT}
        )


class Server(BaseApplication):
    """gunicorn run in this process, serving config.wsgi with the options given (no command line of its own)."""

    def __init__(self, options):
        self.options = options
        super().__init__()

    def load_config(self):
        defaults = {
            "accesslog": "-",
            "errorlog": "-",
            "proc_name": "tuanwu",
            "graceful_timeout": 30,
            # systemd (or another supervisor) manages the server; several may run on one machine.
            "control_socket_disable": True,
        }
        for key, value in {**defaults, **self.options}.items():
            self.cfg.set(key, value)

    def load(self):
        from config.wsgi import application

        return application
