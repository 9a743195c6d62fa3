"""The command runner: exit codes, error format, and the helpers' log messages printed as plain lines."""

from __future__ import annotations

import logging

import pytest

from helpers.common.cli import FAILED, OK, UNAVAILABLE, command
from helpers.common.errors import ServiceUnavailable, WorkshopError

log = logging.getLogger("helpers.some_stage")


@command
def cli(argv: list[str] | None = None) -> int | None:
    what = (argv or ["ok"])[0]
    log.info("progress of %s", what)
    if what == "fail":
        raise WorkshopError("it broke. Do this.")
    if what == "down":
        raise ServiceUnavailable("Cassandra is not reachable. Start the sandbox.")
    if what == "crash":
        raise ValueError("a bug, not a message for a person")
    return None


def test_exit_codes_and_errors_on_stderr(capsys):
    assert cli(["ok"]) == OK
    assert cli(["fail"]) == FAILED
    assert capsys.readouterr().err == "error: it broke. Do this.\n"
    assert cli(["down"]) == UNAVAILABLE
    assert capsys.readouterr().err == "error: Cassandra is not reachable. Start the sandbox.\n"


def test_an_unexpected_exception_is_not_turned_into_an_exit_code():
    with pytest.raises(ValueError, match="a bug"):  # a bug surfaces with its traceback
        cli(["crash"])


def test_helpers_log_messages_are_printed_while_a_command_runs(capsys):
    cli(["loading"])
    assert capsys.readouterr().out == "progress of loading\n"
    log.info("after the command")  # a library call outside a command prints nothing
    assert capsys.readouterr().out == ""


def test_other_libraries_logs_are_not_printed(capsys):
    @command
    def noisy(argv=None):
        logging.getLogger("kafka.conn").info("connecting to 127.0.0.1:9092")
        return 0

    assert noisy([]) == OK
    assert capsys.readouterr().out == ""


def test_a_module_run_with_python_m_logs_as_main_and_is_printed(capsys):
    @command
    def as_main(argv=None):
        logging.getLogger("__main__").info("batch 3 written")  # `python -m helpers.x.y` names its logger so
        return 0

    assert as_main([]) == OK
    assert capsys.readouterr().out == "batch 3 written\n"
