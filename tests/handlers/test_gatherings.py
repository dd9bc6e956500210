"""Network events, told as the organiser, the owners and the clock live them: signed requests in, the modal,
DMs and stored rows out (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from datetime import date as day

from sqlalchemy import select

from bot.digests import run_weekly_digest
from bot.domain.strategy import GoalThemes, Strategy
from bot.gatherings import gatherings_digest_section, send_followups, send_invitation_requests
from bot.members import zone
from bot.nudges import run_daily_nudge
from bot.scheduler import jobs
from storage.gatherings import create_gathering
from storage.models import Gathering, GatheringMessage, Interaction, Invitation, Relation, Workspace
from storage.quiet import quiet_relations
from storage.strategy import save_strategy
from storage.workspaces import ensure_workspace
from tests.support import seed
from tests.support.seed import PROPOSED_ORDER, build_housing_network, chooses_language, recorded
from tests.support.shown import (
    dms,
    nudged_relations,
    open_home,
    posted_digest_section,
    text_of,
    the_nudge,
    view_of,
)
from tests.support.slack_standin import TEAM_ID

WEEKDAYS_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


# --- the planning modal, as Slack holds it and reports its state --------------------------------------------
def opened_view(call) -> dict:
    """The planning modal as Slack holds it once opened (with an id and a hash)."""
    return {**view_of(call), "id": "V0PLAN", "hash": "h1"}


def blocks_by_id(view: dict) -> dict[str, dict]:
    return {block["block_id"]: block for block in view["blocks"] if "block_id" in block}


def invite_options(view: dict) -> list[dict]:
    """Every option of the proposed list, in order, across its checkbox groups."""
    return [
        option
        for block in view["blocks"]
        if block.get("block_id", "").startswith("invite_")
        for option in block["element"]["options"]
    ]


def ticked(view: dict) -> list[str]:
    return [
        option["value"]
        for block in view["blocks"]
        if block.get("block_id", "").startswith("invite_")
        for option in block["element"].get("initial_options") or []
    ]


def form_values(
    view: dict,
    *,
    name: str | None = None,
    day: str | None = None,
    at: str | None = "18:00",
    place: str | None = None,
    goal: int | None = None,
    themes=(),
    organisers=("U0ANNA",),
    invite: list[str] | None = None,
) -> dict:
    """state.values as Slack reports them for the planning modal; invite=None ticks what the view ticks."""
    values = {
        "name": {"value": {"type": "plain_text_input", "value": name}},
        "date": {"value": {"type": "datepicker", "selected_date": day}},
        "time": {"value": {"type": "timepicker", "selected_time": at}},
        "place": {"value": {"type": "plain_text_input", "value": place}},
        "organisers": {"value": {"type": "multi_users_select", "selected_users": list(organisers)}},
    }
    if "goal" in blocks_by_id(view):
        option = {"text": {"type": "plain_text", "text": "goal"}, "value": str(goal)} if goal else None
        values["goal"] = {"event_goal": {"type": "static_select", "selected_option": option}}
    if "themes" in blocks_by_id(view):
        values["themes"] = {
            "event_themes": {
                "type": "multi_static_select",
                "selected_options": [{"text": {"type": "plain_text", "text": "t"}, "value": str(t)} for t in themes],
            }
        }
    chosen = set(ticked(view) if invite is None else invite)
    for block in view["blocks"]:
        if block.get("block_id", "").startswith("invite_"):
            values[block["block_id"]] = {
                "value": {
                    "type": "checkboxes",
                    "selected_options": [o for o in block["element"]["options"] if o["value"] in chosen],
                }
            }
    return values


def open_planning_modal(goodwill, slack, user_id: str = "U0ANNA") -> dict:
    response = goodwill.command("/event", "", user_id=user_id)
    assert response.status == 200
    [call] = slack.wait_for("views.open")
    return opened_view(call)


def choose_themes(goodwill, slack, view: dict, theme_ids: list[int], **typed) -> dict:
    values = form_values(view, themes=theme_ids, **typed)
    before = len(slack.calls_to("views.update"))
    response = goodwill.view_input_action(view, values, "event_themes", "themes")
    assert response.status == 200
    call = slack.wait_for("views.update", before + 1)[-1]
    assert call["view_id"] == "V0PLAN"
    return opened_view(call)


def plan_housing_breakfast(goodwill, slack, ids, *, organisers=("U0ANNA", "U0BRAM"), untick=("Piet Smit",)):
    """Anna plans a housing breakfast on Thursday 10 December, 08:30, for the proposed list minus Piet."""
    view = open_planning_modal(goodwill, slack)
    view = choose_themes(goodwill, slack, view, [ids["#wonen"]])
    keep = [str(ids[name]) for name in PROPOSED_ORDER if name not in untick]
    values = form_values(
        view,
        name="Woonontbijt <!channel>",
        day="2026-12-10",
        at="08:30",
        place="Stadhuis",
        themes=[ids["#wonen"]],
        organisers=organisers,
        invite=keep,
    )
    response = goodwill.view_submission(view, values, user_id="U0ANNA")
    assert response.status == 200
    assert not response.body  # the modal closes
    goodwill.settle()  # planning's work after the ack (the owners' DMs) has run
    with goodwill.db.sessions() as session:
        return session.scalars(select(Gathering.id)).one()


def invitation_of(goodwill, relation_id: int) -> Invitation:
    with goodwill.db.sessions() as session:
        return session.scalars(select(Invitation).where(Invitation.relation_id == relation_id)).one()


def click_status(goodwill, slack, owner: str, relation_id: int, status: str):
    """The owner clicks a status button in their invitation DM, as it is now; returns once the work after the
    ack has run."""
    invitation = invitation_of(goodwill, relation_id)
    [message] = [m for m in dms(slack, owner) if f'"inv_{invitation.id}"' in text_of(m)]
    channel = next(channel for (channel, ts) in slack.messages if ts == message["ts"])
    before = len(slack.calls_to("chat.update"))
    response = goodwill.block_action(
        f"event_invitation_{status}",
        str(invitation.id),
        user_id=owner,
        block_id=f"inv_{invitation.id}",
        message=message,
        channel_id=channel,
    )
    assert response.status == 200
    goodwill.settle()
    return before


def anna_plans_and_karin_accepts(goodwill, slack, ids) -> int:
    """Anna alone organises the breakfast; Bram marks his relation Karin as accepted. The event's id."""
    event_id = plan_housing_breakfast(goodwill, slack, ids, organisers=("U0ANNA",))
    slack.wait_for("chat.postMessage", 3)
    before = click_status(goodwill, slack, "U0BRAM", ids["Karin Mulder"], "accepted")
    slack.wait_for("chat.update", before + 1)
    return event_id


def annas_checklist(slack) -> tuple[dict, dict]:
    """Anna's attendance checklist DM as it is now, and its checkbox group."""
    [checklist] = [m for m in dms(slack, "U0ANNA") if "Who came?" in text_of(m)]
    [group] = [b for b in checklist["blocks"] if b["type"] == "actions"]
    return checklist, group


# --- planning ------------------------------------------------------------------------------------------
def test_the_modal_proposes_relations_on_the_themes_quiet_and_cooling_first(goodwill, slack):
    ids = build_housing_network(goodwill.db.sessions)

    view = open_planning_modal(goodwill, slack)
    assert invite_options(view) == []
    assert "Pick a goal or themes" in text_of(view)

    view = choose_themes(goodwill, slack, view, [ids["#wonen"]], name="Woonontbijt")

    options = invite_options(view)
    assert [int(o["value"]) for o in options] == [ids[name] for name in PROPOSED_ORDER]
    # quiet ones say so, each with its owner; the archived relation and other themes are left out
    assert "quiet" in options[0]["description"]["text"] and "<@U0BRAM>" in options[0]["description"]["text"]
    assert "quiet" in options[1]["description"]["text"] and "<@U0ANNA>" in options[1]["description"]["text"]
    assert "quiet" not in options[2]["description"]["text"]
    assert "Woonstad" in options[0]["text"]["text"]
    assert ticked(view) == [o["value"] for o in options]  # all proposed, to be unticked at will
    assert blocks_by_id(view)["name"]["element"]["initial_value"] == "Woonontbijt"  # typed text survives


def test_among_relations_that_are_not_quiet_the_coldest_by_warmth_comes_first(goodwill, slack):

    ids = build_housing_network(goodwill.db.sessions)
    # Els was last met in August, before Piet (October), but twice more in July: she is the warmer one now.
    recorded(goodwill.db.sessions, "Els Bakker", day(2026, 7, 1))
    recorded(goodwill.db.sessions, "Els Bakker", day(2026, 7, 15))

    view = choose_themes(goodwill, slack, open_planning_modal(goodwill, slack), [ids["#wonen"]])

    names = ["Karin Mulder", "Jan de Vries", "Piet Smit", "Els Bakker"]  # quiet ones, then Piet before Els
    assert [int(o["value"]) for o in invite_options(view)] == [ids[name] for name in names]


def test_unticked_relations_stay_unticked_when_the_themes_change(goodwill, slack):
    ids = build_housing_network(goodwill.db.sessions)
    view = choose_themes(goodwill, slack, open_planning_modal(goodwill, slack), [ids["#wonen"]])
    keep = [str(ids["Karin Mulder"]), str(ids["Jan de Vries"]), str(ids["Els Bakker"])]

    view = choose_themes(goodwill, slack, view, [ids["#wonen"], ids["#energie"]], invite=keep)

    names = {int(o["value"]) for o in invite_options(view)}
    assert ids["Sanne Visser"] in names  # the energy relation joins the list …
    assert str(ids["Piet Smit"]) not in ticked(view)  # … and Piet stays unticked
    assert str(ids["Sanne Visser"]) in ticked(view)


def test_choosing_a_goal_proposes_the_relations_on_its_themes(goodwill, slack):
    ids = build_housing_network(goodwill.db.sessions)
    slack.add_user("U0ADMIN", "Ada Admin", is_admin=True)
    goodwill.command("/goodwill", "strategy", user_id="U0ADMIN")
    strategy_view = opened_view(slack.wait_for("views.open")[0])
    goodwill.view_submission(
        strategy_view,
        {
            "goal_0_name": {"value": {"type": "plain_text_input", "value": "Energy transition"}},
            "goal_0_typed": {"value": {"type": "plain_text_input", "value": "energie"}},
        },
        user_id="U0ADMIN",
    )
    slack.calls.clear()
    view = open_planning_modal(goodwill, slack)
    [(goal_id, _)] = [(o["value"], o) for o in blocks_by_id(view)["goal"]["element"]["options"]]

    values = form_values(view, goal=int(goal_id))
    goodwill.view_input_action(view, values, "event_goal", "goal")
    view = opened_view(slack.wait_for("views.update")[-1])

    assert [int(o["value"]) for o in invite_options(view)] == [ids["Sanne Visser"], ids["Piet Smit"]]
    assert "`#energie`" in text_of(view)


def test_a_planned_event_is_stored_and_each_owner_gets_exactly_one_dm(goodwill, slack):
    ids = build_housing_network(goodwill.db.sessions)

    event_id = plan_housing_breakfast(goodwill, slack, ids)

    with goodwill.db.sessions() as session:
        event = session.get(Gathering, event_id)
        invitations = session.scalars(select(Invitation).order_by(Invitation.relation_id)).all()
    assert event.name == "Woonontbijt <!channel>" and event.place == "Stadhuis"
    assert event.starts_at.replace(tzinfo=UTC) == datetime(2026, 12, 10, 7, 30, tzinfo=UTC)  # 08:30 Amsterdam
    assert {(i.relation_id, i.owner_id, i.status) for i in invitations} == {
        (ids["Jan de Vries"], "U0ANNA", "proposed"),
        (ids["Karin Mulder"], "U0BRAM", "proposed"),
        (ids["Els Bakker"], "U0ANNA", "proposed"),
    }

    slack.wait_for("chat.postMessage", 3)  # two owners, and the organiser's confirmation
    [bram] = dms(slack, "U0BRAM")
    assert "Karin Mulder" in text_of(bram) and "Jan de Vries" not in text_of(bram)
    # Bram reads Dutch; two organisers: the verb agrees, the place reads as Dutch does.
    assert "<@U0ANNA> en <@U0BRAM> organiseren *Woonontbijt" in text_of(bram)
    assert "(locatie: Stadhuis). Wil jij deze relaties uitnodigen?" in text_of(bram)
    assert "donderdag 10 december 2026, 08:30 uur" in text_of(bram)
    assert "<!channel>" not in text_of(bram)  # the event's name is escaped
    anna = dms(slack, "U0ANNA")
    assert len(anna) == 2  # her invitation list and her confirmation
    [asks] = [m for m in anna if "Jan de Vries" in text_of(m)]
    assert "Els Bakker" in text_of(asks) and "Karin" not in text_of(asks)
    [confirmation] = [m for m in anna if m is not asks]
    assert "On the list: 3 relations. I asked their 2 owners to invite theirs." in confirmation["text"]

    # Sending again (a retried lazy listener) sends nothing twice.

    assert send_invitation_requests(goodwill.deps, TEAM_ID, event_id, organiser="U0ANNA") == 0
    assert len(dms(slack, "U0BRAM")) == 1


def test_owner_clicks_update_the_status_their_dm_and_the_organisers_view(goodwill, slack):
    ids = build_housing_network(goodwill.db.sessions)
    plan_housing_breakfast(goodwill, slack, ids)
    slack.wait_for("chat.postMessage", 3)

    before = click_status(goodwill, slack, "U0BRAM", ids["Karin Mulder"], "accepted")
    slack.wait_for("chat.update", before + 1)
    assert invitation_of(goodwill, ids["Karin Mulder"]).status == "accepted"
    [bram] = dms(slack, "U0BRAM")  # the same message, updated in place
    assert "Karin Mulder* (Woonstad) — _komt_" in text_of(bram)
    [karin_buttons] = [b for b in bram["blocks"] if b["type"] == "actions"]
    assert [e.get("style") for e in karin_buttons["elements"]] == [None, "primary", None]

    before = click_status(goodwill, slack, "U0ANNA", ids["Jan de Vries"], "invited")
    slack.wait_for("chat.update", before + 1)
    before = click_status(goodwill, slack, "U0ANNA", ids["Els Bakker"], "declined")
    slack.wait_for("chat.update", before + 1)

    # The organisers see the statuses when they open their Home tab.
    home = text_of(open_home(goodwill, "U0ANNA"))
    assert "Your events" in home and "Woonontbijt &lt;!channel&gt;" in home
    assert "0 to invite · 1 invited · 1 coming · 1 not coming" in home
    assert "Karin Mulder* (Woonstad) — _accepted_" in home
    bram_home = text_of(open_home(goodwill, "U0BRAM"))
    assert "Jouw bijeenkomsten" in bram_home and "Els Bakker* (Aedes) — _komt niet_" in bram_home


def test_an_owner_cannot_mark_another_owners_relation(goodwill, slack):
    ids = build_housing_network(goodwill.db.sessions)
    plan_housing_breakfast(goodwill, slack, ids)
    slack.wait_for("chat.postMessage", 3)
    jan = invitation_of(goodwill, ids["Jan de Vries"])

    goodwill.block_action("event_invitation_accepted", str(jan.id), user_id="U0BRAM")

    [reply] = slack.wait_for("response_url")
    assert "Alleen <@U0ANNA>" in reply["text"]
    assert invitation_of(goodwill, ids["Jan de Vries"]).status == "proposed"


def test_a_day_in_the_past_an_hour_gone_or_a_blank_name_is_refused_on_the_field(goodwill, slack):
    ids = build_housing_network(goodwill.db.sessions)
    view = choose_themes(goodwill, slack, open_planning_modal(goodwill, slack), [ids["#wonen"]])

    past = goodwill.view_submission(view, form_values(view, name="Borrel", day="2026-11-25", at="18:00"))
    gone = goodwill.view_submission(view, form_values(view, name="Borrel", day="2026-11-26", at="09:30"))
    blank = goodwill.view_submission(view, form_values(view, name="   ", day="2026-12-01", at="18:00"))

    assert past.json() == {
        "response_action": "errors",
        "errors": {"date": "That day has passed: pick a date ahead."},
    }
    assert "time" in gone.json()["errors"]  # 09:30 in Amsterdam is before now (10:00)
    assert blank.json()["errors"] == {"name": "Give the event a name."}
    with goodwill.db.sessions() as session:
        assert session.scalars(select(Gathering)).all() == []
    assert slack.calls_to("chat.postMessage") == []


# --- after the event -----------------------------------------------------------------------------------
def test_the_morning_after_organisers_tick_attendance_and_it_counts_as_a_meeting(goodwill, slack, clock):
    ids = build_housing_network(goodwill.db.sessions)
    event_id = plan_housing_breakfast(goodwill, slack, ids)
    slack.wait_for("chat.postMessage", 3)
    for owner, name, status in [
        ("U0BRAM", "Karin Mulder", "accepted"),
        ("U0ANNA", "Jan de Vries", "invited"),
    ]:
        before = click_status(goodwill, slack, owner, ids[name], status)
        slack.wait_for("chat.update", before + 1)
    deps = goodwill.deps
    assert "event_followups" in [job.name for job in jobs()]

    clock.set(datetime(2026, 12, 11, 7, 55, tzinfo=UTC))  # 08:55 in Amsterdam, the day after
    assert send_followups(deps, clock.now) == 0
    clock.set(datetime(2026, 12, 11, 8, 0, tzinfo=UTC))
    assert send_followups(deps, clock.now) == 2  # one per organiser
    assert send_followups(deps, clock.now) == 0  # claimed: never twice
    clock.advance(minutes=5)
    assert send_followups(deps, clock.now) == 0

    [checklist] = [m for m in dms(slack, "U0ANNA") if "Who came?" in text_of(m)]
    [bram_checklist] = [m for m in dms(slack, "U0BRAM") if "Wie waren er?" in text_of(m)]
    [group] = [b for b in checklist["blocks"] if b["type"] == "actions"]
    offered = [o["value"] for o in group["elements"][0]["options"]]
    karin, jan = invitation_of(goodwill, ids["Karin Mulder"]), invitation_of(goodwill, ids["Jan de Vries"])
    assert offered == [str(karin.id), str(jan.id)]  # accepted first, then invited without an answer
    assert "no answer logged" in text_of(group)
    assert "Els" not in text_of(checklist)  # she declined

    with goodwill.db.sessions() as session:
        assert ids["Karin Mulder"] in {q.relation_id for q in quiet_relations(session, TEAM_ID, date(2026, 12, 11))}

    before = len(slack.calls_to("chat.update"))
    response = goodwill.checkboxes_action(
        checklist, group["block_id"], [str(karin.id)], user_id="U0ANNA", channel_id="U0ANNA"
    )
    assert response.status == 200
    slack.wait_for("chat.update", before + 2)  # both organisers' checklists
    goodwill.settle()

    with goodwill.db.sessions() as session:
        [interaction] = session.scalars(select(Interaction).where(Interaction.event_id == event_id)).all()
        karin_row = session.get(Relation, ids["Karin Mulder"])
        quiet = {q.relation_id for q in quiet_relations(session, TEAM_ID, date(2026, 12, 11))}
        themes = [t.name for t in interaction.themes]
        colleagues = [c.user_id for c in interaction.colleagues]
    assert (interaction.relation_id, interaction.kind, interaction.occurred_on) == (
        ids["Karin Mulder"],
        "event",
        date(2026, 12, 10),
    )
    assert interaction.logged_by == "U0ANNA" and colleagues == ["U0BRAM"] and themes == ["wonen"]
    assert karin_row.last_contact_on == date(2026, 12, 10)
    assert ids["Karin Mulder"] not in quiet  # attending resets the quiet timer (nudges and digest read this)
    assert ids["Jan de Vries"] in quiet
    assert invitation_of(goodwill, ids["Karin Mulder"]).status == "attended"
    updated = slack.messages[
        (next(c for (c, ts) in slack.messages if ts == bram_checklist["ts"]), bram_checklist["ts"])
    ]
    assert "1 van de 2 was er." in text_of(updated)

    # Unticking takes the attendance back.
    goodwill.checkboxes_action(checklist, group["block_id"], [], user_id="U0ANNA", channel_id="U0ANNA")
    slack.wait_for("chat.update", before + 4)
    goodwill.settle()
    with goodwill.db.sessions() as session:
        assert session.scalars(select(Interaction).where(Interaction.event_id == event_id)).all() == []
        assert ids["Karin Mulder"] in {q.relation_id for q in quiet_relations(session, TEAM_ID, date(2026, 12, 11))}
    assert invitation_of(goodwill, ids["Karin Mulder"]).status == "accepted"


def test_attendance_updates_the_owners_nudge_and_the_homes_of_owner_and_organiser_show_it(goodwill, slack, clock):

    ids = build_housing_network(goodwill.db.sessions)
    anna_plans_and_karin_accepts(goodwill, slack, ids)
    assert slack.calls_to("views.publish") == []  # a Home is drawn when its member opens it (bot.redraw)

    clock.set(datetime(2026, 12, 11, 8, 0, tzinfo=UTC))  # Friday 09:00 in Amsterdam: nudges, then the checklist
    run_daily_nudge(goodwill.deps, clock.now)
    assert ids["Karin Mulder"] in nudged_relations(the_nudge(slack, "U0BRAM"))
    send_followups(goodwill.deps, clock.now)
    checklist, group = annas_checklist(slack)
    karin = invitation_of(goodwill, ids["Karin Mulder"])

    goodwill.checkboxes_action(checklist, group["block_id"], [str(karin.id)], user_id="U0ANNA", channel_id="U0ANNA")

    # Bram's nudge no longer asks him about Karin: she came to the breakfast.
    slack.wait_for("chat.update", where=lambda c: c["channel"] == "U0BRAM" and "nudge_intro" in text_of(c["blocks"]))
    nudge = the_nudge(slack, "U0BRAM")
    assert ids["Karin Mulder"] not in nudged_relations(nudge)
    assert "contact vastgelegd (donderdag 10 december 2026) door <@U0ANNA>" in text_of(nudge)
    # Bram owns Karin: his Home no longer lists her as needing attention; Anna's shows the attendance.
    bram_home = open_home(goodwill, "U0BRAM")
    assert "Karin Mulder" not in text_of(bram_home).split("Je laatste gesprekken")[0]
    anna_home = text_of(open_home(goodwill, "U0ANNA"))
    assert "Karin Mulder — yesterday" in anna_home  # her last meetings include the event she organised


def test_only_organisers_can_tick_attendance(goodwill, slack, clock):
    ids = build_housing_network(goodwill.db.sessions)
    slack.add_user("U0CHRIS", "Chris Kok", locale="en-GB")
    anna_plans_and_karin_accepts(goodwill, slack, ids)
    clock.set(datetime(2026, 12, 11, 9, 0, tzinfo=UTC))
    assert send_followups(goodwill.deps, clock.now) == 1
    checklist, group = annas_checklist(slack)

    goodwill.checkboxes_action(
        checklist,
        group["block_id"],
        [group["elements"][0]["options"][0]["value"]],
        user_id="U0CHRIS",
        channel_id="U0CHRIS",
    )

    [reply] = slack.wait_for("response_url")
    assert "Only the event's organisers" in reply["text"]
    with goodwill.db.sessions() as session:
        assert session.scalars(select(Interaction).where(Interaction.kind == "event")).all() == []


# --- list, cancel, move --------------------------------------------------------------------------------
def test_event_list_shows_upcoming_and_recent_with_buttons_for_the_organiser(goodwill, slack, clock):
    ids = build_housing_network(goodwill.db.sessions)
    plan_housing_breakfast(goodwill, slack, ids, organisers=("U0ANNA",))
    slack.wait_for("chat.postMessage", 3)

    goodwill.command("/event", "list", user_id="U0ANNA")
    [anna] = slack.wait_for("response_url")
    goodwill.command("/event", "lijst", user_id="U0BRAM")
    bram = slack.wait_for("response_url", 2)[-1]
    assert "Woonontbijt &lt;!channel&gt;" in text_of(anna["blocks"])
    assert "3 to invite · 0 invited" in text_of(anna["blocks"])
    assert '"event_cancel"' in text_of(anna["blocks"]) and '"event_move"' in text_of(anna["blocks"])
    assert "Komende bijeenkomsten" in text_of(bram["blocks"])
    assert "event_cancel" not in text_of(bram["blocks"])  # Bram does not organise it
    # The notification text is escaped like the blocks: the event's name cannot ping the channel.
    assert anna["text"] == "Upcoming events: Woonontbijt &lt;!channel&gt;"
    # A line that opens with the day opens with a capital, in Dutch too.
    dutch_lines = [line for b in bram["blocks"] if b.get("text") for line in b["text"]["text"].split("\n")]
    assert "Donderdag 10 december 2026, 08:30 uur · Stadhuis" in dutch_lines
    assert not [line for line in dutch_lines if line.split(" ")[0] in WEEKDAYS_NL]

    clock.set(datetime(2026, 12, 14, 9, 0, tzinfo=UTC))
    goodwill.command("/event", "list", user_id="U0ANNA")
    later = slack.wait_for("response_url", 3)[-1]
    listed = text_of(later["blocks"])
    assert "No events planned" in listed and "Recent events" in listed and "0 attended" in listed
    assert "event_cancel" not in listed  # a past event is not cancelled or moved


def test_cancelling_tells_the_owners_who_invited_people_and_marks_their_dms(goodwill, slack):
    ids = build_housing_network(goodwill.db.sessions)
    event_id = plan_housing_breakfast(goodwill, slack, ids, organisers=("U0ANNA",))
    slack.wait_for("chat.postMessage", 3)
    before = click_status(goodwill, slack, "U0BRAM", ids["Karin Mulder"], "invited")
    slack.wait_for("chat.update", before + 1)
    posted = len(slack.calls_to("chat.postMessage"))

    response = goodwill.block_action("event_cancel", str(event_id), user_id="U0ANNA")

    assert response.status == 200
    [reply] = slack.wait_for("response_url")
    assert reply["replace_original"] is True
    assert "I told the owner who had invited people." in text_of(reply["blocks"])
    [notice] = [c for c in slack.wait_for("chat.postMessage", posted + 1)[posted:]]
    assert notice["channel"] == "U0BRAM"  # Anna only had proposed invitations (and she cancelled it herself)
    assert "heeft *Woonontbijt &lt;!channel&gt;*" in notice["text"] or "afgezegd" in text_of(notice["blocks"])
    assert "Karin Mulder" in text_of(notice["blocks"])
    slack.wait_for("chat.update", before + 3)  # both owners' invitation DMs are marked cancelled
    [bram] = [m for m in dms(slack, "U0BRAM") if "Woonstad" in text_of(m)]
    assert "gaat niet door" in text_of(bram) and not [b for b in bram["blocks"] if b["type"] == "actions"]
    with goodwill.db.sessions() as session:
        assert session.get(Gathering, event_id).cancelled

    # A second click (or another organiser's) tells nobody twice.
    goodwill.block_action("event_cancel", str(event_id), user_id="U0ANNA")
    slack.wait_for("response_url", 2)
    assert len(slack.calls_to("chat.postMessage")) == posted + 1


def test_someone_who_does_not_organise_it_cannot_cancel_it(goodwill, slack):
    ids = build_housing_network(goodwill.db.sessions)
    event_id = plan_housing_breakfast(goodwill, slack, ids, organisers=("U0ANNA",))
    slack.wait_for("chat.postMessage", 3)

    goodwill.block_action("event_cancel", str(event_id), user_id="U0BRAM")

    [reply] = slack.wait_for("response_url")
    assert "Alleen de organisatoren" in text_of(reply.params)
    with goodwill.db.sessions() as session:
        assert not session.get(Gathering, event_id).cancelled


def test_moving_an_event_tells_the_owners_who_invited_people(goodwill, slack):
    ids = build_housing_network(goodwill.db.sessions)
    event_id = anna_plans_and_karin_accepts(goodwill, slack, ids)

    goodwill.block_action("event_move", str(event_id), user_id="U0ANNA")
    [call] = slack.wait_for("views.open", 2)[1:]
    view = opened_view(call)
    assert blocks_by_id(view)["date"]["element"]["initial_date"] == "2026-12-10"
    assert blocks_by_id(view)["time"]["element"]["initial_time"] == "08:30"

    refused = goodwill.view_submission(
        view,
        {"date": {"value": {"selected_date": "2026-11-01"}}, "time": {"value": {"selected_time": "08:30"}}},
    )
    assert refused.json()["errors"] == {"date": "That day has passed: pick a date ahead."}
    posted = len(slack.calls_to("chat.postMessage"))
    moved = goodwill.view_submission(
        view,
        {"date": {"value": {"selected_date": "2026-12-17"}}, "time": {"value": {"selected_time": "16:00"}}},
    )
    assert moved.status == 200 and not moved.body

    calls = slack.wait_for("chat.postMessage", posted + 2)[posted:]
    [notice] = [c for c in calls if c["channel"] == "U0BRAM"]
    assert "donderdag 17 december 2026, 16:00 uur" in text_of(notice["blocks"])
    [answer] = [c for c in calls if c["channel"] == "U0ANNA"]
    assert "now starts on Thursday 17 December 2026, 16:00. I told the owner who had invited people." in answer["text"]
    with goodwill.db.sessions() as session:
        starts = session.get(Gathering, event_id).starts_at.replace(tzinfo=UTC)
    assert starts == datetime(2026, 12, 17, 15, 0, tzinfo=UTC)
    slack.wait_for("chat.update", 2, where=lambda c: c["channel"] == "U0BRAM")  # his click, then the move
    [bram] = [m for m in dms(slack, "U0BRAM") if "Woonstad" in text_of(m)]
    assert "Verplaatst van donderdag 10 december 2026" in text_of(bram)


# --- the digest ----------------------------------------------------------------------------------------
def test_the_digest_shows_accepted_ahead_and_attendance_in_the_reported_week(goodwill, slack, clock):

    ids = build_housing_network(goodwill.db.sessions)
    event_id = anna_plans_and_karin_accepts(goodwill, slack, ids)  # Thursday 10 December
    with goodwill.db.sessions() as session, session.begin():
        workspace = session.get(Workspace, TEAM_ID)
        workspace.digest_channel, workspace.default_locale = "C0NETWORK", "nl-NL"
    chooses_language(goodwill.db.sessions, "U0ANNA", "en")  # the channel reads Dutch; Anna chose English

    # Monday 30 November: the event lies in the next four weeks; one relation said yes of one invited.
    clock.set(datetime(2026, 11, 30, 8, 0, tzinfo=UTC))
    [outcome] = run_weekly_digest(goodwill.deps, clock.now, team_id=TEAM_ID)
    assert (outcome.status, outcome.week.label) == ("sent", "2026-W48")
    assert posted_digest_section(slack, "C0NETWORK", "Bijeenkomsten") == (
        "*Bijeenkomsten*\n*Komende vier weken*\n"
        "• Do 10 dec 08:30 · *Woonontbijt &lt;!channel&gt;* — 1 uitgenodigd, 1 komt"
    )

    # The morning after, Anna ticks Karin as present.
    clock.set(datetime(2026, 12, 11, 8, 0, tzinfo=UTC))
    send_followups(goodwill.deps, clock.now)
    checklist, group = annas_checklist(slack)
    karin = invitation_of(goodwill, ids["Karin Mulder"])
    goodwill.checkboxes_action(checklist, group["block_id"], [str(karin.id)], user_id="U0ANNA", channel_id="U0ANNA")
    goodwill.settle()
    with goodwill.db.sessions() as session, session.begin():
        session.get(Workspace, TEAM_ID).default_locale = "en-GB"
        assert session.scalars(
            select(GatheringMessage.kind)
            .where(GatheringMessage.event_id == event_id)
            .distinct()
            .order_by(GatheringMessage.kind)
        ).all() == ["followup", "invitations"]

    # Monday 14 December (week 50 reported), as `goodwill digest --dry-run` prints it: the attendance
    # shows, and counts as a meeting of the week.
    clock.set(datetime(2026, 12, 14, 8, 0, tzinfo=UTC))
    [dry] = run_weekly_digest(goodwill.deps, clock.now, team_id=TEAM_ID, dry_run=True)
    assert dry.week.label == "2026-W50"
    assert ("EVENTS\nThis week\n- Thu 10 Dec 08:30 · Woonontbijt <!channel> — 1 said yes, 1 attended\n") in dry.text
    assert "- Thu 10 Dec · Anna de Boer met Karin Mulder (Woonstad) · #wonen" in dry.text


def test_cancelled_events_and_those_outside_the_windows_stay_out_of_the_digest(goodwill, slack, clock):
    ids = build_housing_network(goodwill.db.sessions)
    event_id = plan_housing_breakfast(goodwill, slack, ids)  # Thursday 10 December, 08:30
    slack.wait_for("chat.postMessage", 3)
    monday_after = datetime(2026, 12, 14, 0, 0, tzinfo=zone("Europe/Amsterdam"))

    with goodwill.db.sessions() as session:
        assert [e.event_id for e in gatherings_digest_section(session, TEAM_ID, monday_after).last_week] == [event_id]
        four_weeks_before = gatherings_digest_section(
            session, TEAM_ID, datetime(2026, 11, 12, 7, 30, tzinfo=UTC)
        )  # 4 weeks before
        assert four_weeks_before.upcoming == [] and four_weeks_before.last_week == []
    with goodwill.db.sessions() as session, session.begin():
        session.get(Gathering, event_id).cancelled = True
    with goodwill.db.sessions() as session:
        gone = gatherings_digest_section(session, TEAM_ID, monday_after)
    assert gone.upcoming == [] and gone.last_week == []


def test_a_busy_organisers_home_stays_within_slacks_hundred_blocks(goodwill, slack, clock):

    with goodwill.db.sessions() as session, session.begin():
        ensure_workspace(session, TEAM_ID)
        save_strategy(
            session,
            TEAM_ID,
            Strategy(
                "Goed wonen voor iedereen " * 40,
                tuple(GoalThemes(f"Doel {n}", tuple(f"thema{n}{t}" for t in range(12))) for n in range(5)),
            ),
        )
        relations = [
            seed.relation(session, f"Relatie {n}", created_on=date(2025, 1, 1)).id for n in range(60)
        ]  # never met: all quiet
        for n in range(7):
            create_gathering(
                session,
                team_id=TEAM_ID,
                created_by="U0ANNA",
                name=f"Bijeenkomst {n}",
                starts_at=clock.now + timedelta(days=7 + n),
                timezone="Europe/Amsterdam",
                place="",
                goal_id=None,
                theme_ids=[],
                organisers=["U0ANNA"],
                relation_ids=relations,
                now=clock.now,
            )

    home = open_home(goodwill, "U0ANNA")

    assert len(home["blocks"]) <= 100
    text = text_of(home)
    assert "Why we keep our network" in text and "Doel 4" in text  # the strategy, above everything
    assert "60 relations need you" in text and "…and 30 more" in text
    assert "Your events" in text and "Bijeenkomst 4" in text and "Bijeenkomst 5" not in text
    assert "60 to invite" in text and "… and 2 more" in text  # five events shown, two summarised
    assert "Your last meetings" in text and "You own 60 relations" in text  # nothing cut at the end
