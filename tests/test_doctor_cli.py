"""`bsckit doctor` and the command-line entry point."""

from __future__ import annotations

import subprocess
import sys

from bsckit.course import cli, doctor


def test_doctor_passes_in_the_kit_environment(capsys):
    code = cli.main(["doctor"])
    out = capsys.readouterr().out
    assert code == 0, out
    for dist in doctor.REQUIRED_PACKAGES:
        assert f"OK    package {dist}: " in out
    assert "OK    offline charts" in out
    assert "OK    widgets frontend" in out


def test_doctor_reports_a_missing_package_and_exits_nonzero(monkeypatch, capsys):
    monkeypatch.setitem(
        doctor.REQUIRED_PACKAGES, "no-such-package-bsckit", "no_such_package_bsckit"
    )
    code = cli.main(["doctor", "--quiet"])
    out = capsys.readouterr().out
    assert code == 1
    assert "FAIL  package no-such-package-bsckit" in out
    assert "make course" in out
    assert "OK  " not in out  # --quiet prints only failures


def test_doctor_fails_when_altair_would_need_a_cdn(monkeypatch):
    import altair as alt

    monkeypatch.setattr(alt, "SCHEMA_VERSION", "v6.1.0")
    result = doctor._charts_offline()
    assert not result.ok and "altair 5.5" in result.detail


def test_cli_version_and_unknown_command():
    out = subprocess.run(
        [sys.executable, "-m", "bsckit.course.cli", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0 and out.stdout.startswith("bsckit ")
    bad = subprocess.run(
        [sys.executable, "-m", "bsckit.course.cli", "frobnicate"], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_cli_without_command_prints_help(capsys):
    assert cli.main([]) == 0
    assert "doctor" in capsys.readouterr().out
