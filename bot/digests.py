"""The weekly digest: computing its figures, and delivering it once per workspace per week.

Used by the clock (every few minutes; posts on the first run on/after the workspace's digest day and time)
and by `goodwill digest` (now, or --dry-run to print it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session

from bot import delivered
from bot.deps import Deps
from bot.domain import digest as figures
from bot.domain.digest import Digest, Week
from bot.domain.tiers import tier_rank
from bot.fanout import BUSY, for_each_workspace
from bot.gatherings import gatherings_digest_section
from bot.i18n import language_of
from bot.members import local_today, member, zone
from bot.render.chart import render_chart
from bot.render.digest import chart_title, digest_message, digest_text
from storage import digest as queries
from storage.db import transaction
from storage.handover import leaving_people as handover_people
from storage.models import Workspace
from storage.quiet import quiet_counts, quiet_relations
from storage.workspaces import installed_team_ids

log = logging.getLogger("goodwill.digest")

SHOW_MEETINGS = 25
SHOW_QUIET = 10
SHOW_RELATIONS = 10
TOP_CONNECTORS = 5


def compute_digest(session: Session, team_id: str, week: Week, today: date) -> Digest:
    """Every figure of the digest for `week`, from a small constant number of aggregate queries.

    `today` is the workspace's local date; state questions (gone quiet) are answered as of the week's end,
    or today when the week is not over yet.
    """

    workspace = session.get(Workspace, team_id)
    tz = zone(workspace.timezone if workspace else None)
    as_of = min(week.end, today)
    chart_weeks = [week.shift(-i) for i in range(figures.CHART_WEEKS - 1, -1, -1)]
    by_tier = figures.weekly_tier_counts(
        queries.meetings_by_day_and_tier(session, team_id, chart_weeks[0].start, week.end), chart_weeks
    )
    this_week, connectors = _this_week(session, team_id, week, figures.meetings_per_week(by_tier, len(chart_weeks)))
    gone_quiet = _gone_quiet(session, team_id, as_of)
    year_start = week.end - timedelta(days=figures.YEAR_DAYS - 1)
    depends, departed = _depends_on_one(session, team_id, year_start, week.end)
    quarter_start = week.end - timedelta(days=figures.QUARTER_DAYS - 1)
    themes = figures.group_themes(
        queries.theme_figures(session, team_id, week.start, quarter_start, week.end),
        queries.goals(session, team_id),
    )
    lopsided = figures.lopsided(queries.lopsided_exchanges(session, team_id, year_start, week.end))
    week_ends = [min(w.end, as_of) for w in chart_weeks]
    chart = figures.ChartSeries(
        weeks=tuple(chart_weeks),
        meetings_by_tier=by_tier,
        quiet=figures.quiet_counts_at(queries.due_dates(session, team_id, max(week_ends)), week_ends),
    )
    digest = Digest(
        team_id=team_id,
        week=week,
        this_week=this_week,
        gone_quiet=gone_quiet,
        depends=depends,
        themes=themes,
        give_take=tuple(lopsided[:SHOW_RELATIONS]),
        give_take_total=len(lopsided),
        connectors=connectors,
        chart=chart,
        events=gatherings_digest_section(session, team_id, figures.week_over(week, tz)),
        timezone=tz,
        departed=departed,
    )
    digest = replace(digest, leaving=leaving_people(session, team_id, depends))
    return replace(digest, names=queries.member_names(session, team_id, digest.people()))


def _this_week(
    session: Session, team_id: str, week: Week, per_week: list[int]
) -> tuple[figures.ThisWeek, tuple[figures.Connector, ...]]:
    """The week's meetings and colleagues against last week's and the average; and its top connectors."""
    last_week = week.shift(-1)
    colleagues, connectors = figures.colleague_figures(
        queries.relations_met_per_member(session, team_id, week.start, week.end), TOP_CONNECTORS
    )
    this_week = figures.ThisWeek(
        meetings=per_week[-1],
        colleagues=colleagues,
        last_week_meetings=per_week[-2],
        last_week_colleagues=queries.members_who_met(session, team_id, last_week.start, last_week.end),
        average_meetings=figures.average(per_week[-1 - figures.AVERAGE_WEEKS : -1]),
        shown=tuple(queries.week_meetings(session, team_id, week.start, week.end, SHOW_MEETINGS)),
    )
    return this_week, connectors


def _gone_quiet(session: Session, team_id: str, as_of: date) -> figures.GoneQuiet:
    """Key relations gone quiet by name; the other tiers counted, and named only when they are few."""
    counts = quiet_counts(session, team_id, as_of)
    other_tiers = {
        tier: count for tier, count in sorted(counts.items(), key=lambda c: tier_rank(c[0])) if tier != "key" and count
    }
    few = 0 < sum(other_tiers.values()) <= figures.NAME_OTHER_QUIET  # named when few: read them
    others = []
    if few:
        others = quiet_relations(session, team_id, as_of, tiers=list(other_tiers), limit=figures.NAME_OTHER_QUIET)
    return figures.GoneQuiet(
        key=tuple(quiet_relations(session, team_id, as_of, tiers=["key"], limit=SHOW_QUIET)),
        key_total=counts.get("key", 0),
        other_tiers=other_tiers,
        as_of=as_of,
        others=tuple(others),
    )


def _depends_on_one(
    session: Session, team_id: str, year_start: date, year_end: date
) -> tuple[figures.DependsOnOne, frozenset[str]]:
    """Key relations only one colleague met this year, and relations whose owner left; with every departed
    owner (all of them, not only the ones shown)."""
    single, single_total = queries.single_person_key_relations(session, team_id, year_start, year_end, SHOW_RELATIONS)
    orphaned = queries.orphaned_relations(session, team_id)
    depends = figures.DependsOnOne(
        single=tuple(single),
        single_total=single_total,
        orphaned=tuple(orphaned[:SHOW_RELATIONS]),
        orphaned_total=len(orphaned),
    )
    return depends, frozenset(ref.owner_id for ref in orphaned)


def leaving_people(session: Session, team_id: str, depends: figures.DependsOnOne) -> dict:
    """The one colleagues and former owners of "depends on one person" who leave or left, for its link to the
    hand-over proposals (bot.handover)."""
    people = {ref.person_id or ref.owner_id for ref in depends.single} | {ref.owner_id for ref in depends.orphaned}
    return handover_people(session, team_id, people)


# --- delivery ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Earlier:
    """Where an earlier attempt got to: the channel's digest, if it was recorded as posted."""

    channel: str | None
    ts: str | None


@dataclass
class Outcome:
    """What one workspace's run did, for the CLI and the logs."""

    team_id: str
    week: Week | None = None
    status: str = "skipped"  # sent, already, busy, not_yet, no_channel, not_over, failed, dry_run
    channel: str | None = None
    message_ts: str | None = None
    text: str = ""  # --dry-run: the digest as plain text
    chart: bytes | None = None  # --dry-run: the chart as PNG
    error: str | None = None
    lead_copies: list[str] = field(default_factory=list)


def run_weekly_digest(
    deps: Deps,
    now: datetime,
    *,
    team_id: str | None = None,
    week: Week | None = None,
    dry_run: bool = False,
    respect_schedule: bool = True,
) -> list[Outcome]:
    """Post the digest of each installed workspace (or `team_id`) whose time has come, side by side, each under
    its lease (bot.fanout); one failure stops no other."""
    with deps.sessions() as session:
        teams = [team_id] if team_id else installed_team_ids(session)

    def one_workspace(team: str) -> Outcome:
        try:
            return _run_for(deps, now, team, week, dry_run=dry_run, respect_schedule=respect_schedule)
        except Exception as error:  # one workspace must not stop the others
            log.exception("digest for %s failed", team)
            return Outcome(team, week, "failed", error=str(error))

    if dry_run:
        return [one_workspace(team) for team in teams]
    results = for_each_workspace(deps, "weekly_digest", teams, one_workspace)
    return [Outcome(team, week, "busy") if result is BUSY else result for team, result in results.items()]


def weekly_digest_job(deps: Deps, now: datetime) -> list[Outcome]:
    """The clock's job: every workspace whose digest day and time have come this week."""
    return run_weekly_digest(deps, now)


def _run_for(
    deps: Deps, now: datetime, team_id: str, week: Week | None, *, dry_run: bool, respect_schedule: bool
) -> Outcome:
    with deps.sessions() as session:
        workspace = session.get(Workspace, team_id)
        if workspace is None:
            return Outcome(team_id, week, "failed", error=f"no workspace {team_id}")
        tz = zone(workspace.timezone)
        today = local_today(now, workspace.timezone)
        if respect_schedule:
            due = figures.scheduled_moment(Week.of(today), workspace.digest_weekday, workspace.digest_time, tz)
            if now < due:
                return Outcome(team_id, None, "not_yet")
        week = week or figures.reported_week(today)
        channel = workspace.digest_channel or deps.settings.digest_channel
        language = language_of(None, workspace.default_locale)
    if dry_run:
        return _dry_run(deps, team_id, week, today, language, channel)
    if not channel:
        return Outcome(team_id, week, "no_channel")
    if week.end >= today:
        return Outcome(team_id, week, "not_over")
    with transaction(deps.sessions) as session:
        delivery = queries.claim_digest(session, team_id, week.label, now)
        if delivery is None:
            sent = queries.digest_delivery(session, team_id, week.label)
            return Outcome(
                team_id,
                week,
                "already" if sent and sent.status == "sent" else "busy",
                channel=sent.channel_id if sent else None,
                message_ts=sent.message_ts if sent else None,
            )
        delivery_id = delivery.id
        # A run before this one may have posted some of it and died (bot.delivered): resume, never repeat.
        earlier = Earlier(delivery.channel_id, delivery.message_ts) if delivery.attempts > 1 else None
    try:
        return _deliver(deps, now, team_id, week, today, language, channel, delivery_id, earlier)
    except Exception as error:
        with transaction(deps.sessions) as session:
            queries.record_failure(session, delivery_id, _describe(error))
        raise


def _deliver(
    deps: Deps,
    now: datetime,
    team_id: str,
    week: Week,
    today: date,
    language: str,
    channel: str,
    delivery_id: int,
    earlier: Earlier | None = None,
) -> Outcome:
    """Post the digest, its chart and the leads' copies. Resuming after an `earlier` attempt, each of them is
    first looked for in its conversation (bot.delivered) and only posted when it is not there."""

    with deps.sessions() as session, session.begin():
        digest = compute_digest(session, team_id, week, today)
        digest = _with_all_names(deps, session, digest)
        readers = [(lead.user_id, language_of(lead.language, language)) for lead in queries.leads(session, team_id)]
    client = deps.client_for(team_id)
    if client is None:
        raise RuntimeError(f"no token for workspace {team_id}")
    poster = _Poster(client, digest, resuming=earlier is not None)
    channel_id, ts = _post_to_channel(deps, poster, language, channel, delivery_id, earlier)
    outcome = Outcome(team_id, week, "sent", channel=channel_id, message_ts=ts)
    poster.upload_chart(channel_id, ts, language)
    outcome.lead_copies.extend(_send_lead_copies(poster, readers))
    _finish(deps, delivery_id, now, channel=channel_id, ts=ts)
    return outcome


class _Poster:
    """Posts one week's digest with its marker; when resuming, each post and chart is first looked for
    (bot.delivered) so nothing is posted twice. The chart is rendered once per language."""

    def __init__(self, client, digest: Digest, *, resuming: bool) -> None:
        self.client = client
        self.digest = digest
        self.resuming = resuming
        self.marker = delivered.marker(delivered.DIGEST, week=digest.week.label)
        self.filename = chart_filename(digest)
        self._charts: dict[str, bytes] = {}

    def posted_before(self, conversation: str) -> delivered.Posted | None:
        if not self.resuming:
            return None
        return delivered.posted(self.client, conversation, delivered.DIGEST, week=self.digest.week.label)

    def post(self, conversation: str, language: str, *, for_lead: bool = False):
        message = digest_message(self.digest, language, for_lead=for_lead)
        return self.client.chat_postMessage(channel=conversation, metadata=self.marker, **message)

    def upload_chart(self, conversation: str, ts: str, language: str) -> None:
        if self.resuming and delivered.shared(self.client, conversation, self.filename):
            return
        if language not in self._charts:
            self._charts[language] = render_chart(self.digest.chart, language)
        _upload_chart(self.client, conversation, ts, self._charts[language], self.digest, language)


def _post_to_channel(
    deps: Deps, poster: _Poster, language: str, channel: str, delivery_id: int, earlier: Earlier | None
) -> tuple[str, str]:
    """The channel post's (channel id, ts): the one an earlier attempt recorded, found or made now (and
    recorded at once, so a later attempt resumes from it)."""
    if earlier is not None and earlier.ts:
        return earlier.channel or channel, earlier.ts
    found = poster.posted_before(channel)
    if found is None:
        posted = poster.post(channel, language)
        channel_id, ts = posted["channel"], posted["ts"]
    else:
        channel_id, ts = found.channel, found.ts
    with transaction(deps.sessions) as session:
        queries.record_posted(session, delivery_id, channel_id, ts)
    return channel_id, ts


def _send_lead_copies(poster: _Poster, readers: list[tuple[str, str]]) -> list[str]:
    """A copy with chart to each lead by DM; the leads who got theirs."""
    sent: list[str] = []
    for user_id, lead_language in readers:
        try:
            dm = poster.client.conversations_open(users=user_id)["channel"]["id"]
            found = poster.posted_before(dm)
            copy_ts = found.ts if found else poster.post(dm, lead_language, for_lead=True)["ts"]
            poster.upload_chart(dm, copy_ts, lead_language)
            sent.append(user_id)
        except SlackApiError as error:  # a lead's copy is a courtesy: log it, never repost the channel
            log.warning("digest copy to %s failed: %s", user_id, _describe(error))
    return sent


def chart_filename(digest: Digest) -> str:
    return f"goodwill-{digest.week.label}.png"


def _upload_chart(client, channel: str, ts: str, png: bytes, digest: Digest, language: str) -> None:

    try:
        client.files_upload_v2(
            channel=channel,
            content=png,
            filename=chart_filename(digest),
            title=chart_title(digest, language),
            alt_txt=chart_title(digest, language),
        )
    except SlackApiError as error:  # the message is what counts; a missing picture is logged
        log.warning("digest chart upload to %s failed: %s", channel, _describe(error))


def _finish(deps: Deps, delivery_id: int, now: datetime, *, channel: str | None, ts: str | None) -> None:
    with transaction(deps.sessions) as session:
        queries.record_sent(session, delivery_id, now, channel, ts)


def _with_all_names(deps: Deps, session: Session, digest: Digest) -> Digest:
    """Members the digest names but we never cached are looked up once (users.info), so names show."""
    missing = digest.people() - set(digest.names)
    if not missing:
        return digest
    for user_id in sorted(missing):
        member(deps, session, digest.team_id, user_id)
    return replace(digest, names=queries.member_names(session, digest.team_id, digest.people()))


def _dry_run(deps: Deps, team_id: str, week: Week, today: date, language: str, channel: str | None) -> Outcome:

    with deps.sessions() as session:
        digest = compute_digest(session, team_id, week, today)
    return Outcome(
        team_id,
        week,
        "dry_run",
        channel=channel,
        text=digest_text(digest, language),
        chart=render_chart(digest.chart, language),
    )


def _describe(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        return f"{error.response.get('error', 'slack_error')}"
    return f"{type(error).__name__}: {error}"[:500]
