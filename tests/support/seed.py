"""The one way tests seed data: small functions that write through Goodwill's own writers (storage.history for
relations, themes and meetings; storage.members; storage.workspaces), and the known scenes the stories share,
built from them.

    with seeding(db.sessions) as session:
        jan = relation(session, "Jan de Vries", organisation="Gemeente Den Haag", tier="key", themes=["wonen"])
        meeting(session, jan, date(2026, 11, 5), by="U0ANNA", colleagues=["U0CARLA"], notes="koffie")

`relation` and `meeting` take the workspace as `team_id` (default: the stand-in's workspace, TEAM_ID) and return
what the writers return. Seeding only writes: what a member was shown is read with tests/support/shown.py.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session, sessionmaker

from bot.domain.digest import Week
from bot.recording import Person, record_meeting
from storage.history import add_interaction, add_themes, change_relation, create_relation
from storage.members import choose_language
from storage.models import Goal, Member, Relation, Workspace
from storage.relations import themes_named
from storage.workspaces import ensure_workspace
from tests.support.slack_standin import TEAM_ID

LONG_AGO = date(2025, 1, 6)  # a relation created or met then is long due a nudge
TODAY = date(2026, 11, 26)  # the clock fixture's day: Thursday 26 November 2026 in Amsterdam


# --- the small functions -------------------------------------------------------------------------------------------
@contextmanager
def seeding(sessions: sessionmaker[Session], team_id: str = TEAM_ID) -> Iterator[Session]:
    """One transaction, with the workspace there: `with seeding(db.sessions) as session: …`."""
    with sessions() as session, session.begin():
        ensure_workspace(session, team_id)
        yield session


def workspace(session: Session, team_id: str = TEAM_ID, **settings) -> Workspace:
    """The workspace, with `settings` (purpose, digest_channel, language, …) set on it."""
    row = ensure_workspace(session, team_id)
    for key, value in settings.items():
        setattr(row, key, value)
    return row


def set_workspace(sessions: sessionmaker[Session], team_id: str = TEAM_ID, **settings) -> None:
    """`workspace` in a transaction of its own."""
    with seeding(sessions, team_id) as session:
        workspace(session, team_id, **settings)


def member(
    session: Session,
    user_id: str,
    real_name: str,
    *,
    language: str | None = None,
    deleted: bool = False,
    tz: str = "Europe/Amsterdam",
    fetched_at: datetime = datetime(2026, 11, 23, tzinfo=UTC),
    team_id: str = TEAM_ID,
) -> None:
    """A member as Goodwill caches them from users.info, with the language they chose in Goodwill (None: the
    workspace's)."""
    ensure_workspace(session, team_id)
    session.merge(
        Member(
            team_id=team_id,
            user_id=user_id,
            name=real_name.split()[0],
            real_name=real_name,
            language=language,
            tz=tz,
            deleted=deleted,
            fetched_at=fetched_at,
        )
    )
    session.flush()


def chooses_language(sessions: sessionmaker[Session], user_id: str, language: str | None, team_id: str = TEAM_ID):
    """The member's choice as `/goodwill language nl|en` stores it."""
    with seeding(sessions, team_id) as session:
        choose_language(session, team_id, user_id, language)


def relation(
    session: Session,
    name: str,
    *,
    owner: str = "U0ANNA",
    organisation: str | None = None,
    tier: str = "regular",
    themes: Sequence[str] = (),
    created_on: date = LONG_AGO,
    archived: bool = False,
    snoozed_until: date | None = None,
    team_id: str = TEAM_ID,
) -> Relation:
    """A relation as the product creates one, with its themes; archived or snoozed through the one writer."""
    row = create_relation(
        session,
        team_id=team_id,
        name=name,
        owner_id=owner,
        organisation=organisation,
        tier=tier,
        created_on=created_on,
    )
    if themes:
        add_themes(session, team_id, row.id, themes)
    if archived or snoozed_until is not None:
        change_relation(session, team_id, row.id, archived=archived, snoozed_until=snoozed_until)
    return row


def meeting(
    session: Session,
    relation: Relation | int,
    day: date,
    *,
    by: str = "U0ANNA",
    colleagues: Sequence[str] = (),
    themes: Sequence[str] = (),
    notes: str = "",
    gave: str | None = None,
    got: str | None = None,
    kind: str | None = None,
    private: bool = False,
    team_id: str = TEAM_ID,
) -> int:
    """A meeting with the relation on `day`, logged by `by` with `colleagues` there too; its id."""
    return add_interaction(
        session,
        team_id=team_id,
        relation_id=relation if isinstance(relation, int) else relation.id,
        occurred_on=day,
        logged_by=by,
        colleagues=colleagues,
        themes=themes_named(session, team_id, themes),
        notes=notes,
        gave=gave,
        got=got,
        kind=kind,
        private=private,
    )


def add_relation(
    sessions: sessionmaker[Session],
    name: str,
    *,
    last_met: date | None = None,
    by: str | None = None,
    notes: str = "",
    private: bool = False,
    team_id: str = TEAM_ID,
    **fields,
) -> int:
    """`relation` (same `fields`) last met on `last_met` by `by` (default: its owner), in a transaction of its
    own; its id."""
    with seeding(sessions, team_id) as session:
        row = relation(session, name, team_id=team_id, **fields)
        if last_met is not None:
            meeting(session, row, last_met, by=by or row.owner_id, notes=notes, private=private, team_id=team_id)
        return row.id


def recorded(sessions: sessionmaker[Session], name: str, on: date, *, themes=(), by: str = "U0ANNA") -> None:
    """A meeting recorded as /met records it (the person found or created by name)."""
    with sessions() as session, session.begin():
        record_meeting(
            session, team_id=TEAM_ID, logged_by=by, people=[Person(name)], occurred_on=on, today=TODAY, themes=themes
        )


def goals(session: Session, *names: str, team_id: str = TEAM_ID) -> list[Goal]:
    """The strategy's goals, in this order."""
    rows = [Goal(team_id=team_id, name=name, position=i) for i, name in enumerate(names)]
    session.add_all(rows)
    session.flush()
    return rows


# --- a team with a known history (the digest's stories) -----------------------------------------------------------
PEOPLE = {  # name, the language they chose in Goodwill (None: the workspace's), left the workspace
    "U0ANNA": ("Anna de Boer", None, False),
    "U0BRAM": ("Bram Jansen", "nl", False),
    "U0CEES": ("Cees Visser", None, False),
    "U0DIRK": ("Dirk Smit", None, True),
}
HISTORY_STARTS = date(2025, 1, 1)
W47 = Week(2026, 47)  # the week the digest reports on
MONDAY_0900_AMSTERDAM = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # when it is posted (CET is UTC+1)
CHANNEL = "C0NETWORK"  # where it is posted, once the workspace says so (digest_channel=CHANNEL)


def add_members(session: Session, slack=None, team_id: str = TEAM_ID) -> None:
    """PEOPLE as members (and known to the stand-in, when given)."""
    for user_id, (name, language, deleted) in PEOPLE.items():
        member(session, user_id, name, language=language, deleted=deleted, team_id=team_id)
        if slack is not None and user_id not in slack.users:
            slack.add_user(user_id, name, locale="en-GB", deleted=deleted)


def build_known_history(session: Session, slack=None) -> dict[str, Relation]:
    """The reported week is 2026-W47: Monday 16 to Sunday 22 November 2026 (Europe/Amsterdam)."""
    add_members(session, slack)

    def known(name, organisation, owner, tier, *themes, **state) -> Relation:
        return relation(
            session,
            name,
            organisation=organisation,
            owner=owner,
            tier=tier,
            themes=themes,
            created_on=HISTORY_STARTS,
            **state,
        )

    r = {
        "jan": known("Jan de Vries", "Gemeente Den Haag", "U0ANNA", "key", "wonen"),
        "fatima": known("Fatima El Amrani", "Hogeschool Rotterdam", "U0BRAM", "key", "onderwijs"),
        "karin": known("Karin Mulder", "Woonbond", "U0ANNA", "key", "wonen"),
        "pieter": known("Pieter Bakker", "Provincie Zuid-Holland", "U0CEES", "key"),
        "sanne": known("Sanne Visser", "Gemeente Utrecht", "U0ANNA", "regular", "lobby"),
        "ruud": known("Ruud Smit", "Aedes", "U0DIRK", "wider"),
        "lotte": known("Lotte de Graaf", "Ministerie van BZK", "U0BRAM", "regular", "wonen"),
        "ahmed": known("Ahmed Yilmaz", "Vluchtelingenwerk", "U0CEES", "regular", "wonen", "zorg"),
        "old": known("Oud Contact", None, "U0ANNA", "key", archived=True),
        "eva": known("Eva Jansen", "GGD", "U0ANNA", "key", snoozed_until=date(2026, 12, 31)),
    }

    def met(who: str, day: date, by: str, *colleagues: str, **what) -> None:
        meeting(session, r[who], day, by=by, colleagues=colleagues, **what)

    # This week (W47): 3 meetings by Anna, Bram and Cees.
    met("jan", date(2026, 11, 22), "U0ANNA", "U0BRAM", themes=["wonen"])  # Sunday: last day of W47
    met("ahmed", date(2026, 11, 18), "U0CEES", "U0ANNA", "U0BRAM", themes=["wonen", "zorg"], gave="tips")
    met("fatima", date(2026, 11, 16), "U0BRAM", themes=["onderwijs"])  # Monday: first day of W47
    # Next week (W48) counts nowhere in this digest.
    met("jan", date(2026, 11, 23), "U0ANNA", themes=["wonen"])
    # Last week (W46): 2 meetings by Bram and Anna.
    met("lotte", date(2026, 11, 15), "U0BRAM", themes=["wonen"], got="advies")  # Sunday of W46
    met("jan", date(2026, 11, 10), "U0ANNA", themes=["wonen"])
    # Earlier.
    met("lotte", date(2026, 10, 10), "U0BRAM", got="cijfers")
    met("jan", date(2026, 10, 1), "U0ANNA", themes=["wonen"])
    met("karin", date(2026, 9, 15), "U0ANNA", themes=["wonen"])
    met("fatima", date(2026, 9, 1), "U0BRAM")
    met("pieter", date(2026, 8, 1), "U0CEES")
    met("ahmed", date(2026, 8, 1), "U0CEES", gave="introductie")
    met("lotte", date(2026, 7, 1), "U0BRAM", got="uitnodiging")
    met("ahmed", date(2026, 6, 1), "U0CEES", gave="ruimte", got="advies")
    met("eva", date(2026, 6, 1), "U0ANNA")
    met("sanne", date(2026, 5, 1), "U0ANNA", themes=["lobby"])
    met("lotte", date(2026, 3, 1), "U0BRAM", got="contact")
    met("lotte", date(2025, 6, 1), "U0BRAM", got="oud")  # more than a year before the week's end
    met("ruud", date(2025, 3, 1), "U0DIRK")
    met("old", date(2025, 1, 1), "U0ANNA")
    return r


def known_history(sessions: sessionmaker[Session], slack=None, **workspace_settings) -> dict[str, Relation]:
    """`build_known_history` in a transaction of its own, with `workspace_settings` (digest_channel, …) set."""
    with seeding(sessions) as session:
        relations = build_known_history(session, slack)
        workspace(session, **workspace_settings)
    return relations


def add_goals(session: Session, team_id: str = TEAM_ID) -> None:
    """A strategy: housing (wonen), equal chances (onderwijs), lobbying (lobby), climate (no themes yet)."""
    housing, chances, lobby, _climate = goals(
        session, "Betaalbaar wonen", "Kansengelijkheid", "Lobby in Den Haag", "Klimaat", team_id=team_id
    )
    for theme_name, goal in (("wonen", housing), ("onderwijs", chances), ("lobby", lobby)):
        [theme] = themes_named(session, team_id, [theme_name])
        theme.goal_id = goal.id
    session.flush()


# --- a known network (seeing the network: the card, /whoknows, /network) -------------------------------------------
@dataclass
class KnownNetwork:
    """Today is Thursday 26 November 2026 in Amsterdam.

    - Jan de Vries (Gemeente Den Haag), key (30 days), owner Anna, #wonen:
      Anna met him on 5 Nov (meeting, 21 days ago) with Carla; Bram phoned him on 27 Oct (call, 30 days ago,
      private notes).
      Warmth: 100·0.5^(21/30) + 0.7·100·0.5^(30/30) = 61.6 + 35 = 96.6 → 97 (warm).
    - Piet de Vries (Woonbond), regular (90), owner Bram, #wonen: Bram met him 28 Aug (90 days ago) → warmth 50.
    - Karin Mulder (Gemeente Den Haag), regular, owner Bram, #zorg: Bram met her 20 Nov (6 days ago)
      → 100·0.5^(6/90) → 95.
    - Karin Mulder (Rode Kruis), wider (180), owner Anna, #zorg: never met, created 1 Jan 2026
      → quiet since 30 Jun.
    """

    jan: int
    piet: int
    karin_gdh: int
    karin_rk: int


def build_known_network(sessions: sessionmaker[Session], slack=None) -> KnownNetwork:
    if slack is not None:
        slack.add_user("U0CARLA", "Carla Smit", locale="nl-NL")
    march_2025 = date(2025, 3, 1)
    with seeding(sessions) as session:
        jan = relation(
            session,
            "Jan de Vries",
            organisation="Gemeente Den Haag",
            tier="key",
            themes=["wonen"],
            created_on=march_2025,
        )
        piet = relation(
            session, "Piet de Vries", owner="U0BRAM", organisation="Woonbond", themes=["wonen"], created_on=march_2025
        )
        karin_gdh = relation(
            session,
            "Karin Mulder",
            owner="U0BRAM",
            organisation="Gemeente Den Haag",
            themes=["zorg"],
            created_on=march_2025,
        )
        karin_rk = relation(
            session,
            "Karin Mulder",
            organisation="Rode Kruis",
            tier="wider",
            themes=["zorg"],
            created_on=date(2026, 1, 1),
        )
        meeting(
            session,
            jan,
            date(2026, 11, 5),
            colleagues=["U0CARLA"],
            kind="meeting",
            notes="koffie over huisvesting",
            gave="introductie bij de wethouder",
            got="cijfers over wachtlijsten",
        )
        meeting(
            session,
            jan,
            date(2026, 10, 27),
            by="U0BRAM",
            kind="call",
            notes="persoonlijk: gaat verhuizen naar Delft",
            got="een tip",
            private=True,
        )
        meeting(
            session,
            piet,
            date(2026, 8, 28),
            by="U0BRAM",
            kind="meeting",
            notes="over huurbeleid; Jan de Vries was er ook",
        )
        meeting(session, karin_gdh, date(2026, 11, 20), by="U0BRAM", kind="meeting", notes="zorgakkoord")
        return KnownNetwork(jan.id, piet.id, karin_gdh.id, karin_rk.id)


# --- a housing network to invite to a gathering ---------------------------------------------------------------------
# name, organisation, owner, tier, last contact, themes
HOUSING_NETWORK = [
    ("Jan de Vries", "Gemeente Den Haag", "U0ANNA", "regular", date(2026, 5, 1), ["wonen"]),  # quiet
    ("Karin Mulder", "Woonstad", "U0BRAM", "regular", date(2026, 3, 1), ["wonen"]),  # quiet, longest
    ("Piet Smit", None, "U0BRAM", "regular", date(2026, 10, 1), ["wonen", "energie"]),  # warm
    ("Els Bakker", "Aedes", "U0ANNA", "wider", date(2026, 8, 1), ["wonen"]),  # cooling, not quiet yet
    ("Sanne Visser", None, "U0ANNA", "regular", date(2026, 2, 1), ["energie"]),  # other theme
    ("Ad Archief", None, "U0ANNA", "regular", date(2026, 2, 1), ["wonen"]),  # archived
]
PROPOSED_ORDER = ["Karin Mulder", "Jan de Vries", "Els Bakker", "Piet Smit"]


def build_housing_network(sessions: sessionmaker[Session]) -> dict[str, int]:
    """HOUSING_NETWORK with their last meetings: relation ids by name, theme ids as '#name'."""
    ids: dict[str, int] = {}
    with seeding(sessions) as session:
        for name, organisation, owner, tier, last, themes in HOUSING_NETWORK:
            row = relation(
                session,
                name,
                organisation=organisation,
                owner=owner,
                tier=tier,
                themes=themes,
                created_on=date(2026, 1, 5),
                archived=name == "Ad Archief",
            )
            meeting(session, row, last, by=owner)
            ids[name] = row.id
        for theme in themes_named(session, TEAM_ID, ["wonen", "energie"]):
            ids[f"#{theme.name}"] = theme.id
    return ids


# --- several organisations on one Goodwill ------------------------------------------------------------------------
@dataclass(frozen=True)
class Organisation:
    team_id: str
    name: str
    members: tuple[str, ...]


ALFA = Organisation("T0ALFA", "Gemeente Alfa", ("U0ALFA1", "U0ALFA2"))
BETA = Organisation("T0BETA", "Stichting Beta", ("U0BETA1", "U0BETA2", "U0BETA3"))


def join_slack(slack, organisation: Organisation) -> None:
    """The organisation's workspace and members, as Slack knows them."""
    slack.add_workspace(organisation.team_id, organisation.name)
    for i, user_id in enumerate(organisation.members):
        slack.add_user(user_id, f"Member {user_id}", team_id=organisation.team_id, locale="nl-NL" if i else "en-GB")


def quiet_relations_for_everyone(sessions: sessionmaker[Session], organisation: Organisation, per_member: int = 1):
    """Each member owns relations last met long ago: each is due a nudge."""
    team_id = organisation.team_id
    with seeding(sessions, team_id) as session:
        for user_id in organisation.members:
            for n in range(per_member):
                row = relation(session, f"Relatie {n} van {user_id}", owner=user_id, team_id=team_id)
                meeting(session, row, LONG_AGO, by=user_id, notes="koffie", team_id=team_id)
