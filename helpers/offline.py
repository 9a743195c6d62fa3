"""The offline kit, for a room without Wi-Fi: everything `make setup` downloads, in one folder.

    python -m helpers.offline bundle offline-kit        # on a machine with the network (make bundle)
    python -m helpers.offline bundle kit-mac --platform macos-arm64    # the kit of another platform
    make setup-offline BUNDLE=offline-kit               # on the laptop: no network needed

The kit holds the wheels of every package of requirements.lock for one platform (this one, or one of
PLATFORMS), each checked against the lock's SHA-256 as pip downloads it (packages published only as source,
pyspark among them, are built into wheels once, from their checked source; for another platform only a
pure-Python wheel will do), a requirements.txt of the lock's pins without hashes (a wheel built here has no
hash in the lock), and the locked jars, verified (Java bytecode: the same on every platform). The default
dataset needs nothing: the course generates it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import parse_wheel_filename

from helpers.common.paths import REPO_ROOT
from helpers.sandbox import jarlock, jarstore

LOCK = REPO_ROOT / "requirements.lock"


PYTHON = {"implementation_name": "cpython", "platform_python_implementation": "CPython", "python_version": "3.11"}
PYTHON_RELEASES = ("3.11.0", "3.11.14")
"""The oldest and a recent 3.11: a kit holds what either installs (the lock forks some packages by release), so
that the laptop's pip, reading the markers of the kit's requirements.txt, finds the one it needs."""


def _platform(pip_tag: str, sys_platform: str, machine: str) -> tuple[str, dict[str, str]]:
    system = {"linux": "Linux", "darwin": "Darwin"}[sys_platform]
    markers = {"sys_platform": sys_platform, "platform_system": system, "platform_machine": machine, "os_name": "posix"}
    return pip_tag, markers


PLATFORMS = {
    "linux-x86_64": _platform("manylinux_2_28_x86_64", "linux", "x86_64"),
    "linux-aarch64": _platform("manylinux_2_28_aarch64", "linux", "aarch64"),
    "macos-arm64": _platform("macosx_14_0_arm64", "darwin", "arm64"),
    "macos-x86_64": _platform("macosx_13_0_x86_64", "darwin", "x86_64"),
}
"""Kit platforms (a Windows laptop runs the Linux kit inside WSL2): pip's --platform tag (pip accepts older macOS
and glibc versions too) and the values the lock's environment markers are evaluated with, for CPython 3.11."""


def lock_blocks(lock_text: str) -> list[tuple[Requirement, list[str]]]:
    """Each requirement of a lock written by `make python-lock`, with its lines (the requirement, its hashes)."""
    blocks: list[tuple[Requirement, list[str]]] = []
    for line in lock_text.splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            blocks.append((Requirement(line.rstrip(" \\")), [line]))
        elif line.strip().startswith("--hash=sha256:"):
            blocks[-1][1].append(line)
    return blocks


def lock_entries(lock_text: str) -> list[tuple[Requirement, int]]:
    """Each requirement line of the lock, with the number of hashes under it."""
    return [(requirement, len(lines) - 1) for requirement, lines in lock_blocks(lock_text)]


def lock_for(platform: str, release: str, lock_text: str, hashes: bool = True) -> str:
    """The lock's entries that ``platform`` installs on Python ``release``, with their hashes (or the pins alone)
    and without their markers: pip would evaluate a marker for the machine it runs on, not for the kit's."""
    environment = {**PYTHON, **PLATFORMS[platform][1], "python_full_version": release}
    kept = []
    for requirement, lines in lock_blocks(lock_text):
        if requirement.marker is None or requirement.marker.evaluate(environment):
            pin = f"{requirement.name}{requirement.specifier}"
            kept.append("\n".join([f"{pin} \\", *lines[1:]]).rstrip(" \\") if hashes else pin)
    return "\n".join(kept) + "\n"


def pins(lock_text: str) -> list[str]:
    """The lock's requirement lines (name==version, with the marker), without hashes or comments."""
    return [str(requirement) for requirement, _ in lock_entries(lock_text)]


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True)


def bundle(folder: Path, platform: str | None = None) -> dict:
    """Write the kit into ``folder``: wheels/, requirements.txt, jars/maven2/. Returns what it holds.
    ``platform``: one of PLATFORMS, for laptops of another kind than this machine (None: this one)."""
    wheels = folder / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    if platform is None:
        _pip("download", "--quiet", "--require-hashes", "-r", str(LOCK), "-d", str(wheels))
    else:
        for release in PYTHON_RELEASES:  # one download per release: pip takes one version of a package at a time
            _pip_for(platform, release, "download", "--require-hashes", "--no-deps", "-d", str(wheels))
    before = set(wheels.glob("*.whl"))
    for source in sorted(wheels.glob("*.tar.gz")):  # published as source only: build the wheel once, here
        _pip("wheel", "--quiet", "--no-deps", "-w", str(wheels), str(source))
        source.unlink()
    if platform is not None:
        for wheel in sorted(set(wheels.glob("*.whl")) - before):  # fits another platform only if pure Python
            if any(tag.platform != "any" for tag in parse_wheel_filename(wheel.name)[3]):
                raise SystemExit(f"{wheel.name} was built here from source: build the {platform} kit on {platform}.")
        for release in PYTHON_RELEASES:  # the laptop's install, resolved from the kit alone
            with tempfile.TemporaryDirectory() as target:
                _pip_for(
                    platform,
                    release,
                    "install",
                    "--dry-run",
                    "--no-index",
                    "--find-links",
                    str(wheels),
                    "--only-binary=:all:",
                    "--target",
                    target,
                    hashes=False,
                )
    (folder / "requirements.txt").write_text("\n".join(pins(LOCK.read_text())) + "\n")
    locked = jarlock.read().jars
    for path in jarstore.verified(locked):
        target = folder / "jars" / "maven2" / path.relative_to(jarstore.store_dir())
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return {"wheels": len(list(wheels.glob("*.whl"))), "jars": len(locked)}


def _pip_for(platform: str, release: str, *args: str, hashes: bool = True) -> None:
    """pip ``args`` with the lock's entries for ``platform`` and Python ``release`` (pins only without hashes: a
    wheel built here from source has no hash in the lock)."""
    with tempfile.TemporaryDirectory() as scratch:
        requirements = Path(scratch) / "requirements.txt"
        requirements.write_text(lock_for(platform, release, LOCK.read_text(), hashes))
        platform_tag = PLATFORMS[platform][0]
        _pip(
            *args,
            "--quiet",
            "-r",
            str(requirements),
            "--platform",
            platform_tag,
            "--python-version",
            release,
            "--implementation",
            "cp",
        )


def install_jars(folder: Path) -> int:
    """Copy the kit's jars into the jar store, then verify every locked jar there (SHA-256, as `fetch` does)."""
    source = folder / "jars" / "maven2"
    shutil.copytree(source, jarstore.store_dir(), dirs_exist_ok=True)
    return len(jarstore.verified(jarlock.read().jars))


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m helpers.offline", description=__doc__)
    sub = cli.add_subparsers(dest="command", required=True)
    bundling = sub.add_parser("bundle", help="write the kit into FOLDER")
    bundling.add_argument("folder", type=Path)
    bundling.add_argument("--platform", choices=sorted(PLATFORMS), help="the laptops' platform (default: this one)")
    sub.add_parser("install-jars", help="copy the kit's jars into the jar store").add_argument("folder", type=Path)
    args = cli.parse_args(argv)
    if args.command == "bundle":
        made = bundle(args.folder, args.platform)
        print(f"{args.folder}: {made['wheels']} wheels, {made['jars']} jars")
    else:
        print(f"{install_jars(args.folder)} jars verified in {jarstore.store_dir()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
