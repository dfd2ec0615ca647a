"""Settings of the benchmark's server: the project's own, with the benchmark's URLconf and a query counter."""

from config.settings import *  # noqa: F403
from config.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
# Outermost, so that it counts every query of a request, the session and user lookups included.
MIDDLEWARE = ["bench.urls.QueryCountMiddleware", *MIDDLEWARE]
