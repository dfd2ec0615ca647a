import pytest


@pytest.fixture(autouse=True)
def _shipped_holiday_tables(request):
    """The decreed tables a migration loads on every database: a test that flushed the database before this one
    (a browser test's transactional database) took them away, so they are put back when missing."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        return
    request.getfixturevalue("db")
    from tuanwu.voice.services import shipped_tables_load

    shipped_tables_load()
