"""Concise help: each command lists its own options and the few settings it uses;
``conflict-kg settings`` lists them all; every command still accepts every setting."""

from __future__ import annotations

import json

import pytest

from conflict_kg.cli import USES, build_parser, main
from conflict_kg.settings import SETTINGS
from tests.conftest import run_cli

COMMANDS = sorted(USES)
POSITIONALS = {"ingest": ["doc.md"], "load": ["data.ttl"], "explain": ["s", "p", "o"]}
ALL_SETTINGS = "conflict-kg settings"


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main([*argv, "--help"])
    assert exit_info.value.code == 0
    return capsys.readouterr().out


def test_ingest_help_is_short_and_names_the_settings_it_uses() -> None:
    result = run_cli("ingest", "--help", env={"COLUMNS": "80"}, check=True)
    lines = result.stdout.splitlines()
    assert len(lines) < 40, result.stdout
    for flag in ("--store", "--base-iri", "--max-document-bytes", "--log-level"):
        assert flag in result.stdout
    for flag in ("--threads", "--cors-origins", "--federation-allow", "--query-timeout"):
        assert flag not in result.stdout  # settings of the server, not of ingest
    assert "--store-user" in result.stdout  # named once, for a remote store
    assert lines[-1].startswith("All settings") and lines[-1].endswith(ALL_SETTINGS)


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_help_shows_the_settings_it_uses(command, capsys) -> None:
    text = _help(capsys, command)
    shown = {s.name for s in SETTINGS if f"{s.flag} " in text and s.help[:30] in text}
    assert shown == set(USES[command])
    assert ALL_SETTINGS in text


def test_top_level_help_points_to_the_settings_command(capsys) -> None:
    text = _help(capsys)
    assert ALL_SETTINGS in text and "--version" in text
    assert len(text.splitlines()) < 50


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_accepts_every_setting_before_or_after_its_name(command):
    parser = build_parser()
    rest = POSITIONALS.get(command, [])
    for setting in SETTINGS:
        dest = f"setting_{setting.name}"
        before = parser.parse_args([setting.flag, "v1", command, *rest])
        after = parser.parse_args([command, *rest, setting.flag, "v2"])
        both = parser.parse_args([setting.flag, "v1", command, setting.flag, "v2", *rest])
        assert getattr(before, dest) == "v1", setting.flag
        assert getattr(after, dest) == "v2", setting.flag
        assert getattr(both, dest) == "v2", setting.flag  # after the command name wins
        assert not hasattr(parser.parse_args([command, *rest]), dest)  # unset: env/default


def test_settings_lists_every_setting_and_never_a_secret() -> None:
    env = {"CONFLICT_KG_UPDATE_TOKEN": "tok-3141", "CONFLICT_KG_PORT": "9123"}
    text = run_cli("--store-password", "pw-2718", "settings", env=env, check=True).stdout
    for setting in SETTINGS:
        assert f"{setting.name}  {setting.flag}  {setting.env_var}" in text
    assert "9123 (environment)" in text
    assert "tok-3141" not in text and "pw-2718" not in text
    rows = json.loads(run_cli("settings", "--json", "--store-password", "pw-2718",
                              env=env, check=True).stdout)
    assert [r["name"] for r in rows] == [s.name for s in SETTINGS]
    by_name = {r["name"]: r for r in rows}
    assert by_name["port"]["value"] == 9123 and by_name["port"]["source"] == "environment"
    assert by_name["port"]["default"] == 8000
    assert by_name["update_token"] | {"help": ""} == {
        "name": "update_token", "flag": "--update-token", "env": "CONFLICT_KG_UPDATE_TOKEN",
        "default": "", "value": None, "source": "environment", "secret": True, "set": True,
        "help": ""}
    assert by_name["store_password"]["source"] == "flag" and by_name["store_password"]["set"]
    assert "tok-3141" not in json.dumps(rows) and "pw-2718" not in json.dumps(rows)
