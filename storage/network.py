"""The network's questions — relation cards, who knows whom, themes, a member's own network — one
function each.

Every query is scoped by team_id and answered from indexes; a relation's warmth is read from its kept value
(storage.warmth) and /whoknows reads the members' kept ties (storage.ties), so no view reads the history to show
a warmth.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from sqlalchemy import CompoundSelect, Select, and_, bindparam, case, false, func, or_, select, union, union_all
from sqlalchemy.orm import Session

from bot.domain.names import normalise_name
from bot.domain.network import (
    Acquaintance,
    ColleagueContact,
    HomeMeeting,
    InteractionLine,
    RelationCard,
    RelationRef,
    ThemeRelation,
    ThemeSummary,
    ThemeView,
    Tie,
)
from bot.domain.tiers import tier_rank
from bot.domain.warmth import kept_warmth
from storage import ties
from storage.interactions import people_and_themes
from storage.models import (
    DigestDelivery,
    Interaction,
    InteractionColleague,
    MemberTie,
    Relation,
    Theme,
    relation_themes,
)

RECENT_INTERACTIONS = 5
WHO_KNOWS_RELATIONS = 200  # /whoknows reads the ties of at most this many relations (most recently met first)
WHO_KNOWS_TIES = 600  # … and of fewer relations once those read hold this many ties


# --- finding relations ------------------------------------------------------------------------------
def relations_with_name(session: Session, team_id: str, name: str) -> list[RelationRef]:
    """Relations whose normalised name is exactly this one (indexed on team_id, name_key)."""
    rows = session.execute(
        select(Relation.id, Relation.name, Relation.organisation)
        .where(Relation.team_id == team_id, Relation.name_key == normalise_name(name))
        .order_by(Relation.archived, Relation.id)
    )
    return [RelationRef(row.id, row.name, row.organisation) for row in rows]


def organisation_key(organisation: str) -> str:
    """What `lower(organisation)` gives in both databases (ASCII case folding), whitespace collapsed."""
    collapsed = " ".join(organisation.split())
    return collapsed.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def organisations_named(session: Session, team_id: str, organisation: str) -> list[str]:
    """The organisation as spelled in the network, when some relation works there (expression index)."""
    spelled = session.scalar(
        select(Relation.organisation)
        .where(Relation.team_id == team_id, func.lower(Relation.organisation) == organisation_key(organisation))
        .limit(1)
    )
    return [spelled] if spelled else []


def organisation_names(session: Session, team_id: str) -> list[str]:
    """Every organisation in the network (for fuzzy suggestions)."""
    rows = session.scalars(
        select(Relation.organisation).where(Relation.team_id == team_id, Relation.organisation.is_not(None)).distinct()
    )
    return [row for row in rows if row]


def theme_named(session: Session, team_id: str, name: str) -> str | None:
    key = name.strip().lstrip("#").lower()
    if not key:
        return None
    return session.scalar(select(Theme.name).where(Theme.team_id == team_id, Theme.name == key))


def theme_names(session: Session, team_id: str) -> list[str]:
    """Every theme the workspace uses (on a relation, a meeting, or under a goal), by name."""
    return list(session.scalars(select(Theme.name).where(Theme.team_id == team_id).order_by(Theme.name)))


# --- warmth -------------------------------------------------------------------------------------------
def relation_warmths(session: Session, team_id: str, relation_ids: Iterable[int], today: date) -> dict[int, int]:
    """Warmth today of each of the workspace's relations with these ids, from their kept warmth: one query."""
    ids = list(relation_ids)
    if not ids:
        return {}
    rows = session.connection().execute(
        select(Relation.id, Relation.warmth_at_last, Relation.last_contact_on, Relation.cadence_days).where(
            Relation.team_id == team_id, Relation.id.in_(ids)
        )
    )
    return {row.id: warmth_of(row, today) for row in rows}


def warmth_of(row, today: date) -> int:
    """The warmth today of a relation row that has warmth_at_last, last_contact_on and cadence_days."""
    return kept_warmth(row.warmth_at_last, last_on=row.last_contact_on, today=today, cadence_days=row.cadence_days)


# --- the relation card ------------------------------------------------------------------------------
def relation_card(
    session: Session, team_id: str, relation_id: int, *, viewer_id: str, today: date
) -> RelationCard | None:
    """What /relation shows; private interactions are withheld unless `viewer_id` wrote them."""
    relation = session.execute(
        select(Relation).where(Relation.team_id == team_id, Relation.id == relation_id)
    ).scalar_one_or_none()
    if relation is None:
        return None
    cadence = relation.cadence_days
    interaction_count = session.scalar(
        select(func.count())
        .select_from(Interaction)
        .where(Interaction.team_id == team_id, Interaction.relation_id == relation_id)
    )
    return RelationCard(
        relation_id=relation.id,
        name=relation.name,
        organisation=relation.organisation,
        email=relation.email,
        owner_id=relation.owner_id,
        tier=relation.tier,
        cadence_days=cadence,
        themes=tuple(theme.name for theme in relation.themes),
        warmth=warmth_of(relation, today),
        last_contact_on=relation.last_contact_on,
        last_contact_by=relation.last_contact_by,
        snoozed_until=relation.snoozed_until,
        archived=bool(relation.archived),
        colleagues=tuple(colleagues_who_met(session, team_id, relation_id)),
        recent=tuple(recent_interactions(session, team_id, relation_id, viewer_id=viewer_id)),
        interaction_count=interaction_count or 0,
    )


def colleagues_who_met(session: Session, team_id: str, relation_id: int) -> list[ColleagueContact]:
    """Every member who logged or attended an interaction with the relation, most recent first (their ties)."""
    return [ColleagueContact(user_id, day) for user_id, day in ties.who_met(session, team_id, relation_id)]


def recent_interactions(
    session: Session, team_id: str, relation_id: int, *, viewer_id: str, limit: int = RECENT_INTERACTIONS
) -> list[InteractionLine]:
    """The last `limit` interactions with their notes, give and take — private ones only for their author."""
    rows = session.execute(
        select(
            Interaction.id,
            Interaction.occurred_on,
            Interaction.logged_by,
            Interaction.kind,
            Interaction.notes,
            Interaction.gave,
            Interaction.got,
            Interaction.private,
        )
        .where(Interaction.team_id == team_id, Interaction.relation_id == relation_id)
        .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
        .limit(limit)
    ).all()
    ids = [row.id for row in rows]
    colleagues, themes = people_and_themes(session, ids)
    lines = []
    for row in rows:
        withheld = bool(row.private) and row.logged_by != viewer_id
        lines.append(
            InteractionLine(
                interaction_id=row.id,
                occurred_on=row.occurred_on,
                logged_by=row.logged_by,
                kind=row.kind,
                colleagues=tuple(colleagues.get(row.id, ())),
                themes=tuple(themes.get(row.id, ())),
                notes="" if withheld else (row.notes or ""),
                gave=None if withheld else row.gave,
                got=None if withheld else row.got,
                private=bool(row.private),
                withheld=withheld,
            )
        )
    return lines


# --- who knows ------------------------------------------------------------------------------------
def _relations_of_theme(team_id: str, theme: str) -> Select:
    return (
        select(relation_themes.c.relation_id)
        .join(Theme, Theme.id == relation_themes.c.theme_id)
        .where(Theme.team_id == team_id, Theme.name == theme)
    )


def matching_relations(
    team_id: str, *, theme: str | None, organisations: Iterable[str], people: Iterable[str]
) -> Select | CompoundSelect:
    """One SELECT of (id, last_contact_on) of the active relations asked about: those at the organisations, those
    with the names and the theme's, each from its own index (the theme's from relation_themes' copies)."""
    active = (Relation.team_id == team_id, Relation.archived == false())
    asked: list[Select] = []
    keys = sorted({organisation_key(o) for o in organisations})
    if keys:
        asked.append(
            select(Relation.id, Relation.last_contact_on).where(*active, func.lower(Relation.organisation).in_(keys))
        )
    names = sorted({normalise_name(p) for p in people})
    if names:
        asked.append(select(Relation.id, Relation.last_contact_on).where(*active, Relation.name_key.in_(names)))
    if theme:
        asked.append(
            select(relation_themes.c.relation_id.label("id"), relation_themes.c.last_contact_on)
            .join(Theme, Theme.id == relation_themes.c.theme_id)
            .where(Theme.team_id == team_id, Theme.name == theme, relation_themes.c.archived == false())
        )
    if not asked:
        return select(Relation.id, Relation.last_contact_on).where(false())
    return asked[0] if len(asked) == 1 else union(*asked)


class WhoKnowsRead(NamedTuple):
    acquaintances: list[Acquaintance]  # the first `shown`, warmest first
    colleague_count: int  # every colleague with a tie to the relations read
    relations_read: int  # the most recently met relations whose ties were read


def who_knows(
    session: Session,
    team_id: str,
    matching: Select | CompoundSelect,
    *,
    today: date,
    most_recent: int = WHO_KNOWS_RELATIONS,
    tie_budget: int = WHO_KNOWS_TIES,
    shown: int | None = None,
) -> WhoKnowsRead:
    """The colleagues who met these relations, warmest tie first, with each tie's warmth and last date: the
    first `shown` of them (all when None), how many there are in all, and how many relations were read.

    A colleague's tie with a relation is the warmth of the interactions they took part in (logged or
    attended), kept per tie (storage.ties), so the ranking reads one row per tie and no history. Relations are
    read most recently met first, at most `most_recent` of them and no more once they hold `tie_budget` ties,
    so a question matching thousands of relations, each met by many colleagues over the years, costs the
    same as one matching a few: every tie left out is with a relation last met no later than all those read.
    """
    # Which relations, from the indexes alone (matching_relations), with their number of ties (the ties' key).
    asked = matching.subquery()
    recent = (
        select(asked.c.id, asked.c.last_contact_on)
        .order_by(asked.c.last_contact_on.desc().nulls_last(), asked.c.id)
        .limit(most_recent)
        .subquery()
    )
    tie_count = select(func.count()).where(MemberTie.relation_id == Relation.id).correlate(Relation).scalar_subquery()
    rows = session.connection().execute(
        select(Relation.id, Relation.name, Relation.organisation, Relation.cadence_days, tie_count.label("ties"))
        .join(recent, recent.c.id == Relation.id)
        .order_by(recent.c.last_contact_on.desc().nulls_last(), recent.c.id)
    )
    relations, held = {}, 0
    for row in rows:
        if held >= tie_budget:
            break
        relations[row.id] = row
        held += row.ties
    if not relations:
        return WhoKnowsRead([], 0, 0)
    ids = list(relations)
    first, count = ties.warmest_members(session, ids, today=today, first=shown)
    by_member: dict[str, list[Tie]] = {user_id: [] for user_id in first}
    for relation_id, user_id, last_met_on, warmth_at_last in ties.ties_of(session, ids, first):
        row = relations[relation_id]
        warmth = kept_warmth(warmth_at_last, last_on=last_met_on, today=today, cadence_days=row.cadence_days)
        by_member[user_id].append(Tie(relation_id, row.name, row.organisation, last_met_on, warmth))
    people = []
    for user_id, found in by_member.items():
        found.sort(key=lambda tie: (-tie.warmth, -tie.last_met_on.toordinal(), tie.name.casefold(), tie.relation_id))
        people.append(Acquaintance(user_id, found))
    return WhoKnowsRead(people, count, len(relations))


def count_relations(session: Session, matching: Select | CompoundSelect) -> int:
    return session.scalar(select(func.count()).select_from(matching.subquery())) or 0


# --- themes -----------------------------------------------------------------------------------------
def _is_quiet(today: date):
    return and_(Relation.due_on < today, or_(Relation.snoozed_until.is_(None), Relation.snoozed_until <= today))


def theme_overview(session: Session, team_id: str, today: date) -> list[ThemeSummary]:
    """Every theme with its number of active relations, owners, quiet relations and key relations."""
    active = and_(Relation.id == relation_themes.c.relation_id, Relation.archived == false())
    rows = session.execute(
        select(
            Theme.name,
            func.count(Relation.id),
            func.count(func.distinct(Relation.owner_id)),
            func.coalesce(func.sum(case((_is_quiet(today), 1), else_=0)), 0),
            func.coalesce(func.sum(case((Relation.tier == "key", 1), else_=0)), 0),
        )
        .select_from(Theme)
        .outerjoin(relation_themes, relation_themes.c.theme_id == Theme.id)
        .outerjoin(Relation, active)
        .where(Theme.team_id == team_id)
        .group_by(Theme.id, Theme.name)
    )
    summaries = [ThemeSummary(name, int(n), int(owners), int(quiet), int(key)) for name, n, owners, quiet, key in rows]
    return sorted(summaries, key=lambda s: (-s.relations, s.name))


def theme_relations(session: Session, team_id: str, theme: str, today: date) -> ThemeView:
    """The theme's active relations with owner, tier, warmth and whether they are quiet."""
    ids = _relations_of_theme(team_id, theme)
    rows = session.execute(
        select(
            Relation.id,
            Relation.name,
            Relation.organisation,
            Relation.owner_id,
            Relation.tier,
            Relation.cadence_days,
            Relation.last_contact_on,
            Relation.warmth_at_last,
            _is_quiet(today).label("quiet"),
        ).where(Relation.team_id == team_id, Relation.archived == false(), Relation.id.in_(ids))
    ).all()
    relations = [
        ThemeRelation(
            row.id,
            row.name,
            row.organisation,
            row.owner_id,
            row.tier,
            warmth_of(row, today),
            row.last_contact_on,
            bool(row.quiet),
        )
        for row in rows
    ]

    relations.sort(key=lambda r: (tier_rank(r.tier), -r.warmth, r.name.casefold()))
    return ThemeView(theme, tuple(relations))


# --- a member's own network ------------------------------------------------------------------------
def owned_relations(session: Session, team_id: str, owner_id: str, today: date) -> list[tuple]:
    """(id, name, organisation, tier, cadence, last_contact_on, due_on, warmth_at_last, quiet, snoozed) of the
    member's active relations, from the (team_id, owner_id) index."""
    return session.execute(_OWNED_RELATIONS, {"team_id": team_id, "owner_id": owner_id, "today": today}).all()


def _owned_relations_statement():
    """Built once (bound to team_id, owner_id and today): every Home tab drawn runs it, and building it cost
    twice what running it did (bench/load.py, py-spy)."""
    today = bindparam("today")
    return select(
        Relation.id,
        Relation.name,
        Relation.organisation,
        Relation.tier,
        Relation.cadence_days,
        Relation.last_contact_on,
        Relation.due_on,
        Relation.warmth_at_last,
        _is_quiet(today).label("quiet"),
        (func.coalesce(Relation.snoozed_until > today, false())).label("snoozed"),
    ).where(
        Relation.team_id == bindparam("team_id"),
        Relation.owner_id == bindparam("owner_id"),
        Relation.archived == false(),
    )


_OWNED_RELATIONS = _owned_relations_statement()


def _last_meetings_statement():
    """Built once (bound to team_id, user_id and limit): with its union of two subqueries, building it cost
    several times more than running it, on every Home tab drawn (bench/load.py, py-spy)."""
    team_id, user_id, limit = bindparam("team_id"), bindparam("user_id"), bindparam("limit")
    logged = (
        select(Interaction.id, Interaction.relation_id, Interaction.occurred_on)
        .where(Interaction.team_id == team_id, Interaction.logged_by == user_id)
        .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
        .limit(limit)
    )
    # Newest first from the colleagues' own index (their copy of the day), however many meetings they attended.
    attended = (
        select(Interaction.id, Interaction.relation_id, Interaction.occurred_on)
        .join(InteractionColleague, InteractionColleague.interaction_id == Interaction.id)
        .where(Interaction.team_id == team_id, InteractionColleague.user_id == user_id)
        .order_by(InteractionColleague.occurred_on.desc(), InteractionColleague.interaction_id.desc())
        .limit(limit)
    )
    both = union_all(logged.subquery().select(), attended.subquery().select()).subquery()
    return (
        select(both.c.id, both.c.occurred_on, Relation.id.label("relation_id"), Relation.name)
        .join(Relation, Relation.id == both.c.relation_id)
        .order_by(both.c.occurred_on.desc(), both.c.id.desc())
        .limit(limit)
    )


_LAST_MEETINGS = _last_meetings_statement()


def last_meetings(session: Session, team_id: str, user_id: str, limit: int = 5) -> list[HomeMeeting]:
    """The member's latest interactions (logged by them or attended), newest first."""
    rows = session.execute(_LAST_MEETINGS, {"team_id": team_id, "user_id": user_id, "limit": limit}).all()
    seen, meetings = set(), []
    for row in rows:
        if row.id not in seen:
            seen.add(row.id)
            meetings.append(HomeMeeting(row.relation_id, row.name, row.occurred_on))
    return meetings


def latest_digest(session: Session, team_id: str) -> tuple[str, str] | None:
    """(channel id, message ts) of the newest digest that was posted."""

    row = session.execute(
        select(DigestDelivery.channel_id, DigestDelivery.message_ts)
        .where(
            DigestDelivery.team_id == team_id,
            DigestDelivery.message_ts.is_not(None),
            DigestDelivery.channel_id.is_not(None),
        )
        .order_by(DigestDelivery.week.desc(), DigestDelivery.id.desc())
        .limit(1)
    ).first()
    return (row.channel_id, row.message_ts) if row else None
