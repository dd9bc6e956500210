"""A synthetic network for benchmarks: N members, relations and interactions, in SQLite or PostgreSQL.

Built once per size and generator version and cached (SQLite under bench/.cache/, PostgreSQL as database
gw_bench_<sizes>_<version>, so checkouts with different schemas never rebuild each other's; $GOODWILL_BENCH_DB_PREFIX
replaces `gw_bench` for a checkout that wants its own), so a benchmark run pays for generation only the first time:

    python -m bench.dataset --backend sqlite --interactions 1000000

By default the interactions are spread over 3 years with recent weeks busier, so more interactions means a
denser history (the reported week grows with it). `--history-days D --even` spreads them evenly over D days
instead: growing interactions and days together grows the history's length at a constant rate a day, which
is how the digest benchmark shows that its time follows the reported week, not the history.
"""

from __future__ import annotations

import argparse
import fcntl
import importlib.util
import os
import random
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine, MetaData, create_engine, insert, select, text
from sqlalchemy.engine import make_url

from bot.domain.names import index_keys
from storage.db import make_engine, make_session_factory, normalise_url
from storage.history import refresh_workspace
from storage.migrate import MIGRATIONS, upgrade
from storage.models import (
    Interaction,
    InteractionColleague,
    Member,
    Relation,
    RelationNameToken,
    Theme,
    Workspace,
    interaction_themes,
    relation_themes,
)

CACHE = Path(__file__).parent / ".cache"
POSTGRES_ENV = "GOODWILL_BENCH_POSTGRES_URL"
PREFIX_ENV = "GOODWILL_BENCH_DB_PREFIX"  # the PostgreSQL datasets' name prefix (default gw_bench)
POSTGRES_DEFAULT = "postgresql://postgres@127.0.0.1:5432/test"
TEAM_ID = "T0BENCH"
TODAY = date(2026, 11, 26)
HISTORY_DAYS = 3 * 365
COMPLETE = "complete-17"  # bump when the generator or the schema changes, so cached datasets are rebuilt
THEMES = (
    "wonen",
    "onderwijs",
    "zorg",
    "lobby",
    "klimaat",
    "mobiliteit",
    "cultuur",
    "veiligheid",
    "werk",
    "armoede",
    "energie",
    "digitaal",
    "sport",
    "jeugd",
    "integratie",
    "housing",
    "education",
    "health",
    "climate",
    "culture",
)
FIRST = (
    "Jan",
    "Fatima",
    "Karin",
    "Pieter",
    "Sanne",
    "Ruud",
    "Anna",
    "Mohammed",
    "Lotte",
    "Daan",
    "Emma",
    "Noah",
    "Sophie",
    "Lucas",
    "Julia",
    "Sem",
    "Mila",
    "Finn",
    "Tess",
    "Levi",
    "Sara",
    "Bram",
    "Eva",
    "Thijs",
    "Yara",
)
LAST = (
    "de Vries",
    "El Amrani",
    "Mulder",
    "Bakker",
    "Visser",
    "Smit",
    "Jansen",
    "de Jong",
    "van den Berg",
    "Bos",
    "Dekker",
    "Meijer",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
    "Kaya",
    "Yilmaz",
    "Boer",
    "Brouwer",
)
ORGS = (
    "Gemeente Den Haag",
    "Gemeente Utrecht",
    "Ministerie van BZK",
    "Woonbond",
    "ABN AMRO",
    "Rode Kruis",
    "Universiteit Leiden",
    "GGD Haaglanden",
    "Provincie Zuid-Holland",
    "Vluchtelingenwerk",
    None,
)


# Meeting notes in Dutch and English from a vocabulary, with the forms words take in notes (singular and
# plural, infinitive and participle), common words much more common than others (Zipf), and a long tail of
# rare ones (made-up project names, amounts and years), so that searching them is like searching real notes.
NOUNS_NL = (
    ("subsidie", "subsidies"),
    ("woning", "woningen"),
    ("aanvraag", "aanvragen"),
    ("gemeente", "gemeenten"),
    ("wijk", "wijken"),
    ("school", "scholen"),
    ("huurder", "huurders"),
    ("vergunning", "vergunningen"),
    ("project", "projecten"),
    ("begroting", "begrotingen"),
    ("wethouder", "wethouders"),
    ("buurthuis", "buurthuizen"),
    ("jongere", "jongeren"),
    ("vrijwilliger", "vrijwilligers"),
    ("statushouder", "statushouders"),
    ("zonnepaneel", "zonnepanelen"),
    ("laadpaal", "laadpalen"),
    ("wachtlijst", "wachtlijsten"),
    ("corporatie", "corporaties"),
    ("huisarts", "huisartsen"),
    ("mantelzorger", "mantelzorgers"),
    ("stageplek", "stageplekken"),
    ("fietspad", "fietspaden"),
    ("bibliotheek", "bibliotheken"),
    ("evaluatie", "evaluaties"),
    ("convenant", "convenanten"),
    ("pilot", "pilots"),
    ("werkbezoek", "werkbezoeken"),
)
PARTICIPLES_NL = (
    "aangevraagd",
    "besproken",
    "toegezegd",
    "afgewezen",
    "ingediend",
    "goedgekeurd",
    "uitgesteld",
    "geregeld",
    "gedeeld",
    "gevraagd",
    "doorgestuurd",
    "afgesproken",
)
INFINITIVES_NL = (
    "aanvragen",
    "bespreken",
    "indienen",
    "regelen",
    "delen",
    "organiseren",
    "opvolgen",
    "uitwerken",
    "plannen",
    "nabellen",
)
NOUNS_EN = (
    ("grant", "grants"),
    ("house", "houses"),
    ("housing", "housing"),
    ("application", "applications"),
    ("council", "councils"),
    ("school", "schools"),
    ("tenant", "tenants"),
    ("permit", "permits"),
    ("budget", "budgets"),
    ("volunteer", "volunteers"),
    ("refugee", "refugees"),
    ("partnership", "partnerships"),
    ("report", "reports"),
    ("waiting list", "waiting lists"),
    ("neighbourhood", "neighbourhoods"),
    ("youth worker", "youth workers"),
)
VERBS_EN = (
    ("apply for", "applied for"),
    ("discuss", "discussed"),
    ("promise", "promised"),
    ("submit", "submitted"),
    ("approve", "approved"),
    ("postpone", "postponed"),
    ("share", "shared"),
    ("organise", "organised"),
    ("follow up on", "followed up on"),
)
PLACES = (
    "Café De Unie",
    "het stadhuis",
    "de bibliotheek",
    "Utrecht",
    "Den Haag",
    "Rotterdam",
    "Leiden",
    "Delft",
    "Zwolle",
    "Groningen",
    "Eindhoven",
    "Tilburg",
    "Café 't Hoekje",
    "the town hall",
)
OPENINGS_NL = ("Koffie", "Lunch", "Overleg", "Kort gesprek", "Telefoontje", "Werkbezoek", "Borrel")
OPENINGS_EN = ("Coffee", "Lunch", "Call", "Meeting", "Quick chat", "Site visit")
MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "september", "oktober", "november")
MONTHS_EN = ("January", "March", "April", "June", "September", "October", "December")


def _zipf(rng: random.Random, items: tuple):
    """An item, the first ones far more often than the last (weights 1, 1/2, 1/3 …)."""
    weights = _ZIPF_WEIGHTS.get(len(items))
    if weights is None:
        weights = _ZIPF_WEIGHTS[len(items)] = [1 / (rank + 1) for rank in range(len(items))]
    return rng.choices(items, weights)[0]


_ZIPF_WEIGHTS: dict[int, list[float]] = {}


def meeting_notes(rng: random.Random) -> str:
    """What someone writes after a meeting: one to three clauses, Dutch (two in three) or English."""
    clause = _dutch_clause if rng.random() < 2 / 3 else _english_clause
    text = "; ".join(clause(rng) for _ in range(rng.choice((1, 1, 2, 2, 3))))
    return text[0].upper() + text[1:]


def _dutch_clause(rng: random.Random) -> str:
    # The random draws keep their order: the dataset (and its cached files) stay the same.
    singular, plural = _zipf(rng, NOUNS_NL)
    noun = plural if rng.random() < 0.4 else singular
    other = _zipf(rng, NOUNS_NL)[rng.random() < 0.4]
    form = rng.randrange(6)
    if form == 0:
        return f"{_zipf(rng, OPENINGS_NL)} over de {noun} in {rng.choice(PLACES)}"
    if form == 1:
        return f"de {noun} voor {other} is {_zipf(rng, PARTICIPLES_NL)}"
    if form == 2:
        verb = _zipf(rng, INFINITIVES_NL)
        return f"afgesproken dat we de {noun} {verb} voor {rng.choice(MONTHS_NL)}"
    if form == 3:
        return f"project {surname(rng.randrange(13_824))}: {noun} {_zipf(rng, PARTICIPLES_NL)}"
    if form == 4:
        return f"€ {rng.randrange(5, 500) * 1000} voor {noun} in {2024 + rng.randrange(4)}"
    return f"zij wil {other} en {noun} {_zipf(rng, INFINITIVES_NL)}"


def _english_clause(rng: random.Random) -> str:
    singular, plural = _zipf(rng, NOUNS_EN)
    noun = plural if rng.random() < 0.4 else singular
    verb, past = _zipf(rng, VERBS_EN)
    form = rng.randrange(4)
    if form == 0:
        return f"{_zipf(rng, OPENINGS_EN)} about the {noun} in {rng.choice(PLACES)}"
    if form == 1:
        return f"they {past} the {noun}"
    if form == 2:
        return f"agreed to {verb} the {noun} by {rng.choice(MONTHS_EN)}"
    return f"project {surname(rng.randrange(13_824))}: {noun} {past}"


@dataclass(frozen=True)
class Size:
    members: int = 1000
    relations: int = 100_000
    interactions: int = 1_000_000
    history_days: int = HISTORY_DAYS
    even: bool = False  # spread evenly over history_days (else recent weeks are busier)

    @property
    def tag(self) -> str:
        shape = (
            ""
            if (self.history_days, self.even) == (HISTORY_DAYS, False)
            else (f"_{self.history_days}d" + ("_even" if self.even else ""))
        )
        return f"{self.members}m_{self.relations}r_{self.interactions}i{shape}"


FULL = Size()  # 1,000 members, 100,000 relations, 1,000,000 interactions


SYLLABLES = (
    "berg",
    "dam",
    "hof",
    "veld",
    "man",
    "stra",
    "ker",
    "hui",
    "zen",
    "bro",
    "wer",
    "lin",
    "gen",
    "ma",
    "ter",
    "vos",
    "dijk",
    "ink",
    "hout",
    "mer",
    "ska",
    "ro",
    "del",
    "ten",
)


def surname(index: int) -> str:
    """One of 13,824 distinct made-up surnames ('Bergdamhof'), like the long tail of real ones."""
    n = len(SYLLABLES)
    return (SYLLABLES[index % n] + SYLLABLES[(index // n) % n] + SYLLABLES[(index // n // n) % n]).capitalize()


def relation_name(index: int) -> str:
    """Distinct, realistic names: common first names, a long tail of surnames ('Jan de Vries', 'Sanne Hofveldman')."""
    first = FIRST[index % len(FIRST)]
    if index < len(FIRST) * len(LAST):
        return f"{first} {LAST[(index // len(FIRST)) % len(LAST)]}"
    return f"{first} {surname(index // len(FIRST))}"


def member_id(index: int) -> str:
    return f"U{index:07d}"


def dataset_url(backend: str, size: Size) -> str:
    if backend == "sqlite":
        CACHE.mkdir(exist_ok=True)
        return f"sqlite:///{CACHE / f'goodwill-{size.tag}.db'}"
    base = make_url(normalise_url(os.environ.get(POSTGRES_ENV) or POSTGRES_DEFAULT))
    version = COMPLETE.removeprefix("complete-")
    prefix = os.environ.get(PREFIX_ENV) or "gw_bench"
    return base.set(database=f"{prefix}_{size.tag}_v{version}").render_as_string(hide_password=False)


def ensure_dataset(backend: str, size: Size = FULL, *, quiet: bool = False) -> Engine:
    """The cached dataset's engine, building it first if it is missing or incomplete.

    Several benchmark runs may ask at once (the PostgreSQL dataset is shared by every checkout): one builds,
    the others wait on a lock and then find it complete.
    """
    url = dataset_url(backend, size)
    if backend == "postgresql":
        _create_postgres_database(url)
    with _build_lock(backend, size):
        return _ensure(url, backend, size, quiet=quiet)


@contextmanager
def _build_lock(backend: str, size: Size) -> Iterator[None]:
    if backend == "sqlite":
        CACHE.mkdir(exist_ok=True)
        with open(CACHE / f"{size.tag}.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        return
    admin = create_engine(make_url(dataset_url(backend, size)).set(database="postgres"))
    key = zlib.crc32(size.tag.encode())
    with admin.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
    admin.dispose()


def _ensure(url: str, backend: str, size: Size, *, quiet: bool) -> Engine:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            done = connection.execute(select(Workspace.name).where(Workspace.team_id == TEAM_ID)).scalar()
    except Exception:  # no schema yet, or one from an older generator
        done = None
    if done != COMPLETE:
        started = time.perf_counter()
        _recreate_schema(engine)
        build(engine, size)
        if not quiet:
            print(f"built {backend} dataset {size.tag} in {time.perf_counter() - started:.0f} s")
    return engine


def _create_postgres_database(url: str) -> None:
    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database}
        ).scalar()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()


def _recreate_schema(engine: Engine) -> None:
    """Drop whatever is there (it may predate a schema change) and migrate from scratch."""

    if engine.dialect.name == "sqlite":  # a new file: FTS5's tables cannot be reflected and dropped one by one
        engine.dispose()
        path = Path(engine.url.database)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        upgrade(engine)
        return
    existing = MetaData()
    existing.reflect(engine)
    existing.drop_all(engine)
    upgrade(engine)


def build(engine: Engine, size: Size, *, seed: int = 7, batch: int = 50_000) -> None:
    rng = random.Random(seed)
    sessions = make_session_factory(engine)
    with engine.begin() as connection:
        connection.execute(
            insert(Workspace),
            [
                {
                    "team_id": TEAM_ID,
                    "name": "building",
                    "languages": "en,nl",
                    "default_locale": "nl",
                    "timezone": "Europe/Amsterdam",
                    "nudge_time": "09:00",
                    "digest_weekday": 0,
                    "digest_time": "09:00",
                }
            ],
        )
        zones = ("Europe/Amsterdam", "Europe/London", "America/New_York", "Asia/Tokyo")
        connection.execute(
            insert(Member),
            [
                {
                    "team_id": TEAM_ID,
                    "user_id": member_id(i),
                    "name": f"member{i}",
                    "real_name": f"Member {i}",
                    "tz": zones[i % len(zones)],
                    "locale": "nl-NL" if i % 2 else "en-GB",
                    "is_admin": i == 0,
                    "is_lead": i % 50 == 0,
                    "is_bot": False,
                    "deleted": i % 97 == 0,
                }
                for i in range(size.members)
            ],
        )
        connection.execute(
            insert(Theme), [{"id": i + 1, "team_id": TEAM_ID, "name": name} for i, name in enumerate(THEMES)]
        )
        created = TODAY - timedelta(days=size.history_days)
        tiers = ("key",) * 10 + ("regular",) * 60 + ("wider",) * 30
        cadence = {"key": 30, "regular": 90, "wider": 180}
        relation_rows, relation_theme_rows = [], []
        for i in range(size.relations):
            tier = tiers[rng.randrange(100)]
            name = relation_name(i)
            relation_rows.append(
                {
                    "id": i + 1,
                    "team_id": TEAM_ID,
                    "name": name,
                    "name_key": " ".join(name.casefold().split()),
                    "organisation": ORGS[rng.randrange(len(ORGS))],
                    "owner_id": member_id(rng.randrange(size.members)),
                    "tier": tier,
                    "cadence_days": cadence[tier],
                    "notes": "",
                    "archived": rng.random() < 0.03,
                    "created_by": member_id(0),
                    "created_on": created,
                    "due_on": created + timedelta(days=cadence[tier]),
                }
            )
            relation_theme_rows.append({"relation_id": i + 1, "theme_id": rng.randrange(len(THEMES)) + 1})
            if len(relation_rows) >= batch:
                _flush_relations(connection, relation_rows)
        _flush_relations(connection, relation_rows)
        connection.execute(insert(relation_themes), relation_theme_rows)

        rows, colleague_rows, theme_rows = [], [], []
        kinds = ("meeting", "meeting", "call", "message", None)
        for i in range(size.interactions):
            relation_id = rng.randrange(size.relations) + 1
            # Recent weeks are busier than the distant past, as in a team that adopted the tool.
            age = int(size.history_days * (rng.random() if size.even else rng.random() ** 1.5))
            rows.append(
                {
                    "id": i + 1,
                    "team_id": TEAM_ID,
                    "relation_id": relation_id,
                    "occurred_on": TODAY - timedelta(days=age),
                    "logged_by": member_id(rng.randrange(size.members)),
                    "kind": kinds[i % len(kinds)],
                    "notes": meeting_notes(rng),
                    "private": i % 41 == 0,
                    "gave": "advies" if i % 7 == 0 else None,
                    "got": "introductie" if i % 11 == 0 else None,
                }
            )
            if i % 5 == 0:
                colleague_rows.append(
                    {
                        "interaction_id": i + 1,
                        "user_id": member_id(rng.randrange(size.members)),
                        "position": 0,
                    }
                )
            if i % 3 == 0:
                theme_rows.append({"interaction_id": i + 1, "theme_id": rng.randrange(len(THEMES)) + 1})
            if len(rows) >= batch:
                _flush(connection, rows, colleague_rows, theme_rows)
        _flush(connection, rows, colleague_rows, theme_rows)
        if engine.dialect.name == "postgresql":
            for table in ("relations", "interactions", "themes"):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT coalesce(max(id), 1) FROM {table}))"
                    )
                )
    with sessions() as session, session.begin():
        refresh_workspace(session, TEAM_ID)  # every kept value, the search index included
    with sessions() as session, session.begin():
        session.get(Workspace, TEAM_ID).name = COMPLETE
    # VACUUM as well on PostgreSQL: it sets the visibility map that index-only scans rely on.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"))


def search_migration():
    """Migration 0006's module, whose build() indexes every interaction as the upgrade does."""
    path = MIGRATIONS / "versions" / "0006_search_discussed.py"
    spec = importlib.util.spec_from_file_location("goodwill_search_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_search_index(engine: Engine) -> float:
    """Index every interaction from scratch, as migration 0006 does on upgrade; the seconds it took."""
    migration = search_migration()
    with engine.begin() as connection:
        migration.unbuild(connection)
        if engine.dialect.name == "postgresql":
            # Empty as on the upgrade, not holding the old rows dead: a vacuum meanwhile would hand their space
            # to the new ones out of key order.
            connection.execute(text("TRUNCATE search_documents"))
    started = time.perf_counter()
    with engine.begin() as connection:
        migration.build(connection)
    seconds = time.perf_counter() - started
    # Then as build() leaves a dataset (and autovacuum a database soon after): the visibility map set.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"))
    return seconds


def _flush_relations(connection, rows: list) -> None:
    if rows:
        connection.execute(insert(Relation), rows)
        tokens = [
            {"team_id": TEAM_ID, "token": key, "relation_id": row["id"], "variant": variant}
            for row in rows
            for key, variant in index_keys(row["name"])
        ]
        connection.execute(insert(RelationNameToken), tokens)
    rows.clear()


def _flush(connection, rows: list, colleague_rows: list, theme_rows: list) -> None:
    if rows:
        connection.execute(insert(Interaction), rows)
    if colleague_rows:
        connection.execute(insert(InteractionColleague), colleague_rows)
    if theme_rows:
        connection.execute(insert(interaction_themes), theme_rows)
    rows.clear()
    colleague_rows.clear()
    theme_rows.clear()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--relations", type=int, default=100_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--history-days", type=int, default=HISTORY_DAYS, help="how far back it goes")
    parser.add_argument("--even", action="store_true", help="as many each day (else recent days busier)")
    args = parser.parse_args()
    ensure_dataset(args.backend, Size(args.members, args.relations, args.interactions, args.history_days, args.even))


if __name__ == "__main__":
    main()
