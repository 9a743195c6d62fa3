"""environment.yml (conda) and pyproject.toml (pip) pin the same Python packages and Java."""

import tomllib

import yaml
from packaging.requirements import Requirement

from helpers.common.paths import REPO_ROOT
from helpers.versions import pinned


def test_conda_pins_equal_pyproject_pins():
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]
    env = yaml.safe_load((REPO_ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    conda = sorted(str(Requirement(p)) for p in pip_section if p != "-e .")
    assert conda == sorted(str(Requirement(p)) for p in project["dependencies"])


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
