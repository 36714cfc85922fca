import pytest

from tests.factory import World


@pytest.fixture
def wanted_world() -> World:
    """The fixture world with an ICC warrant public from 2023-03-17 and a few ICC states parties."""
    world = World()
    world.add("organisations", id="CSTO", name="Collective Security Treaty Organization", kind="military-alliance", arrest_duty="false",
              start="2002-10-07")
    world.add("warrants", id="w-icc", person="wanted", issuer="ICC", kind="warrant", situation="UKR", start="2023-02-22",
              public="2023-03-17")
    for iso3 in ("DEU", "FRA", "MNG", "ZAF", "TJK", "HUN", "BRA"):
        world.add("memberships", id=f"icc-{iso3.lower()}", organisation="ICC", iso3=iso3, role="party", start="2002-07-01")
    return world
