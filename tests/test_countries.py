import pytest

from haven.errors import UnknownCountry


@pytest.mark.parametrize("text", ["North Korea", "DPRK", "KP", "PRK", "prk", "Korea, Democratic People's Republic of"])
def test_names_and_codes_resolve(world, tmp_path, text):
    kb = world.load(tmp_path)
    assert kb.countries.resolve(text) == "PRK"


def test_unknown_country_is_a_clear_error(world, tmp_path):
    kb = world.load(tmp_path)
    with pytest.raises(UnknownCountry, match="unknown country 'Atlantis'"):
        kb.countries.resolve("Atlantis")


def test_states_exclude_territories_which_answer_to_their_sovereign(world, tmp_path):
    kb = world.load(tmp_path)
    assert "HKG" not in kb.countries.states() and "CHN" in kb.countries.states()
    assert kb.countries.sovereign_of("HKG") == "CHN"
