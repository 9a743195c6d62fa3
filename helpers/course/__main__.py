"""Command line: python -m helpers.course nav|attendee|index|check|workspace|restore NN|catch-up NN [--root notebooks/].

nav, attendee, index, check: the course's generated files (CONTRIBUTING.md);
workspace, restore, catch-up: the attendee's working copies and the sandbox's state for a lesson."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from helpers.common.cli import command
from helpers.course import attendee, glossary, index, navigation, workspace
from helpers.course import notebooks as nbs
from helpers.course.audit import problems
from helpers.course.catch_up import catch_up


def nav(root: Path) -> list[Path]:
    return [path for path, text in navigation.expected(root).items() if nbs.write_if_changed(path, text)]


@command
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.course", description=__doc__)
    parser.add_argument(
        "command",
        choices=["nav", "attendee", "index", "check", "workspace", "restore", "catch-up"],
        help="nav: write prev/index/next links; attendee: write attendee versions and solution files; "
        "index: write index.ipynb and glossary.md; check: fail if anything is stale or a notebook breaks a rule; "
        "workspace: make the attendee's missing working copies (notebooks/workspace/); "
        "restore NN: a fresh working copy of lesson NN (the old one is kept in workspace/backup/); "
        "catch-up NN: the sandbox in the state lesson NN starts from",
    )
    parser.add_argument("lesson_number", nargs="?", metavar="NN", help="the lesson, for restore and catch-up")
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
    if args.command in ("restore", "catch-up") and not args.lesson_number:
        parser.error(f"{args.command} needs the lesson's number, e.g. `{args.command} 03`")
    if args.command == "workspace":
        said = workspace.prepare(root)
        print("\n".join(said) if said else "Your working copies are all there and current.")
        print(f"Your lessons: {root / workspace.WORKSPACE_DIR / index.INDEX}")
        return 0
    if args.command == "restore":
        print(workspace.restore(args.lesson_number, root))
        return 0
    if args.command == "catch-up":
        catch_up(args.lesson_number, root)
        return 0
    if args.command == "nav":
        changed = nav(root)
    elif args.command == "attendee":
        changed = attendee.generate(root)
    else:
        changed = [root / index.INDEX] if index.generate(root) else []
        changed += [root / glossary.GLOSSARY] if glossary.generate(root) else []
    for path in changed:
        print(f"wrote {path.relative_to(root)}")
    print(f"{len(changed)} file(s) changed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
