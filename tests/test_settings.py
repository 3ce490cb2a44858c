from __future__ import annotations

import pytest

from conflict_kg.cli import build_parser
from conflict_kg.settings import SETTINGS, load_settings
from tests.support.paths import REPO_ROOT


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented(setting):
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert setting.help.strip(), f"{setting.name} has no help text"
    assert setting.env_var in readme, f"{setting.env_var} missing from README"
    assert setting.flag in readme, f"{setting.flag} missing from README"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_has_a_cli_flag(setting):
    # Help lists a command's own settings only (tests/cli/test_cli_help.py);
    # every flag is accepted, and `conflict-kg settings` lists them all.
    args = build_parser().parse_args([setting.flag, "1", "stats"])
    assert getattr(args, f"setting_{setting.name}") == "1"


def test_environment_overrides_default_and_flag_overrides_environment():
    env = {"CONFLICT_KG_PORT": "9100", "CONFLICT_KG_QUERY_TIMEOUT": "2.5"}
    assert load_settings(environ=env).port == 9100
    assert load_settings(environ=env).query_timeout == 2.5
    assert load_settings({"port": 9200}, environ=env).port == 9200
    assert load_settings(environ={}).port == 8000


def test_bad_environment_value_names_the_variable():
    with pytest.raises(ValueError, match="CONFLICT_KG_PORT"):
        load_settings(environ={"CONFLICT_KG_PORT": "eighty"})


def test_cors_origins_is_a_list():
    assert load_settings(environ={"CONFLICT_KG_CORS_ORIGINS": "http://a, http://b"}).cors_origins \
        == ["http://a", "http://b"]
