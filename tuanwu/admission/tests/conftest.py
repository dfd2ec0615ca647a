import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Rule messages are asserted word for word in English (the messages are not translated yet)."""
    with translation.override("en"):
        yield
