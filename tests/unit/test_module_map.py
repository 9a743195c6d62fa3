"""Every package of helpers/ names each of its modules in its docstring, one line each: the map for newcomers."""

from __future__ import annotations

import ast

import pytest

from helpers.common.paths import REPO_ROOT

HELPERS = REPO_ROOT / "helpers"
PACKAGES = [HELPERS, *sorted(p.parent for p in HELPERS.glob("*/__init__.py"))]


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.relative_to(REPO_ROOT).as_posix())
def test_the_package_docstring_lists_every_module(package):
    docstring = ast.get_docstring(ast.parse((package / "__init__.py").read_text())) or ""
    described = {line.split()[0] for line in docstring.splitlines() if line.strip()}
    modules = {p.stem for p in package.glob("*.py") if p.stem != "__init__"}
    subpackages = {p.parent.name for p in package.glob("*/__init__.py")}
    missing = sorted((modules | subpackages) - described)
    assert missing == [], f"{package / '__init__.py'}: add one line for each of {missing}"
