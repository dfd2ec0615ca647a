import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Rule messages are asserted word for word, in English."""
    with translation.override("en"):
        yield
