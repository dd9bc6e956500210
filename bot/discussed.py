"""Searching what was discussed (/whoknows, the App Home's search box): the service between the index and
the answer. No Slack objects here."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.deps import Deps
from bot.domain.search import DiscussedAnswer, FoundMeeting, MetPerson, first_passage, search_query
from storage.db import transaction
from storage.search_index import FoundInteraction, found_interactions, matching, merge_segments

MEETINGS_SHOWN = 10
# Interactions read for MEETINGS_SHOWN meetings: a meeting with several people is one interaction each.
INTERACTIONS_READ = 30


def search_discussed(
    session: Session, team_id: str, viewer_id: str, typed: str, *, shown: int = MEETINGS_SHOWN
) -> DiscussedAnswer:
    """The newest meetings whose notes, themes, organisation or gathering have every word of `typed` (private
    notes count only for their author, who alone sees them)."""
    query = search_query(typed)
    read = max(INTERACTIONS_READ, shown * 3)
    ids = matching(session, team_id, query, viewer_id=viewer_id, limit=read + 1)
    meetings = _meetings(found_interactions(session, team_id, ids[:read]), viewer_id, query, shown)
    return DiscussedAnswer(query, tuple(meetings[:shown]), more=len(meetings) > shown or len(ids) > read)


def _meetings(found: list[FoundInteraction], viewer_id: str, query, shown: int) -> list[FoundMeeting]:
    """One meeting per group of interactions logged together (same day, author, notes …), newest first; the
    passage of the first `shown` (the others are only counted)."""
    groups: dict[tuple, list[FoundInteraction]] = {}
    for interaction in found:
        same = (
            interaction.occurred_on,
            interaction.logged_by,
            interaction.kind,
            interaction.notes,
            interaction.gave,
            interaction.got,
            interaction.private,
            interaction.event_id,
            interaction.colleagues,
            interaction.themes,
        )
        groups.setdefault(same, []).append(interaction)
    meetings = []
    for number, group in enumerate(groups.values()):
        first = group[0]
        withheld = first.private and first.logged_by != viewer_id
        meetings.append(
            FoundMeeting(
                occurred_on=first.occurred_on,
                logged_by=first.logged_by,
                colleagues=first.colleagues,
                people=tuple(  # in the order they were named
                    MetPerson(i.relation_id, i.name, i.organisation, i.archived)
                    for i in sorted(group, key=lambda i: i.interaction_id)
                ),
                kind=first.kind,
                themes=first.themes,
                gathering=first.gathering,
                passage=None
                if withheld or number >= shown
                else first_passage((first.notes, first.gave, first.got), query),
                private=first.private,
                withheld=withheld,
            )
        )
    return meetings


def merge_search_index_job(deps: Deps, now: datetime) -> bool:
    """The clock's job: merge a bounded part of SQLite's search index, the work FTS5 would otherwise do inside
    some /met's commit (migration 0009). True when there was work to do."""
    with transaction(deps.sessions) as session:
        return merge_segments(session.connection())
