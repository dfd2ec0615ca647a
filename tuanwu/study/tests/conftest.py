import pytest
from django.utils import translation

from .factories import DAY1, DAY2, EPISODE1, EPISODE2, episode, grow, line, lines_for, run, season


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def admin(cast):
    return cast.users["county_admin"]


@pytest.fixture
def ep(admin):
    """One episode on 2024-05-06, not imported yet."""
    return episode(admin, season(admin))


@pytest.fixture
def grown(cast):
    grow(cast)
    return cast


@pytest.fixture
def two_episodes(grown, admin):
    """The grown cast with episodes of 2024-05-06 and 2024-05-13 imported (who studied: factories.EPISODE1/2),
    plus one learner in the first that nobody in the county is."""
    s = season(admin)
    first, second = episode(admin, s, DAY1), episode(admin, s, DAY2)
    run(admin, first, [*lines_for(grown, EPISODE1), line("外县某团支部", "路人甲")])
    run(admin, second, lines_for(grown, EPISODE2))
    first.refresh_from_db()
    second.refresh_from_db()
    return s, first, second
