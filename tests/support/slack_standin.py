"""A local stand-in for Slack's Web API: answers as Slack does, records every call, fails on request.

The app reaches it through SLACK_API_URL (its WebClient base_url). Methods live under /api/, response_url
posts under /response/, and file uploads (files_upload_v2's second step) under /upload/.
"""

from __future__ import annotations

import base64
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

TEAM_ID = "T0GOODWILL"
BOT_USER_ID = "U0BOT"
# Slack's own bot is in every workspace; users.info answers for it, and (famously) not with is_bot.
SLACKBOT = {
    "id": "USLACKBOT",
    "team_id": TEAM_ID,
    "name": "slackbot",
    "real_name": "Slackbot",
    "deleted": False,
    "is_admin": False,
    "is_owner": False,
    "is_bot": False,
    "tz": "America/Los_Angeles",
    "profile": {"real_name": "Slackbot", "display_name": "Slackbot"},
}
# The app as Slack knows it for "Add to Slack" (oauth.v2.access checks these).
CLIENT_ID = "1111.2222"
CLIENT_SECRET = "goodwill-test-client-secret"
APP_ID = "A0GOODWILL"


@dataclass
class Call:
    """One request the app made, in full."""

    method: str  # Web API method ("chat.postMessage"), or "response_url" / "upload"
    path: str
    headers: dict[str, str]
    params: dict[str, Any]
    body: bytes
    at: float = field(default_factory=time.monotonic)
    token: str | None = None  # the bearer token it was made with (Authorization header, or a token parameter)

    def __getitem__(self, key: str) -> Any:
        return self.params[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.params.get(key, default)


@dataclass
class Failure:
    status: int
    retry_after: int | None = None
    error: str | None = None  # a 200 with ok:false and this error
    times: int = 1


class SlackStandIn:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.users: dict[str, dict] = {}
        self.messages: dict[tuple[str, str], dict] = {}  # (channel, ts) -> message as posted/updated
        self.uploads: dict[str, bytes] = {}
        self.files: dict[str, dict] = {}  # file id -> filename, length, title, channel_id, thread_ts, shared
        self.channels: dict[str, dict] = {}  # channels added with add_channel (others answer as a member)
        self._failures: dict[str, list[Failure]] = {}
        self._init_faults()
        self._init_workspaces()
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # --- lifecycle -------------------------------------------------------------------------------
    def start(self) -> SlackStandIn:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def forget_calls(self) -> None:
        """Drop the recorded calls (a benchmark sending thousands would otherwise keep them all in memory)."""
        with self._lock:
            self.calls.clear()

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self.users.clear()
            self.messages.clear()
            self.uploads.clear()
            self.files.clear()
            self.channels.clear()
            self._failures.clear()
            self.socket_mode_url = None
            self._init_faults()
            self._init_workspaces()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/"

    @property
    def api_url(self) -> str:
        return self.url + "api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.url}response/{name}"

    # --- scripting -------------------------------------------------------------------------------
    def add_user(
        self,
        user_id: str,
        name: str,
        *,
        tz: str = "Europe/Amsterdam",
        # Slack has no Dutch interface: a Dutch colleague's Slack speaks English (en-US, en-GB).
        locale: str = "en-US",
        is_admin: bool = False,
        deleted: bool = False,
        is_bot: bool = False,
        email: str | None = None,
        team_id: str = TEAM_ID,
    ) -> dict:
        user = {
            "id": user_id,
            "team_id": team_id,
            "name": name.lower().replace(" ", "."),
            "real_name": name,
            "deleted": deleted,
            "tz": tz,
            "tz_offset": 0,
            "locale": locale,
            "is_admin": is_admin,
            "is_owner": False,
            "is_bot": is_bot,
            "profile": {
                "real_name": name,
                "display_name": name.split()[0],
                "email": email or f"{user_id.lower()}@example.org",
            },
        }
        self.users[user_id] = user
        return user

    def add_channel(self, channel_id: str, name: str, *, is_member: bool = True, is_private: bool = False) -> dict:
        """A channel with a known membership: chat.postMessage answers not_in_channel when the bot is not in it."""
        channel = {
            "id": channel_id,
            "name": name,
            "is_channel": not is_private,
            "is_group": False,
            "is_im": False,
            "is_private": is_private,
            "is_member": is_member,
            "is_archived": False,
        }
        self.channels[channel_id] = channel
        return channel

    def shared_files(self, channel: str) -> list[dict]:
        """Files completed into `channel` (files_upload_v2's third step), with their uploaded bytes."""
        with self._lock:
            return [f for f in self.files.values() if f.get("channel_id") == channel]

    def fail(self, method: str, *, status: int = 500, retry_after: int | None = None, times: int = 1) -> None:
        """The next `times` calls of `method` answer with this HTTP status (429 with Retry-After, or 5xx)."""
        self._failures.setdefault(method, []).append(Failure(status, retry_after, None, times))

    def error(self, method: str, error: str, *, times: int = 1) -> None:
        """The next `times` calls of `method` answer 200 with {"ok": false, "error": error}."""
        self._failures.setdefault(method, []).append(Failure(200, None, error, times))

    # --- reading what happened ---------------------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 15.0, where=None) -> list[Call]:
        """Wait until `count` matching calls arrived (lazy listeners answer after the ack). The generous timeout
        is for a loaded machine (a Home tab once took over 5 s under a load average of 15); it costs only a
        failing test."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [c for c in self.calls if c.method == method and (where is None or where(c))]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = sorted({c.method for c in self.calls})
                    raise AssertionError(f"expected {count} call(s) to {method}, got {len(found)}; saw {seen}")
                self._changed.wait(remaining)

    # --- answering ---------------------------------------------------------------------------------
    def _record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def _take_failure(self, method: str) -> Failure | None:
        with self._lock:
            queue = self._failures.get(method)
            if not queue:
                return None
            failure = queue[0]
            failure.times -= 1
            if failure.times <= 0:
                queue.pop(0)
            return failure

    def _next_ts(self) -> str:
        return f"{1_700_000_000 + next(self._ts)}.{next(self._ids):06d}"

    def answer(self, call: Call) -> tuple[int, dict[str, str], dict]:
        refusal = self._refuse_for_workspace(call)
        if refusal is not None:
            return 200, {}, refusal
        limited = self._over_rate_limit(call)
        if limited is not None:
            return 429, {"Retry-After": str(limited)}, {"ok": False, "error": "ratelimited"}
        failure = self._take_outage(call.method) or self._take_failure(call.method)
        if failure is not None:
            if failure.error:
                return 200, {}, {"ok": False, "error": failure.error}
            headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after is not None else {}
            return (
                failure.status,
                headers,
                {"ok": False, "error": "ratelimited" if failure.status == 429 else "fatal_error"},
            )
        handler = getattr(self, "api_" + call.method.replace(".", "_"), None)
        if handler is None:
            return 200, {}, {"ok": False, "error": "unknown_method"}
        if call.method == "auth.test":
            return 200, {}, handler({**call.params, "_token": call.token})
        if call.method == "oauth.v2.access":
            return 200, {}, self.api_oauth_v2_access(call)
        return 200, {}, handler(call.params)

    socket_mode_url: str | None = None  # what apps.connections.open hands out (tests.support.socket_mode_standin)

    def api_apps_connections_open(self, params: dict) -> dict:
        if self.socket_mode_url is None:
            return {"ok": False, "error": "not_allowed_token_type"}
        return {"ok": True, "url": self.socket_mode_url}

    def api_auth_test(self, params: dict) -> dict:
        workspace = self._workspace_of_token(params.get("_token"))
        return {
            "ok": True,
            "url": f"https://{workspace['domain']}.slack.com/",
            "team": workspace["name"],
            "user": "goodwill",
            "team_id": workspace["team_id"],
            "user_id": workspace["bot_user_id"],
            "bot_id": workspace["bot_id"],
            "app_id": APP_ID,
            "enterprise_id": workspace.get("enterprise_id"),
            "is_enterprise_install": False,
        }

    def api_bots_info(self, params: dict) -> dict:
        for workspace in self.workspaces.values():
            if workspace["bot_id"] == params.get("bot"):
                return {
                    "ok": True,
                    "bot": {"id": workspace["bot_id"], "app_id": APP_ID, "user_id": workspace["bot_user_id"]},
                }
        return {"ok": False, "error": "bot_not_found"}

    @staticmethod
    def _as_slack_shows(user: dict, params: dict) -> dict:
        """A user object as Slack answers it: `locale` only when asked for with include_locale=true (it is
        opt-in; https://api.slack.com/changelog/2017-09-locale-locale-locale)."""
        if str(params.get("include_locale", "")).lower() in ("true", "1"):
            return user
        return {key: value for key, value in user.items() if key != "locale"}

    def api_users_info(self, params: dict) -> dict:
        user = self.users.get(params.get("user", "")) or (SLACKBOT if params.get("user") == SLACKBOT["id"] else None)
        if not user:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": self._as_slack_shows(user, params)}

    def api_users_list(self, params: dict) -> dict:
        members = [self._as_slack_shows(user, params) for user in self.users.values()]
        return {"ok": True, "members": members, "response_metadata": {"next_cursor": ""}}

    def api_users_lookupByEmail(self, params: dict) -> dict:
        for user in self.users.values():
            if user["profile"].get("email") == params.get("email"):
                return {"ok": True, "user": self._as_slack_shows(user, params)}
        return {"ok": False, "error": "users_not_found"}

    def api_conversations_open(self, params: dict) -> dict:
        users = params.get("users", "")
        if isinstance(users, list):
            users = ",".join(users)
        return {"ok": True, "channel": {"id": "D" + users.replace(",", "")[1:]}}

    def api_conversations_info(self, params: dict) -> dict:
        if params.get("channel") in self.channels:
            return {"ok": True, "channel": self.channels[params["channel"]]}
        return {"ok": True, "channel": {"id": params.get("channel"), "name": "network"}}

    def api_chat_postMessage(self, params: dict) -> dict:
        channel = params.get("channel")
        if channel in self.channels and not self.channels[channel]["is_member"]:
            return {"ok": False, "error": "not_in_channel"}
        ts = self._next_ts()
        message = {
            "type": "message",
            "ts": ts,
            "channel": channel,
            "text": params.get("text"),
            "blocks": params.get("blocks") or [],
        }
        if params.get("metadata"):
            metadata = params["metadata"]
            message["metadata"] = json.loads(metadata) if isinstance(metadata, str) else metadata
        self.messages[(channel, ts)] = message
        return {"ok": True, "channel": channel, "ts": ts, "message": message}

    def api_chat_postEphemeral(self, params: dict) -> dict:
        return {"ok": True, "message_ts": self._next_ts()}

    def api_chat_update(self, params: dict) -> dict:
        key = (params.get("channel"), params.get("ts"))
        if key not in self.messages:
            return {"ok": False, "error": "message_not_found"}
        self.messages[key].update(text=params.get("text"), blocks=params.get("blocks") or [])
        return {"ok": True, "channel": key[0], "ts": key[1]}

    def api_chat_delete(self, params: dict) -> dict:
        self.messages.pop((params.get("channel"), params.get("ts")), None)
        return {"ok": True}

    def _view(self, params: dict) -> dict:
        view = params.get("view")
        view = json.loads(view) if isinstance(view, str) else dict(view or {})
        view.setdefault("id", f"V{next(self._ids):08d}")
        view.setdefault("hash", "h" + view["id"])
        view.setdefault("state", {"values": {}})
        return {"ok": True, "view": view}

    def api_views_open(self, params: dict) -> dict:
        if not params.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        return self._view(params)

    api_views_push = api_views_open

    def api_views_update(self, params: dict) -> dict:
        return self._view(params)

    def api_views_publish(self, params: dict) -> dict:
        return self._view(params)

    def api_files_getUploadURLExternal(self, params: dict) -> dict:
        if not params.get("filename") or not str(params.get("length", "")).isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"F{next(self._ids):08d}"
        self.files[file_id] = {"id": file_id, "filename": params["filename"], "length": int(params["length"])}
        return {"ok": True, "upload_url": f"{self.url}upload/{file_id}", "file_id": file_id}

    def api_files_completeUploadExternal(self, params: dict) -> dict:
        files = params.get("files")
        files = json.loads(files) if isinstance(files, str) else files or []
        for f in files:
            known = self.files.get(f["id"])
            if known is None or f["id"] not in self.uploads or len(self.uploads[f["id"]]) != known["length"]:
                return {"ok": False, "error": "file_upload_not_found"}
        for f in files:
            self.files[f["id"]].update(
                title=f.get("title"),
                channel_id=params.get("channel_id") or params.get("channels"),
                thread_ts=params.get("thread_ts"),
                initial_comment=params.get("initial_comment"),
                content=self.uploads[f["id"]],
                shared_ts=self._next_ts(),
            )
        return {
            "ok": True,
            "files": [{"id": f["id"], "title": f.get("title"), "name": self.files[f["id"]]["filename"]} for f in files],
        }

    # --- faults: slow answers, outages, and what a conversation already holds -----------------------
    def _init_faults(self) -> None:
        self._delays: dict[str, float] = {}
        self._outage: list[Failure] = []  # the next Web API answers, whatever the method
        self._outage_methods: set[str] | None = None

    def slow(self, method: str, seconds: float) -> None:
        """Answers to `method` leave `seconds` late. The call has taken effect (and is recorded) before that,
        as when Slack has posted a message and its answer is still on the way: a client that dies meanwhile
        never learns that its message arrived."""
        self._delays[method] = seconds

    def outage(
        self,
        answers: int,
        *,
        statuses: tuple[int, ...] = (429, 503),
        retry_after: int = 0,
        methods: set[str] | None = None,
    ) -> None:
        """Slack is unavailable for its next `answers` Web API answers (to `methods`, default every method):
        they cycle through `statuses` (429 with Retry-After: `retry_after`, 5xx) and take no effect. The
        outage is measured in answers, not seconds, so a test need not wait out a real minute."""
        with self._lock:
            self._outage = [Failure(statuses[i % len(statuses)], retry_after) for i in range(answers)]
            self._outage_methods = methods

    @property
    def outage_left(self) -> int:
        with self._lock:
            return len(self._outage)

    def _take_outage(self, method: str) -> Failure | None:
        with self._lock:
            if not self._outage or (self._outage_methods is not None and method not in self._outage_methods):
                return None
            failure = self._outage.pop(0)
        if failure.status != 429:
            failure.retry_after = None  # Slack sends Retry-After with its 429s only
        return failure

    def _answer_late(self, method: str) -> None:
        delay = self._delays.get(method)
        if delay:
            time.sleep(delay)

    def api_conversations_history(self, params: dict) -> dict:
        """The newest messages first (`limit`, default 100, as Slack's), with their metadata only when
        include_all_metadata is set. A DM's history (D…) holds what was posted to its member's user id (U…);
        files shared into a conversation show as messages with `files`."""
        channel = params.get("channel") or ""
        if channel in self.channels and not self.channels[channel]["is_member"]:
            return {"ok": False, "error": "not_in_channel"}
        keys = {channel, "U" + channel[1:]} if channel.startswith("D") else {channel}
        with_metadata = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
        found = []
        for (posted_in, _ts), message in list(self.messages.items()):
            if posted_in in keys:
                shown = {k: v for k, v in message.items() if k != "metadata" or with_metadata}
                found.append({**shown, "user": BOT_USER_ID, "bot_id": "B0BOT"})
        for f in list(self.files.values()):
            if f.get("channel_id") in keys and f.get("shared_ts"):
                found.append(
                    {
                        "type": "message",
                        "ts": f["shared_ts"],
                        "user": BOT_USER_ID,
                        "text": "",
                        "files": [{"id": f["id"], "name": f["filename"], "title": f.get("title")}],
                    }
                )
        found.sort(key=lambda m: float(m["ts"]), reverse=True)
        limit = int(params.get("limit") or 100)
        return {
            "ok": True,
            "messages": found[:limit],
            "has_more": len(found) > limit,
            "response_metadata": {"next_cursor": ""},
        }

    # --- workspaces, tokens and "Add to Slack" (OAuth v2) -----------------------------------------------
    # Every token belongs to one workspace. Tokens handed out by oauth.v2.access are known by their workspace;
    # any other token (the tests' SLACK_BOT_TOKEN) is the default workspace's, TEAM_ID, as before. A call about
    # a user of another workspace than the token's is refused as Slack refuses it, and revoked tokens answer
    # token_revoked.
    def _init_workspaces(self) -> None:
        self.workspaces: dict[str, dict] = {}
        self.tokens: dict[str, str] = {}  # bot token -> team id
        self.revoked: set[str] = set()
        self._codes: dict[str, dict] = {}  # single-use codes: code -> the install it stands for
        self.used_codes: list[str] = []
        self._rate: tuple[int, float] | None = None  # (calls, per seconds) per token for chat.postMessage
        self._sent_at: dict[str, list[float]] = {}
        self.rate_limited = 0
        self.add_workspace(TEAM_ID, "Goodwill Test", bot_user_id=BOT_USER_ID, bot_id="B0BOT")

    def add_workspace(
        self,
        team_id: str,
        name: str,
        *,
        bot_user_id: str | None = None,
        bot_id: str | None = None,
        enterprise_id: str | None = None,
    ) -> dict:
        workspace = {
            "team_id": team_id,
            "name": name,
            "domain": name.lower().replace(" ", "-"),
            "bot_user_id": bot_user_id or f"U0BOT{team_id[-4:]}",
            "bot_id": bot_id or f"B0BOT{team_id[-4:]}",
            "enterprise_id": enterprise_id,
        }
        self.workspaces[team_id] = workspace
        return workspace

    def authorize(
        self, team_id: str, *, installer: str = "U0ANNA", client_id: str = CLIENT_ID, scopes: str = "commands"
    ) -> str:
        """A member of `team_id` clicks Allow on Slack's consent page: Slack redirects their browser to the app
        with this code, which oauth.v2.access exchanges once for the workspace's bot token."""
        if team_id not in self.workspaces:
            self.add_workspace(team_id, f"Workspace {team_id}")
        code = f"code-{team_id}-{next(self._ids)}"
        with self._lock:
            self._codes[code] = {"team_id": team_id, "installer": installer, "client_id": client_id, "scopes": scopes}
        return code

    def accept_token(self, token: str, team_id: str) -> None:
        """A token the app was given for this workspace beforehand (a benchmark's own, say)."""
        if team_id not in self.workspaces:
            self.add_workspace(team_id, f"Workspace {team_id}")
        with self._lock:
            self.tokens[token] = team_id

    def issue_token(self, team_id: str) -> str:
        """A new bot token for the workspace (as an install, or a reinstall after an uninstall, gets)."""
        token = f"xoxb-{team_id}-{next(self._ids)}"
        with self._lock:
            self.tokens[token] = team_id
        return token

    def uninstall(self, team_id: str) -> None:
        """The workspace removes the app: its tokens stop working."""
        with self._lock:
            self.revoked |= {token for token, team in self.tokens.items() if team == team_id}

    def token_of(self, call: Call) -> str | None:
        authorization = call.headers.get("Authorization") or call.headers.get("authorization") or ""
        if authorization.startswith("Bearer "):
            return authorization.removeprefix("Bearer ")
        return call.params.get("token")

    def team_of_token(self, token: str | None) -> str:
        return self.tokens.get(token or "", TEAM_ID)

    def _workspace_of_token(self, token: str | None) -> dict:
        return self.workspaces[self.team_of_token(token)]

    def team_concerned(self, call: Call) -> str | None:
        """The workspace a call is about, from the user it names (a DM's channel is the user id)."""
        for key in ("user", "user_id", "channel", "users"):
            user = self.users.get(str(call.params.get(key) or ""))
            if user is not None:
                return user["team_id"]
        return None

    def _refuse_for_workspace(self, call: Call) -> dict | None:
        if call.method in ("oauth.v2.access", "apps.connections.open"):
            return None
        if call.token in self.revoked:
            return {"ok": False, "error": "token_revoked"}
        concerned = self.team_concerned(call)
        if concerned is not None and concerned != self.team_of_token(call.token):
            error = "channel_not_found" if call.method.startswith("chat.") else "user_not_found"
            return {"ok": False, "error": error}
        return None

    def api_oauth_v2_access(self, call: Call) -> dict:
        """Exchanges a code for the workspace's bot token: client credentials (HTTP Basic, as slack-sdk sends
        them, or form fields), and each code once."""
        client_id, client_secret = call.params.get("client_id"), call.params.get("client_secret")
        authorization = call.headers.get("Authorization") or ""
        if authorization.startswith("Basic "):
            client_id, _, client_secret = base64.b64decode(authorization[6:]).decode().partition(":")
        if client_id != CLIENT_ID:
            return {"ok": False, "error": "invalid_client_id"}
        if client_secret != CLIENT_SECRET:
            return {"ok": False, "error": "bad_client_secret"}
        with self._lock:
            install = self._codes.pop(call.params.get("code") or "", None)
            if install is not None:
                self.used_codes.append(call.params["code"])
        if install is None or install["client_id"] != client_id:
            return {"ok": False, "error": "invalid_code"}
        workspace = self.workspaces[install["team_id"]]
        token = self.issue_token(workspace["team_id"])
        enterprise = workspace.get("enterprise_id")
        return {
            "ok": True,
            "app_id": APP_ID,
            "authed_user": {"id": install["installer"]},
            "scope": install["scopes"],
            "token_type": "bot",
            "access_token": token,
            "bot_user_id": workspace["bot_user_id"],
            "team": {"id": workspace["team_id"], "name": workspace["name"]},
            "enterprise": {"id": enterprise, "name": f"Org {enterprise}"} if enterprise else None,
            "is_enterprise_install": False,
        }

    def calls_with_token_of_another_workspace(self) -> list[Call]:
        """Every recorded call about a user of one workspace made with another workspace's token."""
        with self._lock:
            calls = list(self.calls)
        return [
            c
            for c in calls
            if (team := self.team_concerned(c)) is not None
            and c.method != "oauth.v2.access"
            and team != self.team_of_token(c.token)
        ]

    # --- a per-workspace rate limit (bench/fanout_bench.py) ---------------------------------------------
    def limit_rate(self, calls: int, per_seconds: float = 1.0) -> None:
        """chat.postMessage answers 429 (Retry-After: 1) to a token that made `calls` of them within the last
        `per_seconds`, as Slack's per-workspace limit does."""
        self._rate = (calls, per_seconds)

    def _over_rate_limit(self, call: Call) -> int | None:
        if self._rate is None or call.method != "chat.postMessage":
            return None
        calls, window = self._rate
        now = time.monotonic()
        with self._lock:
            recent = [t for t in self._sent_at.get(call.token or "", []) if t > now - window]
            if len(recent) >= calls:
                self._sent_at[call.token or ""] = recent
                self.rate_limited += 1
                return max(1, round(recent[0] + window - now + 0.5))
            recent.append(now)
            self._sent_at[call.token or ""] = recent
        return None

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        return type("StandInHandler", (_StandInHandler,), {"standin": self})


def _method_of(path: str) -> str:
    """The Web API method a path names ("chat.postMessage"), or "response_url" / "upload"."""
    if path.startswith("/api/"):
        return path.removeprefix("/api/")
    if path.startswith("/response/"):
        return "response_url"
    if path.startswith("/upload/"):
        return "upload"
    return "unknown"


def _params_of(query: str, body: bytes, content_type: str) -> dict[str, Any]:
    """A call's parameters as Slack reads them: the query string, then a JSON or form-encoded body."""
    params: dict[str, Any] = dict(parse_qsl(query))
    if "json" in content_type and body:
        params.update(json.loads(body))
    elif body and "multipart" not in content_type:
        params.update(parse_qsl(body.decode("utf-8")))
    return params


class _StandInHandler(BaseHTTPRequestHandler):
    """One HTTP request to the stand-in: read it as a Call, record it, answer it."""

    protocol_version = "HTTP/1.1"
    standin: SlackStandIn  # set by SlackStandIn._handler_class

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        call = self._read_call()
        if call.method == "upload":
            self.standin.uploads[call.path.rsplit("/", 1)[-1]] = call.body
        if call.method in ("response_url", "upload"):
            status, headers, payload = 200, {}, {"ok": True}
        else:
            status, headers, payload = self.standin.answer(call)
        self.standin._record(call)
        self.standin._answer_late(call.method)
        self._send(status, headers, payload)

    def _read_call(self) -> Call:
        parts = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        method = _method_of(parts.path)
        # An upload's body is the file itself, not parameters.
        content_type = "multipart" if method == "upload" else self.headers.get("Content-Type", "")
        call = Call(method, parts.path, dict(self.headers.items()), _params_of(parts.query, body, content_type), body)
        call.token = self.standin.token_of(call)
        return call

    def _send(self, status: int, headers: dict[str, str], payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        try:
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client died waiting (tests/faults)
            self.close_connection = True
