"""One workspace (SLACK_BOT_TOKEN) or many through Add to Slack (SLACK_CLIENT_ID + SLACK_CLIENT_SECRET):
the settings choose, and anything mixed or incomplete is one line naming what is wrong."""

from __future__ import annotations

import pytest

from bot.app import build_app
from bot.settings import DISTRIBUTED, SINGLE, ConfigError, Settings
from tests.support.running import BOT_TOKEN, distributed_settings, make_deps, make_settings
from tests.support.slack_standin import CLIENT_ID, CLIENT_SECRET

BASE = {"DATABASE_URL": "sqlite:///x.db", "SLACK_SIGNING_SECRET": "s"}


def settings(**environ: str) -> Settings:
    return Settings.from_env({**BASE, **environ})


def one_line_error(**environ: str) -> str:
    with pytest.raises(ConfigError) as refused:
        settings(**environ).require_slack()
    message = str(refused.value)
    assert "\n" not in message
    return message


def test_a_bot_token_is_one_workspace_and_client_credentials_are_many():
    assert settings(SLACK_BOT_TOKEN="xoxb-1").mode == SINGLE
    assert settings(SLACK_CLIENT_ID="1.2", SLACK_CLIENT_SECRET="s").mode == DISTRIBUTED
    settings(SLACK_CLIENT_ID="1.2", SLACK_CLIENT_SECRET="s").require_slack()


def test_mixed_or_incomplete_settings_say_what_is_wrong_in_one_line():
    mixed = one_line_error(SLACK_BOT_TOKEN="xoxb-1", SLACK_CLIENT_ID="1.2", SLACK_CLIENT_SECRET="s")
    assert "SLACK_BOT_TOKEN" in mixed and "SLACK_CLIENT_ID" in mixed and "choose one mode" in mixed
    half = one_line_error(SLACK_BOT_TOKEN="xoxb-1", SLACK_CLIENT_SECRET="s")
    assert "SLACK_CLIENT_SECRET" in half and "both set" in half
    assert one_line_error(SLACK_CLIENT_ID="1.2").startswith("SLACK_CLIENT_SECRET is not set")
    assert one_line_error(SLACK_CLIENT_SECRET="s").startswith("SLACK_CLIENT_ID is not set")
    nothing = one_line_error()
    assert nothing.startswith("SLACK_BOT_TOKEN is not set") and "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET" in nothing
    socket = one_line_error(SLACK_CLIENT_ID="1.2", SLACK_CLIENT_SECRET="s", SLACK_APP_TOKEN="xapp-1")
    assert socket.startswith("SLACK_APP_TOKEN (Socket Mode) serves one workspace")
    with pytest.raises(ConfigError) as unsigned:
        Settings.from_env({"SLACK_CLIENT_ID": "1.2", "SLACK_CLIENT_SECRET": "s"}).require_slack()
    assert str(unsigned.value).startswith("SLACK_SIGNING_SECRET is not set")


def test_retention_and_pace_are_numbers():
    assert settings(GOODWILL_RETENTION_DAYS="7").retention_days == 7
    assert settings().retention_days == 30
    for name, value in (("GOODWILL_RETENTION_DAYS", "a month"), ("GOODWILL_MESSAGES_PER_SECOND", "0")):
        with pytest.raises(ConfigError) as refused:
            settings(**{name: value})
        assert name in str(refused.value)


def test_the_client_secret_never_shows_in_the_settings_repr():
    assert "s3cret" not in repr(settings(SLACK_CLIENT_ID="1.2", SLACK_CLIENT_SECRET="s3cret"))


def test_client_credentials_in_the_environment_never_turn_a_single_workspace_app_into_one_with_files_on_disk(
    db, slack, clock, monkeypatch, tmp_path
):
    """Bolt reads SLACK_CLIENT_ID and SLACK_CLIENT_SECRET from the process environment by itself and would then
    install through OAuth with stores on the local disk, dropping the bot token."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SLACK_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("SLACK_CLIENT_SECRET", CLIENT_SECRET)

    with pytest.raises(ConfigError) as refused:
        build_app(make_deps(db, make_settings(db.url, slack), clock, None))

    assert "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are in the environment" in str(refused.value)
    assert not list(tmp_path.iterdir())  # no ./data written


def test_distributed_mode_uses_goodwills_stores_whatever_the_environment_says(db, slack, clock, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SLACK_SCOPES", "admin")
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)

    deps = make_deps(db, distributed_settings(db.url, slack), clock, None)
    app = build_app(deps)

    assert app.installation_store is deps.installations
    assert app.oauth_flow.settings.state_store.engine is db.engine
    assert "admin" not in app.oauth_flow.settings.scopes
    assert not list(tmp_path.iterdir())
