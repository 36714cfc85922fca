from datetime import date

from haven.engine import _model, assess
from haven.knowledge import load
from haven.knowledge.store import cache_dir


def test_a_compiled_model_read_back_from_disk_gives_the_same_answer(wanted_world, tmp_path):
    wanted_world.add("treaties", kind="defence-treaty", title="Pact", parties="RUS;PRK", signed="2020", start="2020-06-01")
    directory = wanted_world.write(tmp_path / "kb")
    first = assess("wanted", date(2024, 6, 24), load(directory)).to_frame()
    assert list(cache_dir().glob("kb-*-*.pickle"))
    _model.cache_clear()
    again = assess("wanted", date(2024, 6, 24), load(directory)).to_frame()
    assert again.equals(first)


def test_a_data_edit_means_a_new_model(wanted_world, tmp_path):
    directory = wanted_world.write(tmp_path / "kb")
    assert assess("wanted", date(2024, 6, 24), load(directory))["PRK"].tier == "open"
    wanted_world.add("treaties", kind="defence-treaty", title="Pact", parties="RUS;PRK", signed="2020", start="2020-06-01", mutual_defence="true")
    wanted_world.write(directory)
    _model.cache_clear()
    assert assess("wanted", date(2024, 6, 24), load(directory))["PRK"].tier == "ally"
