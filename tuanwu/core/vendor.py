"""Serves single asset files from installed wheels as static files, so no page needs a CDN."""

import importlib.util
from functools import cache
from pathlib import Path

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

# static path -> (python package, file relative to the package folder)
VENDOR_FILES = {
    "vendor/plotly/plotly.min.js": ("plotly", "package_data/plotly.min.js"),
    "vendor/bootstrap/css/bootstrap.min.css": ("bootstrap_wrapper", "../bootstrap/css/bootstrap.min.css"),
    "vendor/bootstrap/js/bootstrap.bundle.min.js": (
        "bootstrap_wrapper",
        "../bootstrap/js/bootstrap.bundle.min.js",
    ),
}
# The manifest storage rewrites sourceMappingURL comments, so the maps must be findable too.
VENDOR_FILES.update(
    {
        path + ".map": (package, rel + ".map")
        for path, (package, rel) in list(VENDOR_FILES.items())
        if path.startswith("vendor/bootstrap/")
    }
)


@cache
def _source(package: str, rel: str) -> Path:
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.origin is not None, package
    return (Path(spec.origin).parent / rel).resolve()


class VendorFileFinder(BaseFinder):
    """A staticfiles finder for the VENDOR_FILES table."""

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path in VENDOR_FILES:
            found = str(_source(*VENDOR_FILES[path]))
            return [found] if find_all else found
        return [] if find_all else None

    def list(self, ignore_patterns):
        for static_path, (package, rel) in VENDOR_FILES.items():
            source = _source(package, rel)
            storage = FileSystemStorage(location=str(source.parent))
            storage.prefix = static_path[: -len(source.name)].rstrip("/")
            yield source.name, storage
