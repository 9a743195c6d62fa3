"""requirements.lock pins every package the course installs, with hashes, in step with pyproject.toml, and the
environment that runs these tests was installed from it (`make setup`): `pip freeze` against the lock, 0
differences."""

import tomllib
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from helpers.common.paths import REPO_ROOT
from helpers.offline import LOCK, lock_entries

PROJECT = "energy-workshop-helpers"
NOT_LOCKED = {PROJECT, "pip"}  # the course itself (installed editable) and the installer


def locked() -> dict[tuple[str, str], tuple[str, int]]:
    """(name, marker) -> (version, number of hashes), one entry per requirement line of the lock."""
    return {
        (canonicalize_name(requirement.name), str(requirement.marker or "")): (
            str(requirement.specifier).removeprefix("=="),
            hashes,
        )
        for requirement, hashes in lock_entries(LOCK.read_text())
    }


def for_this_machine() -> dict[str, str]:
    """name -> version of the lock's entries whose marker holds here."""
    return {
        name: version
        for (name, marker), (version, _) in locked().items()
        if not marker or Requirement(f"x; {marker}").marker.evaluate()
    }


def test_every_entry_is_pinned_exactly_and_has_hashes():
    entries = locked()
    assert len(entries) > 100
    assert [key for key, (_, hashes) in entries.items() if hashes == 0] == []


def test_every_pin_of_pyproject_is_locked_at_its_version():
    pins = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    versions = {name: version for (name, _), (version, _) in locked().items()}
    for pin in map(Requirement, pins):
        assert versions.get(canonicalize_name(pin.name)) == str(pin.specifier).removeprefix("=="), (
            f"{pin} is not in requirements.lock at its version: run `make python-lock`"
        )


def test_the_installed_environment_is_the_lock():
    installed = {
        canonicalize_name(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions()
        if canonicalize_name(dist.metadata["Name"]) not in NOT_LOCKED
    }
    wanted = for_this_machine()
    differences = {
        name: (installed.get(name, "not installed"), wanted.get(name, "not locked"))
        for name in installed.keys() | wanted.keys()
        if installed.get(name) != wanted.get(name)
    }
    assert differences == {}, f"installed vs requirements.lock (`make setup` installs the lock): {differences}"
