"""The schema. Every row belongs to a workspace (Slack team id), so several workspaces can share a database."""

from __future__ import annotations

from datetime import date, datetime

from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from bot.domain.fields import NAME_MAX, ORGANISATION_MAX, THEME_MAX

# Stable constraint names, so migrations behave the same on SQLite and PostgreSQL.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Tables whose ids appear in buttons: on SQLite their ids are AUTOINCREMENT, never given twice, so a stale button
# cannot act on a row created after its own was deleted (PostgreSQL's sequences never give an id twice).
LASTING_IDS = {"sqlite_autoincrement": True}

TeamId = String(32)
UserId = String(32)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Workspace(Base):
    __tablename__ = "workspaces"

    team_id: Mapped[str] = mapped_column(TeamId, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    bot_user_id: Mapped[str | None] = mapped_column(UserId)
    # Languages members write in; date parsing is restricted to these.
    languages: Mapped[str] = mapped_column(String(50), default="en,nl")
    default_locale: Mapped[str] = mapped_column(String(10), default="en")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Amsterdam")
    nudge_time: Mapped[str] = mapped_column(String(5), default="09:00")
    digest_channel: Mapped[str | None] = mapped_column(String(32))
    digest_weekday: Mapped[int] = mapped_column(Integer, default=0)  # Monday
    digest_time: Mapped[str] = mapped_column(String(5), default="09:00")
    purpose: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Installed through "Add to Slack" (or adopted); its token is in slack_bots. A workspace in an Enterprise
    # Grid org keeps the org's id: the installation store finds its token by both.
    enterprise_id: Mapped[str | None] = mapped_column(String(32))
    installed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set when Slack says the app was uninstalled: nothing is sent from then on, and the clock deletes the
    # workspace's data GOODWILL_RETENTION_DAYS later unless it is installed again (bot.workspaces).
    uninstalled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Member(Base):
    """A Slack user of the workspace, cached from users.info."""

    __tablename__ = "members"

    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(UserId, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    real_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(320))
    tz: Mapped[str | None] = mapped_column(String(64))
    locale: Mapped[str | None] = mapped_column(String(16))  # Slack's, when asked for; never decides the language
    # The language the member chose (/goodwill language nl|en); None: the workspace's default_locale applies.
    language: Mapped[str | None] = mapped_column(String(8))
    # The other language was offered once, on the member's first contact (bot.i18n.language_offer).
    language_offered: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_lead: Mapped[bool] = mapped_column(Boolean, default=False)
    is_bot: Mapped[bool] = mapped_column(Boolean, default=False)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # When Slack was first seen saying the member had left (deactivated), while we knew them as active;
    # cleared when they return. Their relations' hand-over starts from it (bot.handover).
    left_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The last working day a lead marked (/goodwill leaving): the hand-over is proposed a week before.
    leaving_on: Mapped[date | None] = mapped_column(Date)


relation_themes = Table(
    "relation_themes",
    Base.metadata,
    Column("relation_id", ForeignKey("relations.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
    # The relation's archived and last_contact_on, kept (storage.derived), so that a theme's active relations,
    # most recently met first, and their number come from this table's index alone (/whoknows #theme).
    Column("archived", Boolean),
    Column("last_contact_on", Date),
    # A theme's relations straight from the index (/whoknows #theme, /network theme, the digest's theme figures).
    Index("ix_relation_themes_theme_recent", "theme_id", "archived", "last_contact_on", "relation_id"),
)

interaction_themes = Table(
    "interaction_themes",
    Base.metadata,
    Column("interaction_id", ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
    # The interaction's day, kept (storage.derived), so the digest counts a theme's meetings in a window from this
    # table's index alone.
    Column("occurred_on", Date),
    Index("ix_interaction_themes_theme_date", "theme_id", "occurred_on"),
)


class Goal(Base):
    """A goal of the organisation's network strategy; themes hang under it."""

    __tablename__ = "goals"
    __table_args__ = LASTING_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Theme(Base):
    __tablename__ = "themes"
    __table_args__ = (UniqueConstraint("team_id", "name"), LASTING_IDS)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id"))
    name: Mapped[str] = mapped_column(String(THEME_MAX))  # lower case, without '#'
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id", ondelete="SET NULL"))


KEY_RELATIONS = "tier = 'key'"  # the condition of ix_relations_key_contact


class Relation(Base):
    """An external person we keep in touch with."""

    __tablename__ = "relations"
    __table_args__ = (
        Index("ix_relations_team_name_key", "team_id", "name_key"),
        Index("ix_relations_team_owner", "team_id", "owner_id"),
        # The nudge and digest ask "which active relations are past due?": answered from this index
        # (covering the quiet counts per tier and per day, storage.quiet and storage.digest).
        Index("ix_relations_team_due", "team_id", "archived", "due_on", "tier", "snoozed_until"),
        # The key relations alone (a tenth of them), for the digest: "depends on one person" (active key
        # relations met in the last year) and the themes' key relations. Queries name the tier as a literal
        # (storage.digest.is_key) so that the planners can match the index's condition; the tier is a
        # column too, as SQLite reads it from the index to check it.
        Index(
            "ix_relations_key_contact",
            *("team_id", "archived", "last_contact_on", "others_last_contact_on", "last_contact_by", "tier"),
            sqlite_where=text(KEY_RELATIONS),
            postgresql_where=text(KEY_RELATIONS),
        ),
        # The digest's "give and take": the candidates, active or not, from the index alone.
        Index("ix_relations_team_exchanges", "team_id", "recent_exchanges_from", "archived"),
        LASTING_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id"))
    # The domain's limits (bot.domain.fields) are these columns' sizes: input is checked against them.
    name: Mapped[str] = mapped_column(String(NAME_MAX))
    name_key: Mapped[str] = mapped_column(String(NAME_MAX))  # normalised name, for matching
    organisation: Mapped[str | None] = mapped_column(String(ORGANISATION_MAX))
    email: Mapped[str | None] = mapped_column(String(320))
    owner_id: Mapped[str] = mapped_column(UserId)
    tier: Mapped[str] = mapped_column(String(16), default="regular")
    cadence_days: Mapped[int] = mapped_column(Integer, default=90)
    notes: Mapped[str] = mapped_column(Text, default="")
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(UserId)
    created_on: Mapped[date] = mapped_column(Date)
    # Kept from the history (storage.derived lists every kept value; storage.history writes them), so that
    # "what has gone quiet" is an index range scan, not a GROUP BY over the whole history.
    last_contact_on: Mapped[date | None] = mapped_column(Date)
    last_contact_by: Mapped[str | None] = mapped_column(UserId)
    last_interaction_id: Mapped[int | None] = mapped_column(Integer)
    due_on: Mapped[date] = mapped_column(Date)  # (last contact or creation) + cadence
    # Kept with them, for the digest's year-long questions. The last day a member other than
    # last_contact_by met the relation (logging it or present): when that is before a window that
    # last_contact_on is in, last_contact_by alone met the relation in it.
    others_last_contact_on: Mapped[date | None] = mapped_column(Date)
    # The day from which the latest gives and takes add up to MIN_EXCHANGES (bot.domain.digest): a
    # window starting after it cannot hold enough exchanges to be called lopsided.
    recent_exchanges_from: Mapped[date | None] = mapped_column(Date)
    # The warmth on last_contact_on, unrounded and uncapped: Σ over every interaction (bot.domain.warmth.kept_warmth
    # decays it to today), kept like the ties (storage.ties), so the Home tab, cards and themes read no history.
    warmth_at_last: Mapped[float] = mapped_column(Float, default=0.0, server_default=text("0"))

    themes: Mapped[list[Theme]] = relationship(secondary=relation_themes, lazy="selectin", order_by=Theme.name)


class RelationNameToken(Base):
    """The identifying words of a relation's name and their one-typo variants (bot.domain.names.index_keys),
    so fuzzy matching and type-ahead read a few candidates by index instead of scanning every name."""

    __tablename__ = "relation_name_tokens"

    team_id: Mapped[str] = mapped_column(TeamId, primary_key=True)
    token: Mapped[str] = mapped_column(String(80), primary_key=True)
    relation_id: Mapped[int] = mapped_column(
        ForeignKey("relations.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    variant: Mapped[bool] = mapped_column(Boolean, default=False)  # a word with one letter left out


# /whoknows matches an organisation however it is capitalised (an expression index, so the data stays one
# column), and reads its most recently met relations first. (PostgreSQL answers from an expression index
# alone only when it also holds the column itself, and the id the answer is made of.)
Index(
    "ix_relations_team_organisation",
    Relation.team_id,
    func.lower(Relation.organisation),
    Relation.archived,
    Relation.last_contact_on,
    postgresql_include=["organisation", "id"],
)


EXCHANGE_GAVE = 1  # Interaction.exchange: we offered something
EXCHANGE_GOT = 2  # … they offered us something
WITH_EXCHANGE = "exchange > 0"  # the condition of ix_interactions_relation_exchanges


class Interaction(Base):
    """A conversation (or other contact) with a relation on a day."""

    __tablename__ = "interactions"
    __table_args__ = (
        # A relation's history, covering: warmth, ties and last contacts (/whoknows, the App Home, the card),
        # and who logged it and whether anyone else was there (the digest's "depends on one person"). With
        # colleagues_present, /whoknows looks up attendees only for the meetings that had any (by id: in SQLite
        # every index holds the rowid, PostgreSQL needs it included to answer from the index alone).
        Index(
            "ix_interactions_relation_date",
            *("relation_id", "occurred_on", "team_id", "logged_by", "kind", "colleagues_present"),
            postgresql_include=["id"],
        ),
        # A relation's gives and takes alone (a fifth of the meetings), for the digest's "give and take".
        # Queries name the condition as a literal (storage.digest.has_exchange), so the planners can match it.
        Index(
            "ix_interactions_relation_exchanges",
            *("relation_id", "occurred_on", "exchange"),
            sqlite_where=text(WITH_EXCHANGE),
            postgresql_where=text(WITH_EXCHANGE),
        ),
        # By day, covering what the digest counts per week (tier, who, which relation), so that its
        # week and 12-week figures read this index and never the table.
        Index(
            "ix_interactions_team_date",
            *("team_id", "occurred_on", "relation_tier", "logged_by", "relation_id", "colleagues_present"),
        ),
        # A member's own last meetings (App Home).
        Index("ix_interactions_team_logger_date", "team_id", "logged_by", "occurred_on"),
        LASTING_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id"))
    relation_id: Mapped[int] = mapped_column(ForeignKey("relations.id", ondelete="CASCADE"))
    occurred_on: Mapped[date] = mapped_column(Date)
    logged_by: Mapped[str] = mapped_column(UserId)
    kind: Mapped[str | None] = mapped_column(String(16))  # meeting, call, message, event
    notes: Mapped[str] = mapped_column(Text, default="")
    gave: Mapped[str | None] = mapped_column(Text)  # what we offered them
    got: Mapped[str | None] = mapped_column(Text)  # what they offered us
    private: Mapped[bool] = mapped_column(Boolean, default=False)  # notes visible to the author only
    event_id: Mapped[int | None] = mapped_column(ForeignKey("network_events.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # The relation's tier, kept (storage.derived), so meetings per tier are counted from one index.
    relation_tier: Mapped[str | None] = mapped_column(String(16))
    # What was exchanged, kept the same way: EXCHANGE_GAVE | EXCHANGE_GOT when gave / got is set.
    exchange: Mapped[int | None] = mapped_column(Integer)
    # How many colleagues were there (interaction_colleagues), kept the same way: the digest looks up
    # who was there only for the meetings that had anyone.
    colleagues_present: Mapped[int | None] = mapped_column(Integer)

    colleagues: Mapped[list[InteractionColleague]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="InteractionColleague.position"
    )
    themes: Mapped[list[Theme]] = relationship(secondary=interaction_themes, lazy="selectin", order_by=Theme.name)


class InteractionColleague(Base):
    """A member who was present at an interaction besides the one who logged it."""

    __tablename__ = "interaction_colleagues"
    # A member's latest meetings as a colleague, newest first, from the index alone (App Home).
    __table_args__ = (Index("ix_interaction_colleagues_user_date", "user_id", "occurred_on", "interaction_id"),)

    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[str] = mapped_column(UserId, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The interaction's day, kept (storage.derived).
    occurred_on: Mapped[date | None] = mapped_column(Date)


class MemberTie(Base):
    """A member's tie with a relation: every member who logged or attended a meeting with it has one, kept from the
    history (storage.derived, storage.ties) for the card's colleagues and /whoknows."""

    __tablename__ = "member_ties"
    # Clustered on (relation, member) in SQLite: /whoknows reads the ties of a few hundred relations in key order.
    __table_args__ = {"sqlite_with_rowid": False}

    relation_id: Mapped[int] = mapped_column(ForeignKey("relations.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[str] = mapped_column(UserId, primary_key=True)
    last_met_on: Mapped[date] = mapped_column(Date)
    # The tie's warmth on last_met_on, unrounded and uncapped (bot.domain.warmth.kept_warmth decays it to today).
    warmth_at_last: Mapped[float] = mapped_column(Float)


class NudgeDelivery(Base):
    """One nudge DM per member per day: claimed here before it is sent."""

    __tablename__ = "nudge_deliveries"
    __table_args__ = (
        UniqueConstraint("team_id", "user_id", "day"),
        Index("ix_nudge_deliveries_message", "team_id", "channel_id", "message_ts"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id"))
    user_id: Mapped[str] = mapped_column(UserId)
    day: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="claimed")  # claimed, sent, failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    relation_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    error: Mapped[str | None] = mapped_column(Text)


class DigestDelivery(Base):
    """One digest per workspace per ISO week: claimed here before it is posted."""

    __tablename__ = "digest_deliveries"
    __table_args__ = (UniqueConstraint("team_id", "week"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id"))
    week: Mapped[str] = mapped_column(String(8))  # YYYY-Www
    status: Mapped[str] = mapped_column(String(16), default="claimed")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(Text)


class ProcessedEvent(Base):
    """Slack event ids already handled, so a redelivered event never counts twice."""

    __tablename__ = "processed_events"

    team_id: Mapped[str] = mapped_column(TeamId, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class RequestSignature(Base):
    """Signatures of the signed HTTP requests Slack sent in the last five minutes (bot.web's guard), shared by
    every process: a request whose signature is already here is a replay. Slack re-signs each delivery, its
    retries too, so a signature is never legitimately seen twice."""

    __tablename__ = "request_signatures"
    __table_args__ = (Index("ix_request_signatures_request_ts", "request_ts"), {"sqlite_with_rowid": False})

    signature: Mapped[str] = mapped_column(String(80), primary_key=True)
    request_ts: Mapped[int] = mapped_column(BigInteger)  # X-Slack-Request-Timestamp, Unix seconds


class Gathering(Base):
    """A gathering we organise for relations (not a Slack event)."""

    __tablename__ = "network_events"
    __table_args__ = (Index("ix_network_events_team_starts", "team_id", "starts_at"), LASTING_IDS)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id"))
    name: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    place: Mapped[str] = mapped_column(String(300), default="")
    # The organiser's zone when it was planned: the event's local day (for the follow-up and the
    # attendance date) is read in it, whoever looks at the event later.
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Amsterdam")
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id", ondelete="SET NULL"))
    created_by: Mapped[str] = mapped_column(UserId)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    followup_sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


network_event_themes = Table(
    "network_event_themes",
    Base.metadata,
    Column("event_id", ForeignKey("network_events.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True),
)

network_event_organisers = Table(
    "network_event_organisers",
    Base.metadata,
    Column("event_id", ForeignKey("network_events.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", UserId, primary_key=True),
)


class Invitation(Base):
    """A relation on an event's list, and how far the invitation got."""

    __tablename__ = "invitations"
    __table_args__ = (
        UniqueConstraint("event_id", "relation_id"),
        Index("ix_invitations_owner", "owner_id"),
        LASTING_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("network_events.id", ondelete="CASCADE"))
    relation_id: Mapped[int] = mapped_column(ForeignKey("relations.id", ondelete="CASCADE"))
    owner_id: Mapped[str] = mapped_column(UserId)
    status: Mapped[str] = mapped_column(String(16), default="proposed")  # invited, accepted, declined, attended
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class GatheringMessage(Base):
    """A DM Goodwill sent about an event (an owner's invitation list, an organiser's attendance checklist).

    The row is claimed (inserted) before the DM is sent, so each person gets it once; channel and ts let
    Goodwill update it in place when statuses change or the event is moved or cancelled.
    """

    __tablename__ = "network_event_messages"
    __table_args__ = (UniqueConstraint("event_id", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("network_events.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(UserId)
    kind: Mapped[str] = mapped_column(String(16))  # invitations, followup
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    """What was done, by whom, when — never the personal data itself."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_team_at", "team_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(TeamId)
    actor: Mapped[str] = mapped_column(UserId)
    action: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)


class Handover(Base):
    """The relations of a member who left (or is leaving), proposed to colleagues: one round per departure.

    A round is opened once (the unique round number: whoever inserts it first opens it), proposes a new owner
    for each active relation the member kept, and is open until every proposal is decided; `returned` when
    the member came back, `cancelled` when a leaving date was taken back.
    """

    __tablename__ = "handovers"
    __table_args__ = (
        UniqueConstraint("team_id", "member_id", "round"),
        Index("ix_handovers_team_status", "team_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("workspaces.team_id"))
    member_id: Mapped[str] = mapped_column(UserId)
    round: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(16))  # left, leaving
    status: Mapped[str] = mapped_column(String(16), default="open")  # open, done, returned, cancelled
    # When the member was seen leaving Slack (set later for a round opened ahead of a leaving date).
    member_left_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class HandoverProposal(Base):
    """A relation of a hand-over: who Goodwill proposed and why, and what was decided (by whom, when)."""

    __tablename__ = "handover_proposals"
    # The digest and the relation card ask whether a relation has an open proposal.
    __table_args__ = (Index("ix_handover_proposals_relation", "relation_id", "status"),)

    handover_id: Mapped[int] = mapped_column(ForeignKey("handovers.id", ondelete="CASCADE"), primary_key=True)
    relation_id: Mapped[int] = mapped_column(ForeignKey("relations.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)  # the order shown
    proposed_owner: Mapped[str | None] = mapped_column(UserId)
    basis: Mapped[str] = mapped_column(String(16))  # tie, theme, lead, none (bot.domain.handover)
    detail: Mapped[dict] = mapped_column(JSON, default=dict)  # the why: last meeting and warmth, or themes
    # pending, accepted, chosen (another colleague picked), to_lead, superseded (changed elsewhere), withdrawn
    status: Mapped[str] = mapped_column(String(16), default="pending")
    decided_owner: Mapped[str | None] = mapped_column(UserId)
    decided_by: Mapped[str | None] = mapped_column(UserId)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class HandoverMessage(Base):
    """The proposals DM to an admin or lead: claimed here before it is sent, so each gets it once."""

    __tablename__ = "handover_messages"

    handover_id: Mapped[int] = mapped_column(ForeignKey("handovers.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[str] = mapped_column(UserId, primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="claimed")  # claimed, sent, failed
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    channel_id: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(Text)


class JobLease(Base):
    """One clock process at a time runs a job for a workspace: the lease is taken before, released after.

    Sending stays exactly-once without it (every nudge and digest is claimed in the database); the lease keeps
    two clocks from doing the same workspace's work side by side and from pacing its messages twice."""

    __tablename__ = "job_leases"

    job: Mapped[str] = mapped_column(String(40), primary_key=True)
    team_id: Mapped[str] = mapped_column(TeamId, primary_key=True)
    holder: Mapped[str] = mapped_column(String(80))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# slack-sdk's installation store and OAuth state store (storage.installations), as that library lays its tables
# out, kept in Goodwill's schema and created by its migrations.
slack_installations = SQLAlchemyInstallationStore.build_installations_table(Base.metadata, "slack_installations")
slack_bots = SQLAlchemyInstallationStore.build_bots_table(Base.metadata, "slack_bots")
slack_oauth_states = SQLAlchemyOAuthStateStore.build_oauth_states_table(Base.metadata, "slack_oauth_states")
# A state is looked up (and deleted) by its value; each is issued once.
Index("uq_slack_oauth_states_state", slack_oauth_states.c.state, unique=True)


class SearchDocument(Base):
    """What an interaction is found by when searching what was discussed (storage.search_index keeps it): its
    notes, gave and got, themes, organisation and gathering, as index terms (bot.domain.search). The notes of
    a private interaction are in `private_terms`, found only by `author`.

    `key` orders the index newest first: the day, then the interaction (search_index.search_key). SQLite
    indexes the terms in an FTS5 table over this one (`search_index`, kept by triggers); PostgreSQL keeps them
    as a tsvector too (the generated column `document`) with a GIN index (`ix_search_documents_terms`). Those
    are made by migration 0006, not described here: SQLAlchemy has no portable way to
    (tests/storage/test_migrations.py)."""

    __tablename__ = "search_documents"
    # PostgreSQL's newest first (SQLite's FTS5 rowid is the key already).
    __table_args__ = (Index("ix_search_documents_team_key", "team_id", "key"),)

    # INTEGER on SQLite, so that it is the rowid (FTS5 finds a document's terms by it).
    key: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False
    )
    interaction_id: Mapped[int] = mapped_column(ForeignKey("interactions.id", ondelete="CASCADE"), unique=True)
    team_id: Mapped[str] = mapped_column(TeamId)
    relation_id: Mapped[int] = mapped_column(Integer, index=True)
    public_terms: Mapped[str] = mapped_column(Text, default="")
    private_terms: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(32), default="")  # who logged it, when private; else ''
