"""The network's storage questions on the known network, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from storage import network as store
from storage.history import (
    add_interaction,
    add_themes,
    change_relation,
    create_relation,
    refresh_workspace,
    update_interaction,
)
from storage.models import Interaction, InteractionColleague, Relation, relation_themes
from storage.workspaces import ensure_workspace
from tests.support.seed import TODAY, build_known_network
from tests.support.slack_standin import TEAM_ID


def test_private_notes_are_withheld_from_everyone_but_their_author(db):
    network = build_known_network(db.sessions)
    with db.sessions() as session:
        for_anna = store.recent_interactions(session, TEAM_ID, network.jan, viewer_id="U0ANNA")
        for_bram = store.recent_interactions(session, TEAM_ID, network.jan, viewer_id="U0BRAM")
    private_for_anna = next(line for line in for_anna if line.private)
    assert private_for_anna.withheld and private_for_anna.notes == "" and private_for_anna.got is None
    private_for_bram = next(line for line in for_bram if line.private)
    assert not private_for_bram.withheld and private_for_bram.got == "een tip"


def test_whoknows_reads_the_most_recently_met_relations_first_when_there_are_many(db):
    build_known_network(db.sessions)
    ids = store.matching_relations(TEAM_ID, theme=None, organisations=["Gemeente Den Haag"], people=[])
    with db.sessions() as session:
        everyone = store.who_knows(session, TEAM_ID, ids, today=TODAY)
        bounded = store.who_knows(session, TEAM_ID, ids, today=TODAY, most_recent=1)
        within_one_tie = store.who_knows(session, TEAM_ID, ids, today=TODAY, tie_budget=1)
        within_two_ties = store.who_knows(session, TEAM_ID, ids, today=TODAY, tie_budget=2)
    assert [p.user_id for p in everyone.acquaintances] == ["U0BRAM", "U0ANNA", "U0CARLA"]
    assert (everyone.colleague_count, everyone.relations_read) == (3, 2)
    # Karin (met 20 Nov, by Bram alone) is newer than Jan (5 Nov): only her ties are read.
    karin_only = [("U0BRAM", ["Karin Mulder"])]
    assert [(p.user_id, [t.name for t in p.ties]) for p in bounded.acquaintances] == karin_only
    assert (bounded.colleague_count, bounded.relations_read) == (1, 1)
    # A budget of ties stops after the relation that reaches it, never inside one.
    assert within_one_tie == bounded
    assert within_two_ties == everyone


def test_queries_are_scoped_to_the_workspace(db):
    network = build_known_network(db.sessions)
    with db.sessions() as session:
        assert store.relation_card(session, "T0OTHER", network.jan, viewer_id="U0ANNA", today=TODAY) is None
        assert store.relations_with_name(session, "T0OTHER", "Jan de Vries") == []
        assert store.colleagues_who_met(session, "T0OTHER", network.jan) == []
        assert store.colleagues_who_met(session, TEAM_ID, network.jan) != []
        assert store.theme_overview(session, "T0OTHER", TODAY) == []
        ids = store.matching_relations(
            "T0OTHER", theme="wonen", organisations=["Gemeente Den Haag"], people=["Jan de Vries"]
        )
        assert store.who_knows(session, "T0OTHER", ids, today=TODAY) == ([], 0, 0)
        assert store.last_meetings(session, "T0OTHER", "U0ANNA") == []


def test_whoknows_orders_ties_and_colleagues_and_counts_each_contact_once(db):
    """Equal warmth goes to the later meeting, then the name (case-insensitively); a colleague with more warm
    ties ranks first; an
    interaction with several attendees counts once for its logger and once for each attendee.
    Cor, met 56 days ago (cadence 90): 100 · 0.5^(56/90) = 65; a message 6 days ago: 40 · 0.5^(6/90) = 38."""

    with db.sessions() as session, session.begin():
        ensure_workspace(session, TEAM_ID)

        def relation(name: str) -> int:
            made = create_relation(
                session,
                team_id=TEAM_ID,
                name=name,
                owner_id="U0ANNA",
                organisation="Woonbond",
                created_on=date(2025, 1, 1),
            )
            return made.id

        zoe, bas, cor, dirk = (
            relation("Zoë Bakker"),
            relation("bas Smit"),
            relation("Cor Vos"),
            relation("Dirk Bos"),
        )

        def met(relation_id: int, day: date, logged_by: str, colleagues=(), kind="meeting") -> None:
            add_interaction(
                session,
                team_id=TEAM_ID,
                relation_id=relation_id,
                occurred_on=day,
                logged_by=logged_by,
                kind=kind,
                colleagues=colleagues,
            )

        met(zoe, date(2026, 11, 20), "U0ANNA")
        met(bas, date(2026, 11, 20), "U0ANNA", colleagues=["U0BRAM", "U0CARLA"])
        met(cor, date(2026, 10, 1), "U0ANNA")
        met(cor, date(2026, 11, 20), "U0CARLA", kind="message")
        met(dirk, date(2026, 11, 20), "U0DAAN")
    ids = store.matching_relations(TEAM_ID, theme=None, organisations=["woonbond"], people=[])
    with db.sessions() as session:
        people, count, _ = store.who_knows(session, TEAM_ID, ids, today=TODAY)

    shown = [(p.user_id, [(t.name, t.warmth, t.last_met_on.isoformat()) for t in p.ties]) for p in people]
    assert shown == [
        (
            "U0ANNA",
            [("bas Smit", 95, "2026-11-20"), ("Zoë Bakker", 95, "2026-11-20"), ("Cor Vos", 65, "2026-10-01")],
        ),
        ("U0CARLA", [("bas Smit", 95, "2026-11-20"), ("Cor Vos", 38, "2026-11-20")]),
        ("U0BRAM", [("bas Smit", 95, "2026-11-20")]),
        ("U0DAAN", [("Dirk Bos", 95, "2026-11-20")]),
    ]
    assert count == 4
    # Asked for the first two only: the same two, with all their ties, and the others still counted.
    with db.sessions() as session:
        first_two, count, _ = store.who_knows(session, TEAM_ID, ids, today=TODAY, shown=2)
    assert ([p.user_id for p in first_two], count) == (["U0ANNA", "U0CARLA"], 4)
    assert [p.ties for p in first_two] == [p.ties for p in people[:2]]


def test_a_themes_relations_keep_their_archived_and_last_contact_however_they_are_written(db):
    """The copies on relation_themes behind /whoknows #theme follow the relation: themes added after the
    meetings, a new meeting, archiving and back, and a bulk refresh of last contacts."""

    network = build_known_network(db.sessions)

    def copies_and_relations():
        with db.sessions() as session:
            rows = session.execute(
                select(
                    relation_themes.c.archived,
                    relation_themes.c.last_contact_on,
                    Relation.archived,
                    Relation.last_contact_on,
                ).join(Relation, Relation.id == relation_themes.c.relation_id)
            ).all()
        return [(bool(a), day) for a, day, _, _ in rows], [(bool(a), day) for _, _, a, day in rows]

    copies, relations = copies_and_relations()
    assert copies == relations and any(day for _, day in copies)
    with db.sessions() as session, session.begin():
        add_themes(session, TEAM_ID, network.jan, ["klimaat"])
        add_interaction(
            session, team_id=TEAM_ID, relation_id=network.piet, occurred_on=date(2026, 11, 25), logged_by="U0ANNA"
        )
        change_relation(session, TEAM_ID, network.karin_gdh, archived=True)
    copies, relations = copies_and_relations()
    assert copies == relations and (False, date(2026, 11, 25)) in copies and (True, date(2026, 11, 20)) in copies
    with db.sessions() as session, session.begin():
        change_relation(session, TEAM_ID, network.karin_gdh, archived=False)
        refresh_workspace(session, TEAM_ID)
    copies, relations = copies_and_relations()
    assert copies == relations and not any(archived for archived, _ in copies)
    with db.sessions() as session:
        theme = store.matching_relations(TEAM_ID, theme="zorg", organisations=[], people=[])
        assert store.count_relations(session, theme) == 2
        change_relation(session, TEAM_ID, network.karin_rk, archived=True)
        assert store.count_relations(session, theme) == 1


def test_colleagues_keep_their_meetings_day_and_the_home_lists_them_newest_first(db):
    """interaction_colleagues' copy of the day (behind the App Home's last meetings) follows the interaction."""

    network = build_known_network(db.sessions)
    with db.sessions() as session, session.begin():
        moved = add_interaction(
            session,
            team_id=TEAM_ID,
            relation_id=network.piet,
            occurred_on=date(2026, 11, 2),
            logged_by="U0DAAN",
            colleagues=["U0EVA"],
        )
    with db.sessions() as session:
        assert [m.occurred_on for m in store.last_meetings(session, TEAM_ID, "U0EVA")] == [date(2026, 11, 2)]
    with db.sessions() as session, session.begin():
        update_interaction(session, session.get(Interaction, moved), occurred_on=date(2026, 11, 24))
    with db.sessions() as session:
        days = session.execute(
            select(InteractionColleague.occurred_on, Interaction.occurred_on).join(
                Interaction, Interaction.id == InteractionColleague.interaction_id
            )
        ).all()
        assert days and all(copy == day for copy, day in days)
        assert [m.occurred_on for m in store.last_meetings(session, TEAM_ID, "U0EVA")] == [date(2026, 11, 24)]


def test_warmth_summed_in_the_database_at_known_points(db):
    """Cadence 30: in person 30 days ago (50) and a call 60 days ago (0.7 · 25 = 17.5) make 67.5, shown 68.
    Cadence 30: meetings 241, 240 and 200 days ago add 0.38, 0.39 and 0.98 (every meeting counts, however old),
    a message yesterday 0.4 · 100 · 0.5^(1/30) = 39.09: 40.84, shown 41.
    Cadence 2: a message logged for tomorrow shows the warmth of that day: 40. Never met: 0."""

    with db.sessions() as session, session.begin():
        ensure_workspace(session, TEAM_ID)

        def relation(name: str, cadence: int, *contacts: tuple[int, str]) -> int:
            made = create_relation(
                session,
                team_id=TEAM_ID,
                name=name,
                owner_id="U0ANNA",
                created_on=date(2025, 1, 1),
                cadence_days=cadence,
            )
            for days_ago, kind in contacts:
                add_interaction(
                    session,
                    team_id=TEAM_ID,
                    relation_id=made.id,
                    occurred_on=TODAY - timedelta(days=days_ago),
                    logged_by="U0ANNA",
                    kind=kind,
                )
            return made.id

        recent = relation("Recent", 30, (30, "meeting"), (60, "call"))
        old = relation("Old", 30, (240, "meeting"), (241, "meeting"), (200, "meeting"), (1, "message"))
        planned = relation("Planned", 2, (-1, "Message"))
        never = relation("Never", 90)
    ids = [recent, old, planned, never]
    with db.sessions() as session:
        assert store.relation_warmths(session, TEAM_ID, ids, TODAY) == {recent: 68, old: 41, planned: 40, never: 0}
        assert store.relation_warmths(session, "T0OTHER", ids, TODAY) == {}
