"""Every value Goodwill keeps from the history (storage.derived) stays equal to the history, whatever is written.

A state machine drives the product's own public writes in random order — recording (new people, known ones, a
tier on the line), editing, undoing, importing, event attendance ticked and unticked, the operations of the card,
the nudge and /met's tier (bot.services.relations: tier, theme, hand-over, archive, restore, snooze), renaming,
forgetting — and after every step
compares every kept value with what tests/support/derived_truth.py works out in plain Python from the history, and the
digest's answers that read them with the same questions asked of the history. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from sqlalchemy import Date, Integer, String, bindparam, select, update

from bot.domain.digest import is_lopsided
from bot.domain.nudges import WAKE_UP
from bot.domain.warmth import MAX_WARMTH, WEIGHTS, contribution, warmth
from bot.importing import ImportReport, Row, import_rows
from bot.members import Reader
from bot.recording import Person, meeting_stamp, record_meeting, undo_meeting, update_meeting
from bot.services import relations as services
from storage import history
from storage.derived import KEPT, TABLES, document
from storage.digest import lopsided_exchanges, single_person_key_relations
from storage.forget import forget_relation
from storage.gatherings import create_gathering, mark_attendance
from storage.models import Interaction, Invitation, Member, Relation
from storage.network import relation_warmths
from storage.relations import themes_named
from storage.warmth import contribution as sql_contribution
from storage.workspaces import ensure_workspace
from tests.support.derived_truth import EXPECTED, History, assert_kept_values_true, differences, kept_values
from tests.support.seed import build_known_network
from tests.support.slack_standin import TEAM_ID

PEOPLE = ("U0ANNA", "U0BRAM", "U0CEES", "U0DIRK")
NAMES = ("Jan de Vries", "Fatima El Amrani", "Piet Bakker", "Karin Smit", "Sanne Bos", "Élodie Dubois")
THEMES = ("wonen", "zorg", "lobby")
TIERS = {"key": 30, "regular": 90, "wider": 180}
FIRST_DAY = date(2025, 6, 1)
TODAY = date(2026, 11, 26)
AT = datetime(2026, 11, 26, 9, tzinfo=UTC)
# Shrinking a failure to its shortest story is worth a minute; set GOODWILL_NO_SHRINK=1 for the first one fast.
PHASES = [p for p in Phase if p is not Phase.shrink or not os.environ.get("GOODWILL_NO_SHRINK")]

days = st.integers(0, (TODAY - FIRST_DAY).days).map(lambda n: FIRST_DAY + timedelta(days=n))
people = st.sampled_from(PEOPLE)
colleagues = st.lists(people, max_size=2, unique=True)
themes = st.lists(st.sampled_from(THEMES), max_size=2, unique=True)
tiers = st.sampled_from(sorted(TIERS))
maybe = st.one_of(st.none(), st.sampled_from(("advies", "introductie")))


class Writes(RuleBasedStateMachine):
    """The product's writes, in any order, on one workspace; the kept values checked after each."""

    database = None  # set by the test

    def __init__(self) -> None:
        super().__init__()
        self.database.clear()
        self.session = self.database.sessions()
        self.session.begin()
        ensure_workspace(self.session, TEAM_ID)
        self.session.add_all(Member(team_id=TEAM_ID, user_id=user, name=user, real_name=user) for user in PEOPLE)
        self.meetings: list[tuple[list[int], list[int], str]] = []  # (interaction ids, created relations, logged by)

    def teardown(self) -> None:
        self.session.rollback()
        self.session.close()

    # --- what is there ----------------------------------------------------------------------------------------
    def _relations(self, *, archived: bool | None = None) -> list[int]:
        query = select(Relation.id).where(Relation.team_id == TEAM_ID).order_by(Relation.id)
        if archived is not None:
            query = query.where(Relation.archived == archived)
        return list(self.session.scalars(query))

    def _alive(self) -> list[tuple[list[int], list[int], str]]:
        there = set(self.session.scalars(select(Interaction.id)))
        self.meetings = [m for m in self.meetings if set(m[0]) <= there]
        return self.meetings

    def has_relations(self) -> bool:
        return bool(self._relations())

    def has_meetings(self) -> bool:
        return bool(self._alive())

    # --- recording ----------------------------------------------------------------------------------------------
    @rule(
        data=st.data(),
        by=people,
        new_names=st.lists(st.sampled_from(NAMES), max_size=2),
        known=st.integers(0, 2),
        day=days,
        with_colleagues=colleagues,
        on_themes=themes,
        tier=st.one_of(st.none(), tiers),
        gave=maybe,
        got=maybe,
        kind=st.sampled_from(("meeting", "call", "Message", None)),
    )
    def record(self, data, by, new_names, known, day, with_colleagues, on_themes, tier, gave, got, kind):
        """/met or the form: someone new by name (a name already there is that relation), known ones by id."""
        existing = self._relations(archived=False)
        chosen = data.draw(st.lists(st.sampled_from(existing), max_size=known, unique=True)) if existing else []
        them = [Person(name) for name in new_names] + [Person("", relation_id=rid) for rid in chosen]
        if not them:
            return
        recorded = record_meeting(
            self.session,
            team_id=TEAM_ID,
            logged_by=by,
            people=them,
            occurred_on=day,
            today=TODAY,
            colleagues=with_colleagues,
            themes=on_themes,
            tier=tier,
            gave=gave,
            got=got,
            kind=kind,
        )
        self.meetings.append((recorded.interaction_ids, recorded.created_relation_ids, by))

    @precondition(has_meetings)
    @rule(
        data=st.data(),
        day=days,
        with_colleagues=colleagues,
        on_themes=themes,
        tier=st.one_of(st.none(), tiers),
        gave=maybe,
        got=maybe,
        move=st.sampled_from(("stay", "other", "new")),
    )
    def edit(self, data, day, with_colleagues, on_themes, tier, gave, got, move):
        """The one who logged it changes the day, who was there, themes, gives and takes, the tier; moves it."""
        interaction_ids, _, by = data.draw(st.sampled_from(self._alive()))
        relation = None
        if len(interaction_ids) == 1 and move == "other":
            relation = Person("", relation_id=data.draw(st.sampled_from(self._relations())))
        elif len(interaction_ids) == 1 and move == "new":
            relation = Person(data.draw(st.sampled_from(NAMES)) + " Jr")
        update_meeting(
            self.session,
            team_id=TEAM_ID,
            user_id=by,
            interaction_ids=interaction_ids,
            occurred_on=day,
            colleagues=with_colleagues,
            themes=on_themes,
            notes="",
            gave=gave,
            got=got,
            kind=None,
            private=False,
            relation=relation,
            tier=tier,
        )

    @precondition(has_meetings)
    @rule(data=st.data())
    def undo(self, data):
        meeting = data.draw(st.sampled_from(self._alive()))
        interaction_ids, created, by = meeting
        relations = self.session.execute(
            select(Interaction.relation_id, Relation.name_key)
            .join(Relation, Relation.id == Interaction.relation_id)
            .where(Interaction.id.in_(interaction_ids))
            .order_by(Interaction.id)
        ).all()
        undo_meeting(
            self.session,
            team_id=TEAM_ID,
            user_id=by,
            interaction_ids=interaction_ids,
            created_relation_ids=created,
            shown=meeting_stamp(interaction_ids, [tuple(row) for row in relations]),  # the button as shown now
        )
        self.meetings.remove(meeting)

    # --- importing ----------------------------------------------------------------------------------------------
    @rule(
        names=st.lists(st.sampled_from(NAMES + ("Lotte Visser", "Ahmed Yilmaz")), min_size=1, max_size=4, unique=True),
        tier=st.one_of(st.none(), tiers),
        last=st.one_of(st.none(), days),
        archived=st.one_of(st.none(), st.booleans()),
        on_themes=themes,
        owner=people,
    )
    def import_csv(self, names, tier, last, archived, on_themes, owner):
        """A CSV: known names are updated (tier, archived, a last contact), others created."""
        rows = [
            Row(n, name, None, None, None, tier, None, list(on_themes), last, None, archived, None)
            for n, name in enumerate(names, 2)
        ]
        import_rows(self.session, rows, team_id=TEAM_ID, today=TODAY, report=ImportReport(), default_owner=owner)

    # --- gatherings -----------------------------------------------------------------------------------------------
    @precondition(has_relations)
    @rule(data=st.data(), day=days, untick=st.booleans())
    def attendance(self, data, day, untick):
        """An organiser ticks who came to a gathering (an interaction each), and perhaps unticks one."""
        invited = data.draw(st.lists(st.sampled_from(self._relations(archived=False) or [0]), max_size=3, unique=True))
        event = create_gathering(
            self.session,
            team_id=TEAM_ID,
            name="Netwerkborrel",
            starts_at=datetime.combine(day, datetime.min.time(), UTC),
            place="",
            timezone="Europe/Amsterdam",
            goal_id=None,
            theme_ids=[],
            created_by="U0BRAM",
            organisers=["U0BRAM", "U0CEES"],
            relation_ids=invited,
            now=AT,
        )
        rows = list(self.session.scalars(select(Invitation).where(Invitation.event_id == event.id)))
        for row in rows:
            row.status = "accepted"
        self.session.flush()
        ticks = [{row.id: True for row in rows}] + ([{rows[0].id: False}] if untick and rows else [])
        for attended in ticks:
            mark_attendance(
                self.session,
                event,
                attended=attended,
                logged_by="U0BRAM",
                organisers=["U0BRAM", "U0CEES"],
                occurred_on=day,
                now=AT,
            )

    # --- a relation's owner, tier, themes, archive, snooze: bot.services.relations (the card, the nudge, /met !tier)
    def _asker(self) -> Reader:
        """An admin, so that every operation is allowed (who may is bot.permissions' and tested there)."""
        zone = ZoneInfo("Europe/Amsterdam")
        return Reader(TEAM_ID, "U0ADMIN", "nl", zone, "Europe/Amsterdam", TODAY, is_admin=True)

    @precondition(has_relations)
    @rule(data=st.data(), tier=tiers, custom=st.booleans())
    def change_tier(self, data, tier, custom):
        """The card's tier & cadence modal (and /met … !key for someone known)."""
        rid = data.draw(st.sampled_from(self._relations()))
        cadence = 45 if custom else TIERS[tier]
        services.change_tier(self.session, self._asker(), rid, tier, cadence, now=AT)

    @precondition(has_relations)
    @rule(data=st.data(), on_themes=themes)
    def add_themes(self, data, on_themes):
        """The card's theme modal."""
        services.add_themes(
            self.session, self._asker(), data.draw(st.sampled_from(self._relations())), on_themes, now=AT
        )

    @precondition(has_relations)
    @rule(data=st.data(), to=people)
    def hand_over(self, data, to):
        rid = data.draw(st.sampled_from(self._relations()))
        heir = self.session.get(Member, (TEAM_ID, to))
        services.hand_over(self.session, self._asker(), rid, to, heir, now=AT)

    @precondition(has_relations)
    @rule(data=st.data(), how=st.sampled_from(("archive", "restore", "snooze", "wake")))
    def archive_or_snooze(self, data, how):
        rid = data.draw(st.sampled_from(self._relations()))
        if how == "archive":
            services.archive(self.session, self._asker(), rid, now=AT)
        elif how == "restore":
            services.restore(self.session, self._asker(), rid, now=AT)
        else:
            services.snooze(self.session, self._asker(), rid, "2w" if how == "snooze" else WAKE_UP, now=AT)

    @precondition(has_relations)
    @rule(data=st.data(), name=st.sampled_from(("Jan de Vries-Bakker", "Fatima El-Amrani", "K. Smit")))
    def rename(self, data, name):
        history.change_relation(self.session, TEAM_ID, data.draw(st.sampled_from(self._relations())), name=name)

    @precondition(has_relations)
    @rule(data=st.data())
    def forget(self, data):
        rid = data.draw(st.sampled_from(self._relations()))
        forget_relation(self.session, TEAM_ID, rid, actor="U0ANNA", at=AT)

    # --- the check ------------------------------------------------------------------------------------------------
    @invariant()
    def kept_values_equal_the_history(self):
        assert_kept_values_true(self.session)
        assert_readers_agree_with_the_history(self.session)


def assert_readers_agree_with_the_history(session) -> None:
    """What reads the kept values answers as the history does: warmth on a day, and two of the digest's
    year-long questions for a window that ends before some interactions."""
    truth = History.read(session)
    relations = truth.relations
    expected_warmth = {}
    for rid, relation in relations.items():
        contacts = [(i["occurred_on"], i["kind"]) for i in truth.of(rid)]
        on = max(TODAY, max((day for day, _ in contacts), default=TODAY))
        expected_warmth[rid] = warmth(contacts, today=on, cadence_days=relation["cadence_days"])
    assert relation_warmths(session, TEAM_ID, relations, TODAY) == expected_warmth
    until = date(2026, 6, 30)
    since = until - timedelta(days=364)
    met: dict[int, set[str]] = defaultdict(set)
    exchanges: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for i in truth.interactions.values():
        if since <= i["occurred_on"] <= until:
            met[i["relation_id"]] |= truth.people(i)
            exchanges[i["relation_id"]][0] += i["gave"] is not None
            exchanges[i["relation_id"]][1] += i["got"] is not None
    single = {
        rid: next(iter(who))
        for rid, who in met.items()
        if len(who) == 1 and relations[rid]["tier"] == "key" and not relations[rid]["archived"]
    }
    refs, total = single_person_key_relations(session, TEAM_ID, since, until, limit=1000)
    assert {r.relation_id: r.person_id for r in refs} == single and total == len(single)
    lopsided = {
        rid: (gave, got)
        for rid, (gave, got) in exchanges.items()
        if is_lopsided(gave, got) and not relations[rid]["archived"]
    }
    assert {e.relation_id: (e.gave, e.got) for e in lopsided_exchanges(session, TEAM_ID, since, until)} == lopsided


def test_every_kept_value_equals_the_history_after_any_writes(db):
    """The property. (Deterministic: the same examples every run, so a failure in CI is one to reproduce.)"""
    Writes.database = db
    run_state_machine_as_test(
        Writes,
        settings=settings(
            max_examples=12,
            phases=PHASES,
            stateful_step_count=25,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        ),
    )


# --- the registry, its check and its document ------------------------------------------------------------------------
def test_the_truth_covers_every_kept_value_and_nothing_else():
    assert sorted(EXPECTED) == sorted(kept.target for kept in KEPT)


def test_every_kept_value_reads_only_what_is_listed_before_it():
    """storage.derived recomputes in the list's order: a value computed from a kept value must come after it."""
    targets = [kept.target for kept in KEPT]
    for position, kept in enumerate(KEPT):
        for read in kept.reads:
            if read in targets:
                assert targets.index(read) < position, f"{kept.target} reads {read}, listed after it"
        assert kept.table.name in TABLES


def _wrong(value):
    """A different value of the same kind."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, date):
        return value + timedelta(days=1)
    if isinstance(value, float | int):
        return value + 7
    if value is None:
        return None
    return value + "x"


@pytest.mark.parametrize("target", [kept.target for kept in KEPT])
def test_a_single_wrong_kept_value_is_caught(db, target):
    """The check above cannot pass by accident: one row's value of each kept value made wrong is noticed."""

    network = build_known_network(db.sessions)
    with db.sessions() as session, session.begin():
        history.add_interaction(
            session,
            team_id=TEAM_ID,
            relation_id=network.piet,
            occurred_on=date(2026, 9, 1),
            logged_by="U0ANNA",
            themes=themes_named(session, TEAM_ID, ["wonen"]),
        )
        assert_kept_values_true(session)
        table = TABLES[target.split(".")[0]]
        column = target.partition(".")[2]
        rows = kept_values(session, target)
        key, value = next((k, v) for k, v in sorted(rows.items(), key=str) if v is not None)
        keys = key if isinstance(key, tuple) else (key,)
        where = [c == k for c, k in zip(table.primary_key.columns, keys, strict=True)]
        if column:
            session.execute(update(table).where(*where).values({column: _wrong(value)}))
        else:  # whole rows: one missing
            session.execute(table.delete().where(*where))
        with pytest.raises(AssertionError, match=re.escape(target)):
            assert_kept_values_true(session)


def test_the_document_lists_every_kept_value_as_the_registry_does():
    """docs/derived-values.md is generated from storage.derived (python -m storage.derived > docs/…)."""

    written = (Path(__file__).parents[2] / "docs" / "derived-values.md").read_text(encoding="utf-8")
    assert written == document()


# --- one warmth rule ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", [*WEIGHTS, "Meeting", "lunch", None])
def test_the_databases_warmth_is_the_domains_rule(db, kind):
    """storage.warmth's SQL (kept warmth, ties) computes bot.domain.warmth's contribution, to the last digit."""
    day, on, cadence = date(2026, 1, 10), date(2026, 5, 3), 45
    with db.engine.connect() as connection:
        computed = connection.execute(
            select(
                sql_contribution(
                    db.backend,
                    bindparam("kind", type_=String),
                    bindparam("day", type_=Date),
                    bindparam("on", type_=Date),
                    bindparam("cadence", type_=Integer),
                )
            ),
            {"kind": kind, "day": day, "on": on, "cadence": cadence},
        ).scalar_one()
    assert computed == pytest.approx(
        contribution(occurred_on=day, kind=kind, today=on, cadence_days=cadence), rel=1e-12
    )
    assert contribution(occurred_on=on, kind=kind, today=on, cadence_days=cadence) <= MAX_WARMTH


def test_a_workspace_recomputed_whole_equals_the_writes_that_kept_it(db):
    """history.refresh_workspace (the benchmarks' dataset, a repair) recomputes everything from the history."""

    build_known_network(db.sessions)
    with db.sessions() as session, session.begin():
        kept = {kept.target: kept_values(session, kept.target) for kept in KEPT}
        for kept_value in KEPT:
            if kept_value.column and kept_value.table.c[kept_value.column].nullable:
                session.execute(update(kept_value.table).values({kept_value.column: None}))
        session.execute(TABLES["member_ties"].delete())
        history.refresh_workspace(session, TEAM_ID)
        for kept_value in KEPT:
            assert not differences(kept_values(session, kept_value.target), kept[kept_value.target]), kept_value.target
        assert_kept_values_true(session)
