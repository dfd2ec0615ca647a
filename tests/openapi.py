"""Write the current OpenAPI schema to tests/openapi.json (run: python -m tests.openapi)."""

import json
import os
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django

    django.setup()
    from config.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    out = Path(__file__).parent / "openapi.json"
    out.write_text(json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
