"""When the database does not answer: a polite answer to Slack at once, and nothing half-stored.

Every handler's writes run in one transaction (storage.db.transaction), so a database that goes away mid-request
leaves nothing behind: the transaction is rolled back, or never reached the database. What remains is to
answer the member instead of letting Bolt answer 500 (which Slack shows as an ugly "dispatch_failed"), and to
answer quickly: connections give up after a couple of seconds (storage.db), well within Slack's 3. The next
request simply tries again; the pool's pre-ping replaces connections that died, so Goodwill recovers by itself
once the database is back.

The member's language is stored in the database that is not answering, so the answer is in English and Dutch.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from slack_bolt import App, BoltResponse
from slack_sdk.webhook import WebhookClient
from sqlalchemy import exc

from bot.i18n import LANGUAGES, Catalog

if TYPE_CHECKING:
    from bot.deps import Deps

log = logging.getLogger("goodwill.outage")

TEXTS = Catalog(
    {
        "unavailable": {
            "en": "Goodwill can't reach its database right now, so nothing was stored. Please try again in a minute.",
            "nl": "Goodwill kan zijn database op dit moment niet bereiken; er is dus niets opgeslagen. "
            "Probeer het over een minuut opnieuw.",
        },
        "title": {"en": "Please try again", "nl": "Probeer het opnieuw"},
        "back": {"en": "Back", "nl": "Terug"},
    }
)


def is_database_outage(error: BaseException) -> bool:
    """The database cannot be reached or is not answering (as opposed to a bug or bad input): a refused or
    dropped connection, a server shutting down, a pool with no connection to give, SQLite's "database is
    locked" after its busy timeout."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, exc.OperationalError | exc.InterfaceError | exc.TimeoutError):
            return True
        if isinstance(current, exc.DBAPIError) and current.connection_invalidated:
            return True
        current = current.__cause__ or current.__context__
    return False


def both_languages(key: str) -> str:
    return "\n".join(TEXTS(key, language) for language in LANGUAGES)


def tell_outages_after_the_ack(app: App, deps: Deps) -> None:
    """Call once every listener is registered. Lazy listeners (the work after the ack) are outside Bolt's error
    handler (handlers.errors, which calls `outage_answer`): Bolt only logs their errors
    (slack_bolt/lazy_listener/internals.py) and offers no hook, so each is wrapped here; during an outage the
    member is told through the request's response_url."""
    for listener in app._listeners:  # no public accessor; the faults tests fail if this ever stops working
        listener.lazy_functions = [_telling_when_unavailable(deps, f) for f in listener.lazy_functions]


def _telling_when_unavailable(deps: Deps, function: Callable[..., None]) -> Callable[..., None]:
    """`function`, which on a database outage tells the member through the request's response_url.

    Bolt passes a listener the arguments its signature names; the wrapper names `body` too (for the
    response_url) and hands `function` only what it asked for."""
    signature = inspect.signature(function)
    wants_body = "body" in signature.parameters

    def run(**kwargs: Any) -> None:
        body = kwargs.get("body") if wants_body else kwargs.pop("body", None)
        try:
            function(**kwargs)
        except Exception as error:
            if not is_database_outage(error):
                raise
            log.warning("database unavailable after the ack: %s", _first_line(error))
            response_url = _response_url(deps, body or {})
            if response_url:
                _tell(response_url, both_languages("unavailable"))

    run.__name__, run.__qualname__, run.__doc__ = function.__name__, function.__qualname__, function.__doc__
    if not wants_body:
        parameters = list(signature.parameters.values())
        at = sum(1 for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD))
        parameters.insert(at, inspect.Parameter("body", inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None))
        signature = signature.replace(parameters=parameters)
    run.__signature__ = signature  # type: ignore[attr-defined]
    return run


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0][:300]


def _response_url(deps: Deps, body: dict) -> str | None:
    """The request's response_url, when it is Slack's (bot.settings.Settings.allows_response_url)."""
    url = body.get("response_url") or next(iter(body.get("response_urls") or []), {}).get("response_url")
    return url if url and deps.settings.allows_response_url(url) else None


def outage_answer(error: BaseException, body: dict, deps: Deps) -> BoltResponse | None:
    """What to answer Slack when a request failed because the database is away; None for any other error.

    - a slash command: the text, ephemeral, in the HTTP answer (Slack shows a 200's body);
    - a form (view_submission): a small modal pushed over it, so that going Back leaves the form filled in;
    - a click or a shortcut: the text through its response_url, after the answer;
    - an event: 200 and nothing done (a 5xx would have Slack redeliver it three times over five minutes, but
      also count towards switching off the app's event subscription if failures persist);
    - an options request: no options.
    """
    if not is_database_outage(error):
        return None
    log.warning("database unavailable, answered politely: %s", _first_line(error))
    text = both_languages("unavailable")
    kind = body.get("type")
    if body.get("command"):
        return BoltResponse(status=200, body={"response_type": "ephemeral", "text": text})
    if kind == "view_submission":
        return BoltResponse(status=200, body={"response_action": "push", "view": _notice_view(text)})
    if kind == "event_callback":
        return BoltResponse(status=200, body="")
    if kind == "block_suggestion":
        return BoltResponse(status=200, body={"options": []})
    response_url = _response_url(deps, body)
    if response_url:
        deps.after_ack.submit(_tell, response_url, text)
    return BoltResponse(status=200, body="")


def _notice_view(text: str) -> dict:
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": " / ".join(TEXTS("title", lang) for lang in LANGUAGES)[:24]},
        "close": {"type": "plain_text", "text": " / ".join(TEXTS("back", lang) for lang in LANGUAGES)},
        "blocks": [{"type": "section", "text": {"type": "plain_text", "text": text}}],
    }


def _tell(response_url: str, text: str) -> None:
    try:
        WebhookClient(response_url, timeout=5).send(text=text, response_type="ephemeral", replace_original=False)
    except Exception:  # the member sees nothing new; the log says why
        log.warning("could not tell the member about the outage through response_url", exc_info=True)
