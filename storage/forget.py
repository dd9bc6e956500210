"""Forgetting a person (GDPR/AVG right to erasure): the relation, its interactions and invitations, and every
mention of the name in the workspace's other texts — with an audit entry that holds counts and ids, never the
personal data.

Mentions are whole words in any capitalisation, with or without accents (bot.domain.mentions). SQL only narrows
the rows down (cheaply, and never missing one: see _may_mention); Python decides and rewrites.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Boolean, Text, and_, cast, func, or_, select, update
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from bot.domain.mentions import ascii_words, erase_mentions
from storage.history import delete_relation, texts_rewritten
from storage.models import (
    AuditEntry,
    Gathering,
    Goal,
    Interaction,
    Invitation,
    MemberTie,
    NudgeDelivery,
    Relation,
    network_event_organisers,
)
from storage.relations import get_relation

ERASED = "[…]"

# The workspace's texts that may mention a person, by table. Notes of meetings and relations and the goals of
# the strategy count as notes; a gathering's name and place as the gathering's.
NOTES = ((Interaction, ("notes", "gave", "got")), (Relation, ("notes",)), (Goal, ("name",)))
GATHERINGS = ((Gathering, ("name", "place")),)


@dataclass(frozen=True)
class Erasure:
    """What forgetting a relation would erase, for the confirmation."""

    interactions: int
    invitations: int
    mentions: int  # other notes that mention the name
    gatherings: int  # gatherings whose name or place mentions it


@dataclass(frozen=True)
class Forgotten:
    relation_id: int
    interactions: int
    invitations: int
    mentions: int  # other notes in which the name was replaced by ERASED
    gatherings: int  # gatherings whose name or place had it replaced
    # What Goodwill has shown in Slack and should draw again (ids only: no personal data).
    relation_ids: tuple[int, ...] = ()  # the forgotten relation, and the relations whose notes changed
    event_ids: tuple[int, ...] = ()  # gatherings it was invited to, or whose name or place changed
    members: tuple[str, ...] = ()  # members whose Home may show it: owner, who met it, organisers


def forget_relation(session: Session, team_id: str, relation_id: int, *, actor: str, at: datetime) -> Forgotten | None:
    relation = get_relation(session, team_id, relation_id)
    if relation is None:
        return None
    name, owner = relation.name, relation.owner_id
    own = select(Interaction.id).where(Interaction.team_id == team_id, Interaction.relation_id == relation_id)
    interactions = session.scalar(select(func.count()).select_from(own.subquery())) or 0
    invited_to = set(session.scalars(select(Invitation.event_id).where(Invitation.relation_id == relation_id)))
    met_by = set(session.scalars(select(MemberTie.user_id).where(MemberTie.relation_id == relation_id)))
    # The relation and everything about it alone, through the one writer of the history.
    invitations = delete_relation(session, team_id, relation_id).invitations
    notes = _scrub(session, team_id, name, NOTES)
    gatherings = _scrub(session, team_id, name, GATHERINGS)
    # A gathering's name is part of its meetings' search documents: those are rewritten too.
    renamed = gatherings.get(Gathering, ())
    of_gatherings = session.scalars(select(Interaction.id).where(Interaction.event_id.in_(renamed))) if renamed else ()
    texts_rewritten(
        session,
        interaction_ids=[*notes.get(Interaction, ()), *of_gatherings],
        relation_ids=notes.get(Relation, ()),
    )
    mentioned_in = set(notes.get(Relation, ()))
    if notes.get(Interaction):
        mentioned_in.update(
            session.scalars(select(Interaction.relation_id).where(Interaction.id.in_(notes[Interaction])))
        )
    event_ids = sorted(invited_to | set(gatherings.get(Gathering, ())))
    organisers = session.scalars(
        select(network_event_organisers.c.user_id).where(network_event_organisers.c.event_id.in_(event_ids))
    ).all()
    mentioned, gathered = sum(len(ids) for ids in notes.values()), len(gatherings.get(Gathering, ()))
    session.add(
        AuditEntry(
            team_id=team_id,
            actor=actor,
            action="relation.forgotten",
            at=at,
            detail={
                "relation_id": relation_id,
                "interactions": interactions,
                "invitations": invitations,
                "mentions_erased": mentioned,
                "gatherings_erased": gathered,
            },
        )
    )
    session.flush()
    session.expire_all()
    return Forgotten(
        relation_id,
        interactions,
        invitations,
        mentioned,
        gathered,
        relation_ids=(relation_id, *sorted(mentioned_in)),
        event_ids=tuple(event_ids),
        members=tuple(dict.fromkeys([owner, *sorted(met_by), *organisers])),
    )


def erasure(session: Session, team_id: str, relation_id: int, name: str) -> Erasure:
    """What forgetting the relation (named `name`) would erase, for the confirmation: nothing is written."""
    interactions = session.scalar(
        select(func.count())
        .select_from(Interaction)
        .where(Interaction.team_id == team_id, Interaction.relation_id == relation_id)
    )
    invitations = session.scalar(
        select(func.count()).select_from(Invitation).where(Invitation.relation_id == relation_id)
    )
    others = {Interaction: Interaction.relation_id != relation_id, Relation: Relation.id != relation_id}
    notes = _rewrites(session, team_id, name, NOTES, others)
    gatherings = _rewrites(session, team_id, name, GATHERINGS)
    return Erasure(interactions or 0, invitations or 0, _count(notes), _count(gatherings))


class _HasNonAscii(FunctionElement):
    """True when a text holds any character outside ASCII (NULL for NULL)."""

    type = Boolean()
    inherit_cache = True


@compiles(_HasNonAscii)
def _has_non_ascii_sqlite(element, compiler, **kw) -> str:
    text = compiler.process(element.clauses, **kw)
    return f"(length(CAST({text} AS BLOB)) <> length({text}))"  # bytes of UTF-8 against characters


@compiles(_HasNonAscii, "postgresql")
def _has_non_ascii_postgresql(element, compiler, **kw) -> str:
    text = compiler.process(element.clauses, **kw)
    return f"(octet_length({text}) <> char_length({text}))"


def _may_mention(column, name: str):
    """A condition every text that mentions `name` meets, and most others do not. An ASCII-only text folds to
    its lower case, so it can mention the name only if its lower case holds each of the name's words (exact in
    SQL on both databases); any other text is handed to Python to decide."""
    words = ascii_words(name)
    if words is None:
        return _HasNonAscii(column)
    return or_(_HasNonAscii(column), and_(*(func.lower(column).contains(word, autoescape=True) for word in words)))


def _rewrites(session: Session, team_id: str, name: str, tables, where: dict | None = None) -> dict[type, list[dict]]:
    """Per model, the workspace's rows whose texts mention `name`: {"id": …, column: text with ERASED, …}."""
    found: dict[type, list[dict]] = {}
    for model, columns in tables:
        fields = [getattr(model, column) for column in columns]
        extra = (where or {}).get(model)
        candidates = session.execute(
            select(model.id, *fields).where(
                model.team_id == team_id,
                or_(*(_may_mention(field, name) for field in fields)),
                *([extra] if extra is not None else []),
            )
        )
        for row_id, *texts in candidates:
            erased = [erase_mentions(name, text, ERASED) for text in texts]
            if any(text is not None for text in erased):
                values = {
                    column: _fit(field, new) if new is not None else old
                    for column, field, old, new in zip(columns, fields, texts, erased, strict=True)
                }
                found.setdefault(model, []).append({"id": row_id, **values})
    return found


def _fit(field, text: str) -> str:
    """A one-letter name grows into ERASED: the text is cut to the column's length if it must."""
    length = getattr(field.type, "length", None)
    return text[:length] if length else text


def _count(found: dict[type, list[dict]]) -> int:
    return sum(len(rows) for rows in found.values())


def _scrub(session: Session, team_id: str, name: str, tables) -> dict[type, list[int]]:
    """Replace every mention of `name` in these tables' texts by ERASED; the ids changed, per model."""
    found = _rewrites(session, team_id, name, tables)
    for model, rows in found.items():
        session.execute(update(model), rows)
    return {model: [row["id"] for row in rows] for model, rows in found.items()}


def nudges_listing(session: Session, team_id: str, relation_ids: Iterable[int]) -> list[NudgeDelivery]:
    """Sent nudges of any day that list any of these relations (to draw them again without a forgotten person).

    The ids are looked for in the JSON list's text first (a superset: 12 is in 123), then exactly."""
    wanted = set(relation_ids)
    if not wanted:
        return []
    listed = cast(NudgeDelivery.relation_ids, Text)
    rows = session.scalars(
        select(NudgeDelivery).where(
            NudgeDelivery.team_id == team_id,
            NudgeDelivery.status == "sent",
            NudgeDelivery.message_ts.is_not(None),
            or_(*(listed.contains(str(relation_id)) for relation_id in sorted(wanted))),
        )
    )
    return [row for row in rows if wanted.intersection(row.relation_ids or [])]
