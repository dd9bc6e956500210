"""A small team with a known history, for the digest tests (figures worked out by hand in the comments)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from storage.history import add_interaction, create_relation
from storage.models import Goal, Member, Relation
from storage.relations import themes_named
from storage.workspaces import ensure_workspace
from tests.support.slack_standin import TEAM_ID

PEOPLE = {  # name, the language they chose in Goodwill (None: the workspace's), left the workspace
    "U0ANNA": ("Anna de Boer", None, False),
    "U0BRAM": ("Bram Jansen", "nl", False),
    "U0CEES": ("Cees Visser", None, False),
    "U0DIRK": ("Dirk Smit", None, True),
}
LONG_AGO = date(2025, 1, 1)


def add_members(session: Session, slack=None, team_id: str = TEAM_ID) -> None:
    """Members cached as users.info would describe them, with the language each chose (and known to the
    stand-in, when given)."""
    ensure_workspace(session, team_id)
    for user_id, (name, language, deleted) in PEOPLE.items():
        session.merge(
            Member(
                team_id=team_id,
                user_id=user_id,
                name=name.split()[0],
                real_name=name,
                language=language,
                tz="Europe/Amsterdam",
                deleted=deleted,
                fetched_at=datetime(2026, 11, 23, tzinfo=UTC),
            )
        )
        if slack is not None and user_id not in slack.users:
            slack.add_user(user_id, name, locale="en-GB", deleted=deleted)
    session.flush()


def relation(
    session: Session,
    name: str,
    organisation: str | None,
    owner: str,
    tier: str,
    *themes: str,
    team_id: str = TEAM_ID,
    archived: bool = False,
    snoozed_until: date | None = None,
) -> Relation:
    row = create_relation(
        session,
        team_id=team_id,
        name=name,
        organisation=organisation,
        owner_id=owner,
        created_on=LONG_AGO,
        tier=tier,
    )
    row.themes = themes_named(session, team_id, themes)
    row.archived = archived
    row.snoozed_until = snoozed_until
    session.flush()
    return row


def met(
    session: Session,
    relation: Relation,
    day: date,
    by: str,
    *colleagues: str,
    themes=(),
    gave=None,
    got=None,
    team_id: str = TEAM_ID,
) -> None:
    add_interaction(
        session,
        team_id=team_id,
        relation_id=relation.id,
        occurred_on=day,
        logged_by=by,
        colleagues=colleagues,
        themes=themes_named(session, team_id, themes),
        gave=gave,
        got=got,
    )


def build_known_history(session: Session, slack=None) -> dict[str, Relation]:
    """The reported week is 2026-W47: Monday 16 to Sunday 22 November 2026 (Europe/Amsterdam)."""
    add_members(session, slack)
    r = {
        "jan": relation(session, "Jan de Vries", "Gemeente Den Haag", "U0ANNA", "key", "wonen"),
        "fatima": relation(session, "Fatima El Amrani", "Hogeschool Rotterdam", "U0BRAM", "key", "onderwijs"),
        "karin": relation(session, "Karin Mulder", "Woonbond", "U0ANNA", "key", "wonen"),
        "pieter": relation(session, "Pieter Bakker", "Provincie Zuid-Holland", "U0CEES", "key"),
        "sanne": relation(session, "Sanne Visser", "Gemeente Utrecht", "U0ANNA", "regular", "lobby"),
        "ruud": relation(session, "Ruud Smit", "Aedes", "U0DIRK", "wider"),
        "lotte": relation(session, "Lotte de Graaf", "Ministerie van BZK", "U0BRAM", "regular", "wonen"),
        "ahmed": relation(session, "Ahmed Yilmaz", "Vluchtelingenwerk", "U0CEES", "regular", "wonen", "zorg"),
        "old": relation(session, "Oud Contact", None, "U0ANNA", "key", archived=True),
        "eva": relation(session, "Eva Jansen", "GGD", "U0ANNA", "key", snoozed_until=date(2026, 12, 31)),
    }
    # This week (W47): 3 meetings by Anna, Bram and Cees.
    met(session, r["jan"], date(2026, 11, 22), "U0ANNA", "U0BRAM", themes=["wonen"])  # Sunday: last day of W47
    met(
        session,
        r["ahmed"],
        date(2026, 11, 18),
        "U0CEES",
        "U0ANNA",
        "U0BRAM",
        themes=["wonen", "zorg"],
        gave="tips",
    )
    met(session, r["fatima"], date(2026, 11, 16), "U0BRAM", themes=["onderwijs"])  # Monday: first day of W47
    # Next week (W48) counts nowhere in this digest.
    met(session, r["jan"], date(2026, 11, 23), "U0ANNA", themes=["wonen"])
    # Last week (W46): 2 meetings by Bram and Anna.
    met(session, r["lotte"], date(2026, 11, 15), "U0BRAM", themes=["wonen"], got="advies")  # Sunday of W46
    met(session, r["jan"], date(2026, 11, 10), "U0ANNA", themes=["wonen"])
    # Earlier.
    met(session, r["lotte"], date(2026, 10, 10), "U0BRAM", got="cijfers")
    met(session, r["jan"], date(2026, 10, 1), "U0ANNA", themes=["wonen"])
    met(session, r["karin"], date(2026, 9, 15), "U0ANNA", themes=["wonen"])
    met(session, r["fatima"], date(2026, 9, 1), "U0BRAM")
    met(session, r["pieter"], date(2026, 8, 1), "U0CEES")
    met(session, r["ahmed"], date(2026, 8, 1), "U0CEES", gave="introductie")
    met(session, r["lotte"], date(2026, 7, 1), "U0BRAM", got="uitnodiging")
    met(session, r["ahmed"], date(2026, 6, 1), "U0CEES", gave="ruimte", got="advies")
    met(session, r["eva"], date(2026, 6, 1), "U0ANNA")
    met(session, r["sanne"], date(2026, 5, 1), "U0ANNA", themes=["lobby"])
    met(session, r["lotte"], date(2026, 3, 1), "U0BRAM", got="contact")
    met(session, r["lotte"], date(2025, 6, 1), "U0BRAM", got="oud")  # more than a year before the week's end
    met(session, r["ruud"], date(2025, 3, 1), "U0DIRK")
    met(session, r["old"], date(2025, 1, 1), "U0ANNA")
    return r


def add_goals(session: Session, team_id: str = TEAM_ID) -> None:
    """A strategy: housing (wonen), equal chances (onderwijs), lobbying (lobby), climate (no themes yet)."""
    names = ["Betaalbaar wonen", "Kansengelijkheid", "Lobby in Den Haag", "Klimaat"]
    goals = [Goal(team_id=team_id, name=name, position=i) for i, name in enumerate(names)]
    session.add_all(goals)
    session.flush()
    for theme_name, goal in (("wonen", goals[0]), ("onderwijs", goals[1]), ("lobby", goals[2])):
        [theme] = themes_named(session, team_id, [theme_name])
        theme.goal_id = goal.id
    session.flush()


def posted_digest_section(slack, channel: str, heading: str) -> str:
    """The text of the section that starts with `*heading*` in the digest posted to `channel`."""
    [posted] = [c for c in slack.calls_to("chat.postMessage") if c["channel"] == channel]
    sections = [b["text"]["text"] for b in posted["blocks"] if b["type"] == "section"]
    [section] = [text for text in sections if text.startswith(f"*{heading}*")]
    return section
