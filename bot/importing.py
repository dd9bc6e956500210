"""`goodwill import FILE.csv`: bring in an existing network from a spreadsheet or another CRM's export.

Reads whatever spreadsheet programs write (UTF-8 with or without BOM, UTF-16 from Excel's "Unicode text",
cp1252/latin-1; `;`, `,` or tab), maps columns by header name (English and Dutch aliases), and is
idempotent: a row matches an existing relation by email, else by normalised name + organisation, and only
what differs is changed. Bad rows are reported with their line number; the good ones are kept.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.domain.csv_safety import restore
from bot.domain.fields import (
    NAME_MAX,
    ORGANISATION_MAX,
    THEME_MAX,
    clean_name,
    name_too_long,
    organisation_too_long,
    strip_invisible,
)
from bot.domain.names import normalise_name
from bot.domain.tiers import CADENCE_DAYS, default_cadence
from bot.exporting import is_export_header
from storage import history
from storage.models import Interaction, Member, Relation, Theme, relation_themes
from storage.relations import themes_named
from storage.workspaces import ensure_workspace

IMPORT_KIND = "import"
CHUNK = 900  # ids per IN (...) list: well under SQLite's and PostgreSQL's parameter limits

# Header aliases, compared after header_key(): lower case, accents kept, '_' '-' '.' as spaces.
ALIASES: dict[str, tuple[str, ...]] = {
    "name": (
        "name",
        "naam",
        "full name",
        "volledige naam",
        "contact",
        "contactpersoon",
        "contact name",
        "person",
        "persoon",
        "relatie",
        "relation",
        "display name",
    ),
    "first_name": ("first name", "voornaam", "given name", "roepnaam"),
    "infix": ("tussenvoegsel", "tussenvoegsels", "middle name"),
    "last_name": ("last name", "achternaam", "surname", "family name"),
    "organisation": (
        "organisation",
        "organization",
        "organisatie",
        "company",
        "company name",
        "bedrijf",
        "bedrijfsnaam",
        "employer",
        "werkgever",
        "org",
        "account",
        "account name",
        "instelling",
    ),
    "email": (
        "email",
        "e mail",
        "mail",
        "email address",
        "e mail address",
        "emailadres",
        "e mailadres",
        "email 1 value",
        "primary email",
    ),
    "owner": ("owner", "eigenaar", "account owner", "contact owner", "relatiebeheerder", "beheerder"),
    "tier": ("tier", "niveau", "level", "laag"),
    "cadence_days": ("cadence", "cadence days", "cadans", "ritme", "ritme dagen", "frequency days"),
    "themes": (
        "themes",
        "theme",
        "thema",
        "thema's",
        "themas",
        "tags",
        "tag",
        "labels",
        "label",
        "onderwerpen",
    ),
    "last_contact": (
        "last contact",
        "laatste contact",
        "last contacted",
        "last contact date",
        "laatst gesproken",
        "laatste contactdatum",
        "last activity",
        "laatste activiteit",
        "last meeting",
    ),
    "notes": (
        "notes",
        "note",
        "notities",
        "notitie",
        "opmerkingen",
        "opmerking",
        "remarks",
        "description",
        "omschrijving",
        "memo",
    ),
    "archived": ("archived", "gearchiveerd", "archief"),
    "snoozed_until": ("snoozed until", "gesluimerd tot", "snooze until"),
}
TIER_WORDS = {
    "key": "key", "sleutel": "key", "sleutelrelatie": "key", "kern": "key",
    "regular": "regular", "regulier": "regular", "normaal": "regular", "normal": "regular",
    "wider": "wider", "breed": "wider", "bredere kring": "wider", "wider circle": "wider", "wide": "wider",
}  # fmt: skip
TRUE_WORDS = {"true", "yes", "ja", "1", "y", "j", "waar", "x"}
FALSE_WORDS = {"false", "no", "nee", "0", "n", "onwaar", ""}
SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,30}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class UnreadableFile(ValueError):
    """The file as a whole cannot be read (no name column, not a text file): one line for the terminal."""


@dataclass
class Rejected:
    line: int
    reason: str


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    interactions: int = 0  # "last contact" interactions added
    duplicates: list[Rejected] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # field -> header as written
    ignored_columns: list[str] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""


@dataclass
class Row:
    line: int
    name: str
    organisation: str | None
    email: str | None
    owner: str | None
    tier: str | None
    cadence_days: int | None
    themes: list[str]
    last_contact: date | None
    notes: str | None
    archived: bool | None
    snoozed_until: date | None


# --- reading the file ----------------------------------------------------------------------------------
def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOMs first, then UTF-16 without BOM (NUL bytes), UTF-8, cp1252, latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig"), "utf-8-sig"
    sample = data[:4000]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        encoding = "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
        return data.decode(encoding), encoding
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """`;` (Excel in a Dutch locale), `,` or tab: whichever splits the header line into the most columns."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return csv.Sniffer().sniff(header, delimiters=";,\t").delimiter
    except csv.Error:
        return max(";,\t", key=header.count) if header else ","


def header_key(header: str) -> str:
    cleaned = header.strip().strip("\ufeff").strip('"').strip().rstrip(":").lower()
    return " ".join(re.sub(r"[_\-.]+", " ", cleaned).split())


def map_headers(headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """field -> column index, and the headers nobody uses."""
    lookup = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
    mapping: dict[str, int] = {}
    ignored = []
    for index, header in enumerate(headers):
        name = lookup.get(header_key(header))
        if name and name not in mapping:
            mapping[name] = index
        elif header.strip() and header_key(header) != "id":
            ignored.append(header.strip())
    if "name" not in mapping and not ("first_name" in mapping or "last_name" in mapping):
        raise UnreadableFile(
            f"no name column: expected one of {', '.join(ALIASES['name'][:4])} (found: {', '.join(headers)})"
        )
    return mapping, ignored


def read_date(text: str) -> date | None:
    """ISO (2026-11-05, with or without a time) and day-first (5-11-2026, 05/11/26, 5.11.2026)."""
    text = text.strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?", text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?: .*)?", text)
        if not match:
            return None
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


class _Refused(ValueError):
    """A cell that rejects its whole line; the message says why."""


def parse_row(line: int, cells: list[str], mapping: dict[str, int], today: date) -> Row | str:
    """A Row, or why the line is rejected (the first refusal, in column order)."""

    def cell(name: str) -> str:
        index = mapping.get(name)
        return clean_name(cells[index]) if index is not None and index < len(cells) else ""

    try:
        name = _read_name(cell)
        email = _read_email(cell("email"))
        tier = _read_tier(cell("tier"))
        cadence = _read_cadence(cell("cadence_days"))
        last_contact = _read_last_contact(cell("last_contact"), today)
        snoozed = _read_snoozed(cell("snoozed_until"))
        archived = _read_archived(cell("archived"))
        themes = _read_themes(cell("themes"))
        organisation = _read_organisation(cell("organisation"))
    except _Refused as refusal:
        return str(refusal)
    notes_index = mapping.get("notes")
    notes = (
        strip_invisible(cells[notes_index]).strip() if notes_index is not None and notes_index < len(cells) else None
    )
    return Row(
        line=line,
        name=name,
        organisation=organisation,
        email=email,
        owner=cell("owner") or None,
        tier=tier,
        cadence_days=cadence,
        themes=themes,
        last_contact=last_contact,
        notes=notes or None,
        archived=archived,
        snoozed_until=snoozed,
    )


def _read_name(cell: Callable[[str], str]) -> str:
    """One name column, else first name + infix + last name (Dutch exports split names)."""
    name = cell("name") or " ".join(p for p in (cell("first_name"), cell("infix"), cell("last_name")) if p)
    if not name:
        raise _Refused("no name")
    if name_too_long(name):
        raise _Refused(f"name longer than {NAME_MAX} characters")
    return name


def _read_email(text: str) -> str | None:
    email = text.lower() or None
    if email and not EMAIL.fullmatch(email):
        raise _Refused(f"{email!r} is not an email address")
    return email


def _read_tier(text: str) -> str | None:
    tier = TIER_WORDS.get(text.lower()) if text else None
    if text and tier is None:
        raise _Refused(f"unknown tier {text!r} (key, regular or wider; sleutel, regulier or breed)")
    return tier


def _read_cadence(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= 730:
        raise _Refused(f"cadence {text!r} is not a number of days from 1 to 730")
    return int(text)


def _read_last_contact(text: str, today: date) -> date | None:
    last_contact = read_date(text) if text else None
    if text and last_contact is None:
        raise _Refused(f"cannot read the date {text!r} (use 2026-11-05 or 5-11-2026)")
    if last_contact and last_contact > today:
        raise _Refused(f"last contact {last_contact.isoformat()} is in the future")
    return last_contact


def _read_snoozed(text: str) -> date | None:
    snoozed = read_date(text) if text else None
    if text and snoozed is None:
        raise _Refused(f"cannot read the date {text!r}")
    return snoozed


def _read_archived(text: str) -> bool | None:
    """None when the column is blank: a blank cell changes nothing."""
    word = text.lower()
    if word and word not in TRUE_WORDS | FALSE_WORDS:
        raise _Refused(f"archived should be yes or no, not {text!r}")
    return (word in TRUE_WORDS) if word else None


def _read_themes(text: str) -> list[str]:
    """Themes separated by commas, semicolons, bars or spaces; a leading # is dropped; duplicates once."""
    themes = [t.lstrip("#").lower() for t in re.split(r"[,;|\s]+", text) if t.lstrip("#")]
    if any(len(t) > THEME_MAX for t in themes):
        raise _Refused(f"a theme is longer than {THEME_MAX} characters")
    return list(dict.fromkeys(themes))


def _read_organisation(text: str) -> str | None:
    organisation = text or None
    if organisation_too_long(organisation):
        raise _Refused(f"organisation longer than {ORGANISATION_MAX} characters")
    return organisation


def read_rows(data: bytes, today: date, report: ImportReport) -> list[Row]:
    text, report.encoding = decode(data)
    report.delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=report.delimiter)
    headers: list[str] | None = None
    ours = False  # our own export: its cells were neutralised against formulas, and are restored
    rows: list[Row] = []
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue  # blank lines (and lines of empty cells) are no rows
        if headers is None:
            headers = cells
            mapping, report.ignored_columns = map_headers(headers)
            report.columns = {name: headers[index].strip() for name, index in mapping.items()}
            ours = is_export_header(headers)
            continue
        if ours:
            cells = [restore(cell) for cell in cells]
        report.rows += 1
        parsed = parse_row(line, cells, mapping, today)
        if isinstance(parsed, str):
            report.rejected.append(Rejected(line, parsed))
        else:
            rows.append(parsed)
    if headers is None:
        raise UnreadableFile("the file is empty")
    return rows


# --- owners ---------------------------------------------------------------------------------------------
class Owners:
    """Owner cells to Slack user ids: ids as they are, emails via the member cache or users.lookupByEmail."""

    def __init__(self, session: Session, team_id: str, lookup_email: Callable[[str], str | None] | None) -> None:
        self.lookup_email = lookup_email
        self.by_email: dict[str, str | None] = {
            email.lower(): user_id
            for user_id, email in session.execute(
                select(Member.user_id, Member.email).where(Member.team_id == team_id, Member.email.is_not(None))
            )
        }

    def resolve(self, owner: str) -> str | None | Exception:
        if SLACK_USER.fullmatch(owner):
            return owner
        if EMAIL.fullmatch(owner):
            key = owner.lower()
            if key not in self.by_email:
                if self.lookup_email is None:
                    return ValueError(f"owner {owner} is an email, and without SLACK_BOT_TOKEN I cannot look it up")
                self.by_email[key] = self.lookup_email(key)
            return self.by_email[key] or ValueError(f"owner {owner} is not a member of the Slack workspace")
        return ValueError(f"owner {owner!r} is neither a Slack user id (U…) nor an email address")


# --- importing -----------------------------------------------------------------------------------------
@dataclass
class _Existing:
    id: int
    name: str
    organisation: str | None
    email: str | None
    owner_id: str
    tier: str
    cadence_days: int
    notes: str
    archived: bool
    snoozed_until: date | None
    themes: set[str]


def _org_key(organisation: str | None) -> str:
    return normalise_name(organisation or "")


def _existing(session: Session, team_id: str) -> list[_Existing]:
    themes: dict[int, set[str]] = defaultdict(set)
    for relation_id, name in session.execute(
        select(relation_themes.c.relation_id, Theme.name)
        .join(Theme, Theme.id == relation_themes.c.theme_id)
        .where(Theme.team_id == team_id)
    ):
        themes[relation_id].add(name)
    rows = session.execute(
        select(
            Relation.id,
            Relation.name,
            Relation.organisation,
            Relation.email,
            Relation.owner_id,
            Relation.tier,
            Relation.cadence_days,
            Relation.notes,
            Relation.archived,
            Relation.snoozed_until,
        )
        .where(Relation.team_id == team_id)
        .order_by(Relation.id)
    )
    return [_Existing(*row, themes=themes.get(row.id, set())) for row in rows]


def import_rows(
    session: Session,
    rows: list[Row],
    *,
    team_id: str,
    today: date,
    report: ImportReport,
    default_owner: str | None = None,
    lookup_email: Callable[[str], str | None] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Create, update or leave each row's relation, in bulk statements; fills `report`."""
    ensure_workspace(session, team_id)
    owners = Owners(session, team_id, lookup_email)
    existing = _existing(session, team_id)
    plan = _plan_rows(rows, existing, owners, report, default_owner=default_owner, progress=progress)
    touched = _write_plan(session, team_id, plan, today, report, existing_count=len(existing))
    # A relation whose only news is its last contact counts as updated, else as unchanged.
    report.updated += sum(1 for relation_id in plan.unchanged if relation_id in touched)
    report.unchanged += sum(1 for relation_id in plan.unchanged if relation_id not in touched)
    return report


@dataclass
class _ImportPlan:
    """What the rows ask of the database, decided before anything is written (so the writes can be bulk)."""

    creates: list[tuple[Row, str]] = field(default_factory=list)  # (row, owner) of new relations
    updates: list[dict] = field(default_factory=list)  # {"id": ..., column: value} for history.change_relations
    unchanged: list[int] = field(default_factory=list)  # matched relations the row changes nothing about
    theme_links: list[tuple[Row, _Existing | None]] = field(default_factory=list)  # None: a relation to create
    contacts: list[tuple[Row, _Existing | None, str]] = field(default_factory=list)  # rows with a last contact


def _plan_rows(
    rows: list[Row],
    existing: list[_Existing],
    owners: Owners,
    report: ImportReport,
    *,
    default_owner: str | None,
    progress: Callable[[int, int], None] | None,
) -> _ImportPlan:
    """Match each row to an existing relation (email, else name + organisation) and note what it changes;
    duplicates and rows without a usable owner go to `report`."""
    by_email = {r.email.lower(): r for r in existing if r.email}
    by_name = {(normalise_name(r.name), _org_key(r.organisation)): r for r in existing}
    seen: dict[tuple, int] = {}
    plan = _ImportPlan()
    for done, row in enumerate(rows, 1):
        if progress and done % 500 == 0:
            progress(done, len(rows))
        name_key = (normalise_name(row.name), _org_key(row.organisation))
        key = ("email", row.email) if row.email else ("name", *name_key)
        if key in seen:
            report.duplicates.append(Rejected(row.line, f"same person as line {seen[key]}, skipped"))
            continue
        seen[key] = row.line
        match = (by_email.get(row.email) if row.email else None) or by_name.get(name_key)
        owner = owners.resolve(row.owner) if row.owner else None
        if isinstance(owner, Exception):
            report.rejected.append(Rejected(row.line, str(owner)))
        elif match is None:
            _plan_create(plan, row, owner or default_owner, report)
        else:
            _plan_update(plan, row, match, owner, report)
    if progress:
        progress(len(rows), len(rows))
    return plan


def _plan_create(plan: _ImportPlan, row: Row, owner: str | None, report: ImportReport) -> None:
    if owner is None:
        report.rejected.append(Rejected(row.line, "no owner: add an owner column or pass --owner"))
        return
    plan.creates.append((row, owner))
    plan.theme_links.append((row, None))
    if row.last_contact:
        plan.contacts.append((row, None, owner))


def _plan_update(plan: _ImportPlan, row: Row, match: _Existing, owner: str | None, report: ImportReport) -> None:
    changes = _changes(match, row, owner)
    new_themes = set(row.themes) - match.themes
    if changes:
        plan.updates.append({"id": match.id, **changes})
    if new_themes:
        plan.theme_links.append((row, match))
    if row.last_contact:
        plan.contacts.append((row, match, owner or match.owner_id))
    if changes or new_themes:
        report.updated += 1
    else:
        plan.unchanged.append(match.id)


def _write_plan(
    session: Session, team_id: str, plan: _ImportPlan, today: date, report: ImportReport, *, existing_count: int
) -> set[int]:
    """Write the plan in bulk statements; the ids of relations that got a contact interaction."""
    # One unit of work: what is kept from the history is recomputed once, when everything is written.
    with history.unit_of_work(session) as uow:
        created_ids = _insert_relations(session, team_id, plan.creates, today)
        report.created = len(created_ids)
        row_relation = {id(row): relation_id for (row, _), relation_id in zip(plan.creates, created_ids, strict=True)}
        history.change_relations(session, plan.updates)
        touched = _insert_contacts(
            session,
            team_id,
            [(row, row_relation.get(id(row)) or match.id, owner) for row, match, owner in plan.contacts],
            report,
        )
        _attach_themes(
            session, team_id, [(row, row_relation.get(id(row)) or match.id, match) for row, match in plan.theme_links]
        )
        if len(created_ids) + len(touched) + len(plan.updates) > (existing_count + len(created_ids)) // 2:
            # Most of the workspace changed (a first import): one recompute over the workspace beats one per chunk.
            uow.touched_workspace(team_id, *history.EVERYTHING_BUT_NAMES)
    return touched


def _changes(match: _Existing, row: Row, owner: str | None) -> dict:
    """Only what the row says and the relation does not have yet (blank cells change nothing)."""
    changes: dict = {}
    if row.organisation and row.organisation != match.organisation:
        changes["organisation"] = row.organisation
    if row.email and row.email != (match.email or "").lower():
        changes["email"] = row.email
    if owner and owner != match.owner_id:
        changes["owner_id"] = owner
    tier = row.tier or match.tier
    cadence = row.cadence_days or (default_cadence(tier) if row.tier and row.tier != match.tier else None)
    if row.tier and row.tier != match.tier:
        changes["tier"] = row.tier
    if cadence and cadence != match.cadence_days:
        changes["cadence_days"] = cadence
    if row.notes and row.notes != match.notes:
        changes["notes"] = row.notes
    if row.archived is not None and row.archived != match.archived:
        changes["archived"] = row.archived
    if row.snoozed_until and row.snoozed_until != match.snoozed_until:
        changes["snoozed_until"] = row.snoozed_until
    return changes


def _insert_relations(session: Session, team_id: str, creates: list[tuple[Row, str]], today: date) -> list[int]:
    rows = []
    for row, owner in creates:
        tier = row.tier or "regular"
        rows.append(
            {
                "name": row.name,
                "organisation": row.organisation,
                "email": row.email,
                "owner_id": owner,
                "tier": tier,
                "cadence_days": row.cadence_days or CADENCE_DAYS.get(tier, default_cadence(tier)),
                "notes": row.notes or "",
                "archived": bool(row.archived),
                "snoozed_until": row.snoozed_until,
                "created_on": today,
            }
        )
    return history.create_relations(session, team_id, rows) if rows else []


def _attach_themes(session: Session, team_id: str, links: list[tuple[Row, int, _Existing | None]]) -> None:
    wanted = {theme for row, _, _ in links for theme in row.themes}
    if not wanted:
        return
    themes = {theme.name: theme.id for theme in themes_named(session, team_id, sorted(wanted))}
    pairs = {
        (relation_id, themes[theme])
        for row, relation_id, match in links
        for theme in row.themes
        if match is None or theme not in match.themes
    }
    if pairs:
        history.link_relation_themes(session, [{"relation_id": r, "theme_id": t} for r, t in sorted(pairs)])


def _insert_contacts(
    session: Session, team_id: str, contacts: list[tuple[Row, int, str]], report: ImportReport
) -> set[int]:
    """One 'import' interaction on the last-contact day, unless the relation already has one that day."""
    wanted = {(relation_id, row.last_contact): owner for row, relation_id, owner in contacts}
    if not wanted:
        return set()
    present: set[tuple[int, date]] = set()
    keys = sorted(wanted)
    for start in range(0, len(keys), CHUNK):
        chunk = keys[start : start + CHUNK]
        # The relations' contacts straight from the covering (relation, date, team, …) index; day and
        # workspace are checked here: a condition on either makes SQLite (without statistics) scan the team.
        present.update(
            (relation_id, day)
            for relation_id, day, team in session.execute(
                select(Interaction.relation_id, Interaction.occurred_on, Interaction.team_id).where(
                    Interaction.relation_id.in_({r for r, _ in chunk})
                )
            )
            if team == team_id and (relation_id, day) in wanted
        )
    missing = [(relation_id, day) for relation_id, day in keys if (relation_id, day) not in present]
    history.add_interactions(
        session,
        team_id,
        [
            {
                "relation_id": relation_id,
                "occurred_on": day,
                "logged_by": wanted[(relation_id, day)],
                "kind": IMPORT_KIND,
                "notes": "",
                "private": False,
            }
            for relation_id, day in missing
        ],
    )
    report.interactions = len(missing)
    return {relation_id for relation_id, _ in missing}


def import_file(
    path: str | Path,
    sessions,
    *,
    team_id: str,
    today: date,
    default_owner: str | None = None,
    lookup_email: Callable[[str], str | None] | None = None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Read and import a file in one transaction; a dry run does the same work and rolls it back."""
    report = ImportReport()
    rows = read_rows(Path(path).read_bytes(), today, report)
    with sessions() as session:
        session.begin()
        try:
            import_rows(
                session,
                rows,
                team_id=team_id,
                today=today,
                report=report,
                default_owner=default_owner,
                lookup_email=lookup_email,
                progress=progress,
            )
        except BaseException:
            session.rollback()
            raise
        if dry_run:
            session.rollback()
        else:
            session.commit()
    return report


def summary(report: ImportReport, *, dry_run: bool = False, limit: int = 20) -> list[str]:
    """The report as terminal lines."""
    verb = "would create" if dry_run else "created"
    lines = [
        f"read {report.rows} row(s) ({report.encoding}, delimiter {report.delimiter!r}); columns: "
        + ", ".join(f"{name}={header!r}" for name, header in report.columns.items()),
        f"{verb} {report.created}, {'would update' if dry_run else 'updated'} {report.updated}, "
        f"unchanged {report.unchanged}, skipped {len(report.duplicates)} duplicate(s), "
        f"rejected {len(report.rejected)}; {report.interactions} last-contact interaction(s)",
    ]
    if report.ignored_columns:
        lines.append("ignored columns: " + ", ".join(report.ignored_columns))
    problems = sorted(report.rejected + report.duplicates, key=lambda r: r.line)
    lines += [f"line {p.line}: {p.reason}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"… and {len(problems) - limit} more")
    if dry_run:
        lines.append("dry run: nothing was stored")
    return lines


def progress_bar(stream) -> Callable[[int, int], None] | None:
    """A one-line progress bar on a terminal (stderr); nothing when output is redirected."""
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(1, total)
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,} rows")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show
