"""Clicks on a nudge (or on its full-list modal): Logged it, Snooze, Hand over, Archive, and "and N more".

Every click is acknowledged at once; the work (Web API calls) runs in a lazy listener. After a change
the nudge is updated in place, so the DM reads as a to-do list that empties.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.deps import Deps
from bot.domain.quiet import attention_order
from bot.members import reader
from bot.nudge_actions import meeting_view_for
from bot.nudges import refresh_nudges
from bot.render.changes import notice
from bot.render.nudge import quiet_list_modal
from bot.services import relations
from storage.db import transaction
from storage.quiet import quiet_relations


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


def register(app: App, deps: Deps) -> None:
    def ack_now(ack: Ack) -> None:
        ack()

    def tell_privately(click: Click, text: str, respond: Respond, client: WebClient) -> None:
        if click.body.get("response_url"):
            respond(text=text, response_type="ephemeral", replace_original=False)
        elif click.nudge.get("channel"):
            client.chat_postEphemeral(channel=click.nudge["channel"], user=click.user_id, text=text)

    def finish(click: Click, change: relations.Change, client: WebClient, respond: Respond) -> None:
        """Tell the member what could not be done, bring the nudges and the modal up to date."""
        if change.refusal:
            tell_privately(click, notice(change.refusal, change.language, change.refusal_values), respond, client)
        if change.refusal != "gone":  # a refused click may come from an outdated nudge: show where it stands
            refresh_nudges(deps, click.team_id, [change.relation_id])
        if click.in_modal:
            view = click.body["view"]
            client.views_update(view_id=view["id"], hash=view.get("hash"), view=full_list(click))

    def full_list(click: Click) -> dict:
        with transaction(deps.sessions) as session:
            asker = reader(deps, session, click.team_id, click.user_id)
            quiet = quiet_relations(session, click.team_id, asker.today, owner_ids=[click.user_id])
        ordered = attention_order(quiet, asker.today)
        return quiet_list_modal(ordered, click.user_id, asker.today, asker.language, nudge=click.nudge)

    def on_snooze(body: dict, client: WebClient, respond: Respond) -> None:
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
        finish(click, change, client, respond)

    def on_archive(body: dict, client: WebClient, respond: Respond) -> None:
        click = click_of(body)
        if not click.value.isdigit():
            return
        change = relations.perform(
            deps,
            click.team_id,
            click.user_id,
            lambda session, asker: relations.archive(session, asker, int(click.value), now=deps.now()),
        )
        finish(click, change, client, respond)

    def on_hand_over(body: dict, client: WebClient, respond: Respond) -> None:
        click = click_of(body)
        new_owner = body["actions"][0].get("selected_user")
        if click.relation_id is None or not new_owner:
            return
        heir = relations.heir(deps, click.team_id, new_owner)
        change = relations.perform(
            deps,
            click.team_id,
            click.user_id,
            lambda session, asker: relations.hand_over(
                session, asker, click.relation_id, new_owner, heir, now=deps.now()
            ),
        )
        finish(click, change, client, respond)

    def on_more(body: dict, client: WebClient) -> None:
        click = click_of(body)
        client.views_open(trigger_id=body["trigger_id"], view=full_list(click))

    def on_logged(body: dict, client: WebClient, respond: Respond) -> None:
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

    app.action("nudge_snooze")(ack=ack_now, lazy=[on_snooze])
    app.action("nudge_archive")(ack=ack_now, lazy=[on_archive])
    app.action("nudge_handover")(ack=ack_now, lazy=[on_hand_over])
    app.action("nudge_more")(ack=ack_now, lazy=[on_more])
    app.action("nudge_logged")(ack=ack_now, lazy=[on_logged])
