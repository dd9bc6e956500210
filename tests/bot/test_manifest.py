"""manifest.yml pastes into Slack ("Create New App → From an app manifest") and matches the code.

What Slack checks that can be checked offline: the file is YAML; the slash commands, the message shortcut,
the event subscriptions and the scopes are exactly what the code registers and calls; every URL points at
`goodwill serve`; names and texts are within Slack's limits. The commands, shortcuts and events are read from
the handlers' own registration (handlers.register_all), the Web API methods from the code that calls them.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from slack_sdk import WebClient

from bot.oauth import BOT_SCOPES, INSTALL_PATH, REDIRECT_PATH
from bot.web import SLACK_PATH
from handlers import register_all

ROOT = Path(__file__).resolve().parents[2]

# Slack's limits (api.slack.com/reference/manifests; SchemaStore's slack-app-manifest.json).
NAME_MAX, DESCRIPTION_MAX, LONG_DESCRIPTION = 35, 140, (174, 4000)
BOT_DISPLAY_NAME_MAX = 80
COMMAND_MAX, COMMAND_DESCRIPTION_MAX, USAGE_HINT_MAX = 32, 2000, 1000
SHORTCUT_CALLBACK_MAX, SHORTCUT_DESCRIPTION_MAX = 255, 150

# The bot scope each Web API method the code calls needs (Slack's method reference; conversations.info needs
# channels:read for public channels and groups:read for private ones, and the digest channel may be either).
METHOD_SCOPES: dict[str, set[str]] = {
    "auth_test": set(),
    "bots_info": {"users:read"},
    "chat_postEphemeral": {"chat:write"},
    "chat_postMessage": {"chat:write"},
    "chat_update": {"chat:write"},
    "chat_delete": {"chat:write"},
    "conversations_history": {"im:history", "channels:history", "groups:history"},  # DMs, the digest channel
    "conversations_info": {"channels:read", "groups:read"},
    "conversations_open": {"im:write"},
    "files_upload_v2": {"files:write"},
    "users_info": {"users:read"},
    "users_list": {"users:read"},
    "users_lookupByEmail": {"users:read.email"},
    "views_open": set(),
    "views_publish": set(),
    "views_push": set(),
    "views_update": set(),
}
# Events and the scope Slack requires before it delivers them.
EVENT_SCOPES: dict[str, set[str]] = {
    "app_home_opened": set(),
    "reaction_added": {"reactions:read"},
    "app_uninstalled": set(),
    "tokens_revoked": set(),
    "user_change": {"users:read"},  # Slack sends it to apps with users:read
}


class Registrations:
    """Stands where the Bolt app stands in handlers.register_all and notes what each handler registers."""

    def __init__(self) -> None:
        self.seen: dict[str, list] = {}

    def __getattr__(self, kind: str):
        def register(*args, **kwargs):
            self.seen.setdefault(kind, []).append(args[0] if args else kwargs)

            def listener(*functions, **listeners):  # app.command(x)(f), (ack=…, lazy=[…]) or @app.view(x)
                return functions[0] if functions else None

            return listener

        return register


@pytest.fixture(scope="module")
def registered() -> dict[str, list]:

    recorder = Registrations()
    register_all(recorder, deps=None)
    return recorder.seen


@pytest.fixture(scope="module")
def manifest() -> dict:
    return yaml.safe_load((ROOT / "manifest.yml").read_text(encoding="utf-8"))


def methods_called() -> set[str]:
    """Every WebClient method the application code calls (bot/, handlers/)."""
    called: set[str] = set()
    for path in [*ROOT.glob("bot/**/*.py"), *ROOT.glob("handlers/**/*.py")]:
        called |= set(re.findall(r"\.([a-z]+_[A-Za-z0-9_]+)\(", path.read_text(encoding="utf-8")))
    return {name for name in called if callable(getattr(WebClient, name, None))}


def test_the_manifest_is_yaml_with_what_slack_requires(manifest):
    assert manifest["display_information"]["name"]
    assert manifest["features"]["bot_user"]["display_name"]
    assert manifest["settings"]["org_deploy_enabled"] is False  # Enterprise Grid org-wide installs stay off


def test_every_slash_command_in_the_code_is_declared_and_nothing_else(manifest, registered):
    declared = [c["command"] for c in manifest["features"]["slash_commands"]]
    assert sorted(declared) == sorted(set(declared)), "a command is declared twice"
    assert set(declared) == set(registered["command"])


def test_the_message_shortcut_is_the_one_the_code_listens_for(manifest, registered):
    shortcuts = manifest["features"]["shortcuts"]
    assert [s["type"] for s in shortcuts] == ["message"]
    assert [s["callback_id"] for s in shortcuts] == registered["shortcut"]


def test_the_events_subscribed_are_the_events_the_code_listens_to(manifest, registered):
    assert sorted(manifest["settings"]["event_subscriptions"]["bot_events"]) == sorted(registered["event"])


def test_the_scopes_are_the_ones_the_code_needs_and_no_more(manifest, registered):
    called = methods_called()
    assert called <= set(METHOD_SCOPES), f"scope unknown for {sorted(called - set(METHOD_SCOPES))}"
    needed = {"commands"} if registered.get("command") or registered.get("shortcut") else set()
    for method in called:
        needed |= METHOD_SCOPES[method]
    for event in registered["event"]:
        needed |= EVENT_SCOPES[event]
    scopes = manifest["oauth_config"]["scopes"]["bot"]
    assert sorted(scopes) == sorted(set(scopes)), "a scope is listed twice"
    assert set(scopes) == needed
    assert set(BOT_SCOPES) == needed  # what "Add to Slack" asks for is what the manifest grants
    assert "user" not in manifest["oauth_config"]["scopes"]


def test_every_url_points_at_goodwill_serve(manifest):
    events_url = manifest["settings"]["event_subscriptions"]["request_url"]
    base = urlsplit(events_url)
    assert base.scheme == "https" and base.path == SLACK_PATH
    assert manifest["settings"]["interactivity"]["request_url"] == events_url
    for command in manifest["features"]["slash_commands"]:
        assert command["url"] == events_url, command["command"]
    # Distribution ("Add to Slack"): Slack sends the installer back to the redirect URL of the same host.
    redirect = [urlsplit(url) for url in manifest["oauth_config"]["redirect_urls"]]
    assert [(u.scheme, u.netloc, u.path) for u in redirect] == [("https", base.netloc, REDIRECT_PATH)]
    assert INSTALL_PATH.startswith("/slack/")


def test_names_descriptions_and_hints_are_within_slacks_limits(manifest):
    display = manifest["display_information"]
    assert len(display["name"]) <= NAME_MAX
    assert len(display["description"]) <= DESCRIPTION_MAX
    assert LONG_DESCRIPTION[0] <= len(display["long_description"]) <= LONG_DESCRIPTION[1]
    assert re.fullmatch(r"#(?:[0-9a-fA-F]{3}){1,2}", display["background_color"])
    bot_name = manifest["features"]["bot_user"]["display_name"]
    assert len(bot_name) <= BOT_DISPLAY_NAME_MAX and re.fullmatch(r"[\w\-.]+", bot_name)
    for command in manifest["features"]["slash_commands"]:
        assert re.fullmatch(r"/[a-z0-9_-]+", command["command"]) and len(command["command"]) <= COMMAND_MAX
        assert 0 < len(command["description"]) <= COMMAND_DESCRIPTION_MAX, command["command"]
        assert len(command.get("usage_hint", "")) <= USAGE_HINT_MAX, command["command"]
    for shortcut in manifest["features"]["shortcuts"]:
        assert shortcut["name"] and len(shortcut["callback_id"]) <= SHORTCUT_CALLBACK_MAX
        assert 0 < len(shortcut["description"]) <= SHORTCUT_DESCRIPTION_MAX
