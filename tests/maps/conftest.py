"""A fixture world with a wanted person, ICC parties, a territory, a tiny state, a treaty, a coup and a trip."""

import pytest

from tests.factory import World


def wanted_world() -> World:
    world = World()
    world.add("warrants", id="w-icc", person="wanted", issuer="ICC", kind="warrant", start="2023-03-17")
    world.add("memberships", id="icc-deu", organisation="ICC", iso3="DEU", role="party", start="2002-07-01")
    world.add("memberships", id="icc-dnk", organisation="ICC", iso3="DNK", role="party", start="2002-07-01")
    world.add("memberships", id="icc-ukr", organisation="ICC", iso3="UKR", role="party", start="2024-06-15")
    world.add("memberships", id="icc-hun", organisation="ICC", iso3="HUN", role="party", start="2002-07-01",
              end="2025-06-02")
    world.add("treaties", id="t-prk", kind="defence-treaty", title="Treaty", parties="PRK;RUS", signed="2024-06-19",
              start="2024-12-04", mutual_defence="true")
    world.add("government_changes", id="gov-syr", country="SYR", kind="coup", summary="A coup.", start="2024-03-01")
    world.add("countries", iso3="MCO", name="Monaco", kind="state", un_member_since="1993")
    world.add("visits", id="v-mng", person="wanted", country="MNG", kind="visit", place="Ulaanbaatar",
              start="2024-09-02", end="2024-09-03")
    world.add("visits", id="v-chn", person="wanted", country="CHN", kind="visit", place="Beijing",
              start="2024-05-16", end="2024-05-17")
    return world


@pytest.fixture
def kb_dir(tmp_path):
    return wanted_world().write(tmp_path / "kb")


@pytest.fixture
def kb(kb_dir):
    from haven.knowledge import load

    return load(kb_dir, use_cache=False)
