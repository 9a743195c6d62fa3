"""Build the instructor deck as reveal.js HTML that works offline: `make slides` runs this.

    python slides/build.py    ->  slides/build/workshop.slides.html (+ figures/ and reveal.js/ beside it)

The diagrams are drawn by slides/diagrams.py, reveal.js comes from the npm package in slides/node_modules
(installed with `npm ci` from package-lock.json when missing), and the page must load nothing remote.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter

sys.path.insert(0, str(Path(__file__).resolve().parent))
import diagrams  # noqa: E402  (a sibling module, not a package)

SLIDES = Path(__file__).resolve().parent
DECK = SLIDES / "workshop.ipynb"
BUILD = SLIDES / "build"
REVEAL_PACKAGE = SLIDES / "node_modules" / "reveal.js"
REVEAL_PREFIX = "reveal.js"  # relative to the HTML file
REVEAL_THEME = "white"  # its fonts ship with reveal.js (nbconvert's default, "simple", imports web fonts)
STYLESHEET = re.compile(r"""<link[^>]+href=["']([^"':]+\.css)["']""")
REMOTE_URL = re.compile(
    r"""(?:src|href)\s*=\s*["']\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|from\s+["']https?://""", re.IGNORECASE
)


def ensure_reveal() -> Path:
    """The installed reveal.js package; `npm ci` installs it from the lock file if it is missing."""
    if not (REVEAL_PACKAGE / "dist" / "reveal.js").exists():
        npm = shutil.which("npm")
        if not npm:
            raise SystemExit(
                "reveal.js is not installed and `npm` is not on PATH: install Node.js and npm "
                "(Debian/Ubuntu: `sudo apt-get install npm`), then run `make slides` again."
            )
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=SLIDES, check=True)
    return REVEAL_PACKAGE


def remote_references(html: str) -> list[str]:
    """Every place in `html` that would load something from the network."""
    return [html[max(0, m.start() - 40) : m.end() + 60] for m in REMOTE_URL.finditer(html)]


def offline_problems(page: Path) -> list[str]:
    """Remote references in the page and in the local stylesheets it links (their @imports load too)."""
    html = page.read_text(encoding="utf-8")
    problems = remote_references(html)
    for href in STYLESHEET.findall(html):
        stylesheet = page.parent / href
        if not stylesheet.exists():
            problems.append(f"missing stylesheet {href}")
        else:
            problems += [f"{href}: {ref}" for ref in remote_references(stylesheet.read_text(encoding="utf-8"))]
    return problems


def render_html(deck: Path = DECK) -> str:
    exporter = SlidesExporter(
        template_name="offline",
        extra_template_basedirs=[str(SLIDES / "templates")],
        reveal_url_prefix=REVEAL_PREFIX,
        reveal_theme=REVEAL_THEME,
    )
    html, _ = exporter.from_notebook_node(nbformat.read(deck, as_version=4))
    return html


def build(out: Path = BUILD) -> Path:
    """Draw the figures, render the deck, copy figures and reveal.js next to it. Returns the HTML path."""
    reveal = ensure_reveal()
    html = render_html()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    diagrams.draw_all(out / "figures")
    for part in ("dist", "plugin"):
        shutil.copytree(reveal / part, out / REVEAL_PREFIX / part)
    page = out / "workshop.slides.html"
    page.write_text(html, encoding="utf-8")
    problems = offline_problems(page)
    if problems:
        raise SystemExit("The slides would not work offline:\n" + "\n".join(problems))
    return page


if __name__ == "__main__":
    print(build())
