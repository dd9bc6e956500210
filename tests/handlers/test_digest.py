"""The weekly digest, told as a team lead would see it: a small team with a known history, week 47 of 2026
(Monday 16 to Sunday 22 November, Europe/Amsterdam), posted on Monday 23 November at 09:00."""

from __future__ import annotations

import struct
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.digests import compute_digest, run_weekly_digest
from bot.domain.digest import Week
from bot.recording import meeting_stamp, undo_meeting, update_meeting
from bot.render.digest import MAX_BLOCKS, SECTION_CHARS, digest_message, digest_text
from storage.forget import forget_relation
from storage.history import add_interaction, change_relation, create_relation
from storage.models import DigestDelivery, Interaction, Member, Workspace
from storage.relations import themes_named
from tests.support.seed import (
    CHANNEL,
    HISTORY_STARTS,
    MONDAY_0900_AMSTERDAM,
    W47,
    add_goals,
    add_members,
    build_known_history,
    known_history,
    meeting,
    relation,
)
from tests.support.shown import blocks_of, lines_of
from tests.support.slack_standin import TEAM_ID

EXPECTED_EN = """\
Weekly digest · week 47
Mon 16 Nov to Sun 22 Nov 2026 (2026-W47)

NEEDS ATTENTION
Key relations gone quiet, longest first (2):
- Pieter Bakker (Provincie Zuid-Holland) — silent for 113 days. Next: Cees Visser gets in touch.
- Karin Mulder (Woonbond) — silent for 68 days. Next: Anna de Boer gets in touch.
Also quiet:
- Ruud Smit (Aedes) — wider circle, silent for 631 days. Next: its owner has left, so a team lead picks a new one on its card (`/relation`).
- Sanne Visser (Gemeente Utrecht) — regular relation, silent for 205 days. Next: Anna de Boer gets in touch.
4 key relations have been met by only one colleague this year. 1 relation's owner has left the workspace. Team leads find which in their copy of this digest, with the next step for each.

ACTIVITY
3 meetings, logged by 3 colleagues
Last week: 2 meetings by 2 colleagues ↑ · 0.5 meetings a week, 8-week average ↑

THEMES
- #wonen: 4 active relations · 2 meetings this week
- #onderwijs: 1 active relation · 1 meeting this week
- #zorg: 1 active relation · 1 meeting this week
- #lobby: 1 active relation · 0 meetings this week
No meeting in the last quarter: #lobby

GIVE AND TAKE
Relations where the logged give and take over the last year is lopsided (2):
- Lotte de Graaf (Ministerie van BZK), owner Bram Jansen — we mostly ask (they offered 4×, we offered 0×)
- Ahmed Yilmaz (Vluchtelingenwerk), owner Cees Visser — we mostly give (we offered 3×, they offered 1×)

TOP CONNECTORS
Who kept the most relations warm this week — thank you!
1. Bram Jansen — 3 relations
2. Anna de Boer — 2 relations
3. Cees Visser — 1 relation

MEETINGS THIS WEEK
- Sun 22 Nov · Anna de Boer met Jan de Vries (Gemeente Den Haag) with Bram Jansen · #wonen
- Wed 18 Nov · Cees Visser met Ahmed Yilmaz (Vluchtelingenwerk) with Anna de Boer, Bram Jansen · #wonen #zorg
- Mon 16 Nov · Bram Jansen met Fatima El Amrani (Hogeschool Rotterdam) · #onderwijs
"""  # noqa: E501 (the digest as printed)


def _digest(db, week=W47, today=date(2026, 11, 23)):
    with db.sessions() as session:
        return compute_digest(session, TEAM_ID, week, today)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    return struct.unpack(">II", data[16:24])


# --- the figures ---------------------------------------------------------------------------------------
def test_every_section_of_a_known_week(db):
    known_history(db.sessions)
    digest = _digest(db)

    assert digest_text(digest, "en") == EXPECTED_EN
    week = digest.this_week
    assert (week.meetings, week.colleagues, week.last_week_meetings, week.last_week_colleagues) == (
        3,
        3,
        2,
        2,
    )
    assert week.average_meetings == 0.5  # W39–W46: 1 Oct, 10 Oct, 10 Nov, 15 Nov → 4 / 8
    assert [(c.user_id, c.relations) for c in digest.connectors] == [
        ("U0BRAM", 3),
        ("U0ANNA", 2),
        ("U0CEES", 1),
    ]


def test_the_chart_series_stacks_tiers_per_week_with_the_quiet_count(db):
    known_history(db.sessions)
    chart = _digest(db).chart

    assert [w.label for w in chart.weeks] == [f"2026-W{n}" for n in range(36, 48)]
    assert chart.meetings_by_tier["key"] == (1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 2)
    assert chart.meetings_by_tier["regular"] == (0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1)
    assert chart.meetings_by_tier["wider"] == (0,) * 12
    # Pieter (due 31 Aug), Sanne and Ruud are quiet all along; Karin from 15 October (W42).
    assert chart.quiet == (3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4)


def test_quiet_relations_of_other_tiers_are_named_when_few_and_counted_when_many(db):

    known_history(db.sessions)  # Sanne (regular) and Ruud (wider) are quiet: named, each with the next step
    few = digest_text(_digest(db), "en")
    assert "- Sanne Visser (Gemeente Utrecht) — regular relation, silent for 205 days. Next: Anna de Boer" in few

    with db.sessions() as session, session.begin():
        for i in range(4):
            relation(session, f"Stil Contact {i}", owner="U0BRAM", created_on=HISTORY_STARTS)  # never met: quiet
    many = digest_text(_digest(db), "nl")
    counted = "Ook stil: 5 reguliere relaties en 1 in de bredere kring. Hun eigenaren vinden ze in hun herinneringen."
    assert counted in many
    assert "Stil Contact" not in many and "Sanne Visser" not in many


def test_week_boundaries_monday_and_sunday_belong_to_their_week(db):
    known_history(db.sessions)
    w48 = _digest(db, Week(2026, 48), today=date(2026, 11, 30))
    w46 = _digest(db, Week(2026, 46))

    assert [m.occurred_on for m in w48.this_week.shown] == [date(2026, 11, 23)]  # Monday of W48
    assert [m.occurred_on for m in w46.this_week.shown] == [date(2026, 11, 15), date(2026, 11, 10)]
    assert (w48.this_week.last_week_meetings, w48.this_week.meetings) == (3, 1)
    assert "Last week: 3 meetings by 3 colleagues ↓" in digest_text(w48, "en")


def test_themes_are_grouped_under_goals_with_what_is_missing(db):
    known_history(db.sessions)
    with db.sessions() as session, session.begin():
        add_goals(session)
    text = digest_text(_digest(db), "en")

    assert (
        "THEMES\n"
        "Betaalbaar wonen\n"
        "    - #wonen: 4 active relations · 2 meetings this week\n"
        "Kansengelijkheid\n"
        "    - #onderwijs: 1 active relation · 1 meeting this week\n"
        "Lobby in Den Haag — ⚠ no key relation; no meeting in the last quarter\n"
        "    - #lobby: 1 active relation · 0 meetings this week\n"
        "Klimaat — ⚠ no themes yet\n"
        "Other themes\n"
        "    - #zorg: 1 active relation · 1 meeting this week\n"
        "No meeting in the last quarter: #lobby\n"
    ) in text
    # Goals without meetings need attention, each with its next step.
    assert (
        "Goals without meetings:\n"
        "- Lobby in Den Haag — no meeting in the last quarter. Next: `/whoknows #lobby` shows who could pick it up, "
        "or plan an event with `/event`.\n"
        "- Klimaat — no themes yet. Next: a team lead gives it themes (`/goodwill strategy`).\n"
    ) in text
    assert text.index("Goals without meetings") < text.index("ACTIVITY") < text.index("THEMES")


def test_archived_relations_leave_their_themes_active_and_key_figures(db):
    r = known_history(db.sessions)
    with db.sessions() as session, session.begin():
        add_goals(session)
        change_relation(session, TEAM_ID, r["karin"].id, archived=True)  # key, #wonen (Jan stays its key relation)
        change_relation(session, TEAM_ID, r["fatima"].id, archived=True)  # key, #onderwijs's only relation
    text = digest_text(_digest(db), "en")

    assert (
        "Betaalbaar wonen\n"
        "    - #wonen: 3 active relations · 2 meetings this week\n"
        "Kansengelijkheid — ⚠ no key relation\n"
        "    - #onderwijs: 0 active relations · 1 meeting this week\n"
    ) in text


def test_an_empty_week_says_so_and_leaves_every_other_section_out(db):
    with db.sessions() as session, session.begin():
        add_members(session)
    digest = _digest(db)
    message = digest_message(digest, "en")

    assert digest_text(digest, "en") == (
        "Weekly digest · week 47\nMon 16 Nov to Sun 22 Nov 2026 (2026-W47)\n\nNEEDS ATTENTION\n"
        "Nothing needs attention this week. :sunny:\n\nACTIVITY\nNo meetings were logged this week.\n"
    )
    assert [b["type"] for b in message["blocks"]] == ["header", "context", "divider", "section", "divider", "section"]
    assert "No meetings were logged this week." in lines_of(message["blocks"])


def test_names_are_escaped_so_they_cannot_ping_or_link(db):
    with db.sessions() as session, session.begin():
        add_members(session)
        evil = relation(
            session, "<!channel> Eve", organisation="<https://x.io|Bank>", tier="key", created_on=HISTORY_STARTS
        )
        meeting(session, evil, date(2026, 11, 17))
    shown = lines_of(digest_message(_digest(db), "en")["blocks"])

    assert "<!channel>" not in shown and "<https://" not in shown
    assert "&lt;!channel&gt; Eve" in shown


def _meeting(session, relation_id, day):
    return session.scalars(
        select(Interaction).where(Interaction.relation_id == relation_id, Interaction.occurred_on == day)
    ).one()


def _edit(session, interaction, *, colleagues=None, day=None, gave=None, got=None):
    update_meeting(
        session,
        team_id=TEAM_ID,
        user_id=interaction.logged_by,
        interaction_ids=[interaction.id],
        occurred_on=day or interaction.occurred_on,
        colleagues=[c.user_id for c in interaction.colleagues] if colleagues is None else colleagues,
        themes=[t.name for t in interaction.themes],
        notes=interaction.notes,
        gave=gave if gave is not None else interaction.gave,
        got=got if got is not None else interaction.got,
        kind=interaction.kind,
        private=interaction.private,
    )


def _single(digest) -> list[str]:
    return [ref.name for ref in digest.depends.single]


def test_the_figures_follow_edits_undo_tiers_and_forgetting(db):
    """Every section is read from values storage keeps with the relations and interactions: each change
    below, made the way Goodwill makes it, shows in the next digest, and undoing it restores the original."""
    with db.sessions() as session, session.begin():
        r = {name: relation.id for name, relation in build_known_history(session).items()}

    # Cees adds Anna to his August meeting with Pieter: Pieter no longer depends on Cees alone.
    with db.sessions() as session, session.begin():
        _edit(session, _meeting(session, r["pieter"], date(2026, 8, 1)), colleagues=["U0ANNA"])
    assert _single(_digest(db)) == ["Eva Jansen", "Fatima El Amrani", "Karin Mulder"]
    with db.sessions() as session, session.begin():
        _edit(session, _meeting(session, r["pieter"], date(2026, 8, 1)), colleagues=[])
    assert digest_text(_digest(db), "en") == EXPECTED_EN

    # Bram moves his Monday meeting with Fatima back to Sunday 8 November (W45).
    with db.sessions() as session, session.begin():
        _edit(session, _meeting(session, r["fatima"], date(2026, 11, 16)), day=date(2026, 11, 8))
    moved = _digest(db)
    assert (moved.this_week.meetings, moved.this_week.colleagues) == (2, 3)
    assert moved.chart.meetings_by_tier["key"] == (1, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 1)
    assert [(t.name, t.meetings_this_week) for t in moved.themes.themes if t.name == "onderwijs"] == [("onderwijs", 0)]
    connectors = [(c.user_id, c.relations) for c in moved.connectors]
    assert connectors == [("U0ANNA", 2), ("U0BRAM", 2), ("U0CEES", 1)]
    # … then undoes it: Fatima was last met on 1 September, by Bram alone.
    with db.sessions() as session, session.begin():
        meeting = _meeting(session, r["fatima"], date(2026, 11, 8))
        shown = meeting_stamp([meeting.id], [(r["fatima"], "fatima el amrani")])
        undo_meeting(
            session,
            team_id=TEAM_ID,
            user_id="U0BRAM",
            interaction_ids=[meeting.id],
            created_relation_ids=[],
            shown=shown,
        )
    undone = _digest(db)
    assert undone.chart.meetings_by_tier["key"] == (1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 1, 1)
    assert "Fatima El Amrani" in _single(undone)

    # Lotte becomes a key relation: her meetings move to the key row, and only Bram met her this year.
    with db.sessions() as session, session.begin():
        change_relation(session, TEAM_ID, r["lotte"], tier="key", cadence_days=30)
    key = _digest(db)
    assert key.chart.meetings_by_tier["key"] == (1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 2, 1)
    assert key.chart.meetings_by_tier["regular"] == (0,) * 11 + (1,)
    assert "Lotte de Graaf" in _single(key)

    # Bram's gives to Lotte even out her give and take; forgetting Ahmed takes his away altogether.
    with db.sessions() as session, session.begin():
        for day in (date(2026, 10, 10), date(2026, 7, 1), date(2026, 3, 1)):
            _edit(session, _meeting(session, r["lotte"], day), gave="rapport")
        forget_relation(session, TEAM_ID, r["ahmed"], actor="U0ANNA", at=MONDAY_0900_AMSTERDAM)
    balanced = _digest(db)
    assert (balanced.give_take, balanced.give_take_total) == ((), 0)
    assert balanced.this_week.meetings == 1
    assert [(t.name, t.active_relations, t.meetings_last_quarter) for t in balanced.themes.themes] == [
        ("wonen", 3, 5),
        ("lobby", 1, 0),
        ("onderwijs", 1, 0),
        ("zorg", 0, 0),
    ]


# --- posting it ----------------------------------------------------------------------------------------
def test_the_clock_posts_once_on_monday_at_nine_with_chart_and_dutch_copy_for_the_lead(goodwill, slack, clock, db):
    known_history(db.sessions, slack, digest_channel=CHANNEL)
    with db.sessions() as session, session.begin():
        session.get(Member, (TEAM_ID, "U0BRAM")).is_lead = True

    clock.set(MONDAY_0900_AMSTERDAM - timedelta(minutes=5))
    [early] = run_weekly_digest(goodwill.deps, clock())
    assert early.status == "not_yet" and slack.calls_to("chat.postMessage") == []

    clock.set(MONDAY_0900_AMSTERDAM)
    [outcome] = run_weekly_digest(goodwill.deps, clock())
    assert outcome.status == "sent" and outcome.week == W47

    posts = slack.calls_to("chat.postMessage")
    [channel_post] = [p for p in posts if p["channel"] == CHANNEL]
    blocks = blocks_of(channel_post)
    shown = lines_of(blocks)
    # What needs attention first, then the figures, the week's meetings last.
    attention, figures, meetings = (
        shown.index(heading) for heading in ("*Needs attention*", "*Activity*", "*Meetings this week*")
    )
    assert attention < figures < meetings
    assert "• *Pieter Bakker* (Provincie Zuid-Holland) — silent for 113 days. Next: Cees Visser gets in touch." in shown
    assert "*3 meetings, logged by 3 colleagues*" in shown
    assert "0.5 meetings a week, 8-week average ↑" in shown
    assert "• Sun 22 Nov · Anna de Boer met *Jan de Vries* (Gemeente Den Haag) with Bram Jansen · `#wonen`" in shown
    # The channel counts who relations depend on; the lead's copy names them.
    assert "4 key relations have been met by only one colleague this year." in shown and "only Anna" not in shown
    assert "<@" not in shown  # names, not mentions: the digest pings nobody
    assert (
        channel_post["text"]
        == "Goodwill weekly digest, week 47: 2 key relations gone quiet · 3 meetings by 3 colleagues"
    )
    assert len(blocks) <= MAX_BLOCKS

    [chart] = slack.shared_files(CHANNEL)
    assert chart["filename"] == "goodwill-2026-W47.png"
    assert _png_size(chart["content"]) == (1000, 500)

    [dm] = [p for p in posts if p["channel"] != CHANNEL]  # Bram, the lead, reads Dutch
    dutch = lines_of(blocks_of(dm))
    assert "*3 gesprekken, vastgelegd door 3 collega's*" in dutch
    assert "Vorige week: 2 gesprekken door 2 collega's ↑ · gemiddeld 0,5 gesprekken per week over 8 weken ↑" in dutch
    assert (
        "• *Pieter Bakker* (Provincie Zuid-Holland) — 113 dagen stil. Volgende stap: Cees Visser neemt contact op."
        in dutch
    )
    assert (
        "• *Eva Jansen* (GGD) — alleen Anna de Boer. Volgende stap: Anna de Boer neemt de volgende keer een "
        "collega mee."
    ) in dutch
    assert len(slack.shared_files(dm["channel"])) == 1

    clock.advance(minutes=5)
    [again] = run_weekly_digest(goodwill.deps, clock())
    clock.advance(days=3)
    [later] = run_weekly_digest(goodwill.deps, clock())
    assert again.status == later.status == "already"
    assert len(slack.calls_to("chat.postMessage")) == 2
    with db.sessions() as session:
        [row] = session.scalars(select(DigestDelivery)).all()
    assert (row.week, row.status, row.channel_id, row.attempts) == ("2026-W47", "sent", CHANNEL, 1)


def test_the_schedule_follows_the_workspace_time_zone(goodwill, slack, clock, db):
    known_history(db.sessions, slack, digest_channel=CHANNEL, digest_time="00:15")
    clock.set(datetime(2026, 11, 22, 23, 0, tzinfo=UTC))  # Monday 00:00 in Amsterdam, still Sunday in UTC
    assert run_weekly_digest(goodwill.deps, clock())[0].status == "not_yet"
    clock.set(datetime(2026, 11, 22, 23, 30, tzinfo=UTC))  # Monday 00:30 in Amsterdam
    [outcome] = run_weekly_digest(goodwill.deps, clock())
    assert (outcome.status, outcome.week) == ("sent", W47)  # in UTC it would still have been W46's turn


def test_a_failed_post_is_retried_by_the_next_run_and_sent_once(goodwill, slack, clock, db):
    known_history(db.sessions, slack, digest_channel=CHANNEL)
    slack.error("chat.postMessage", "channel_not_found")
    clock.set(MONDAY_0900_AMSTERDAM)
    assert run_weekly_digest(goodwill.deps, clock())[0].status == "failed"
    with db.sessions() as session:
        [row] = session.scalars(select(DigestDelivery)).all()
    assert (row.status, row.error) == ("failed", "channel_not_found")

    clock.advance(minutes=5)
    assert run_weekly_digest(goodwill.deps, clock())[0].status == "sent"
    clock.advance(minutes=5)
    assert run_weekly_digest(goodwill.deps, clock())[0].status == "already"
    assert len([c for c in slack.calls_to("chat.postMessage") if c["channel"] == CHANNEL]) == 2  # 1 failed, 1 ok
    assert len(slack.shared_files(CHANNEL)) == 1


def test_a_claim_left_by_a_crashed_run_is_taken_over_only_when_stale(goodwill, slack, clock, db):
    known_history(db.sessions, slack, digest_channel=CHANNEL)
    clock.set(MONDAY_0900_AMSTERDAM)
    with db.sessions() as session, session.begin():
        session.add(
            DigestDelivery(
                team_id=TEAM_ID,
                week="2026-W47",
                status="claimed",
                attempts=1,
                claimed_at=clock() - timedelta(minutes=2),
            )
        )
    assert run_weekly_digest(goodwill.deps, clock())[0].status == "busy"
    assert slack.calls_to("chat.postMessage") == []

    clock.advance(minutes=20)
    assert run_weekly_digest(goodwill.deps, clock())[0].status == "sent"
    with db.sessions() as session:
        [row] = session.scalars(select(DigestDelivery)).all()
    assert (row.status, row.attempts) == ("sent", 2)


def test_a_run_that_died_after_posting_never_posts_again(goodwill, slack, clock, db):
    known_history(db.sessions, slack, digest_channel=CHANNEL)
    clock.set(MONDAY_0900_AMSTERDAM)
    with db.sessions() as session, session.begin():
        session.add(
            DigestDelivery(
                team_id=TEAM_ID,
                week="2026-W47",
                status="claimed",
                attempts=1,
                claimed_at=clock() - timedelta(minutes=1),
                channel_id=CHANNEL,
                message_ts="1700000001.000001",
            )
        )
    assert run_weekly_digest(goodwill.deps, clock())[0].status == "busy"  # it may still be sending the copies
    clock.advance(minutes=20)
    assert run_weekly_digest(goodwill.deps, clock())[0].status == "sent"
    assert slack.calls_to("chat.postMessage") == []


def test_without_a_channel_the_job_posts_nothing(goodwill, slack, clock, db):
    known_history(db.sessions, slack)
    clock.set(MONDAY_0900_AMSTERDAM)
    assert run_weekly_digest(goodwill.deps, clock())[0].status == "no_channel"
    assert slack.calls_to("chat.postMessage") == []


def test_a_large_team_is_summarised_within_block_kit_limits(goodwill, slack, clock, db):
    with db.sessions() as session, session.begin():
        add_members(session)
        ws = session.get(Workspace, TEAM_ID)
        ws.digest_channel = CHANNEL
        for i in range(120):
            user = f"U1{i:04d}"
            session.add(
                Member(team_id=TEAM_ID, user_id=user, real_name=f"Colleague {i} " + "x" * 60, fetched_at=clock())
            )
            for j in range(3):
                name = f"Relation {i}-{j} with a rather long name " + "y" * 80
                rel = create_relation(
                    session,
                    team_id=TEAM_ID,
                    name=name,
                    organisation="Organisation " + "z" * 80,
                    owner_id=user,
                    created_on=date(2025, 1, 1),
                    tier="key",
                )
                rel.themes = themes_named(session, TEAM_ID, [f"theme{(i * 3 + j) % 40}"])
                if j == 0:
                    add_interaction(
                        session,
                        team_id=TEAM_ID,
                        relation_id=rel.id,
                        occurred_on=date(2026, 11, 17),
                        logged_by=user,
                        colleagues=[f"U1{(i + 1) % 120:04d}"],
                        themes=rel.themes,
                        got="x",
                    )
                    for k in range(3):
                        add_interaction(
                            session,
                            team_id=TEAM_ID,
                            relation_id=rel.id,
                            occurred_on=date(2026, 6, 1 + k),
                            logged_by=user,
                            got="y",
                        )
                elif j == 1:
                    add_interaction(
                        session,
                        team_id=TEAM_ID,
                        relation_id=rel.id,
                        occurred_on=date(2026, 5, 1),
                        logged_by=user,
                    )
    clock.set(MONDAY_0900_AMSTERDAM)
    assert run_weekly_digest(goodwill.deps, clock())[0].status == "sent"

    [post] = [p for p in slack.calls_to("chat.postMessage") if p["channel"] == CHANNEL]
    blocks = blocks_of(post)
    assert len(blocks) <= MAX_BLOCKS
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= SECTION_CHARS
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
    shown = lines_of(blocks)
    assert "*120 meetings, logged by 120 colleagues*" in shown
    assert "… and 95 more" in shown  # 25 of 120 meetings listed
    assert "Key relations gone quiet, longest first (240):" in shown
    assert "… and 230 more" in shown  # 10 of the 240 quiet key relations
    assert "120 key relations have been met by only one colleague this year." in shown  # counted, in the channel
    assert "Relations where the logged give and take over the last year is lopsided (120):" in shown
    assert "… and 110 more" in shown
    assert len(slack.shared_files(CHANNEL)) == 1


# --- the command line ---------------------------------------------------------------------------------
@pytest.fixture
def cli_env(monkeypatch, tmp_path, db, slack):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-goodwill-test")
    monkeypatch.setenv("SLACK_API_URL", slack.api_url)
    monkeypatch.setenv("GOODWILL_DIGEST_CHANNEL", CHANNEL)
    return tmp_path


def test_dry_run_prints_the_digest_writes_the_chart_and_sends_nothing(cli_env, db, slack, capsys):
    known_history(db.sessions, slack)
    slack.calls.clear()
    chart = cli_env / "chart.png"

    assert main(["digest", "--dry-run", "--week", "2026-W47", "--chart", str(chart)]) == 0

    out = capsys.readouterr().out
    assert out.startswith(EXPECTED_EN)
    assert "(dry run: nothing sent; channel would be C0NETWORK" in out
    assert _png_size(chart.read_bytes()) == (1000, 500)
    assert [c.method for c in slack.calls] == []
    with db.sessions() as session:
        assert session.scalars(select(DigestDelivery)).all() == []


def test_goodwill_digest_posts_now_and_only_once_per_week(cli_env, db, slack, capsys):
    known_history(db.sessions, slack)

    assert main(["digest", "--week", "2026-W47"]) == 0
    assert "posted the digest for 2026-W47" in capsys.readouterr().out
    assert main(["digest", "--week", "2026-W47"]) == 2
    assert "already posted" in capsys.readouterr().err
    assert len([c for c in slack.calls_to("chat.postMessage") if c["channel"] == CHANNEL]) == 1


def test_goodwill_digest_explains_bad_input_in_one_line(cli_env, db, slack, capsys, monkeypatch):
    known_history(db.sessions, slack)
    assert main(["digest", "--week", "2026-48"]) == 2
    assert capsys.readouterr().err.strip() == "goodwill: '2026-48' is not a week; write it as YYYY-Www, e.g. 2026-W48"
    assert main(["digest", "--week", "2999-W01"]) == 2
    assert "not over yet" in capsys.readouterr().err
    monkeypatch.delenv("GOODWILL_DIGEST_CHANNEL")
    assert main(["digest", "--week", "2026-W47"]) == 2
    assert "no digest channel" in capsys.readouterr().err
    assert slack.calls_to("chat.postMessage") == []
