"""Recording meetings: resolve who was meant, store one interaction per person, undo and edit.

Takes a session and plain values; knows nothing of Slack payloads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.domain.names import Resolution, normalise_name, resolve_name
from bot.domain.recording_form import THEME_MAX, MeetingPrefill
from bot.domain.references import stamp
from storage import history
from storage.models import Interaction, Relation
from storage.relations import (
    ContactState,
    contact_states,
    name_candidates,
    theme_refs,
    themes_named,
    untouched_since_created,
)
from storage.workspaces import ensure_workspace


@dataclass(frozen=True)
class Person:
    """Someone met: a name (and organisation) as typed, or an existing relation picked by id."""

    name: str
    organisation: str | None = None
    relation_id: int | None = None
    new: bool = False  # already resolved as someone new: create without looking again


@dataclass
class Recorded:
    """What was stored, for the confirmation and for Undo."""

    interaction_ids: list[int] = field(default_factory=list)
    relation_ids: list[int] = field(default_factory=list)
    created_relation_ids: list[int] = field(default_factory=list)
    people: list[tuple[str, str | None]] = field(default_factory=list)  # (name, organisation) as stored
    new_names: list[str] = field(default_factory=list)
    owner_ids: list[str] = field(default_factory=list)  # whose Home tabs show these relations

    @property
    def stamp(self) -> str:
        """What Undo shows (these interactions, with these relations by name): checked again when it is pressed."""
        return meeting_stamp(
            self.interaction_ids,
            [(rid, normalise_name(name)) for rid, (name, _) in zip(self.relation_ids, self.people, strict=True)],
        )


def meeting_stamp(interaction_ids: Sequence[int], relations: Sequence[tuple[int, str]]) -> str:
    """bot.domain.references' stamp of interactions and the (id, name key) of the relation of each."""
    return stamp([*interaction_ids, *(part for pair in relations for part in pair)])


def resolve_people(session: Session, team_id: str, people: Sequence[Person]) -> list[Resolution]:
    """How each person maps onto existing relations (exact, uncertain with options, or new)."""
    resolutions = []
    for person in people:
        if person.relation_id is not None:
            resolutions.append(Resolution("exact"))
            continue
        candidates = name_candidates(session, team_id, person.name, close_only=True)
        resolutions.append(resolve_name(person.name, person.organisation, candidates))
    return resolutions


def clean_themes(themes: Sequence[str]) -> list[str]:
    names = (" ".join(theme.lower().lstrip("#").split()) for theme in themes)
    return list(dict.fromkeys(name[:THEME_MAX] for name in names if name))


def record_meeting(
    session: Session,
    *,
    team_id: str,
    logged_by: str,
    people: Sequence[Person],
    occurred_on: date,
    today: date,
    colleagues: Sequence[str] = (),
    themes: Sequence[str] = (),
    notes: str = "",
    tier: str | None = None,
    gave: str | None = None,
    got: str | None = None,
    kind: str | None = None,
    private: bool = False,
    event_id: int | None = None,
) -> Recorded:
    """Store the meeting: a person with a relation_id is that relation; one whose exact name exists is that
    relation; anyone else becomes a new relation owned by the one who logged it (of `tier`: an existing
    relation's tier is changed by bot.services.relations.change_tier, which checks who may)."""
    chosen = [_existing_id(session, team_id, person) for person in people]
    states = contact_states(session, team_id, [i for i in chosen if i is not None])
    if not states:  # (a relation of the workspace proves the workspace is there)
        ensure_workspace(session, team_id)
    theme_rows = theme_refs(session, team_id, clean_themes(themes))
    recorded = Recorded()
    # The names of new people are locked in one order, before anything is written (history.relation_for_new_name).
    for key in sorted({normalise_name(p.name) for p, i in zip(people, chosen, strict=True) if i not in states}):
        history.lock_name(session, team_id, key)
    # One unit of work: what is kept from the history is recomputed once, after every person's interaction.
    with history.unit_of_work(session):
        for person, relation_id in zip(people, chosen, strict=True):
            known = states.get(relation_id) if relation_id is not None else None
            relation = _relation_for(
                session, team_id, person, known, owner_id=logged_by, today=today, tier=tier, recorded=recorded
            )
            history.link_themes(session, relation.id, theme_rows)
            recorded.interaction_ids.append(
                history.add_interaction(
                    session,
                    team_id=team_id,
                    relation_id=relation.id,
                    occurred_on=occurred_on,
                    logged_by=logged_by,
                    colleagues=colleagues,
                    themes=theme_rows,
                    notes=notes,
                    gave=gave,
                    got=got,
                    kind=kind,
                    private=private,
                    event_id=event_id,
                    relation=relation,
                )
            )
            recorded.relation_ids.append(relation.id)
            recorded.people.append((relation.name, relation.organisation))
            recorded.owner_ids.append(relation.owner_id)
    return recorded


def _relation_for(
    session: Session,
    team_id: str,
    person: Person,
    known: ContactState | None,
    *,
    owner_id: str,
    today: date,
    tier: str | None,
    recorded: Recorded,
) -> ContactState:
    """The person's relation: the `known` one, else the one of that exact name, else a new one (noted in
    `recorded`). One created by this meeting is taken as the line says; an existing one is completed by it."""
    relation = known
    if relation is None:
        relation, created = history.relation_for_new_name(
            session,
            team_id=team_id,
            name=person.name,
            organisation=person.organisation or None,
            owner_id=owner_id,
            created_on=today,
            tier=tier or "regular",
        )
        if created:
            recorded.created_relation_ids.append(relation.id)
            recorded.new_names.append(relation.name)
    if relation.id not in recorded.created_relation_ids:
        relation = _complete(session, team_id, relation, organisation=person.organisation)
    return relation


def _complete(session: Session, team_id: str, relation: ContactState, *, organisation: str | None) -> ContactState:
    """What the line adds to an existing relation: an organisation it had none of."""
    if not organisation or relation.organisation:
        return relation
    history.change_relation(session, team_id, relation.id, organisation=organisation)
    return relation._replace(organisation=organisation)


def _existing_id(session: Session, team_id: str, person: Person) -> int | None:
    """The relation the person is, when it exists: picked by id, or the only exact match of the name."""
    if person.relation_id is not None:
        return person.relation_id
    if person.new:
        return None
    exact = resolve_people(session, team_id, [person])[0]
    return exact.chosen.relation_id if exact.status == "exact" and exact.chosen else None


def _existing(session: Session, team_id: str, person: Person) -> Relation | None:
    relation_id = _existing_id(session, team_id, person)
    relation = session.get(Relation, relation_id) if relation_id is not None else None
    return relation if relation is not None and relation.team_id == team_id else None


@dataclass
class Undone:
    names: list[str] = field(default_factory=list)
    removed_relations: list[str] = field(default_factory=list)
    relation_ids: list[int] = field(default_factory=list)  # relations still there, whose last contact changed
    not_yours: bool = False


def undo_meeting(
    session: Session,
    *,
    team_id: str,
    user_id: str,
    interaction_ids: Sequence[int],
    created_relation_ids: Sequence[int],
    shown: str | None,
) -> Undone:
    """Remove the interactions (only the one who logged them may), and the relations they created — unless
    anyone did anything with such a relation since (storage.relations.untouched_since_created): then it stays.

    `shown` is the stamp the Undo button carried (Recorded.stamp): when the interactions are no longer the ones it
    showed (gone, or with other relations), nothing is removed and `names` stays empty."""
    interactions = interactions_of(session, team_id, interaction_ids)
    undone = Undone()
    if len(interactions) != len(set(interaction_ids)):
        return undone  # (some are gone: the meeting is not what the button showed)
    by_id = {interaction.id: interaction for interaction in interactions}
    interactions = [by_id[i] for i in dict.fromkeys(interaction_ids)]
    keys = dict(
        session.execute(
            select(Relation.id, Relation.name_key).where(Relation.id.in_({i.relation_id for i in interactions}))
        ).all()
    )
    if shown != meeting_stamp(
        [i.id for i in interactions], [(i.relation_id, keys.get(i.relation_id)) for i in interactions]
    ):
        return undone
    if any(interaction.logged_by != user_id for interaction in interactions):
        undone.not_yours = True
        return undone
    relation_ids = {interaction.relation_id for interaction in interactions}
    names = dict(session.execute(select(Relation.id, Relation.name).where(Relation.id.in_(relation_ids))).all())
    undone.names = [names[interaction.relation_id] for interaction in interactions if interaction.relation_id in names]
    with history.unit_of_work(session):
        orphaned = untouched_since_created(
            session, team_id, set(created_relation_ids) & relation_ids, creator=user_id, interactions=interactions
        )
        history.delete_interactions(session, team_id, Interaction.id.in_([i.id for i in interactions]))
        for relation_id in sorted(orphaned):
            history.delete_relation(session, team_id, relation_id)
    undone.removed_relations = [names[i] for i in sorted(orphaned) if i in names]
    undone.relation_ids = sorted(relation_ids - orphaned)
    return undone


def interactions_of(session: Session, team_id: str, interaction_ids: Sequence[int]) -> list[Interaction]:
    return list(
        session.scalars(
            select(Interaction)
            .where(Interaction.team_id == team_id, Interaction.id.in_(list(interaction_ids)))
            .order_by(Interaction.id)
        )
    )


def update_meeting(
    session: Session,
    *,
    team_id: str,
    user_id: str,
    interaction_ids: Sequence[int],
    occurred_on: date,
    colleagues: Sequence[str],
    themes: Sequence[str],
    notes: str,
    gave: str | None,
    got: str | None,
    kind: str | None,
    private: bool,
    relation: Person | None = None,
    tier: str | None = None,
) -> Recorded | None:
    """Change a recorded meeting (all its interactions); None when they are gone or not the user's. (`tier` is
    for a relation the edit creates; an existing one's is changed by bot.services.relations.change_tier.)"""
    interactions = interactions_of(session, team_id, interaction_ids)
    if not interactions or any(interaction.logged_by != user_id for interaction in interactions):
        return None
    theme_rows = themes_named(session, team_id, clean_themes(themes))
    recorded = Recorded()
    with history.unit_of_work(session):
        moved_to = None
        if relation is not None and len(interactions) == 1:
            target = _existing(session, team_id, relation) or history.create_relation(
                session,
                team_id=team_id,
                name=relation.name,
                organisation=relation.organisation or None,
                owner_id=user_id,
                created_on=occurred_on,
                tier=tier or "regular",
            )
            if relation.organisation and not target.organisation:
                history.change_relation(session, team_id, target.id, organisation=relation.organisation)
            moved_to = target.id
        for interaction in interactions:
            history.update_interaction(
                session,
                interaction,
                relation_id=moved_to,
                occurred_on=occurred_on,
                notes=notes,
                gave=gave,
                got=got,
                kind=kind,
                private=private,
                themes=theme_rows,
                colleagues=colleagues,
            )
            target = session.get(Relation, interaction.relation_id)
            history.link_themes(session, target.id, [theme for theme in theme_rows if theme not in target.themes])
            recorded.interaction_ids.append(interaction.id)
            recorded.relation_ids.append(target.id)
            recorded.people.append((target.name, target.organisation))
            recorded.owner_ids.append(target.owner_id)
    return recorded


def relation_exists(session: Session, team_id: str, relation_id: int) -> bool:
    return bool(
        session.scalar(
            select(func.count()).select_from(Relation).where(Relation.team_id == team_id, Relation.id == relation_id)
        )
    )


def prefill_for_edit(session: Session, team_id: str, user_id: str, interaction_ids: Sequence[int]):
    """The form as it was saved, or None when the meeting is gone; raises PermissionError if not the user's."""

    interactions = interactions_of(session, team_id, interaction_ids)
    if not interactions:
        return None
    if any(interaction.logged_by != user_id for interaction in interactions):
        raise PermissionError(user_id)
    first = interactions[0]
    relations = {
        r.id: r for r in session.scalars(select(Relation).where(Relation.id.in_({i.relation_id for i in interactions})))
    }
    relation = relations[first.relation_id]
    several = len(interactions) > 1
    return MeetingPrefill(
        relation_id=None if several else relation.id,
        relation_name="" if several else relation.name,
        organisation=None if several else relation.organisation,
        occurred_on=first.occurred_on,
        colleagues=tuple(c.user_id for c in first.colleagues),
        themes=tuple(t.name for t in first.themes),
        notes=first.notes,
        gave=first.gave or "",
        got=first.got or "",
        kind=first.kind,
        tier=None if several else relation.tier,
        private=first.private,
        editing=tuple(i.id for i in interactions),
        people_label=tuple(relations[i.relation_id].name for i in interactions) if several else (),
    )
