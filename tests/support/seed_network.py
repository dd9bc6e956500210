"""A known network for the network feature's tests (today is Thursday 26 November 2026 in Amsterdam).

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

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storage.history import add_interaction, add_themes, create_relation
from storage.workspaces import ensure_workspace
from tests.support.slack_standin import TEAM_ID

TODAY = date(2026, 11, 26)


@dataclass
class KnownNetwork:
    jan: int
    piet: int
    karin_gdh: int
    karin_rk: int


def build_known_network(sessions, slack=None) -> KnownNetwork:
    if slack is not None:
        slack.add_user("U0CARLA", "Carla Smit", locale="nl-NL")
    with sessions() as session, session.begin():
        ensure_workspace(session, TEAM_ID)
        jan = create_relation(
            session,
            team_id=TEAM_ID,
            name="Jan de Vries",
            owner_id="U0ANNA",
            organisation="Gemeente Den Haag",
            tier="key",
            created_on=date(2025, 3, 1),
        )
        piet = create_relation(
            session,
            team_id=TEAM_ID,
            name="Piet de Vries",
            owner_id="U0BRAM",
            organisation="Woonbond",
            created_on=date(2025, 3, 1),
        )
        karin_gdh = create_relation(
            session,
            team_id=TEAM_ID,
            name="Karin Mulder",
            owner_id="U0BRAM",
            organisation="Gemeente Den Haag",
            created_on=date(2025, 3, 1),
        )
        karin_rk = create_relation(
            session,
            team_id=TEAM_ID,
            name="Karin Mulder",
            owner_id="U0ANNA",
            organisation="Rode Kruis",
            tier="wider",
            created_on=date(2026, 1, 1),
        )
        add_themes(session, TEAM_ID, jan.id, ["wonen"])
        add_themes(session, TEAM_ID, piet.id, ["wonen"])
        add_themes(session, TEAM_ID, karin_gdh.id, ["zorg"])
        add_themes(session, TEAM_ID, karin_rk.id, ["zorg"])
        add_interaction(
            session,
            team_id=TEAM_ID,
            relation_id=jan.id,
            occurred_on=date(2026, 11, 5),
            logged_by="U0ANNA",
            colleagues=["U0CARLA"],
            kind="meeting",
            notes="koffie over huisvesting",
            gave="introductie bij de wethouder",
            got="cijfers over wachtlijsten",
        )
        add_interaction(
            session,
            team_id=TEAM_ID,
            relation_id=jan.id,
            occurred_on=date(2026, 10, 27),
            logged_by="U0BRAM",
            kind="call",
            notes="persoonlijk: gaat verhuizen naar Delft",
            got="een tip",
            private=True,
        )
        add_interaction(
            session,
            team_id=TEAM_ID,
            relation_id=piet.id,
            occurred_on=date(2026, 8, 28),
            logged_by="U0BRAM",
            kind="meeting",
            notes="over huurbeleid; Jan de Vries was er ook",
        )
        add_interaction(
            session,
            team_id=TEAM_ID,
            relation_id=karin_gdh.id,
            occurred_on=date(2026, 11, 20),
            logged_by="U0BRAM",
            kind="meeting",
            notes="zorgakkoord",
        )
        return KnownNetwork(jan.id, piet.id, karin_gdh.id, karin_rk.id)
