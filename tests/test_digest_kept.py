"""What storage keeps for the digest (storage.relations.refresh_last_contact) stays equal to the history.

A seeded random sequence of the product's own writes — logging, editing (another day, another relation,
other colleagues, themes, gives and takes), undoing, changing tiers, forgetting a relation, marking event
attendance and taking it back — and after every step the kept values, and the digest's answers that read
them, must equal what this module works out in plain Python from the interactions as they are.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.domain.digest import MIN_EXCHANGES, is_lopsided
from bot.domain.warmth import warmth, weight
from bot.recording import Person, undo_meeting, update_meeting
from storage.digest import lopsided_exchanges, single_person_key_relations
from storage.events import create_event, mark_attendance
from storage.forget import forget_relation
from storage.history import add_interaction, change_relation, create_relation, refresh_workspace
from storage.models import Interaction, Invitation, MemberTie, Relation, interaction_themes
from storage.network import relation_warmths
from storage.relations import themes_named
from storage.workspaces import ensure_workspace
from tests.slack_standin import TEAM_ID

PEOPLE = ("U0ANNA", "U0BRAM", "U0CEES", "U0DIRK")
THEMES = ("wonen", "zorg", "lobby")
TIERS = {"key": 30, "regular": 90, "wider": 180}
FIRST_DAY = date(2025, 6, 1)
DAYS = 600  # up to January 2027: windows that end before some interactions are checked too


def _day(rng: random.Random) -> date:
    return FIRST_DAY + timedelta(days=rng.randrange(DAYS))


# --- the truth, from the interactions ------------------------------------------------------------------
def _history(session):
    interactions = list(session.scalars(select(Interaction).where(Interaction.team_id == TEAM_ID)))
    relations = {r.id: r for r in session.scalars(select(Relation).where(Relation.team_id == TEAM_ID))}
    return interactions, relations


def _people(interaction: Interaction) -> set[str]:
    return {interaction.logged_by} | {c.user_id for c in interaction.colleagues}


def _expected_others_last_contact(mine: list[Interaction]) -> date | None:
    if not mine:
        return None
    last = max(mine, key=lambda i: (i.occurred_on, i.id))
    days = [i.occurred_on for i in mine if _people(i) - {last.logged_by}]
    return max(days, default=None)


def _expected_exchanges_from(mine: list[Interaction]) -> date | None:
    running = 0
    for interaction in sorted(mine, key=lambda i: (i.occurred_on, i.id), reverse=True):
        running += (interaction.gave is not None) + (interaction.got is not None)
        if running >= MIN_EXCHANGES:
            return interaction.occurred_on
    return None


def _expected_single(interactions, relations, since: date, until: date) -> dict[int, str]:
    people: dict[int, set[str]] = defaultdict(set)
    for i in interactions:
        if since <= i.occurred_on <= until:
            people[i.relation_id] |= _people(i)
    return {
        relation_id: next(iter(met))
        for relation_id, met in people.items()
        if len(met) == 1 and relations[relation_id].tier == "key" and not relations[relation_id].archived
    }


def _expected_exchanges(interactions, relations, since: date, until: date) -> dict[int, tuple[int, int]]:
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for i in interactions:
        if since <= i.occurred_on <= until:
            counts[i.relation_id][0] += i.gave is not None
            counts[i.relation_id][1] += i.got is not None
    return {
        relation_id: (gave, got)
        for relation_id, (gave, got) in counts.items()
        if is_lopsided(gave, got) and not relations[relation_id].archived
    }


def assert_kept_values_match(session, rng: random.Random) -> None:
    session.flush()
    session.expire_all()
    interactions, relations = _history(session)
    by_relation: dict[int, list[Interaction]] = defaultdict(list)
    for interaction in interactions:
        by_relation[interaction.relation_id].append(interaction)
        assert interaction.relation_tier == relations[interaction.relation_id].tier
        assert interaction.exchange == (interaction.gave is not None) + 2 * (interaction.got is not None)
        assert interaction.colleagues_present == len(interaction.colleagues)
    theme_days = dict(
        session.execute(select(interaction_themes.c.interaction_id, interaction_themes.c.occurred_on).distinct()).all()
    )
    assert theme_days == {i.id: i.occurred_on for i in interactions if i.themes}
    for relation_id, relation in relations.items():
        mine = by_relation[relation_id]
        assert relation.others_last_contact_on == _expected_others_last_contact(mine), relation.name
        assert relation.recent_exchanges_from == _expected_exchanges_from(mine), relation.name
    kept, expected = _kept_ties(session), _expected_ties(interactions, relations)
    assert {key: day for key, (day, _) in kept.items()} == {key: day for key, (day, _) in expected.items()}
    assert {key: then for key, (_, then) in kept.items()} == pytest.approx(
        {key: then for key, (_, then) in expected.items()}, rel=1e-9
    )
    # Each relation's kept warmth is the formula's sum on its last contact, and every view's warmth today — on a
    # day with meetings in its future — is the formula's on that day (or on the last contact, when that is later).
    kept = {r.id: r.warmth_at_last for r in relations.values()}
    assert kept == pytest.approx(_expected_relation_warmth(by_relation, relations), rel=1e-9, abs=1e-9)
    today = date(2026, 11, 26)
    expected = {}
    for relation_id, relation in relations.items():
        contacts = [(i.occurred_on, i.kind) for i in by_relation[relation_id]]
        on = max(today, relation.last_contact_on or today)
        expected[relation_id] = warmth(contacts, today=on, cadence_days=relation.cadence_days)
    assert relation_warmths(session, TEAM_ID, relations, today) == expected
    # The digest's answers for a few one-year windows, some ending before the latest interactions.
    for _ in range(3):
        until = _day(rng)
        since = until - timedelta(days=364)
        refs, total = single_person_key_relations(session, TEAM_ID, since, until, limit=1000)
        assert {r.relation_id: r.person_id for r in refs} == _expected_single(interactions, relations, since, until)
        assert total == len(refs)
        found = {e.relation_id: (e.gave, e.got) for e in lopsided_exchanges(session, TEAM_ID, since, until)}
        assert found == _expected_exchanges(interactions, relations, since, until)


def _expected_relation_warmth(by_relation, relations) -> dict[int, float]:
    """Relation -> its warmth on its last contact, unrounded, from every interaction with it."""
    expected = {}
    for relation_id, relation in relations.items():
        mine = by_relation[relation_id]
        last = max((i.occurred_on for i in mine), default=None)
        cadence = relation.cadence_days
        expected[relation_id] = sum(weight(i.kind) * 100 * 0.5 ** ((last - i.occurred_on).days / cadence) for i in mine)
    return expected


def _expected_ties(interactions, relations) -> dict[tuple[int, str], tuple[int, float]]:
    """(relation, member) -> (last met on, warmth then) from each member's meetings with the relation."""
    contacts: dict[tuple[int, str], list[Interaction]] = defaultdict(list)
    for i in interactions:
        for user_id in _people(i):
            contacts[(i.relation_id, user_id)].append(i)
    expected = {}
    for (relation_id, user_id), met in contacts.items():
        last = max(i.occurred_on for i in met)
        cadence = relations[relation_id].cadence_days
        then = sum(weight(i.kind) * 100 * 0.5 ** ((last - i.occurred_on).days / cadence) for i in met)
        expected[(relation_id, user_id)] = (last.toordinal(), then)
    return expected


def _kept_ties(session) -> dict[tuple[int, str], tuple[int, float]]:
    rows = session.execute(select(MemberTie)).scalars()
    return {(t.relation_id, t.user_id): (t.last_met_on.toordinal(), t.warmth_at_last) for t in rows}


# --- the writes ----------------------------------------------------------------------------------------
class Team:
    def __init__(self, session, rng: random.Random):
        self.session, self.rng = session, rng
        ensure_workspace(session, TEAM_ID)
        self.relations = [
            create_relation(
                session,
                team_id=TEAM_ID,
                name=f"Relation {n}",
                owner_id=rng.choice(PEOPLE),
                created_on=FIRST_DAY,
                tier=rng.choice(list(TIERS)),
            ).id
            for n in range(6)
        ]
        self.logged: list[tuple[int, str]] = []  # (interaction id, logged by)

    def _colleagues(self) -> list[str]:
        return self.rng.sample(PEOPLE, self.rng.choice((0, 0, 1, 2)))

    def _exchange(self, what: str) -> str | None:
        return what if self.rng.random() < 0.4 else None

    def log(self) -> None:
        """A meeting logged, half the time with the relation at hand (the fast path when it is newest)."""
        by = self.rng.choice(PEOPLE)
        relation_id = self.rng.choice(self.relations)
        interaction_id = add_interaction(
            self.session,
            team_id=TEAM_ID,
            relation_id=relation_id,
            relation=self.session.get(Relation, relation_id) if self.rng.random() < 0.5 else None,
            occurred_on=_day(self.rng),
            logged_by=by,
            colleagues=self._colleagues(),
            themes=themes_named(self.session, TEAM_ID, self.rng.sample(THEMES, self.rng.randrange(3))),
            gave=self._exchange("advies"),
            got=self._exchange("introductie"),
            kind=self.rng.choice(("meeting", "call", "Message", None)),
        )
        self.logged.append((interaction_id, by))

    def edit(self) -> None:
        """The one who logged it moves it to another day, perhaps another relation, with new details."""
        interaction_id, by = self._pick()
        moved = self.session.get(Relation, self.rng.choice(self.relations))
        person = Person(moved.name, relation_id=moved.id) if self.rng.random() < 0.5 else None
        update_meeting(
            self.session,
            team_id=TEAM_ID,
            user_id=by,
            interaction_ids=[interaction_id],
            occurred_on=_day(self.rng),
            colleagues=self._colleagues(),
            themes=self.rng.sample(THEMES, self.rng.randrange(3)),
            notes="",
            gave=self._exchange("tips"),
            got=self._exchange("cijfers"),
            kind=None,
            private=False,
            relation=person,
            tier=self.rng.choice((None, None, *TIERS)),
        )

    def undo(self) -> None:
        interaction_id, by = self._pick()
        undo_meeting(
            self.session,
            team_id=TEAM_ID,
            user_id=by,
            interaction_ids=[interaction_id],
            created_relation_ids=[],
        )
        self.logged.remove((interaction_id, by))

    def retier(self) -> None:
        tier = self.rng.choice(list(TIERS))
        change_relation(self.session, TEAM_ID, self.rng.choice(self.relations), tier=tier, cadence_days=TIERS[tier])

    def forget(self) -> None:
        relation_id = self.relations.pop(self.rng.randrange(len(self.relations)))
        forget_relation(self.session, TEAM_ID, relation_id, actor="U0ANNA", at=datetime(2026, 11, 26, tzinfo=UTC))
        gone = set(self.session.scalars(select(Interaction.id)))
        self.logged = [(i, by) for i, by in self.logged if i in gone]
        self.relations.append(
            create_relation(
                self.session,
                team_id=TEAM_ID,
                name=f"Relation {relation_id}b",
                owner_id="U0ANNA",
                created_on=FIRST_DAY,
                tier="key",
            ).id
        )

    def attendance(self) -> None:
        """An event's organiser ticks who came (an interaction each), then unticks some (removed again)."""
        event = create_event(
            self.session,
            team_id=TEAM_ID,
            name="Netwerkborrel",
            starts_at=datetime(2026, 6, 1, 16, tzinfo=UTC),
            place="",
            timezone="Europe/Amsterdam",
            goal_id=None,
            theme_ids=[],
            created_by="U0BRAM",
            organisers=["U0BRAM", "U0CEES"],
            relation_ids=self.rng.sample(self.relations, 3),
            now=datetime(2026, 5, 1, tzinfo=UTC),
        )
        rows = list(self.session.scalars(select(Invitation).where(Invitation.event_id == event.id)))
        for row in rows:
            row.status = "accepted"
        self.session.flush()
        for attended in ({row.id: True for row in rows}, {rows[0].id: False}):
            mark_attendance(
                self.session,
                event,
                attended=attended,
                logged_by="U0BRAM",
                organisers=["U0BRAM", "U0CEES"],
                occurred_on=_day(self.rng),
                now=datetime(2026, 6, 2, tzinfo=UTC),
            )

    def _pick(self) -> tuple[int, str]:
        if not self.logged:
            self.log()
        return self.rng.choice(self.logged)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_kept_values_equal_the_history_after_random_writes(db, seed):
    rng = random.Random(seed)
    with db.sessions() as session, session.begin():
        team = Team(session, rng)
        for _ in range(25):
            team.log()
        assert_kept_values_match(session, rng)
        steps = [team.log] * 4 + [team.edit] * 3 + [team.undo, team.retier, team.forget, team.attendance]
        for _ in range(40):
            rng.choice(steps)()
            assert_kept_values_match(session, rng)


def test_a_workspace_rebuild_equals_the_writes_that_kept_them(db):
    """refresh_team_last_contact (imports, the bench dataset) recomputes everything from scratch."""
    rng = random.Random(9)
    with db.sessions() as session, session.begin():
        team = Team(session, rng)
        for _ in range(30):
            team.log()
        team.edit()
        kept = _snapshot(session)
        session.execute(Relation.__table__.update().values(others_last_contact_on=None, recent_exchanges_from=None))
        session.execute(
            Interaction.__table__.update().values(relation_tier=None, exchange=None, colleagues_present=None)
        )
        session.execute(interaction_themes.update().values(occurred_on=None))
        session.execute(MemberTie.__table__.delete())
        refresh_workspace(session, TEAM_ID)
        assert _snapshot(session) == kept
        assert_kept_values_match(session, rng)


def _snapshot(session):
    return (
        session.execute(
            select(Relation.id, Relation.others_last_contact_on, Relation.recent_exchanges_from).order_by(Relation.id)
        ).all(),
        session.execute(
            select(
                Interaction.id,
                Interaction.relation_tier,
                Interaction.exchange,
                Interaction.colleagues_present,
            ).order_by(Interaction.id)
        ).all(),
        session.execute(select(interaction_themes).order_by(*interaction_themes.primary_key.columns)).all(),
    )
