"""The network's storage questions on the known network, on SQLite and PostgreSQL."""

from __future__ import annotations

from storage import network as store
from tests.network_helpers import TODAY, build_known_network
from tests.slack_standin import TEAM_ID


def test_private_notes_are_withheld_from_everyone_but_their_author(db):
    network = build_known_network(db.sessions)
    with db.sessions() as session:
        for_anna = store.recent_interactions(session, TEAM_ID, network.jan, viewer_id="U0ANNA")
        for_bram = store.recent_interactions(session, TEAM_ID, network.jan, viewer_id="U0BRAM")
    private_for_anna = next(line for line in for_anna if line.private)
    assert private_for_anna.withheld and private_for_anna.notes == "" and private_for_anna.got is None
    private_for_bram = next(line for line in for_bram if line.private)
    assert not private_for_bram.withheld and private_for_bram.got == "een tip"


def test_whoknows_reads_the_most_recently_met_relations_first_when_there_are_many(db):
    build_known_network(db.sessions)
    ids = store.matching_relation_ids(TEAM_ID, theme=None, organisations=["Gemeente Den Haag"], people=[])
    with db.sessions() as session:
        everyone = store.who_knows(session, TEAM_ID, ids, today=TODAY)
        bounded = store.who_knows(session, TEAM_ID, ids, today=TODAY, most_recent=1)
    assert [p.user_id for p in everyone] == ["U0BRAM", "U0ANNA", "U0CARLA"]
    # Karin (met 20 Nov) is newer than Jan (5 Nov): only her ties are read.
    assert [(p.user_id, [t.name for t in p.ties]) for p in bounded] == [("U0BRAM", ["Karin Mulder"])]


def test_queries_are_scoped_to_the_workspace(db):
    network = build_known_network(db.sessions)
    with db.sessions() as session:
        assert store.relation_card(session, "T0OTHER", network.jan, viewer_id="U0ANNA", today=TODAY) is None
        assert store.relations_with_name(session, "T0OTHER", "Jan de Vries") == []
        assert store.theme_overview(session, "T0OTHER", TODAY) == []
        ids = store.matching_relation_ids(
            "T0OTHER", theme="wonen", organisations=["Gemeente Den Haag"], people=["Jan de Vries"]
        )
        assert store.who_knows(session, "T0OTHER", ids, today=TODAY) == []
        assert store.last_meetings(session, "T0OTHER", "U0ANNA") == []
