"""The `goodwill` command line (also `python -m bot`)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from slack_sdk.errors import SlackApiError

from bot.deps import Deps, make_web_client
from bot.digests import run_weekly_digest
from bot.domain.digest import Week
from bot.exporting import write_csv, write_private
from bot.importing import Owners, UnreadableFile, import_file, progress_bar, summary
from bot.members import local_today
from bot.nudges import run_daily_nudge
from bot.render.nudges import plain_text
from bot.scheduler import clock
from bot.server import serve
from bot.settings import ConfigError, Settings
from bot.workspaces import adopt
from storage.db import make_engine, make_session_factory, transaction
from storage.export import export_network
from storage.installations import InstallationStore
from storage.members import team_members
from storage.migrate import current_revision, upgrade
from storage.workspaces import delete_if_still_uninstalled, is_installed, team_ids, workspace_summaries


class CliError(Exception):
    """A one-line message for the terminal; exit status 2."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    try:
        settings = Settings.from_env()
        if args.command is None:
            settings.require_slack()
            parser.print_help()
            return 0
        return args.run(settings, args) or 0
    except (ConfigError, CliError) as error:
        print(f"goodwill: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="goodwill", description="Goodwill keeps your network of relations warm.")
    parser.set_defaults(command=None)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser("serve", help="the web process: Slack's requests at POST /slack/events")
    serve.set_defaults(run=run_serve)

    clock = commands.add_parser("clock", help="the scheduler process (nudges, digests)")
    clock.set_defaults(run=run_clock)

    export = commands.add_parser("export", help="every relation and interaction of a workspace, as JSON or CSV")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--team", help="workspace (Slack team id); default: the only one in the database")
    export.add_argument(
        "-o",
        "--output",
        help="file to write (JSON; default stdout) or prefix for the two CSV files; files are made readable "
        "by you alone (0600)",
    )
    export.add_argument(
        "--without-private",
        action="store_true",
        help="leave out the notes, gives and takes of private interactions (in Slack only their author sees "
        "them); by default the export holds everything",
    )
    export.set_defaults(run=run_export)

    nudge = commands.add_parser(
        "nudge", help="send today's nudges now, whatever the day and hour (each member at most once a day)"
    )
    nudge.add_argument("--team", help="workspace (Slack team id); default: every workspace in the database")
    nudge.add_argument("--dry-run", action="store_true", help="show what each member would get, send nothing")
    nudge.set_defaults(run=run_nudge)

    importer = commands.add_parser(
        "import", help="bring in relations from a CSV (spreadsheet or CRM export); idempotent"
    )
    importer.add_argument("file", metavar="FILE.csv")
    importer.add_argument("--team", help="workspace (Slack team id); created when new; default: the only one")
    importer.add_argument("--owner", help="owner (Slack user id or email) of rows without an owner")
    importer.add_argument("--dry-run", action="store_true", help="report what would change, store nothing")
    importer.set_defaults(run=run_import)

    digest = commands.add_parser("digest", help="post the weekly team digest now (or print it with --dry-run)")
    digest.add_argument("--team", help="workspace (Slack team id); default: the only one in the database")
    digest.add_argument("--week", help="ISO week to report, YYYY-Www (default: last complete week)")
    digest.add_argument("--dry-run", action="store_true", help="print the digest and write the chart; send nothing")
    digest.add_argument("--chart", help="with --dry-run: where to write the chart (default goodwill-<week>.png)")
    digest.set_defaults(run=run_digest)

    workspaces = commands.add_parser(
        "workspaces", help="every workspace: installed or uninstalled (since when), members, relations"
    )
    workspaces.set_defaults(run=run_workspaces)
    workspace_commands = workspaces.add_subparsers(dest="workspaces_command", metavar="ACTION")
    adopt = workspace_commands.add_parser(
        "adopt",
        help="move the single-workspace installation (SLACK_BOT_TOKEN) into the installation store, to serve it "
        "through Add to Slack (SLACK_CLIENT_ID and SLACK_CLIENT_SECRET set too); its data stays",
    )
    adopt.set_defaults(run=run_workspaces_adopt)
    delete = workspace_commands.add_parser(
        "delete", help="delete an uninstalled workspace's data now, before its retention period is over"
    )
    delete.add_argument("team", metavar="TEAM", help="the workspace's team id (see goodwill workspaces)")
    delete.set_defaults(run=run_workspaces_delete)

    db = commands.add_parser("db", help="database schema")
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = db_commands.add_parser("upgrade", help="apply Alembic migrations up to the newest")
    upgrade.set_defaults(run=run_db_upgrade)
    current = db_commands.add_parser("current", help="print the schema revision")
    current.set_defaults(run=run_db_current)
    return parser


def run_serve(settings: Settings, args: argparse.Namespace) -> int:

    serve(settings)
    return 0


def run_clock(settings: Settings, args: argparse.Namespace) -> int:

    settings.require_slack(signing=False)
    clock(Deps.from_settings(settings))
    return 0


def run_db_upgrade(settings: Settings, args: argparse.Namespace) -> int:

    engine = make_engine(settings.database_url)
    upgrade(engine)
    print(f"database is at revision {current_revision(engine)}")
    return 0


def run_db_current(settings: Settings, args: argparse.Namespace) -> int:

    print(current_revision(make_engine(settings.database_url)) or "empty")
    return 0


def resolve_team(settings: Settings, sessions, team: str | None) -> str:
    """--team, else the only workspace in the database, else the bot token's workspace."""

    with sessions() as session:
        known = team_ids(session)
    if team:
        if team not in known:
            raise CliError(f"no workspace {team!r} in the database (known: {', '.join(known) or 'none'})")
        return team
    if len(known) == 1:
        return known[0]
    if len(known) > 1:
        raise CliError(f"several workspaces in the database; choose one with --team ({', '.join(known)})")
    if settings.slack_bot_token:
        return make_web_client(settings).auth_test()["team_id"]
    raise CliError("the database holds no workspace yet: install Goodwill in Slack first, or pass --team")


def open_database(settings: Settings):
    """Engine and sessions for a command-line run, with the schema brought up to date."""

    engine = make_engine(settings.database_url)
    upgrade(engine)
    return engine, make_session_factory(engine)


def open_deps(settings: Settings):
    """Deps for a command-line run (the schema brought up to date): Web API calls use each workspace's token."""

    deps = Deps.from_settings(settings)
    upgrade(deps.engine)
    return deps


def run_workspaces(settings: Settings, args: argparse.Namespace) -> int:

    deps = open_deps(settings)
    with deps.sessions() as session:
        workspaces = workspace_summaries(session, settings.slack_client_id if deps.installations else None)
    if not workspaces:
        print("no workspace yet: install Goodwill in Slack (Add to Slack at /slack/install, or SLACK_BOT_TOKEN)")
        return 0
    print(f"{'TEAM':<12} {'NAME':<24} {'STATE':<44} {'MEMBERS':>7} {'RELATIONS':>9}")
    for w in workspaces:
        if w.uninstalled_at is not None:
            until = (w.uninstalled_at + timedelta(days=settings.retention_days)).date()
            state = f"uninstalled {w.uninstalled_at.date()}, deleted {until}"
        else:
            state = f"installed {w.installed_at.date()}" if w.installed_at else "installed"
            if deps.installations is not None and not w.has_token:
                state += " (no token: adopt it)"
        print(f"{w.team_id:<12} {w.name[:24]:<24} {state:<44} {w.members:>7} {w.relations:>9}")
    return 0


def run_workspaces_adopt(settings: Settings, args: argparse.Namespace) -> int:

    for name, value in (
        ("SLACK_BOT_TOKEN", settings.slack_bot_token),
        ("SLACK_CLIENT_ID", settings.slack_client_id),
        ("SLACK_CLIENT_SECRET", settings.slack_client_secret),
    ):
        if not value:
            raise CliError(f"adopt needs {name}: the bot token to move, and the client id and secret of its app")
    deps = open_deps(settings)
    deps.installations = InstallationStore(settings.slack_client_id, deps.engine, clock=deps.clock)
    try:
        installation = adopt(deps, settings.slack_bot_token, deps.now())
    except SlackApiError as error:
        raise CliError(f"SLACK_BOT_TOKEN was refused by Slack ({error.response.get('error')})") from None
    except ValueError as error:
        raise CliError(str(error)) from None
    print(
        f"workspace {installation.team_id} ({installation.team_name}) is in the installation store; remove "
        "SLACK_BOT_TOKEN from the environment and restart: Goodwill now serves it through Add to Slack"
    )
    return 0


def run_workspaces_delete(settings: Settings, args: argparse.Namespace) -> int:

    deps = open_deps(settings)
    with deps.sessions() as session:
        if args.team not in team_ids(session):
            raise CliError(f"no workspace {args.team!r} in the database")
        if is_installed(session, args.team):
            raise CliError(f"{args.team} has Goodwill installed: its data is deleted only once it is uninstalled")
    with transaction(deps.sessions) as session:
        deleted = delete_if_still_uninstalled(session, args.team, deps.now())
    if deleted is None:
        raise CliError(f"{args.team} was installed again just now: nothing deleted")
    print(f"deleted {sum(deleted.values())} row(s) of workspace {args.team}")
    return 0


def run_export(settings: Settings, args: argparse.Namespace) -> int:

    _, sessions = open_database(settings)
    team_id = resolve_team(settings, sessions, args.team)
    with sessions() as session:
        network = export_network(session, team_id, with_private=not args.without_private)
    try:
        if args.format == "json":
            text = json.dumps(network, ensure_ascii=False, indent=2) + "\n"
            if args.output:
                write_private(Path(args.output), lambda handle: handle.write(text))
            else:
                sys.stdout.write(text)
            return 0
        for path in write_csv(network, args.output or "goodwill-"):
            print(f"wrote {path}")
    except OSError as error:
        where = error.filename or args.output
        raise CliError(f"cannot write the export: {error.strerror or error} ({where})") from None
    return 0


def run_nudge(settings: Settings, args: argparse.Namespace) -> int:
    """The daily nudge, once, now: the clock's working-day morning window does not apply."""

    if not args.dry_run:
        settings.require_slack(signing=False)
    deps = Deps.from_settings(settings)
    upgrade(deps.engine)
    _check_nudged_team(deps, args.team)
    run = run_daily_nudge(deps, deps.now(), team_id=args.team, dry_run=args.dry_run, respect_window=False)
    names: dict[str, str] = {}
    if args.dry_run:
        with deps.sessions() as session:
            for team in {o.team_id for o in run.outcomes}:
                names.update({m.user_id: m.real_name or m.name for m in team_members(session, team).values()})
    for outcome in run.outcomes:
        _print_nudge_outcome(outcome, names)
    for team in run.busy:
        print(f"{team}: another run is nudging this workspace right now; left to it")
    sent, failed = run.count("sent"), run.count("failed")
    if args.dry_run:
        would = run.count("would-send")
        print(f"dry run: {_count(would, 'nudge')} would be sent; nothing was sent")
    else:
        print(
            f"{_count(sent, 'nudge')} sent, {failed} failed, {_count(run.count('empty'), 'member')} with nothing "
            f"quiet; {run.count('taken')} sent by another run"
        )
    return 1 if failed else 0


def _check_nudged_team(deps: Deps, team: str | None) -> None:
    """Refuse, with a clear message, a workspace that is not there or uninstalled, or a database with none."""
    with deps.sessions() as session:
        known = team_ids(session)
        uninstalled = team in known and not is_installed(session, team)
    if team and team not in known:
        raise CliError(f"no workspace {team!r} in the database (known: {', '.join(known) or 'none'})")
    if uninstalled:
        raise CliError(f"workspace {team} uninstalled Goodwill: nothing is sent to it")
    if not known:
        raise CliError("the database holds no workspace yet: install Goodwill in Slack first")


def _print_nudge_outcome(outcome, names: dict[str, str]) -> None:
    who = f"{outcome.user_id}" + (f" ({names[outcome.user_id]})" if names.get(outcome.user_id) else "")
    if outcome.status == "would-send":
        print(f"--- {outcome.team_id} {who}: would send {_count(outcome.relations, 'quiet relation')}:")
        print(plain_text(outcome.message or {}, names))
    elif outcome.status == "would-skip":
        print(f"--- {outcome.team_id} {who}: nothing quiet, nothing to send")
    elif outcome.status == "failed":
        print(f"{outcome.team_id} {who}: FAILED ({outcome.error}); the next run today tries again")
    elif outcome.status == "sent":
        print(f"{outcome.team_id} {who}: sent ({_count(outcome.relations, 'quiet relation')})")


def _count(n: int, noun: str) -> str:
    """'1 nudge', '2 nudges': the terminal speaks English."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def run_import(settings: Settings, args: argparse.Namespace) -> int:

    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"no such file: {args.file}")
    deps = open_deps(settings)
    sessions = deps.sessions
    team_id = args.team or resolve_team(settings, sessions, None)
    lookup_email = None
    client = deps.client_for(team_id) if settings.slack_bot_token or settings.slack_client_id else None
    if client is not None:

        def lookup_email(email: str) -> str | None:
            try:
                return client.users_lookupByEmail(email=email)["user"]["id"]
            except SlackApiError:
                return None

    default_owner = None
    if args.owner:
        with sessions() as session:
            resolved = Owners(session, team_id, lookup_email).resolve(args.owner)
        if isinstance(resolved, Exception):
            raise CliError(f"--owner: {resolved}")
        default_owner = resolved
    try:
        report = import_file(
            path,
            sessions,
            team_id=team_id,
            today=local_today(datetime.now(UTC), None),
            default_owner=default_owner,
            lookup_email=lookup_email,
            dry_run=args.dry_run,
            progress=progress_bar(sys.stderr),
        )
    except UnreadableFile as error:
        raise CliError(f"{args.file}: {error}") from None
    for line in summary(report, dry_run=args.dry_run):
        print(line)
    return 1 if report.rejected else 0


DIGEST_OUTCOMES = {
    "already": "the digest for {week} was already posted (channel {channel}); nothing sent",
    "busy": "another run is posting the digest for {week} right now; nothing sent",
    "no_channel": "no digest channel: set one in Slack with `/goodwill digest #channel`, or GOODWILL_DIGEST_CHANNEL",
    "not_over": "week {week} is not over yet; preview it with --dry-run",
    "failed": "the digest for {week} could not be posted: {error}",
}


def run_digest(settings: Settings, args: argparse.Namespace) -> int:

    week = None
    if args.week:
        try:
            week = Week.parse(args.week)
        except ValueError as error:
            raise CliError(str(error)) from None
    if not args.dry_run:
        settings.require_slack(signing=False)
    deps = open_deps(settings)
    team_id = resolve_team(settings, deps.sessions, args.team)
    [outcome] = run_weekly_digest(
        deps, deps.now(), team_id=team_id, week=week, dry_run=args.dry_run, respect_schedule=False
    )
    label = outcome.week.label if outcome.week else "this week"
    if outcome.status == "dry_run":
        sys.stdout.write(outcome.text)
        path = Path(args.chart or f"goodwill-{label}.png")
        path.write_bytes(outcome.chart or b"")
        print(f"\n(dry run: nothing sent; channel would be {outcome.channel or 'none set'}; chart written to {path})")
        return 0
    if outcome.status == "sent":
        print(f"posted the digest for {label} to {outcome.channel} (ts {outcome.message_ts})")
        return 0
    message = DIGEST_OUTCOMES.get(outcome.status, "nothing sent ({status})")
    values = dict(week=label, channel=outcome.channel, error=outcome.error, status=outcome.status)
    raise CliError(message.format(**values))
