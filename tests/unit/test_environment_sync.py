"""environment.yml (conda) brings Python and Java at the pinned versions and no Python package; pyproject's
pins are exact."""

import tomllib

import yaml
from packaging.requirements import Requirement

from helpers.common.paths import REPO_ROOT
from helpers.versions import pinned


def test_conda_installs_no_python_package_make_setup_installs_them_once():
    """environment.yml brings Python, Java, Maven and make; `make setup` installs the packages from the lock."""
    env = yaml.safe_load((REPO_ROOT / "environment.yml").read_text())
    assert [d for d in env["dependencies"] if isinstance(d, dict)] == []


def test_every_pin_is_exact_and_markers_parse():
    """Markers must be PEP 508 (no `not`): pip rejects the whole file otherwise."""
    for line in tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["dependencies"]:
        requirement = Requirement(line)
        assert str(requirement.specifier).startswith("=="), line
        if requirement.marker:
            requirement.marker.evaluate()


def test_conda_java_and_python_match_the_pins():
    deps = yaml.safe_load((REPO_ROOT / "environment.yml").read_text())["dependencies"]
    assert f"openjdk={pinned()['JAVA_VERSION']}" in deps
    assert f"python={pinned()['PYTHON_VERSION']}" in deps
