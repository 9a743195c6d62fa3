"""The offline kit's requirements.txt: the lock's pins, every one, without hashes (a wheel built in the kit from
a source-only package has no hash in the lock). The kit itself is proven with dead addresses: README."""

from packaging.requirements import Requirement

from helpers.offline import LOCK, pins


def test_the_kit_pins_every_locked_package_exactly_and_without_hashes():
    lines = pins(LOCK.read_text())
    entries = [line for line in LOCK.read_text().splitlines() if line and not line[0].isspace() and line[0] != "#"]
    assert len(lines) == len(entries) > 100
    for line in lines:
        requirement = Requirement(line)
        assert str(requirement.specifier).startswith("==") and "--hash" not in line, line
    assert any(line.startswith("pyspark==") for line in lines)
