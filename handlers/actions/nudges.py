"""Clicks on a nudge (or on its full-list modal): Log contact…, the menu (snooze, hand over…, archive…), and
"Show all N"; the hand-over and archive modals the menu opens. (nudge_snooze, nudge_handover and nudge_archive
are the controls of nudges sent before the menu: they keep working.)

Every click is acknowledged at once; the work (Web API calls) runs in a lazy listener. After a change
the nudge is updated in place, so the DM reads as a to-do list that empties.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import redraw
from bot.deps import Deps
from bot.domain.quiet import attention_order
from bot.members import reader
from bot.nudges import meeting_view_for
from bot.render.changes import notice
from bot.render.nudges import (
    ARCHIVE_MODAL,
    HAND_OVER_MODAL,
    MENU_ARCHIVE,
    MENU_HAND_OVER,
    MENU_SNOOZE,
    PICK_OWNER,
    archive_modal,
    hand_over_modal,
    pick_someone,
    quiet_list_modal,
)
from bot.services import relations
from handlers.common import acknowledge, deps_of
from storage.db import transaction
from storage.quiet import quiet_relations
from storage.relations import get_relation


@dataclass(frozen=True)
class Click:
    team_id: str
    user_id: str
    relation_id: int | None
    value: str
    body: dict

    @property
    def in_modal(self) -> bool:
        return self.body.get("container", {}).get("type") == "view"

    @property
    def nudge(self) -> dict[str, str]:
        """The nudge message clicked on, or (from the modal) the one the modal was opened from."""
        if self.in_modal:
            try:
                return json.loads(self.body["view"].get("private_metadata") or "{}")
            except ValueError:
                return {}
        container = self.body.get("container", {})
        return {"channel": container.get("channel_id", ""), "ts": container.get("message_ts", "")}


def click_of(body: dict) -> Click:
    action = body["actions"][0]
    value = action.get("value") or (action.get("selected_option") or {}).get("value") or ""
    # The relation travels in the actions block's id ("nudge_<id>"): a user picker has no value of its own.
    block = action.get("block_id", "")
    relation_id = int(block.removeprefix("nudge_")) if block.removeprefix("nudge_").isdigit() else None
    team_id = (body.get("team") or {}).get("id") or body["user"].get("team_id")
    return Click(team_id, body["user"]["id"], relation_id, value, body)


def modal_metadata(click: Click, relation_name: str) -> dict:
    """What a modal opened from the menu needs to act, and to bring the nudge (or the list it was opened from)
    up to date afterwards."""
    list_view = click.body["view"]["id"] if click.in_modal else None
    return {"relation": click.relation_id, "name": relation_name, "nudge": click.nudge, "list_view": list_view}


def click_from_modal(body: dict) -> Click:
    """A submitted hand-over or archive modal, as the click on the nudge (or on the list) it was opened from."""
    try:
        metadata = json.loads(body["view"].get("private_metadata") or "{}")
    except ValueError:
        metadata = {}
    nudge = metadata.get("nudge") or {}
    if metadata.get("list_view"):
        listed = {"id": metadata["list_view"], "private_metadata": json.dumps(nudge)}
        origin = {"container": {"type": "view"}, "view": listed}
    else:
        origin = {"container": {"channel_id": nudge.get("channel", ""), "message_ts": nudge.get("ts", "")}}
    relation_id = metadata.get("relation")
    team_id = (body.get("team") or {}).get("id") or body["user"].get("team_id")
    return Click(team_id, body["user"]["id"], relation_id if isinstance(relation_id, int) else None, "", origin)


def tell_privately(click: Click, text: str, respond: Respond, client: WebClient) -> None:
    if click.body.get("response_url"):
        respond(text=text, response_type="ephemeral", replace_original=False)
    elif click.nudge.get("channel"):
        client.chat_postEphemeral(channel=click.nudge["channel"], user=click.user_id, text=text)


def finish(deps: Deps, click: Click, change: relations.Change, client: WebClient, respond: Respond) -> None:
    """Tell the member what could not be done, bring the nudges and the modal up to date."""
    if change.refusal:
        tell_privately(click, notice(change.refusal, change.language, change.refusal_values), respond, client)
    if change.refusal != "gone":  # a refused click may come from an outdated nudge: show where it stands
        redraw.after_change(deps, click.team_id, relation_ids=[change.relation_id])
    if click.in_modal:
        view = click.body["view"]
        client.views_update(view_id=view["id"], hash=view.get("hash"), view=full_list(deps, click))


def full_list(deps: Deps, click: Click) -> dict:
    with transaction(deps.sessions) as session:
        asker = reader(deps, session, click.team_id, click.user_id)
        quiet = quiet_relations(session, click.team_id, asker.today, owner_ids=[click.user_id])
    ordered = attention_order(quiet, asker.today)
    return quiet_list_modal(ordered, click.user_id, asker.today, asker.language, nudge=click.nudge)


def on_snooze(body: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    click = click_of(body)
    relation_text, _, choice = click.value.partition(":")
    if not relation_text.isdigit():
        return
    change = relations.perform(
        deps,
        click.team_id,
        click.user_id,
        lambda session, asker: relations.snooze(session, asker, int(relation_text), choice, now=deps.now()),
    )
    finish(deps, click, change, client, respond)


def on_archive(body: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    click = click_of(body)
    if not click.value.isdigit():
        return
    change = relations.perform(
        deps,
        click.team_id,
        click.user_id,
        lambda session, asker: relations.archive(session, asker, int(click.value), now=deps.now()),
    )
    finish(deps, click, change, client, respond)


def hand_over(deps, click, new_owner: str, client: WebClient, respond: Respond) -> None:
    """The hand-over from the nudge's user picker and from its modal: one operation, checked again on arrival."""
    heir = relations.heir(deps, click.team_id, new_owner)
    change = relations.perform(
        deps,
        click.team_id,
        click.user_id,
        lambda session, asker: relations.hand_over(session, asker, click.relation_id, new_owner, heir, now=deps.now()),
    )
    finish(deps, click, change, client, respond)


def on_hand_over(body: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    click = click_of(body)
    new_owner = body["actions"][0].get("selected_user")
    if click.relation_id is None or not new_owner:
        return
    hand_over(deps, click, new_owner, client, respond)


def on_more(body: dict, client: WebClient, context: BoltContext) -> None:
    deps = deps_of(context)
    click = click_of(body)
    client.views_open(trigger_id=body["trigger_id"], view=full_list(deps, click))


def on_logged(body: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    click = click_of(body)
    if not click.value.isdigit():
        return
    view, language = meeting_view_for(
        deps,
        click.team_id,
        click.user_id,
        int(click.value),
        channel_id=click.nudge.get("channel") or None,
    )
    if view is None:
        tell_privately(click, notice("gone", language, {}), respond, client)
        return
    if click.in_modal:  # from the full list: the recording modal goes on top of it
        client.views_push(trigger_id=body["trigger_id"], view=view)
    else:
        client.views_open(trigger_id=body["trigger_id"], view=view)


def snooze_from_menu(deps: Deps, click: Click, choice: str, client: WebClient, respond: Respond) -> None:
    change = relations.perform(
        deps,
        click.team_id,
        click.user_id,
        lambda session, asker: relations.snooze(session, asker, click.relation_id, choice, now=deps.now()),
    )
    finish(deps, click, change, client, respond)


def on_menu(body: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    click = click_of(body)
    if click.relation_id is None:
        return
    if click.value.startswith(MENU_SNOOZE):
        snooze_from_menu(deps, click, click.value.removeprefix(MENU_SNOOZE), client, respond)
        return
    if click.value not in (MENU_HAND_OVER, MENU_ARCHIVE):
        return
    with transaction(deps.sessions) as session:
        language = reader(deps, session, click.team_id, click.user_id).language
        relation = get_relation(session, click.team_id, click.relation_id)
        name = relation.name if relation is not None else ""
    if relation is None:
        tell_privately(click, notice("gone", language, {}), respond, client)
        return
    build = hand_over_modal if click.value == MENU_HAND_OVER else archive_modal
    view = build(name, modal_metadata(click, name), language)
    open_view = client.views_push if click.in_modal else client.views_open
    open_view(trigger_id=body["trigger_id"], view=view)


def on_pick_owner(body: dict, client: WebClient, context: BoltContext) -> None:
    """The hand-over modal names the colleague once they are picked."""
    deps = deps_of(context)
    view = body["view"]
    metadata = json.loads(view.get("private_metadata") or "{}")
    chosen = body["actions"][0].get("selected_user")
    with transaction(deps.sessions) as session:
        language = reader(deps, session, body["team"]["id"], body["user"]["id"]).language
    redrawn = hand_over_modal(metadata.get("name", ""), metadata, language, chosen)
    client.views_update(view_id=view["id"], hash=view.get("hash"), view=redrawn)


def check_hand_over(ack: Ack, body: dict, context: BoltContext) -> None:
    deps = deps_of(context)
    values = ((body.get("view") or {}).get("state") or {}).get("values") or {}
    if values.get("new_owner", {}).get(PICK_OWNER, {}).get("selected_user"):
        ack()
        return
    with transaction(deps.sessions) as session:
        language = reader(deps, session, body["team"]["id"], body["user"]["id"]).language
    ack(response_action="errors", errors={"new_owner": pick_someone(language)})


def on_hand_over_submitted(body: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    click = click_from_modal(body)
    new_owner = body["view"]["state"]["values"]["new_owner"][PICK_OWNER]["selected_user"]
    if click.relation_id is None:
        return
    hand_over(deps, click, new_owner, client, respond)


def on_archive_submitted(body: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    click = click_from_modal(body)
    if click.relation_id is None:
        return
    change = relations.perform(
        deps,
        click.team_id,
        click.user_id,
        lambda session, asker: relations.archive(session, asker, click.relation_id, now=deps.now()),
    )
    finish(deps, click, change, client, respond)


def register(app: App) -> None:
    app.action("nudge_menu")(ack=acknowledge, lazy=[on_menu])
    app.action(PICK_OWNER)(ack=acknowledge, lazy=[on_pick_owner])
    app.view(HAND_OVER_MODAL)(ack=check_hand_over, lazy=[on_hand_over_submitted])
    app.view(ARCHIVE_MODAL)(ack=acknowledge, lazy=[on_archive_submitted])
    app.action("nudge_snooze")(ack=acknowledge, lazy=[on_snooze])
    app.action("nudge_archive")(ack=acknowledge, lazy=[on_archive])
    app.action("nudge_handover")(ack=acknowledge, lazy=[on_hand_over])
    app.action("nudge_more")(ack=acknowledge, lazy=[on_more])
    app.action("nudge_logged")(ack=acknowledge, lazy=[on_logged])
