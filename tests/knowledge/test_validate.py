from haven.knowledge.validate import validate


def test_clean_fixture_has_no_problems(world, tmp_path):
    world.add("warrants", id="w", person="wanted", issuer="ICC", kind="warrant", start="2023-03-17")
    assert validate(world.write(tmp_path)) == []


def test_broken_copy_reports_every_problem_precisely(world, tmp_path):
    world.add("warrants", id="w1", person="wanted", issuer="ICC", kind="warrant", start="2023-03-17")
    world.add("warrants", id="w1", person="ghost", issuer="XXX", kind="summons", start="2023-13-01")
    world.add("sanctions", id="s1", imposer="EU", target_person="wanted", measure="asset-freeze", start="2022-02-25")
    world.add("sanctions", id="s2", imposer="EU", target_person="wanted", measure="asset-freeze", start="2022-03", source="nope")
    world.add("sanctions", id="s3", imposer="USA", target_state="RUS", measure="other", start="2022-02-25", end="2021")
    world.add("memberships", id="m1", organisation="NATO", iso3="DEU", role="member", start="1955-05-06", certainty="")
    world.add("trade", id="t1", reporter="RUS", partner="CHN", start="2023", share="1.5")
    lines = [str(p) for p in validate(world.write(tmp_path))]
    assert lines == [
        "memberships.csv:2: certainty: required value is missing",
        "memberships.csv:2: organisation: 'NATO' is not an id in organisations.csv",
        "sanctions.csv:3: source: unknown source id: nope (not in sources.csv)",
        "sanctions.csv:3: start: overlaps s1 (line 2) for the same imposer, target_person, target_state, measure",
        "sanctions.csv:4: end: end 2021 is before start 2022-02-25",
        "trade.csv:2: share: 1.5 is above the maximum 1",
        "warrants.csv:3: id: duplicate key w1 (first at line 2)",
        "warrants.csv:3: issuer: 'XXX' is neither a country code nor an organisation id",
        "warrants.csv:3: kind: 'summons' is not one of: warrant, application",
        "warrants.csv:3: person: unknown person 'ghost' (not in persons.csv)",
        "warrants.csv:3: start: '2023-13-01' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
    ]


def test_missing_file_and_stray_column_are_reported(world, tmp_path):
    directory = world.write(tmp_path)
    (directory / "support.csv").unlink()
    visits = directory / "visits.csv"
    header, *rest = visits.read_text().splitlines()
    visits.write_text("\n".join([header + ",mood", *rest]) + "\n")
    lines = [str(p) for p in validate(directory)]
    assert lines == ["support.csv:0: (file): file is missing", "visits.csv:1: mood: column is not declared in datapackage.json"]


def test_broken_copy_of_the_bundled_data_is_reported_line_by_line(tmp_path):
    import shutil

    from haven.knowledge.schema import BUNDLED_DATA

    copy = shutil.copytree(BUNDLED_DATA, tmp_path / "kb")
    persons = (copy / "persons.csv").read_text(encoding="utf-8").splitlines()
    assert persons[1].startswith("putin,")
    persons[1] = persons[1].replace(",RUS,", ",RUX,", 1)
    (copy / "persons.csv").write_text("\n".join(persons) + "\n", encoding="utf-8")
    warrants = (copy / "warrants.csv").read_text(encoding="utf-8")
    (copy / "warrants.csv").write_text(warrants.replace("2023-03-17", "2023-03-32", 1), encoding="utf-8")
    lines = [str(p) for p in validate(copy)]
    line = next(i for i, text in enumerate(warrants.splitlines(), start=1) if "2023-03-17" in text)
    assert "persons.csv:2: home: 'RUX' is not a known ISO 3166-1 alpha-3 code" in lines
    assert any(m.startswith(f"warrants.csv:{line}: ") and "'2023-03-32' is not a date" in m for m in lines)
    assert len(lines) == 2
