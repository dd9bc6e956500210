"""Nudges, told as the members live them: one DM in their own morning, acted on in one click.

Every story runs on SQLite and PostgreSQL, against the real app over signed HTTP and the Slack stand-in.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from sqlalchemy import select

from bot.domain.quiet import attention_order
from bot.nudges import run_daily_nudge
from storage.digest import orphaned_relations
from storage.models import AuditEntry, Interaction, Relation
from storage.nudges import claim_delivery
from storage.quiet import first_quiet_by_owner, quiet_relations
from tests.support.running import run_clock
from tests.support.seed import add_relation, set_workspace
from tests.support.shown import (
    blocks_of,
    modals_opened,
    nudged_relations,
    nudges_to,
    received,
    text_of,
    the_nudge,
    view_of,
)
from tests.support.slack_requests import meeting_form_values
from tests.support.slack_standin import TEAM_ID
from tests.support.stored import deliveries

THURSDAY = date(2026, 11, 26)  # the clock's default day; 10:00 in Amsterdam


def _network(goodwill):
    """Anna owns two quiet relations and four that are not; Bram one quiet one; Carla only a fresh one."""
    sessions = goodwill.db.sessions
    ids = {
        "jan": add_relation(
            sessions,
            "Jan de Vries",
            tier="key",
            organisation="Gemeente Den Haag",
            last_met=date(2026, 9, 1),
            by="U0BRAM",
            notes="koffie over huisvesting <!channel> & <https://evil.example|klik>",
        ),
        "karin": add_relation(sessions, "Karin Mulder", last_met=date(2026, 5, 1), notes="lunch"),
        "pieter": add_relation(sessions, "Pieter Bakker", created_on=date(2026, 11, 20)),  # new, never met
        "sanne": add_relation(sessions, "Sanne Visser", last_met=date(2026, 11, 1)),  # met recently
        "ruud": add_relation(sessions, "Ruud Smit", last_met=date(2025, 3, 1), archived=True),
        "lotte": add_relation(sessions, "Lotte Dekker", last_met=date(2025, 3, 1), snoozed_until=date(2026, 12, 1)),
        "fatima": add_relation(
            sessions,
            "Fatima El Amrani",
            owner="U0BRAM",
            last_met=date(2026, 1, 10),
            by="U0ANNA",
            notes="vroeg naar haar nieuwe rol",
        ),
        "daan": add_relation(sessions, "Daan Vos", owner="U0CARLA", last_met=date(2026, 11, 25)),
    }
    # Someone else's recent contact keeps Anna's relation warm: the last contact counts, whoever had it.
    ids["emma"] = add_relation(sessions, "Emma Bos", last_met=date(2026, 11, 24), by="U0BRAM")
    return ids


def test_each_owner_gets_one_dm_with_their_quiet_relations_and_nobody_else_gets_anything(goodwill, slack):
    slack.add_user("U0CARLA", "Carla Meijer", locale="en-GB")
    ids = _network(goodwill)

    run_clock(goodwill)

    [anna] = nudges_to(slack, "U0ANNA")
    assert nudged_relations(anna.params) == [ids["jan"], ids["karin"]]  # key relation first
    shown = text_of(anna.params)
    assert "Hi Anna, 2 of your relations have gone quiet" in shown
    assert "Gemeente Den Haag" in shown
    assert "Last contact 2 months ago (Tuesday 1 September 2026), by <@U0BRAM>" in shown
    assert "Last contact 6 months ago (Friday 1 May 2026), by you" in shown
    assert "koffie over huisvesting" in shown and "lunch" in shown
    # What people typed can neither ping the channel nor forge a link.
    assert "<!channel>" not in shown and "<https://evil" not in shown
    # One primary button that says what it does, and one menu with the rest.
    [actions] = [b for b in blocks_of(anna.params) if b.get("block_id") == f"nudge_{ids['jan']}"]
    button, menu = actions["elements"]
    assert (button["text"]["text"], button["style"], menu["type"]) == ("Log contact…", "primary", "overflow")
    assert [o["text"]["text"] for o in menu["options"]] == [
        "Snooze 1 week",
        "Snooze 2 weeks",
        "Snooze 1 month",
        "Hand over…",
        "Archive…",
    ]
    assert "A relation goes quiet when nobody has logged contact for longer than its cadence: 30 days" in shown
    assert anna["text"].startswith("2 of your relations have gone quiet: Jan de Vries")  # the notification

    [bram] = nudges_to(slack, "U0BRAM")
    assert nudged_relations(bram.params) == [ids["fatima"]]
    shown = text_of(bram.params)
    assert "Hoi Bram, een van je relaties is stilgevallen" in shown
    assert "Laatste contact 10 maanden geleden (zaterdag 10 januari 2026), door <@U0ANNA>" in shown
    assert "Contact vastleggen…" in shown and "2 weken uitstellen" in shown and "Overdragen…" in shown
    assert bram["text"] == "Een van je relaties is stilgevallen: Fatima El Amrani"

    assert nudges_to(slack, "U0CARLA") == []
    states = {d.user_id: (d.status, d.day, d.relation_ids) for d in deliveries(goodwill.db.sessions)}
    assert states["U0ANNA"] == ("sent", THURSDAY, [ids["jan"], ids["karin"]])
    assert states["U0BRAM"][0] == "sent"
    assert states["U0CARLA"][0] == "empty"


def test_a_second_run_the_same_day_sends_nothing_and_the_next_working_day_sends_again(goodwill, slack, clock):
    add_relation(goodwill.db.sessions, "Jan de Vries", last_met=date(2026, 1, 5))

    run_clock(goodwill)
    clock.advance(minutes=5)
    run_clock(goodwill)
    run_daily_nudge(goodwill.deps, clock(), respect_window=True)
    assert len(nudges_to(slack, "U0ANNA")) == 1

    clock.set(datetime(2026, 11, 28, 9, 0, tzinfo=UTC))  # Saturday
    run_clock(goodwill)
    assert len(nudges_to(slack, "U0ANNA")) == 1
    clock.set(datetime(2026, 11, 30, 8, 5, tzinfo=UTC))  # Monday, 09:05 in Amsterdam
    run_clock(goodwill)
    assert len(nudges_to(slack, "U0ANNA")) == 2


def test_each_member_is_nudged_in_their_own_morning_at_the_workspace_nudge_time(goodwill, slack, clock):
    slack.add_user("U0NINA", "Nina Kaya", tz="America/New_York", locale="en-US")
    set_workspace(goodwill.db.sessions, nudge_time="08:30")
    add_relation(goodwill.db.sessions, "Jan de Vries", last_met=date(2026, 1, 5))
    add_relation(goodwill.db.sessions, "Karin Mulder", owner="U0NINA", last_met=date(2026, 1, 5))

    clock.set(datetime(2026, 11, 26, 7, 25, tzinfo=UTC))  # 08:25 in Amsterdam
    run_clock(goodwill)
    assert slack.calls_to("chat.postMessage") == []
    clock.set(datetime(2026, 11, 26, 7, 30, tzinfo=UTC))  # 08:30 in Amsterdam, 02:30 in New York
    run_clock(goodwill)
    assert len(nudges_to(slack, "U0ANNA")) == 1 and nudges_to(slack, "U0NINA") == []
    clock.set(datetime(2026, 11, 26, 16, 0, tzinfo=UTC))  # the clock was down all morning in New York
    run_clock(goodwill)
    assert len(nudges_to(slack, "U0NINA")) == 1
    assert len(nudges_to(slack, "U0ANNA")) == 1


def test_an_admin_moves_the_nudges_to_another_time_and_the_clock_follows(goodwill, slack, clock):
    slack.add_user("U0ADMIN", "Ada Admin", locale="en-GB", is_admin=True)
    add_relation(goodwill.db.sessions, "Jan de Vries", last_met=date(2026, 1, 5))
    goodwill.command("/goodwill", "nudges 10:30", user_id="U0ADMIN")
    assert slack.wait_for("response_url")[0]["text"].startswith("Saved. On working days from 10:30")

    clock.set(datetime(2026, 11, 26, 9, 25, tzinfo=UTC))  # 10:25 in Amsterdam
    run_clock(goodwill)
    assert nudges_to(slack, "U0ANNA") == []
    clock.set(datetime(2026, 11, 26, 9, 30, tzinfo=UTC))  # 10:30 in Amsterdam
    run_clock(goodwill)
    assert len(nudges_to(slack, "U0ANNA")) == 1


def test_the_member_cache_is_refreshed_in_bulk_once_a_day_not_per_member_per_run(goodwill, slack, clock):
    add_relation(goodwill.db.sessions, "Jan de Vries", last_met=date(2026, 1, 5))
    add_relation(goodwill.db.sessions, "Fatima El Amrani", owner="U0BRAM", last_met=date(2026, 1, 5))

    for _ in range(3):
        run_clock(goodwill)
        clock.advance(minutes=5)
    assert len(slack.calls_to("users.list")) == 1
    assert slack.calls_to("users.info") == []
    clock.advance(days=1)
    run_clock(goodwill)
    assert len(slack.calls_to("users.list")) == 2


def test_more_than_five_are_summarised_and_the_rest_opens_in_a_modal(goodwill, slack):
    ids = [add_relation(goodwill.db.sessions, f"Relatie {i}", last_met=date(2026, 1, i)) for i in range(1, 9)]

    run_clock(goodwill)

    nudge = the_nudge(slack, "U0ANNA")
    assert nudged_relations(nudge) == ids[:5]  # the longest silent first
    [show_all] = [b for b in nudge["blocks"] if b.get("block_id") == "nudge_more"]
    assert show_all["elements"][0]["text"]["text"] == "Show all 8"
    assert len(json.dumps(nudge["blocks"])) < 40_000 and len(nudge["blocks"]) <= 50

    goodwill.block_action("nudge_more", "8", block_id="nudge_more", message=nudge, channel_id="U0ANNA")

    [opened] = slack.wait_for("views.open")
    view = view_of(opened)
    assert view["title"]["text"] == "Quiet relations"
    assert nudged_relations(view) == ids

    # Archiving from the list: the confirmation goes on top of it, and the list is redrawn without it.
    listed = {**view, "id": "V0LIST", "hash": "h1"}
    option = {"value": "archive", "text": {"type": "plain_text", "text": "Archive…"}}
    goodwill.block_action(
        "nudge_menu", block_id=f"nudge_{ids[7]}", view=listed, action_type="overflow", selected_option=option
    )
    [pushed] = slack.wait_for("views.push")
    confirm = view_of(pushed)
    goodwill.view_submission({**confirm, "id": "V0CONFIRM"}, {})
    [redrawn] = slack.wait_for("views.update", where=lambda c: c["view_id"] == "V0LIST")
    redrawn_view = view_of(redrawn)
    assert nudged_relations(redrawn_view) == ids[:7]
    with goodwill.db.sessions() as session:
        assert session.get(Relation, ids[7]).archived


def _menu(goodwill, slack, relation_id, choice, *, user_id="U0ANNA"):
    """A choice in the relation's menu (⋮) on Anna's nudge."""
    option = {"value": choice, "text": {"type": "plain_text", "text": choice}}
    return _click(
        goodwill, slack, "nudge_menu", relation_id, user_id=user_id, action_type="overflow", selected_option=option
    )


def _opened(slack) -> dict:
    """The modal the app opened last, as Slack holds it (with its id)."""
    return {**modals_opened(slack)[-1], "id": "V0OPENED", "hash": "h0"}


def _click(goodwill, slack, action_id, relation_id, *, user_id="U0ANNA", **kwargs):
    nudge = the_nudge(slack, "U0ANNA")
    return goodwill.block_action(
        action_id,
        block_id=f"nudge_{relation_id}",
        message=nudge,
        channel_id="U0ANNA",
        user_id=user_id,
        **kwargs,
    )


def test_snooze_hides_the_relation_until_then_and_the_nudge_shows_it_was_done(goodwill, slack, clock):
    jan = add_relation(goodwill.db.sessions, "Jan de Vries", last_met=date(2026, 1, 5))
    karin = add_relation(goodwill.db.sessions, "Karin Mulder", last_met=date(2026, 2, 5))
    run_clock(goodwill)

    _menu(goodwill, slack, jan, "snooze:2w")

    slack.wait_for("chat.update")
    nudge = the_nudge(slack, "U0ANNA")
    assert nudged_relations(nudge) == [karin]  # the to-do list empties
    assert "snoozed until Thursday 10 December 2026" in text_of(nudge)
    with goodwill.db.sessions() as session:
        assert session.get(Relation, jan).snoozed_until == date(2026, 12, 10)
        [entry] = session.scalars(select(AuditEntry)).all()
        assert (entry.actor, entry.action) == ("U0ANNA", "relation.snooze")

    clock.set(datetime(2026, 12, 9, 9, 0, tzinfo=UTC))
    run_clock(goodwill)
    assert nudged_relations(nudges_to(slack, "U0ANNA")[-1].params) == [karin]
    clock.set(datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
    run_clock(goodwill)
    assert nudged_relations(nudges_to(slack, "U0ANNA")[-1].params) == [jan, karin]


def test_archive_after_confirmation_ends_the_nudges_and_says_so(goodwill, slack, clock):
    jan = add_relation(goodwill.db.sessions, "Jan de Vries", last_met=date(2026, 1, 5))
    run_clock(goodwill)

    _menu(goodwill, slack, jan, "archive")
    confirm = _opened(slack)  # asked first, in a modal that says what archiving means
    assert (confirm["title"]["text"], confirm["submit"]["text"]) == ("Archive", "Archive")
    assert "*Jan de Vries* will no longer be a relation we keep warm" in text_of(confirm)
    with goodwill.db.sessions() as session:
        assert not session.get(Relation, jan).archived

    assert goodwill.view_submission(confirm, {}).status == 200

    slack.wait_for("chat.update")
    nudge = the_nudge(slack, "U0ANNA")
    assert nudged_relations(nudge) == []
    assert "archived" in text_of(nudge) and "All done" in text_of(nudge)
    with goodwill.db.sessions() as session:
        assert session.get(Relation, jan).archived
    clock.advance(days=1)
    run_clock(goodwill)
    assert len(nudges_to(slack, "U0ANNA")) == 1


def test_hand_over_makes_a_colleague_the_owner_and_tells_them_in_their_language(goodwill, slack):
    jan = add_relation(
        goodwill.db.sessions,
        "Jan de Vries",
        organisation="Gemeente Den Haag",
        last_met=date(2026, 1, 5),
        notes="subsidie",
    )
    run_clock(goodwill)

    _menu(goodwill, slack, jan, "handover")
    modal = _opened(slack)
    assert "Who looks after *Jan de Vries* from now on?" in text_of(modal)
    # Picking Bram redraws the modal, naming him before anything happens.
    goodwill.block_action(
        "nudge_pick_owner", block_id="new_owner", view=modal, action_type="users_select", selected_user="U0BRAM"
    )
    [update] = slack.wait_for("views.update")
    named = view_of(update)
    assert "<@U0BRAM> becomes the owner of *Jan de Vries* and gets a message about it" in text_of(named)
    with goodwill.db.sessions() as session:
        assert session.get(Relation, jan).owner_id == "U0ANNA"  # nothing happens before Hand over

    goodwill.view_submission(
        named, {"new_owner": {"nudge_pick_owner": {"type": "users_select", "selected_user": "U0BRAM"}}}
    )

    [told] = slack.wait_for("chat.postMessage", where=lambda c: c["channel"] == "U0BRAM")
    assert "<@U0ANNA> heeft *Jan de Vries* aan jou overgedragen" in text_of(told.params)
    assert "subsidie" in text_of(told.params)
    # The new owner's message has the nudge's buttons.
    [actions] = [b for b in blocks_of(told.params) if b.get("block_id") == f"nudge_{jan}"]
    assert [e["action_id"] for e in actions["elements"]] == ["nudge_logged", "nudge_menu"]
    assert actions["elements"][0]["text"]["text"] == "Contact vastleggen…"
    slack.wait_for("chat.update")
    assert "handed over to <@U0BRAM>" in text_of(the_nudge(slack, "U0ANNA"))
    with goodwill.db.sessions() as session:
        assert session.get(Relation, jan).owner_id == "U0BRAM"

    # Anna's nudge can no longer archive what is now Bram's (a nudge sent before the menu, with its own
    # archive button, is checked the same way).
    _click(goodwill, slack, "nudge_archive", jan, value=str(jan))
    [answer] = slack.wait_for("response_url")
    assert answer["response_type"] == "ephemeral"
    assert "looked after by <@U0BRAM>" in answer["text"]
    with goodwill.db.sessions() as session:
        assert not session.get(Relation, jan).archived


def test_hand_over_to_a_bot_or_someone_who_left_is_refused_politely(goodwill, slack):
    slack.add_user("U0GONE", "Gert Weg", deleted=True)
    jan = add_relation(goodwill.db.sessions, "Jan de Vries", last_met=date(2026, 1, 5))
    run_clock(goodwill)

    _menu(goodwill, slack, jan, "handover")
    modal = _opened(slack)
    nobody = goodwill.view_submission(modal, {"new_owner": {"nudge_pick_owner": {"type": "users_select"}}})
    assert nobody.json() == {"response_action": "errors", "errors": {"new_owner": "Pick the colleague who takes over."}}
    goodwill.view_submission(
        modal, {"new_owner": {"nudge_pick_owner": {"type": "users_select", "selected_user": "U0GONE"}}}
    )

    [answer] = slack.wait_for("chat.postEphemeral")
    assert "cannot own relations" in answer["text"] and (answer["channel"], answer["user"]) == ("U0ANNA", "U0ANNA")
    with goodwill.db.sessions() as session:
        assert session.get(Relation, jan).owner_id == "U0ANNA"


def _reaction(goodwill, slack, reaction, *, event_id="Ev0001", retry_num=None, user="U0ANNA"):
    nudge = the_nudge(slack, "U0ANNA")
    event = {
        "type": "reaction_added",
        "user": user,
        "reaction": reaction,
        "item_user": "U0BOT",
        "item": {"type": "message", "channel": "U0ANNA", "ts": nudge["ts"]},
        "event_ts": "1700000001.000200",
    }
    return goodwill.event(event, event_id=event_id, retry_num=retry_num)


def test_a_check_mark_on_a_nudge_about_one_relation_records_todays_contact_once(goodwill, slack):
    jan = add_relation(goodwill.db.sessions, "Jan de Vries", last_met=date(2026, 1, 5))
    run_clock(goodwill)

    assert _reaction(goodwill, slack, "white_check_mark").status == 200
    slack.wait_for("chat.update")
    # Slack thought the first delivery failed and sends it again: it must not count twice.
    assert _reaction(goodwill, slack, "white_check_mark", retry_num=1).status == 200
    assert _reaction(goodwill, slack, "white_check_mark", retry_num=2).status == 200

    with goodwill.db.sessions() as session:
        contacts = session.scalars(select(Interaction).where(Interaction.relation_id == jan)).all()
        assert [(i.occurred_on, i.logged_by) for i in contacts] == [
            (date(2026, 1, 5), "U0ANNA"),
            (THURSDAY, "U0ANNA"),
        ]
        assert session.get(Relation, jan).last_contact_on == THURSDAY
    assert "contact logged (Thursday 26 November 2026) by you" in text_of(the_nudge(slack, "U0ANNA"))


def test_zzz_snoozes_two_weeks_and_a_check_mark_on_several_relations_explains_itself(goodwill, slack):
    jan = add_relation(goodwill.db.sessions, "Jan de Vries", last_met=date(2026, 1, 5))
    karin = add_relation(goodwill.db.sessions, "Karin Mulder", last_met=date(2026, 2, 5))
    run_clock(goodwill)

    _reaction(goodwill, slack, "white_check_mark", event_id="Ev0001")
    [told] = slack.wait_for("chat.postEphemeral")
    assert told["user"] == "U0ANNA" and "one relation" in told["text"]
    _reaction(goodwill, slack, "zzz", event_id="Ev0002")
    slack.wait_for("chat.update")

    with goodwill.db.sessions() as session:
        assert session.scalars(select(Interaction).where(Interaction.occurred_on == THURSDAY)).all() == []
        assert {session.get(Relation, r).snoozed_until for r in (jan, karin)} == {date(2026, 12, 10)}
    assert nudged_relations(the_nudge(slack, "U0ANNA")) == []


def test_members_who_left_are_not_messaged_and_their_relations_are_orphaned(goodwill, slack):
    slack.add_user("U0GONE", "Gert Weg", deleted=True)
    gert = add_relation(goodwill.db.sessions, "Jan de Vries", owner="U0GONE", last_met=date(2026, 1, 5))
    add_relation(goodwill.db.sessions, "Karin Mulder", last_met=date(2026, 1, 5))

    run_clock(goodwill)

    assert nudges_to(slack, "U0GONE") == []
    assert len(nudges_to(slack, "U0ANNA")) == 1
    with goodwill.db.sessions() as session:
        assert [r.relation_id for r in orphaned_relations(session, TEAM_ID)] == [gert]


def test_a_crash_between_claim_and_send_is_recovered_later_that_day_without_doubles(goodwill, slack, clock):
    add_relation(goodwill.db.sessions, "Jan de Vries", last_met=date(2026, 1, 5))
    # A clock process claimed Anna's nudge and died before sending it.
    with goodwill.db.sessions() as session, session.begin():
        assert claim_delivery(session, TEAM_ID, "U0ANNA", THURSDAY, clock(), expected=None)

    run_clock(goodwill)
    assert nudges_to(slack, "U0ANNA") == []  # it may still be sending: wait
    clock.advance(minutes=11)
    run_clock(goodwill)
    clock.advance(minutes=5)
    run_clock(goodwill)

    assert len(nudges_to(slack, "U0ANNA")) == 1
    [delivery] = deliveries(goodwill.db.sessions)
    assert (delivery.status, delivery.attempts) == ("sent", 2)


def test_a_failed_send_does_not_stop_the_others_and_is_retried_later(goodwill, slack, clock):
    add_relation(goodwill.db.sessions, "Jan de Vries", last_met=date(2026, 1, 5))
    add_relation(goodwill.db.sessions, "Fatima El Amrani", owner="U0BRAM", last_met=date(2026, 1, 5))
    slack.error("chat.postMessage", "fatal_error")  # the first DM (Anna's) fails for good

    run_clock(goodwill)
    assert len(nudges_to(slack, "U0BRAM")) == 1
    assert {d.user_id: (d.status, d.error) for d in deliveries(goodwill.db.sessions)}["U0ANNA"] == (
        "failed",
        "fatal_error",
    )

    clock.advance(minutes=5)
    run_clock(goodwill)
    assert received(slack) == {"U0ANNA": 1, "U0BRAM": 1}
    assert {d.status for d in deliveries(goodwill.db.sessions)} == {"sent"}


def test_a_429_storm_loses_nothing_and_doubles_nothing(goodwill, slack, clock):
    users = [f"U0M{i:03d}" for i in range(4)]
    for user in users:
        slack.add_user(user, f"Member {user}")
        add_relation(goodwill.db.sessions, f"Relatie {user}", owner=user, last_met=date(2026, 1, 5))
    # Slack is rate limiting: twice for a moment (slack-sdk waits Retry-After and retries), then a long
    # storm that outlasts the retries for a member or two.
    slack.fail("chat.postMessage", status=429, retry_after=0, times=2)
    slack.fail("chat.postMessage", status=503, times=1)
    slack.fail("chat.postMessage", status=429, retry_after=0, times=5)

    run_clock(goodwill)
    assert {d.status for d in deliveries(goodwill.db.sessions)} == {"failed", "sent"}  # outlasted for some
    clock.advance(minutes=5)
    run_clock(goodwill)

    assert received(slack) == dict.fromkeys(users, 1)  # each exactly once
    assert len(slack.calls_to("chat.postMessage")) > len(users)  # the storm did happen
    assert {d.status for d in deliveries(goodwill.db.sessions)} == {"sent"}


def test_logged_it_opens_the_recording_modal_prefilled_and_saving_it_ticks_the_nudge(goodwill, slack):

    jan = add_relation(
        goodwill.db.sessions, "Jan de Vries", organisation="Gemeente Den Haag", last_met=date(2026, 1, 5)
    )
    karin = add_relation(goodwill.db.sessions, "Karin Mulder", last_met=date(2026, 2, 5))
    run_clock(goodwill)

    _click(goodwill, slack, "nudge_logged", jan, value=str(jan))

    [opened] = slack.wait_for("views.open")
    view = view_of(opened)
    assert view["callback_id"] == "meeting"
    [relation_block] = [b for b in view["blocks"] if b.get("block_id") == "relation"]
    assert relation_block["element"]["initial_option"]["value"] == str(jan)  # prefilled with the relation
    [date_block] = [b for b in view["blocks"] if b.get("block_id") == "date"]
    assert date_block["element"]["initial_date"] == "2026-11-26"

    saved = goodwill.view_submission(
        view, meeting_form_values(relation_id=jan, day="2026-11-25", notes="belde over subsidie")
    )
    assert saved.status == 200

    slack.wait_for("chat.update")
    nudge = the_nudge(slack, "U0ANNA")
    assert nudged_relations(nudge) == [karin]
    assert "contact logged (Wednesday 25 November 2026) by you" in text_of(nudge)
    with goodwill.db.sessions() as session:
        assert session.get(Relation, jan).last_contact_on == date(2026, 11, 25)


def test_the_databases_ranking_is_the_domains_attention_order(db):

    tiers = ("wider", "key", "regular")
    for i in range(40):
        add_relation(
            db.sessions,
            f"Relatie {chr(65 + i % 7)} {i}",
            owner=("U0ANNA", "U0BRAM")[i % 2],
            tier=tiers[i % 3],
            last_met=date(2025, 1 + i % 12, 1 + i % 5),
        )
    with db.sessions() as session:
        ranked = first_quiet_by_owner(session, TEAM_ID, THURSDAY, first=5)
        quiet = quiet_relations(session, TEAM_ID, THURSDAY)
    for owner in ("U0ANNA", "U0BRAM"):
        mine = attention_order([r for r in quiet if r.owner_id == owner], THURSDAY)
        first, total = ranked[owner]
        assert [r.relation_id for r in attention_order(first, THURSDAY)] == [r.relation_id for r in mine[:5]]
        assert total == len(mine)
