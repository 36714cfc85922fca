import pytest

from haven.knowledge import load


@pytest.fixture(scope="session")
def kb():
    """The bundled knowledge base, loaded once for the session."""
    return load(use_cache=False)
