"""Build the instructor deck as reveal.js HTML that works offline: `make slides` runs this.

    python slides/build.py        ->  slides/build/workshop.slides.html (+ figures/ and reveal.js/ beside it),
                                      and slides/figures/ for the deck notebook itself
    python slides/build.py --pdf  ->  also slides/build/workshop.pdf, printed by headless Chromium

The diagrams are drawn by slides/diagrams.py, reveal.js is vendored in slides/vendor/reveal.js (the files the
deck loads, no npm needed), and the page must load nothing remote.
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
FIGURES = SLIDES / "figures"
REVEAL = SLIDES / "vendor" / "reveal.js"
REVEAL_PREFIX = "reveal.js"  # relative to the HTML file
REVEAL_THEME = "white"  # its fonts ship with reveal.js (nbconvert's default, "simple", imports web fonts)
STYLESHEET = re.compile(r"""<link[^>]+href=["']([^"':]+\.css)["']""")
REMOTE_URL = re.compile(
    r"""(?:src|href)\s*=\s*["']\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|from\s+["']https?://""", re.IGNORECASE
)


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
    html = render_html()
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    diagrams.draw_all(FIGURES)  # beside the deck too: slides/workshop.ipynb, opened for the live demos, shows them
    shutil.copytree(FIGURES, out / "figures")
    shutil.copytree(REVEAL, out / REVEAL_PREFIX, ignore=shutil.ignore_patterns("README.md"))
    page = out / "workshop.slides.html"
    page.write_text(html, encoding="utf-8")
    problems = offline_problems(page)
    if problems:
        raise SystemExit("The slides would not work offline:\n" + "\n".join(problems))
    return page


def export_pdf(page: Path) -> Path:
    """Print the built deck to a PDF beside it, one page per slide, with headless Chromium (reveal.js's
    ?print-pdf view; the virtual-time budget lets its scripts lay the slides out before printing)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not chromium:
        raise SystemExit("The PDF needs Chromium or Chrome on PATH (Debian: `sudo apt-get install chromium`).")
    pdf = page.with_name("workshop.pdf")
    slides = page.read_text(encoding="utf-8").count("<section")
    for budget_ms in (20000, 40000, 80000):  # a busy machine can print before reveal.js has laid the deck out
        command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                   "--run-all-compositor-stages-before-draw", f"--virtual-time-budget={budget_ms}",
                   f"--print-to-pdf={pdf}", f"{page.as_uri()}?print-pdf"]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, timeout=300)
        if pdf_pages(pdf) > 1 or slides <= 1:
            break
    return pdf


def pdf_pages(pdf: Path) -> int:
    """The number of pages of a PDF (its /Type /Page objects)."""
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


if __name__ == "__main__":
    built = build()
    print(built)
    if "--pdf" in sys.argv[1:]:
        print(export_pdf(built))
