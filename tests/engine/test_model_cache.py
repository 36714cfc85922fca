from datetime import date

from haven.cache import cache_dir
from haven.engine import assess
from haven.knowledge import load


def test_a_compiled_model_read_back_from_disk_gives_the_same_answer(wanted_world, tmp_path):
    wanted_world.add("treaties", kind="defence-treaty", title="Pact", parties="RUS;PRK", signed="2020", start="2020-06-01")
    directory = wanted_world.write(tmp_path / "kb")
    first = assess("wanted", date(2024, 6, 24), load(directory)).to_frame()
    assert list(cache_dir().glob("kb-*.pickle"))
    again = assess("wanted", date(2024, 6, 24), load(directory)).to_frame()  # a new knowledge base reads the disk
    assert again.equals(first)


def test_a_data_edit_means_a_new_model(wanted_world, tmp_path):
    directory = wanted_world.write(tmp_path / "kb")
    assert assess("wanted", date(2024, 6, 24), load(directory))["PRK"].tier == "open"
    wanted_world.add("treaties", kind="defence-treaty", title="Pact", parties="RUS;PRK", signed="2020", start="2020-06-01",
                     mutual_defence="true")
    wanted_world.write(directory)
    assert assess("wanted", date(2024, 6, 24), load(directory))["PRK"].tier == "ally"


def test_a_damaged_cache_file_is_discarded_and_rebuilt(wanted_world, tmp_path, capsys):
    directory = wanted_world.write(tmp_path / "kb")
    expected = assess("wanted", date(2024, 6, 24), load(directory)).to_frame()
    for path in cache_dir().glob("kb-*.pickle"):
        path.write_bytes(b"not a pickle")
    again = assess("wanted", date(2024, 6, 24), load(directory)).to_frame()
    assert again.equals(expected)
    assert "discarded an unreadable cache file" in capsys.readouterr().err
