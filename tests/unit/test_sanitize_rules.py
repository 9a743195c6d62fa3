"""nbval's sanitize rules are scoped and each one earns its place: it names the lessons it applies to, matches
in the stored outputs of each of them (the Docker rules: in compose.yaml's addresses), and nbval applies it
nowhere else. Cells tagged ``claim`` are not hidden by any rule: a one-digit change in their output is caught."""

import re
from pathlib import Path

import pytest

from helpers.common.paths import REPO_ROOT
from helpers.course import notebooks as nbs
from helpers.course.sanitize import Rule, install, read_rules, sanitize

RULES_FILE = REPO_ROOT / "tests" / "nbval_sanitize.cfg"
RULES = read_rules(RULES_FILE)
LESSONS = {path.name[:2]: path for path in nbs.numbered()}
DOCKER = {"docker_machine1", "docker_machine2", "docker_machine3"}
CLAIM_TAG = "claim"


def text_outputs(cell) -> str:
    return "\n".join(
        "".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", ""))
        for out in cell.get("outputs", [])
    )


def stored_text(lesson: str) -> str:
    nb = nbs.read(LESSONS[lesson])
    return "\n".join(text_outputs(cell) for cell in nb.cells if cell.cell_type == "code")


def test_every_rule_names_existing_lessons_and_says_why():
    for rule in RULES:
        re.compile(rule.regex)
        assert rule.lessons and set(rule.lessons) <= set(LESSONS), rule.name
        assert rule.why or rule.name in DOCKER - {"docker_machine1"}, f"[{rule.name}] says nothing about why"


@pytest.mark.parametrize("rule", [r for r in RULES if r.name not in DOCKER], ids=lambda r: r.name)
def test_the_rule_matches_in_every_lesson_it_names(rule: Rule):
    unmatched = [lesson for lesson in rule.lessons if not re.search(rule.regex, stored_text(lesson))]
    assert unmatched == [], f"[{rule.name}] matches nothing in the stored outputs of {unmatched}: narrow its lessons"


def compose_addresses() -> dict[str, str]:
    """Service name -> fixed address, from docker/compose.yaml."""
    text = (REPO_ROOT / "docker" / "compose.yaml").read_text()
    services = re.findall(r"^  ([\w-]+):\n(?:(?!^  \S).*\n)*?\s+ipv4_address: ([\d.]+)", text, re.MULTILINE)
    return dict(services)


def test_the_docker_rules_undo_compose_s_addressing():
    addresses = compose_addresses()
    assert len(addresses) == 4, addresses
    docker = [r for r in RULES if r.name in DOCKER]
    for service, address in addresses.items():
        local = "127.0.0.1" if service == "jupyter" else f"127.0.0.{service[-1]}"
        for rule_lesson in docker[0].lessons:
            line = f"{service} at {address}:9042"
            assert sanitize(line, docker, f"{rule_lesson}_x.ipynb") == f"{service} at {local}:9042"


class FakeFile:
    """What nbval's IPyNbFile offers setup_sanitize_files."""

    def __init__(self, name: str):
        self.fspath, self.sanitize_patterns = Path("notebooks") / name, {}

    def get_sanitize_files(self):
        return [str(RULES_FILE)]


def test_nbval_loads_only_the_rules_of_the_notebook_s_lesson():
    pytest.importorskip("nbval")
    from nbval.plugin import IPyNbFile

    install()
    analytics, spark = FakeFile("09_analytics.ipynb"), FakeFile("attendee/07_spark_on_cassandra.ipynb")
    for fake in (analytics, spark):
        IPyNbFile.setup_sanitize_files(fake)
    assert analytics.sanitize_patterns == {}
    expected = {r.regex for r in RULES if "07" in r.lessons}
    assert set(spark.sanitize_patterns) == expected


def claim_cells():
    for lesson, path in sorted(LESSONS.items()):
        for index, cell in enumerate(nbs.read(path).cells):
            if CLAIM_TAG in cell.get("metadata", {}).get("tags", []):
                yield pytest.param(path, cell, id=f"{lesson}[{index}]")


@pytest.mark.parametrize(("path", "cell"), list(claim_cells()))
def test_a_one_digit_change_in_a_claim_is_caught(path, cell):
    assert "NBVAL_IGNORE_OUTPUT" not in cell.source, "a claim's output must be compared"
    text = text_outputs(cell)
    digits = [m.start() for m in re.finditer(r"\d", text)]
    assert digits, "a claim cell shows no figure"
    hidden = [
        position
        for position in digits
        if sanitize(text, RULES, path)
        == sanitize(text[:position] + str((int(text[position]) + 1) % 10) + text[position + 1 :], RULES, path)
    ]
    volatile = [r for r in RULES if r.applies_to(path) and r.name not in {"aligned_columns"}]
    inside_volatile = [
        p for p in hidden if any(m.start() <= p < m.end() for r in volatile for m in re.finditer(r.regex, text))
    ]
    assert hidden == inside_volatile, f"digits hidden outside any volatile value: {hidden[:5]}"
    assert len(hidden) < len(digits), "every figure of the claim is sanitized away"


def test_there_are_claim_cells():
    assert len(list(claim_cells())) >= 10
