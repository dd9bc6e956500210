"""/goodwill digest, nudges and lead via signed slash commands: who may change what, in their language."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Member, Workspace
from tests.support.seed import chooses_language
from tests.support.shown import replies
from tests.support.slack_standin import TEAM_ID

# A member's first answer ends with one line offering the other language (they chose none yet).
OFFER = "\n:flag-nl: Liever Nederlands? Typ `/goodwill taal nl`."


def _workspace(db) -> Workspace:
    with db.sessions() as session:
        return session.get(Workspace, TEAM_ID)


def test_an_admin_sets_channel_day_and_time(goodwill, slack, db):
    slack.add_user("U0ADMIN", "Ada Admin", locale="en-GB", is_admin=True)
    slack.add_channel("C0NETWORK", "network")

    goodwill.command("/goodwill", "digest <#C0NETWORK|network> friday 16:30", user_id="U0ADMIN")

    assert replies(slack)[-1]["text"] == (
        "Saved. The weekly digest goes to <#C0NETWORK> every Friday at 16:30 (Amsterdam time)." + OFFER
    )
    workspace = _workspace(db)
    assert (workspace.digest_channel, workspace.digest_weekday, workspace.digest_time) == (
        "C0NETWORK",
        4,
        "16:30",
    )


def test_a_dutch_lead_sets_the_day_in_dutch_and_is_told_to_invite_the_bot(goodwill, slack, db):
    slack.add_user("U0LEAD", "Lies Leider")
    chooses_language(db.sessions, "U0LEAD", "nl")
    slack.add_channel("C0NETWERK", "netwerk", is_member=False)
    goodwill.command("/goodwill", "lead <@U0LEAD|lies>", user_id="U0LEAD")  # not an admin: refused
    assert replies(slack)[-1]["text"] == "Alleen workspace-beheerders kunnen teamleiders aanwijzen."
    with db.sessions() as session, session.begin():
        session.get(Member, (TEAM_ID, "U0LEAD")).is_lead = True

    goodwill.command("/goodwill", "weekoverzicht <#C0NETWERK|> maandag 8.45", user_id="U0LEAD")

    reply = replies(slack, 2)[-1]["text"]
    assert reply.startswith(
        "Opgeslagen. Het weekoverzicht gaat elke maandag om 08:45 (tijd in Amsterdam) naar <#C0NETWERK>."
    )
    assert "nodig me uit met `/invite @Goodwill`" in reply
    assert _workspace(db).digest_time == "08:45"


def test_anyone_sees_the_setting_but_only_admins_and_leads_change_it(goodwill, slack, db):
    goodwill.command("/goodwill", "digest", user_id="U0ANNA")
    assert replies(slack)[-1]["text"].startswith("No digest channel is set yet, so no digest is posted.")

    goodwill.command("/goodwill", "digest <#C0OTHER|random>", user_id="U0ANNA")
    assert replies(slack, 2)[-1]["text"] == "Only workspace admins and team leads can change the digest settings."
    assert _workspace(db).digest_channel is None


def test_bad_words_are_explained_and_nothing_changes(goodwill, slack, db):
    slack.add_user("U0ADMIN", "Ada Admin", locale="en-GB", is_admin=True)
    goodwill.command("/goodwill", "digest #network", user_id="U0ADMIN")
    assert "Pick the channel from Slack's list" in replies(slack)[-1]["text"]
    goodwill.command("/goodwill", "digest <#C0NETWORK|network> 25:00", user_id="U0ADMIN")
    assert replies(slack, 2)[-1]["text"] == "`25:00` is not a time of day; write it as HH:MM, e.g. 09:00."
    goodwill.command("/goodwill", "digest <!channel> someday", user_id="U0ADMIN")
    reply = replies(slack, 3)[-1]["text"]
    assert "<!channel>" not in reply and "&lt;!channel&gt;" in reply
    assert _workspace(db).digest_channel is None


def test_an_admin_marks_and_unmarks_a_lead(goodwill, slack, db):
    slack.add_user("U0ADMIN", "Ada Admin", locale="en-GB", is_admin=True)

    goodwill.command("/goodwill", "lead <@U0BRAM|bram>", user_id="U0ADMIN")
    assert replies(slack)[-1]["text"] == "<@U0BRAM> is now a team lead and gets the weekly digest." + OFFER
    goodwill.command("/goodwill", "lead", user_id="U0ANNA")
    assert replies(slack, 2)[-1]["text"].startswith("Team lead: <@U0BRAM>.")
    goodwill.command("/goodwill", "lead <@U0NOBODY>", user_id="U0ADMIN")
    assert replies(slack, 3)[-1]["text"] == "<@U0NOBODY> is not a person in this workspace."
    goodwill.command("/goodwill", "lead remove <@U0BRAM>", user_id="U0ADMIN")
    assert replies(slack, 4)[-1]["text"] == "<@U0BRAM> is no longer a team lead."

    with db.sessions() as session:
        assert session.scalars(select(Member.user_id).where(Member.is_lead)).all() == []


def test_anyone_sees_when_nudges_come_and_only_admins_and_leads_change_it(goodwill, slack, db):
    goodwill.command("/goodwill", "nudges", user_id="U0ANNA")
    assert replies(slack)[-1]["text"] == (
        "On working days from 09:00, in their own time zone, each owner gets one message about their relations "
        "that have gone quiet.\nAdmins and team leads change the time with `/goodwill nudges HH:MM`." + OFFER
    )
    goodwill.command("/goodwill", "nudges 07:00", user_id="U0ANNA")
    assert replies(slack, 2)[-1]["text"] == "Only workspace admins and team leads can change when nudges are sent."
    assert _workspace(db).nudge_time == "09:00"


def test_a_dutch_lead_moves_the_nudges_and_bad_times_change_nothing(goodwill, slack, db):
    slack.add_user("U0LEAD", "Lies Leider")
    chooses_language(db.sessions, "U0LEAD", "nl")
    goodwill.command("/goodwill", "help", user_id="U0LEAD")  # known to Goodwill from here on
    slack.wait_for("response_url", 1)
    with db.sessions() as session, session.begin():
        session.get(Member, (TEAM_ID, "U0LEAD")).is_lead = True

    goodwill.command("/goodwill", "herinneringen 8.15", user_id="U0LEAD")
    assert replies(slack, 2)[-1]["text"] == (
        "Opgeslagen. Op werkdagen vanaf 08:15, in de eigen tijdzone, krijgt elke eigenaar één bericht over de "
        "eigen relaties die zijn stilgevallen."
    )
    assert _workspace(db).nudge_time == "08:15"
    goodwill.command("/goodwill", "herinneringen 25:00", user_id="U0LEAD")
    assert replies(slack, 3)[-1]["text"] == "`25:00` is geen tijdstip; schrijf het als UU:MM, bijvoorbeeld 09:00."
    goodwill.command("/goodwill", "herinneringen <!channel>", user_id="U0LEAD")
    reply = replies(slack, 4)[-1]["text"]
    assert "<!channel>" not in reply and "&lt;!channel&gt;" in reply
    assert _workspace(db).nudge_time == "08:15"
