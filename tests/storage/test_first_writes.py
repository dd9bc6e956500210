"""First writes at the same moment: members logging the same new person at once, on a database that has never
seen the workspace — every meeting stored once, on one relation, and no one gets an error (#14.7)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from sqlalchemy import func, select

from storage.members import mark_unknown_to_slack, save_member_from_slack
from storage.models import Interaction, Member, Relation, Workspace
from storage.workspaces import ensure_workspace
from tests.support.slack_standin import TEAM_ID

MEMBERS = ("U0ANNA", "U0BRAM", "U0CEES", "U0DIRK", "U0EVA", "U0FENNA")


def _at_once(count: int, send) -> list:
    """`send(i)` from `count` threads released together."""
    start = threading.Barrier(count)

    def go(i: int):
        start.wait()
        return send(i)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(go, range(count)))


def _count(goodwill, what) -> int:
    with goodwill.db.sessions() as session:
        return session.scalar(select(func.count()).select_from(what))


def test_six_members_logging_the_same_new_person_at_once_store_six_meetings_with_one_relation(goodwill, slack):
    for user_id in MEMBERS[2:]:
        slack.add_user(user_id, user_id.removeprefix("U0").title(), locale="nl-NL")

    responses = _at_once(
        len(MEMBERS), lambda i: goodwill.command("/met", "Sanne Bakker (Gemeente Utrecht) vandaag", user_id=MEMBERS[i])
    )

    assert [r.status for r in responses] == [200] * len(MEMBERS)
    assert all("Sanne Bakker" in r.text for r in responses)
    with goodwill.db.sessions() as session:
        [sanne] = session.scalars(select(Relation)).all()
        logged = session.scalars(select(Interaction.logged_by).where(Interaction.relation_id == sanne.id)).all()
    assert sorted(logged) == sorted(MEMBERS)
    assert _count(goodwill, Workspace) == 1 and _count(goodwill, Member) == len(MEMBERS)


def test_two_members_adding_the_same_new_person_on_a_busy_database_make_one_relation(goodwill, slack):
    goodwill.command("/met", "Jan de Vries gisteren")  # the workspace and both members are known already
    goodwill.command("/met", "Piet Bakker gisteren", user_id="U0BRAM")

    for name in ("Lotte Visser", "Ahmed Yilmaz", "Noor de Wit"):  # a few rounds: the scheduler decides the race
        responses = _at_once(2, lambda i, name=name: goodwill.command("/met", name, user_id=MEMBERS[i]))
        assert [r.status for r in responses] == [200, 200]
        with goodwill.db.sessions() as session:
            ids = session.scalars(select(Relation.id).where(Relation.name == name)).all()
            assert len(ids) == 1, name
            assert session.scalar(select(func.count()).where(Interaction.relation_id == ids[0])) == 2


def test_first_contact_rows_are_written_once_whoever_writes_them_at_the_same_moment(db):
    """The workspace and member rows are INSERT … ON CONFLICT: two sessions writing them at once both succeed."""
    user = {"id": "U0ANNA", "name": "anna", "tz": "Europe/Amsterdam", "profile": {"real_name": "Anna de Boer"}}

    def first_contact(i: int) -> None:

        with db.sessions() as session, session.begin():
            ensure_workspace(session, TEAM_ID)
            save_member_from_slack(session, TEAM_ID, user, fetched_at=datetime(2026, 11, 26, tzinfo=UTC))
            mark_unknown_to_slack(session, TEAM_ID, ["U0GONE"], fetched_at=datetime(2026, 11, 26, tzinfo=UTC))

    _at_once(4, first_contact)

    with db.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Workspace)) == 1
        members = {m.user_id: m for m in session.scalars(select(Member))}
    assert set(members) == {"U0ANNA", "U0GONE"}
    assert members["U0ANNA"].real_name == "Anna de Boer" and members["U0GONE"].deleted
