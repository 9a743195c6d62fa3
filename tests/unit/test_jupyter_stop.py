"""When JupyterLab stops, `make workshop` says that the sandbox's servers still run and how to stop them."""

import sys

from helpers.sandbox.jupyter import run_then_remind


def test_after_jupyterlab_the_running_servers_are_named_with_how_to_stop_them(capsys):
    returncode = run_then_remind([sys.executable, "-c", "print('lab')"], lambda: (10, 4.4))
    out = capsys.readouterr().out
    assert returncode == 0
    assert "10 of its servers, about 4.4 GB" in out and "make sandbox-down" in out


def test_nothing_to_say_when_the_sandbox_is_down(capsys):
    run_then_remind([sys.executable, "-c", "pass"], lambda: (0, 0.0))
    assert capsys.readouterr().out == ""
