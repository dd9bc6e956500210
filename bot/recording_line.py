"""/met: from one line of text to a recorded meeting, a question, or a clear problem.

The order keeps the database free while anything slow happens: the members' profiles are read in a short
read-only session (and refreshed from Slack with no session open), the line is parsed with no session at
all, and only then one short transaction resolves the names and stores the meeting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from bot.deps import Deps
from bot.domain.names import Candidate
from bot.domain.recording_line import (
    LINE_MAX,
    MetLine,
    MetLineError,
    Understood,
    is_help_request,
    mentioned_users,
    parse_met_line,
)
from bot.language import may_offer_other_language, offer_other_language
from bot.members import profiles_of, reader_of
from bot.recording import Person, Recorded, clean_themes, record_meeting, resolve_people
from bot.render.recording_form import MeetingPrefill
from bot.render.text import unescape_slack
from bot.services import relations
from bot.services.relations import Change
from storage.db import transaction
from storage.members import Profile, profiles

# Problems after which the form opens with what was understood, for the member to complete.
FORM_AFTER = ("unreadable_date", "two_dates", "no_name", "not_a_meeting")


@dataclass
class MetOutcome:
    """What /met did; the handler renders it."""

    kind: str  # "recorded", "ask" (which relation was meant?), "problem", "modal" (open the form), "help"
    language: str = "en"
    today: date | None = None
    recorded: Recorded | None = None
    occurred_on: date | None = None
    line: MetLine | None = None
    problem: str | None = None  # a MetLineError code, future_date or unknown_colleague
    detail: str = ""
    ask_index: int = 0
    ask_person: Person | None = None
    ask_options: tuple[Candidate, ...] = ()
    choices: dict[int, int] = field(default_factory=dict)
    prefill: MeetingPrefill | None = None  # set when a form should open (with or without a problem)
    left_out: tuple[str, ...] = ()  # people of the line the form (which holds one) leaves out
    changes: list[Change] = field(default_factory=list)  # a tier asked for existing relations (done or refused)
    offer_language: bool = False  # the member's first contact: the answer offers the other language


def run_met(  # noqa: C901 -- not split yet (issue #15): the /met flow, one outcome per branch
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    text: str,
    channel_id: str | None = None,
    choices: Mapping[int, int] | None = None,
    occurred_on: date | None = None,
) -> MetOutcome:
    """Parse the line and record it, unless something must be asked or said first.

    `choices` are answers to earlier questions (person index -> relation id, 0 for "someone new");
    `occurred_on` pins the date read when the question was asked.
    """
    # The one who logs it and everyone mentioned in the line, read in one query (only the one who logs it
    # when the line is too long to be read at all).
    mentioned = mentioned_users(text) if len(text) <= LINE_MAX else []
    with deps.engine.connect() as connection:  # a read on its own: no Session, no transaction kept
        read = profiles(connection, team_id, [user_id, *mentioned])
    who = profiles_of(deps, team_id, [user_id], read)[user_id]
    with deps.sessions() as session:  # reads the workspace's defaults only when the member lacks them
        asker = reader_of(deps, session, team_id, user_id, who)
    language, today = asker.language, asker.today
    choices = dict(choices or {})
    outcome = MetOutcome("problem", language=language, today=today, choices=choices)
    if text.strip() and may_offer_other_language(who):  # the member's first contact: claimed once, briefly
        with transaction(deps.sessions) as session:
            outcome.offer_language = offer_other_language(session, team_id, who)
    if is_help_request(text):
        outcome.kind = "help"
        return outcome
    try:
        line = parse_met_line(text, today=today, reader=deps.date_reader)
    except MetLineError as error:
        if error.code == "empty":
            outcome.kind, outcome.prefill = "modal", MeetingPrefill(occurred_on=today, channel_id=channel_id)
            return outcome
        outcome.problem, outcome.detail = error.code, unescape_slack(error.detail)
        if error.code in FORM_AFTER:
            outcome.prefill, outcome.left_out = _prefill_after_problem(
                deps, team_id, error.understood, today, channel_id
            )
        return outcome
    outcome.line = line
    day = occurred_on or line.occurred_on
    outcome.occurred_on = day
    if day > today:
        outcome.problem, outcome.detail = "future_date", day.isoformat()
        return outcome
    colleagues = profiles_of(deps, team_id, line.colleagues, read)
    unknown = [user for user in line.colleagues if _left_or_unknown(colleagues[user])]
    if unknown:
        outcome.problem, outcome.detail = "unknown_colleague", ",".join(unknown)
        return outcome

    people = [Person(p.name, p.organisation) for p in line.people]
    with transaction(deps.sessions) as session:
        resolutions = resolve_people(session, team_id, people)
        resolved: list[Person] = []
        for index, (person, resolution) in enumerate(zip(people, resolutions, strict=True)):
            if index in choices:
                chosen = choices[index]
                resolved.append(Person(person.name, person.organisation, chosen or None, new=not chosen))
            elif resolution.status == "exact" and resolution.chosen is not None:
                resolved.append(Person(person.name, person.organisation, resolution.chosen.relation_id))
            elif resolution.status == "new":
                resolved.append(Person(person.name, person.organisation, new=True))
            else:
                outcome.kind = "ask"
                outcome.ask_index, outcome.ask_person, outcome.ask_options = index, person, resolution.options
                return outcome
        outcome.recorded = record_meeting(
            session,
            team_id=team_id,
            logged_by=user_id,
            people=resolved,
            occurred_on=day,
            today=today,
            colleagues=line.colleagues,
            themes=line.themes,
            notes=unescape_slack(line.notes),
            tier=line.tier,
        )
        if line.tier:
            existed = [i for i in outcome.recorded.relation_ids if i not in outcome.recorded.created_relation_ids]
            outcome.changes = relations.tier_asked_when_recording(session, asker, existed, line.tier, now=deps.now())
    outcome.kind = "recorded"
    return outcome


def _left_or_unknown(profile: Profile | None) -> bool:
    return profile is None or profile.deleted


def _prefill_after_problem(
    deps: Deps, team_id: str, understood: Understood | None, today: date, channel_id: str | None
) -> tuple[MeetingPrefill, tuple[str, ...]]:
    """The form with what was understood of a line that could not be recorded: the first person (the
    relation they already are, when their name says so exactly), the colleagues, themes, tier and notes,
    and the date only when it was read — never a guessed one. Also the other people, which the form
    (one person) leaves out."""
    if understood is None:  # nothing of the line is worth keeping: a fresh form
        return MeetingPrefill(occurred_on=today, channel_id=channel_id), ()
    prefill = MeetingPrefill(
        occurred_on=understood.occurred_on,
        colleagues=understood.colleagues,
        themes=tuple(clean_themes(understood.themes)),
        notes=unescape_slack(understood.notes),
        tier=understood.tier,
        channel_id=channel_id,
    )
    if not understood.people:
        return prefill, ()
    first = understood.people[0]
    with deps.sessions() as session:
        [resolution] = resolve_people(session, team_id, [Person(first.name, first.organisation)])
    chosen = resolution.chosen if resolution.status == "exact" else None
    if chosen is not None:
        prefill = replace(
            prefill, relation_id=chosen.relation_id, relation_name=chosen.name, organisation=chosen.organisation
        )
    else:
        prefill = replace(prefill, relation_name=first.name, organisation=first.organisation)
    return prefill, tuple(person.name for person in understood.people[1:])
