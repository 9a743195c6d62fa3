"""Command line: python -m helpers.course nav|attendee|index|check [--root notebooks/]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.common.cli import command
from helpers.course import attendee, index, navigation
from helpers.course import notebooks as nbs
from helpers.course.check import problems


def nav(root: Path) -> list[Path]:
    return [path for path, text in navigation.expected(root).items() if nbs.write_if_changed(path, text)]


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.course", description=__doc__)
    parser.add_argument(
        "command",
        choices=["nav", "attendee", "index", "check"],
        help="nav: write prev/index/next links; attendee: write attendee versions and solution files; "
        "index: write index.ipynb; check: fail if anything is stale or a notebook breaks a rule",
    )
    parser.add_argument("--root", type=Path, default=nbs.NOTEBOOKS, help="the notebooks folder")
    parser.add_argument(
        "--lesson",
        action="append",
        metavar="NN_name",
        help="check only this lesson (repeatable; its lint, navigation, attendee version and solutions)",
    )
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        found = problems(root, [root / f"{name.removesuffix('.ipynb')}.ipynb" for name in args.lesson or []] or None)
        for problem in found:
            print(problem)
        print(f"{len(found)} problem(s) in {root}" if found else f"All notebooks in {root} are current and clean.")
        return 1 if found else 0
    if args.command == "nav":
        changed = nav(root)
    elif args.command == "attendee":
        changed = attendee.generate(root)
    else:
        changed = [root / index.INDEX] if index.generate(root) else []
    for path in changed:
        print(f"wrote {path.relative_to(root)}")
    print(f"{len(changed)} file(s) changed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
