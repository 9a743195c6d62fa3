"""The offline kit, for a room without Wi-Fi: everything `make setup` downloads, in one folder.

    python -m helpers.offline bundle offline-kit        # on a machine with the network (make bundle)
    make setup-offline BUNDLE=offline-kit               # on the laptop: no network needed

The kit holds the wheels of every package of requirements.lock for this platform, each checked against the
lock's SHA-256 as pip downloads it (packages published only as source, pyspark among them, are built into
wheels once, from their checked source), a requirements.txt of the lock's pins without hashes (a wheel built
here has no hash in the lock), and the locked jars, verified. The default dataset needs nothing: the course
generates it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from packaging.requirements import Requirement

from helpers.common.paths import REPO_ROOT
from helpers.sandbox import jarlock, jarstore

LOCK = REPO_ROOT / "requirements.lock"


def lock_entries(lock_text: str) -> list[tuple[Requirement, int]]:
    """Each requirement line of a lock written by `make python-lock`, with the number of hashes under it."""
    entries = []
    for line in lock_text.splitlines():
        if line and not line[0].isspace() and not line.startswith("#"):
            entries.append([Requirement(line.rstrip(" \\")), 0])
        elif line.strip().startswith("--hash=sha256:"):
            entries[-1][1] += 1
    return [(requirement, hashes) for requirement, hashes in entries]


def pins(lock_text: str) -> list[str]:
    """The lock's requirement lines (name==version, with the marker), without hashes or comments."""
    return [str(requirement) for requirement, _ in lock_entries(lock_text)]


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", *args], check=True)


def bundle(folder: Path) -> dict:
    """Write the kit into ``folder``: wheels/, requirements.txt, jars/maven2/. Returns what it holds."""
    wheels = folder / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    _pip("download", "--quiet", "--require-hashes", "-r", str(LOCK), "-d", str(wheels))
    for source in sorted(wheels.glob("*.tar.gz")):  # published as source only: build the wheel once, here
        _pip("wheel", "--quiet", "--no-deps", "-w", str(wheels), str(source))
        source.unlink()
    (folder / "requirements.txt").write_text("\n".join(pins(LOCK.read_text())) + "\n")
    locked = jarlock.read().jars
    for path in jarstore.verified(locked):
        target = folder / "jars" / "maven2" / path.relative_to(jarstore.store_dir())
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return {"wheels": len(list(wheels.glob("*.whl"))), "jars": len(locked)}


def install_jars(folder: Path) -> int:
    """Copy the kit's jars into the jar store, then verify every locked jar there (SHA-256, as `fetch` does)."""
    source = folder / "jars" / "maven2"
    shutil.copytree(source, jarstore.store_dir(), dirs_exist_ok=True)
    return len(jarstore.verified(jarlock.read().jars))


def main(argv: list[str] | None = None) -> int:
    cli = argparse.ArgumentParser(prog="python -m helpers.offline", description=__doc__)
    sub = cli.add_subparsers(dest="command", required=True)
    sub.add_parser("bundle", help="write the kit into FOLDER").add_argument("folder", type=Path)
    sub.add_parser("install-jars", help="copy the kit's jars into the jar store").add_argument("folder", type=Path)
    args = cli.parse_args(argv)
    if args.command == "bundle":
        made = bundle(args.folder)
        print(f"{args.folder}: {made['wheels']} wheels, {made['jars']} jars")
    else:
        print(f"{install_jars(args.folder)} jars verified in {jarstore.store_dir()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
