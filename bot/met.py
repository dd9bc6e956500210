"""/met: from one line of text to a recorded meeting, a question, or a clear problem."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from bot.deps import Deps
from bot.domain.metline import MetLine, MetLineError, mentioned_users, parse_met_line
from bot.domain.names import Candidate
from bot.members import member_profile, reader_of
from bot.recording import Person, Recorded, record_meeting, resolve_people
from bot.render.meeting import MeetingPrefill
from bot.render.text import unescape_slack
from bot.services import relations
from bot.services.relations import Change
from storage.members import Profile, profiles


@dataclass
class MetOutcome:
    """What /met did; the handler renders it."""

    kind: str  # "recorded", "ask" (which relation was meant?), "problem", "modal" (open the form)
    language: str = "en"
    today: date | None = None
    recorded: Recorded | None = None
    occurred_on: date | None = None
    line: MetLine | None = None
    problem: str | None = None  # too_long, unreadable_date, no_name, future_date, unknown_colleague
    detail: str = ""
    ask_index: int = 0
    ask_person: Person | None = None
    ask_options: tuple[Candidate, ...] = ()
    choices: dict[int, int] = field(default_factory=dict)
    prefill: MeetingPrefill | None = None  # set when a form should open (with or without a problem)
    changes: list[Change] = field(default_factory=list)  # a tier asked for existing relations (done or refused)


def run_met(
    deps: Deps,
    session: Session,
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
    # The one who logs it and everyone mentioned in the line, read in one query.
    read = profiles(session, team_id, [user_id, *mentioned_users(text)])
    who = member_profile(deps, session, team_id, user_id, read)
    asker = reader_of(deps, session, team_id, user_id, who)
    language, today = asker.language, asker.today
    choices = dict(choices or {})
    outcome = MetOutcome("problem", language=language, today=today, choices=choices)
    try:
        line = parse_met_line(text, today=today, reader=deps.date_reader)
    except MetLineError as error:
        if error.code == "empty":
            outcome.kind, outcome.prefill = "modal", MeetingPrefill(occurred_on=today, channel_id=channel_id)
            return outcome
        outcome.problem, outcome.detail = error.code, unescape_slack(error.detail)
        if error.code in ("unreadable_date", "no_name"):
            outcome.prefill = _prefill_after_problem(text, today, channel_id)
        return outcome
    outcome.line = line
    day = occurred_on or line.occurred_on
    outcome.occurred_on = day
    if day > today:
        outcome.problem, outcome.detail = "future_date", day.isoformat()
        return outcome
    unknown = [user for user in line.colleagues if _left_or_unknown(member_profile(deps, session, team_id, user, read))]
    if unknown:
        outcome.problem, outcome.detail = "unknown_colleague", ",".join(unknown)
        return outcome

    people = [Person(p.name, p.organisation) for p in line.people]
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


def _prefill_after_problem(text: str, today: date, channel_id: str | None) -> MeetingPrefill:
    """What we can keep of a line we could not read: the text before the separator as the name, the rest
    as notes — the user corrects it in the form."""
    head, separator, rest = unescape_slack(text).partition(":")
    return MeetingPrefill(
        occurred_on=today,
        notes=(rest if separator else "").strip(),
        channel_id=channel_id,
        relation_name=head.strip()[:200] if separator else "",
    )
