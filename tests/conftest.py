import pytest

from tests.factory import World


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own cache directory, so no test sees another's knowledge base."""
    monkeypatch.setenv("HAVEN_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def world() -> World:
    return World()
