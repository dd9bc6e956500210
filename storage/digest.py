"""The digest's questions, each one aggregate query scoped by workspace and bounded by a date range.

Nothing here loads the history into Python, and nothing reads the interactions' table rows for a long
window. The week and the 12 weeks of the chart are counted from ix_interactions_team_date, which covers
the relation's tier (kept on each interaction); themes from interaction_themes' own day; the year-long
questions start from what is kept on the relations (others_last_contact_on, recent_exchanges_from) and
look at the interactions of the few relations that can qualify. All of it is kept true by storage.history
(the list: storage.derived, docs/derived-values.md).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import and_, false, func, literal, or_, select, true, union_all, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.domain.digest import Exchange, Meeting, RelationRef, ThemeFigure, is_lopsided, key_first
from storage.interactions import people_and_themes
from storage.models import (
    EXCHANGE_GAVE,
    EXCHANGE_GOT,
    DigestDelivery,
    Goal,
    Interaction,
    InteractionColleague,
    Member,
    Relation,
    Theme,
    interaction_themes,
    relation_themes,
)


def _in_window(team_id: str, start: date, end: date):
    return and_(Interaction.team_id == team_id, Interaction.occurred_on >= start, Interaction.occurred_on <= end)


def _people(team_id: str, start: date, end: date):
    """(day, relation, person) for everyone who met a relation in the window: who logged it, and who was
    there (looked up only for the meetings that had anyone)."""
    logged = select(
        Interaction.occurred_on.label("day"),
        Interaction.relation_id.label("relation_id"),
        Interaction.logged_by.label("person"),
    ).where(_in_window(team_id, start, end))
    present = (
        select(Interaction.occurred_on, Interaction.relation_id, InteractionColleague.user_id)
        .join(InteractionColleague, InteractionColleague.interaction_id == Interaction.id)
        .where(_in_window(team_id, start, end), Interaction.colleagues_present > 0)
    )
    return logged, present


# The digest's key relations are read from ix_relations_key_contact, an index of the key relations alone:
# the tier is written into the statement (not bound), so that both planners match it to the index's condition.
is_key = Relation.tier == literal("key", literal_execute=True)
# The same for the interactions with gives or takes, in ix_interactions_relation_exchanges.
has_exchange = Interaction.exchange > literal(0, literal_execute=True)


def meetings_by_day_and_tier(session: Session, team_id: str, start: date, end: date) -> list[tuple[date, str, int]]:
    """Interactions per day and per tier of the relation, from `start` to `end` inclusive.

    Read from ix_interactions_team_date alone: the relation's tier is kept on its interactions.
    """
    query = (
        select(Interaction.occurred_on, Interaction.relation_tier, func.count())
        .where(_in_window(team_id, start, end))
        .group_by(Interaction.occurred_on, Interaction.relation_tier)
    )
    return [(day, tier, count) for day, tier, count in session.execute(query)]


def relations_met_per_member(session: Session, team_id: str, start: date, end: date) -> list[tuple[str, int]]:
    """(member, distinct relations met) for every member who met a relation from `start` to `end`."""
    people = union_all(*_people(team_id, start, end)).subquery()
    query = select(people.c.person, func.count(people.c.relation_id.distinct())).group_by(people.c.person)
    return [(person, count) for person, count in session.execute(query)]


def members_who_met(session: Session, team_id: str, start: date, end: date) -> int:
    """How many members met a relation from `start` to `end`. (Counted apart from the relations each met:
    deduplicating members alone is cheaper than grouping every member's relations.)"""
    people = union_all(*_people(team_id, start, end)).subquery()
    return session.execute(select(func.count(people.c.person.distinct()))).scalar_one()


def week_meetings(session: Session, team_id: str, start: date, end: date, limit: int) -> list[Meeting]:
    """The newest `limit` interactions of the window with relation, organisation, colleagues and themes.

    The newest are picked from ix_interactions_team_date first and only they are joined to their relations
    (joined before the limit, the planners look up the relation of every meeting of the last day).
    """
    newest = (
        select(Interaction.id, Interaction.occurred_on, Interaction.logged_by, Interaction.relation_id)
        .where(_in_window(team_id, start, end))
        .order_by(Interaction.occurred_on.desc(), Interaction.id.desc())
        .limit(limit)
        .subquery()
    )
    rows = session.execute(
        select(newest.c.id, newest.c.occurred_on, newest.c.logged_by, Relation.name, Relation.organisation)
        .join(Relation, Relation.id == newest.c.relation_id)
        .order_by(newest.c.occurred_on.desc(), newest.c.id.desc())
    ).all()
    colleagues, themes = people_and_themes(session, [row.id for row in rows])
    return [
        Meeting(
            interaction_id=row.id,
            occurred_on=row.occurred_on,
            relation_name=row.name,
            organisation=row.organisation,
            logged_by=row.logged_by,
            colleagues=tuple(colleagues[row.id]),
            themes=tuple(themes[row.id]),
        )
        for row in rows
    ]


def single_person_key_relations(
    session: Session, team_id: str, since: date, until: date, limit: int
) -> tuple[list[RelationRef], int]:
    """Active key relations that exactly one member (logging or present) met from `since` to `until`.

    Returns the first `limit` by name, and how many there are in all. A relation last met within the window
    was met in it by last_contact_by alone when nobody else met it since `since` (others_last_contact_on,
    kept by storage.relations): read from ix_relations_key_contact. Only relations met again after
    `until` (for a digest read after its week, those met since) are worked out from their interactions.
    """
    key_and_active = (Relation.team_id == team_id, is_key, Relation.archived == false())
    shown = (Relation.id, Relation.name, Relation.organisation, Relation.owner_id, Relation.tier)
    kept = select(*shown, Relation.last_contact_by.label("person")).where(
        *key_and_active,
        Relation.last_contact_on >= since,
        Relation.last_contact_on <= until,
        or_(Relation.others_last_contact_on.is_(None), Relation.others_last_contact_on < since),
    )
    met_later = select(Relation.id).where(*key_and_active, Relation.last_contact_on > until)
    in_window = (Interaction.occurred_on >= since, Interaction.occurred_on <= until)
    # Those whose meetings in the window were all logged by one member (one ordered pass over their
    # interactions); of those few, the ones where nobody else was there.
    logged_alone = (
        select(Interaction.relation_id, func.min(Interaction.logged_by).label("person"))
        .where(Interaction.relation_id.in_(met_later), *in_window)
        .group_by(Interaction.relation_id)
        .having(func.min(Interaction.logged_by) == func.max(Interaction.logged_by))
        .subquery()
    )
    someone_else_there = (
        select(Interaction.id)
        .join(InteractionColleague, InteractionColleague.interaction_id == Interaction.id)
        .where(
            Interaction.relation_id == logged_alone.c.relation_id,
            *in_window,
            Interaction.colleagues_present > 0,
            InteractionColleague.user_id != logged_alone.c.person,
        )
        .exists()
    )
    later = (
        select(*shown, logged_alone.c.person)
        .join(logged_alone, logged_alone.c.relation_id == Relation.id)
        .where(~someone_else_there)
    )
    # Each part carries what is shown, so the few rows are sorted as they are: joined to all relations
    # afterwards, PostgreSQL would walk every relation by name looking for them (LIMIT's early exit).
    single = union_all(kept, later).subquery()
    rows = session.execute(
        select(single, func.count().over().label("total")).order_by(single.c.name, single.c.id).limit(limit)
    ).all()
    total = rows[0].total if rows else 0
    refs = [RelationRef(r.id, r.name, r.organisation, r.owner_id, r.tier, r.person) for r in rows]
    return refs, total


def orphaned_relations(session: Session, team_id: str) -> list[RelationRef]:
    """Active relations whose owner left the workspace (deleted Slack user): key relations first, by name."""
    rows = session.execute(
        select(Relation.id, Relation.name, Relation.organisation, Relation.owner_id, Relation.tier)
        .join(Member, and_(Member.team_id == Relation.team_id, Member.user_id == Relation.owner_id))
        .where(Relation.team_id == team_id, Relation.archived == false(), Member.deleted == true())
    )
    return key_first(RelationRef(r.id, r.name, r.organisation, r.owner_id, r.tier) for r in rows)


def goals(session: Session, team_id: str) -> list[tuple[int, str]]:
    """The workspace's strategy goals in their order."""
    return [
        (goal_id, name)
        for goal_id, name in session.execute(
            select(Goal.id, Goal.name).where(Goal.team_id == team_id).order_by(Goal.position, Goal.id)
        )
    ]


def theme_figures(
    session: Session, team_id: str, week_start: date, quarter_start: date, week_end: date
) -> list[ThemeFigure]:
    """Per theme: active and key relations, meetings in the week and in the quarter up to the week's end.

    A theme's relations are counted from its links (a range of ix_relation_themes_theme_relation; themes
    are only ever given to relations of their own workspace), less the archived ones: only the archived
    and the active key relations are joined to their theme links (one in eight on the bench dataset),
    never all of them.
    """
    archived_and_key = {
        (theme_id, bool(archived)): count for theme_id, archived, count in session.execute(_archived_and_key(team_id))
    }
    figures = []
    for theme_id, name, goal_id, linked, this_week, quarter in session.execute(
        select(
            Theme.id,
            Theme.name,
            Theme.goal_id,
            select(func.count())
            .select_from(relation_themes)
            .where(relation_themes.c.theme_id == Theme.id)
            .correlate(Theme)
            .scalar_subquery(),
            _theme_meetings(week_start, week_end),
            _theme_meetings(quarter_start, week_end),
        ).where(Theme.team_id == team_id)
    ):
        active = linked - archived_and_key.get((theme_id, True), 0)
        key = archived_and_key.get((theme_id, False), 0)
        figures.append(ThemeFigure(theme_id, name, goal_id, active, key, int(this_week), int(quarter)))
    return figures


def _archived_and_key(team_id: str):
    """(theme, True, archived relations) and (theme, False, active key relations), from
    ix_relations_team_due (team, archived) and ix_relations_key_contact."""

    def per_theme(*which):
        return (
            select(relation_themes.c.theme_id, Relation.archived, func.count())
            .join(Relation, Relation.id == relation_themes.c.relation_id)
            .where(Relation.team_id == team_id, *which)
            .group_by(relation_themes.c.theme_id, Relation.archived)
        )

    return union_all(per_theme(Relation.archived == true()), per_theme(Relation.archived == false(), is_key))


def _theme_meetings(start: date, end: date):
    """The theme's meetings from `start` to `end`: a range of ix_interaction_themes_theme_date (the day is
    kept on interaction_themes by storage.relations)."""
    return (
        select(func.count())
        .select_from(interaction_themes)
        .where(
            interaction_themes.c.theme_id == Theme.id,
            interaction_themes.c.occurred_on >= start,
            interaction_themes.c.occurred_on <= end,
        )
        .correlate(Theme)
        .scalar_subquery()
    )


def lopsided_exchanges(session: Session, team_id: str, since: date, until: date) -> list[Exchange]:
    """Active relations whose gives and takes logged in the window are lopsided (bot.domain.digest), with
    both counts.

    Only relations whose recent_exchanges_from (kept by storage.relations) is in the window can have
    MIN_EXCHANGES in it: they are read from ix_relations_team_exchanges alone, and only their gives and
    takes in the window are counted, from ix_interactions_relation_exchanges (an index of the meetings
    that had any), one pass per relation. The rule is applied in the database, so only the lopsided ones
    are read by name.

    Private interactions are not counted: the digest goes to a channel (and the same figures to the leads),
    and what was given or taken in a private meeting is for its author alone. recent_exchanges_from counts
    them, so the candidates are a superset of the relations with enough shared exchanges; the count decides.
    """
    candidates = select(Relation.id).where(
        Relation.team_id == team_id, Relation.recent_exchanges_from >= since, Relation.archived == false()
    )
    gave = func.count().filter(Interaction.exchange.in_([EXCHANGE_GAVE, EXCHANGE_GAVE | EXCHANGE_GOT]))
    got = func.count().filter(Interaction.exchange.in_([EXCHANGE_GOT, EXCHANGE_GAVE | EXCHANGE_GOT]))
    counted = (
        select(Interaction.relation_id, gave.label("gave_count"), got.label("got_count"))
        .where(
            Interaction.relation_id.in_(candidates),
            Interaction.occurred_on >= since,
            Interaction.occurred_on <= until,
            has_exchange,
            Interaction.private == false(),
        )
        .group_by(Interaction.relation_id)
        .having(is_lopsided(gave, got))
        .subquery()
    )
    rows = session.execute(
        select(
            Relation.id,
            Relation.name,
            Relation.organisation,
            Relation.owner_id,
            counted.c.gave_count,
            counted.c.got_count,
        ).join(counted, counted.c.relation_id == Relation.id)
    )
    return [Exchange(*row) for row in rows]


def due_dates(session: Session, team_id: str, before: date) -> list[tuple[date, date | None, int]]:
    """(due date, snoozed until, how many) for the active relations due before `before`: one GROUP BY over
    the due-date index range, which covers the snooze (see bot.domain.digest.quiet_counts_at)."""
    rows = session.execute(
        select(Relation.due_on, Relation.snoozed_until, func.count())
        .where(Relation.team_id == team_id, Relation.archived == false(), Relation.due_on < before)
        .group_by(Relation.due_on, Relation.snoozed_until)
    )
    return [(due_on, snoozed_until, count) for due_on, snoozed_until, count in rows]


def member_names(session: Session, team_id: str, user_ids: set[str]) -> dict[str, str]:
    """Display names (real name, else Slack name) of the cached members among `user_ids`."""
    if not user_ids:
        return {}
    rows = session.execute(
        select(Member.user_id, Member.real_name, Member.name).where(
            Member.team_id == team_id, Member.user_id.in_(sorted(user_ids))
        )
    )
    return {user_id: real_name or name for user_id, real_name, name in rows if real_name or name}


def leads(session: Session, team_id: str) -> list[Member]:
    """Members marked as team lead who are still in the workspace."""
    return list(
        session.scalars(
            select(Member)
            .where(Member.team_id == team_id, Member.is_lead == true(), Member.deleted == false())
            .order_by(Member.user_id)
        )
    )


# --- once per workspace per week -------------------------------------------------------------------
CLAIM_EXPIRES = timedelta(minutes=15)  # a claim older than this was left by a run that died
MAX_ATTEMPTS = 5


def claim_digest(session: Session, team_id: str, week: str, now: datetime) -> DigestDelivery | None:
    """Claim the week's digest for this run, or None when it was sent or another run holds a fresh claim.

    The unique (team_id, week) row decides between concurrent runs; a failed or stale claim is taken over
    with a compare-and-set on (status, attempts), so two runs can never both take it. Commit right after.
    """
    delivery = digest_delivery(session, team_id, week)
    if delivery is None:
        try:
            with session.begin_nested():
                claim = DigestDelivery(team_id=team_id, week=week, status="claimed", attempts=1, claimed_at=now)
                session.add(claim)
        except IntegrityError:  # another run inserted it first
            session.expunge_all()
            delivery = digest_delivery(session, team_id, week)
        else:
            return claim
    if delivery is None or delivery.status == "sent":
        return None
    # A stale claim was left by a run that died; the run that takes it over resumes where that one got to
    # (bot.digests), so a fresh claim is never taken: its run may still be posting the leads' copies.
    stale = delivery.status == "claimed" and _aware(delivery.claimed_at) < now - CLAIM_EXPIRES
    retry = delivery.status == "failed" and delivery.attempts < MAX_ATTEMPTS
    if not (stale or retry):
        return None
    taken = session.execute(
        update(DigestDelivery)
        .where(
            DigestDelivery.id == delivery.id,
            DigestDelivery.status == delivery.status,
            DigestDelivery.attempts == delivery.attempts,
        )
        .values(status="claimed", attempts=delivery.attempts + 1, claimed_at=now, error=None)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:
        return None
    session.expire(delivery)
    return digest_delivery(session, team_id, week)


def digest_delivery(session: Session, team_id: str, week: str) -> DigestDelivery | None:
    return session.scalars(
        select(DigestDelivery).where(DigestDelivery.team_id == team_id, DigestDelivery.week == week)
    ).one_or_none()


def _aware(moment: datetime | None) -> datetime:

    if moment is None:
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def record_posted(session: Session, delivery_id: int, channel_id: str, message_ts: str) -> None:
    """The channel message is out: remember it at once, so that no later run posts it again."""
    session.execute(
        update(DigestDelivery)
        .where(DigestDelivery.id == delivery_id)
        .values(channel_id=channel_id, message_ts=message_ts)
    )


def record_sent(session: Session, delivery_id: int, now: datetime, channel_id: str | None, ts: str | None) -> None:
    session.execute(
        update(DigestDelivery)
        .where(DigestDelivery.id == delivery_id)
        .values(status="sent", sent_at=now, channel_id=channel_id, message_ts=ts, error=None)
    )


def record_failure(session: Session, delivery_id: int, error: str) -> None:
    """A failed post is retried by a later run (up to MAX_ATTEMPTS), never lost silently."""
    session.execute(
        update(DigestDelivery).where(DigestDelivery.id == delivery_id).values(status="failed", error=error[:1000])
    )
