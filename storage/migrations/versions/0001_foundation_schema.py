"""foundation schema

Revision ID: 0001
Revises:
Create Date: 2026-11-28 15:32:43.381832
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Kept copies, set by the database however a row is written: relation_themes keeps its relation's archived and
# last_contact_on (the /whoknows #theme index), interaction_colleagues its interaction's day (a member's latest
# meetings as a colleague, App Home). Each is set when the row is added, and again whenever the original changes.
KEPT_COPY_TRIGGERS = {
    "sqlite": [
        """CREATE TRIGGER relation_themes_copy_relation AFTER INSERT ON relation_themes
        BEGIN
            UPDATE relation_themes
            SET archived = (SELECT archived FROM relations WHERE id = NEW.relation_id),
                last_contact_on = (SELECT last_contact_on FROM relations WHERE id = NEW.relation_id)
            WHERE relation_id = NEW.relation_id AND theme_id = NEW.theme_id;
        END""",
        """CREATE TRIGGER relations_copy_to_themes AFTER UPDATE OF archived, last_contact_on ON relations
        WHEN NEW.archived IS NOT OLD.archived OR NEW.last_contact_on IS NOT OLD.last_contact_on
        BEGIN
            UPDATE relation_themes SET archived = NEW.archived, last_contact_on = NEW.last_contact_on
            WHERE relation_id = NEW.id;
        END""",
        """CREATE TRIGGER interaction_colleagues_copy_day AFTER INSERT ON interaction_colleagues
        BEGIN
            UPDATE interaction_colleagues
            SET occurred_on = (SELECT occurred_on FROM interactions WHERE id = NEW.interaction_id)
            WHERE interaction_id = NEW.interaction_id AND user_id = NEW.user_id;
        END""",
        """CREATE TRIGGER interactions_copy_day_to_colleagues AFTER UPDATE OF occurred_on ON interactions
        WHEN NEW.occurred_on IS NOT OLD.occurred_on
        BEGIN
            UPDATE interaction_colleagues SET occurred_on = NEW.occurred_on WHERE interaction_id = NEW.id;
        END""",
    ],
    # New rows are copied to statement-level (one joined UPDATE for an import's COPY of 100,000 theme links, not a
    # PL/pgSQL call per row); changes stay row-level, where the column list and WHEN skip every UPDATE that
    # does not touch the copied columns before any function is called.
    "postgresql": [
        """CREATE OR REPLACE FUNCTION relation_themes_copy_relation() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE relation_themes AS link SET archived = r.archived, last_contact_on = r.last_contact_on
            FROM added JOIN relations AS r ON r.id = added.relation_id
            WHERE link.relation_id = added.relation_id AND link.theme_id = added.theme_id;
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER relation_themes_copy_relation AFTER INSERT ON relation_themes
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION relation_themes_copy_relation()""",
        """CREATE OR REPLACE FUNCTION relations_copy_to_themes() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE relation_themes SET archived = NEW.archived, last_contact_on = NEW.last_contact_on
            WHERE relation_id = NEW.id;
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER relations_copy_to_themes AFTER UPDATE OF archived, last_contact_on ON relations
        FOR EACH ROW WHEN (NEW.archived IS DISTINCT FROM OLD.archived
                           OR NEW.last_contact_on IS DISTINCT FROM OLD.last_contact_on)
        EXECUTE FUNCTION relations_copy_to_themes()""",
        """CREATE OR REPLACE FUNCTION interaction_colleagues_copy_day() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE interaction_colleagues AS present SET occurred_on = i.occurred_on
            FROM added JOIN interactions AS i ON i.id = added.interaction_id
            WHERE present.interaction_id = added.interaction_id AND present.user_id = added.user_id;
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER interaction_colleagues_copy_day AFTER INSERT ON interaction_colleagues
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION interaction_colleagues_copy_day()""",
        """CREATE OR REPLACE FUNCTION interactions_copy_day_to_colleagues() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE interaction_colleagues SET occurred_on = NEW.occurred_on WHERE interaction_id = NEW.id;
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER interactions_copy_day_to_colleagues AFTER UPDATE OF occurred_on ON interactions
        FOR EACH ROW WHEN (NEW.occurred_on IS DISTINCT FROM OLD.occurred_on)
        EXECUTE FUNCTION interactions_copy_day_to_colleagues()""",
    ],
}
DROP_KEPT_COPY_TRIGGERS = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS relation_themes_copy_relation",
        "DROP TRIGGER IF EXISTS relations_copy_to_themes",
        "DROP TRIGGER IF EXISTS interaction_colleagues_copy_day",
        "DROP TRIGGER IF EXISTS interactions_copy_day_to_colleagues",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS relations_copy_to_themes ON relations",
        "DROP FUNCTION IF EXISTS relations_copy_to_themes()",
        "DROP TRIGGER IF EXISTS relation_themes_copy_relation ON relation_themes",
        "DROP FUNCTION IF EXISTS relation_themes_copy_relation()",
        "DROP TRIGGER IF EXISTS interactions_copy_day_to_colleagues ON interactions",
        "DROP FUNCTION IF EXISTS interactions_copy_day_to_colleagues()",
        "DROP TRIGGER IF EXISTS interaction_colleagues_copy_day ON interaction_colleagues",
        "DROP FUNCTION IF EXISTS interaction_colleagues_copy_day()",
    ],
}


def upgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=32), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.create_index("ix_audit_log_team_at", ["team_id", "at"], unique=False)

    op.create_table(
        "processed_events",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=64), nullable=False),
        sa.Column(
            "processed_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("team_id", "event_id", name=op.f("pk_processed_events")),
    )
    op.create_table(
        "workspaces",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("bot_user_id", sa.String(length=32), nullable=True),
        sa.Column("languages", sa.String(length=50), nullable=False),
        sa.Column("default_locale", sa.String(length=10), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("nudge_time", sa.String(length=5), nullable=False),
        sa.Column("digest_channel", sa.String(length=32), nullable=True),
        sa.Column("digest_weekday", sa.Integer(), nullable=False),
        sa.Column("digest_time", sa.String(length=5), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("team_id", name=op.f("pk_workspaces")),
    )
    op.create_table(
        "digest_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["team_id"], ["workspaces.team_id"], name=op.f("fk_digest_deliveries_team_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_deliveries")),
        sa.UniqueConstraint("team_id", "week", name=op.f("uq_digest_deliveries_team_id")),
    )
    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"], name=op.f("fk_goals_team_id_workspaces")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goals")),
    )
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goals_team_id"), ["team_id"], unique=False)

    op.create_table(
        "members",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("real_name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("tz", sa.String(length=64), nullable=True),
        sa.Column("locale", sa.String(length=16), nullable=True),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("is_lead", sa.Boolean(), nullable=False),
        sa.Column("is_bot", sa.Boolean(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"], name=op.f("fk_members_team_id_workspaces")),
        sa.PrimaryKeyConstraint("team_id", "user_id", name=op.f("pk_members")),
    )
    op.create_table(
        "nudge_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("relation_ids", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["team_id"], ["workspaces.team_id"], name=op.f("fk_nudge_deliveries_team_id_workspaces")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nudge_deliveries")),
        sa.UniqueConstraint("team_id", "user_id", "day", name=op.f("uq_nudge_deliveries_team_id")),
    )
    with op.batch_alter_table("nudge_deliveries", schema=None) as batch_op:
        batch_op.create_index("ix_nudge_deliveries_message", ["team_id", "channel_id", "message_ts"], unique=False)

    op.create_table(
        "relations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("owner_id", sa.String(length=32), nullable=False),
        sa.Column("tier", sa.String(length=16), nullable=False),
        sa.Column("cadence_days", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("last_contact_on", sa.Date(), nullable=True),
        sa.Column("last_contact_by", sa.String(length=32), nullable=True),
        sa.Column("last_interaction_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("others_last_contact_on", sa.Date(), nullable=True),
        sa.Column("recent_exchanges_from", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"], name=op.f("fk_relations_team_id_workspaces")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relations")),
    )
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_relations_key_contact",
            ["team_id", "archived", "last_contact_on", "others_last_contact_on", "last_contact_by", "tier"],
            unique=False,
            sqlite_where=sa.text("tier = 'key'"),
            postgresql_where=sa.text("tier = 'key'"),
        )
        batch_op.create_index(
            "ix_relations_team_due", ["team_id", "archived", "due_on", "tier", "snoozed_until"], unique=False
        )
        batch_op.create_index(
            "ix_relations_team_exchanges", ["team_id", "recent_exchanges_from", "archived"], unique=False
        )
        batch_op.create_index("ix_relations_team_name_key", ["team_id", "name_key"], unique=False)
        batch_op.create_index("ix_relations_team_owner", ["team_id", "owner_id"], unique=False)
    # Expression index (autogenerate cannot reflect these on SQLite, so it is written by hand).
    op.create_index(
        "ix_relations_team_organisation",
        "relations",
        ["team_id", sa.text("lower(organisation)"), "archived", "last_contact_on"],
        postgresql_include=["organisation", "id"],
    )

    op.create_table(
        "network_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.Column("followup_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"], ["goals.id"], name=op.f("fk_network_events_goal_id_goals"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"], name=op.f("fk_network_events_team_id_workspaces")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_events")),
    )
    with op.batch_alter_table("network_events", schema=None) as batch_op:
        batch_op.create_index("ix_network_events_team_starts", ["team_id", "starts_at"], unique=False)

    op.create_table(
        "relation_name_tokens",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("token", sa.String(length=80), nullable=False),
        sa.Column("relation_id", sa.Integer(), nullable=False),
        sa.Column("variant", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["relation_id"],
            ["relations.id"],
            name=op.f("fk_relation_name_tokens_relation_id_relations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("team_id", "token", "relation_id", name=op.f("pk_relation_name_tokens")),
    )
    with op.batch_alter_table("relation_name_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_relation_name_tokens_relation_id"), ["relation_id"], unique=False)

    op.create_table(
        "themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["goal_id"], ["goals.id"], name=op.f("fk_themes_goal_id_goals"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"], name=op.f("fk_themes_team_id_workspaces")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_themes")),
        sa.UniqueConstraint("team_id", "name", name=op.f("uq_themes_team_id")),
    )
    op.create_table(
        "interactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("relation_id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("logged_by", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("gave", sa.Text(), nullable=True),
        sa.Column("got", sa.Text(), nullable=True),
        sa.Column("private", sa.Boolean(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("relation_tier", sa.String(length=16), nullable=True),
        sa.Column("exchange", sa.Integer(), nullable=True),
        sa.Column("colleagues_present", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["network_events.id"],
            name=op.f("fk_interactions_event_id_network_events"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["relation_id"],
            ["relations.id"],
            name=op.f("fk_interactions_relation_id_relations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"], name=op.f("fk_interactions_team_id_workspaces")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interactions")),
    )
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_interactions_relation_date",
            ["relation_id", "occurred_on", "team_id", "logged_by", "kind", "colleagues_present"],
            unique=False,
            postgresql_include=["id"],
        )
        batch_op.create_index(
            "ix_interactions_relation_exchanges",
            ["relation_id", "occurred_on", "exchange"],
            unique=False,
            sqlite_where=sa.text("exchange > 0"),
            postgresql_where=sa.text("exchange > 0"),
        )
        batch_op.create_index(
            "ix_interactions_team_date",
            ["team_id", "occurred_on", "relation_tier", "logged_by", "relation_id", "colleagues_present"],
            unique=False,
        )
        batch_op.create_index("ix_interactions_team_logger_date", ["team_id", "logged_by", "occurred_on"], unique=False)

    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("relation_id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["network_events.id"],
            name=op.f("fk_invitations_event_id_network_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["relation_id"],
            ["relations.id"],
            name=op.f("fk_invitations_relation_id_relations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.UniqueConstraint("event_id", "relation_id", name=op.f("uq_invitations_event_id")),
    )
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.create_index("ix_invitations_owner", ["owner_id"], unique=False)

    op.create_table(
        "network_event_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["network_events.id"],
            name=op.f("fk_network_event_messages_event_id_network_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_event_messages")),
        sa.UniqueConstraint("event_id", "user_id", "kind", name=op.f("uq_network_event_messages_event_id")),
    )
    op.create_table(
        "network_event_organisers",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["network_events.id"],
            name=op.f("fk_network_event_organisers_event_id_network_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "user_id", name=op.f("pk_network_event_organisers")),
    )
    op.create_table(
        "network_event_themes",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["network_events.id"],
            name=op.f("fk_network_event_themes_event_id_network_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["themes.id"],
            name=op.f("fk_network_event_themes_theme_id_themes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "theme_id", name=op.f("pk_network_event_themes")),
    )
    op.create_table(
        "relation_themes",
        sa.Column("relation_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=True),
        sa.Column("last_contact_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["relation_id"],
            ["relations.id"],
            name=op.f("fk_relation_themes_relation_id_relations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"], ["themes.id"], name=op.f("fk_relation_themes_theme_id_themes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("relation_id", "theme_id", name=op.f("pk_relation_themes")),
    )
    with op.batch_alter_table("relation_themes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_relation_themes_theme_recent",
            ["theme_id", "archived", "last_contact_on", "relation_id"],
            unique=False,
        )

    op.create_table(
        "member_ties",
        sa.Column("relation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("last_met_on", sa.Date(), nullable=False),
        sa.Column("warmth_at_last", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["relation_id"],
            ["relations.id"],
            name=op.f("fk_member_ties_relation_id_relations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("relation_id", "user_id", name=op.f("pk_member_ties")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "interaction_colleagues",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_interaction_colleagues_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("interaction_id", "user_id", name=op.f("pk_interaction_colleagues")),
    )
    with op.batch_alter_table("interaction_colleagues", schema=None) as batch_op:
        batch_op.create_index(
            "ix_interaction_colleagues_user_date", ["user_id", "occurred_on", "interaction_id"], unique=False
        )

    op.create_table(
        "interaction_themes",
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_interaction_themes_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["themes.id"],
            name=op.f("fk_interaction_themes_theme_id_themes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("interaction_id", "theme_id", name=op.f("pk_interaction_themes")),
    )
    with op.batch_alter_table("interaction_themes", schema=None) as batch_op:
        batch_op.create_index("ix_interaction_themes_theme_date", ["theme_id", "occurred_on"], unique=False)

    # ### end Alembic commands ###
    for statement in KEPT_COPY_TRIGGERS[op.get_bind().dialect.name]:
        op.execute(statement)


def downgrade() -> None:
    for statement in DROP_KEPT_COPY_TRIGGERS[op.get_bind().dialect.name]:
        op.execute(statement)
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table("interaction_themes", schema=None) as batch_op:
        batch_op.drop_index("ix_interaction_themes_theme_date")

    op.drop_table("interaction_themes")
    with op.batch_alter_table("interaction_colleagues", schema=None) as batch_op:
        batch_op.drop_index("ix_interaction_colleagues_user_date")

    op.drop_table("interaction_colleagues")
    op.drop_table("member_ties")
    with op.batch_alter_table("relation_themes", schema=None) as batch_op:
        batch_op.drop_index("ix_relation_themes_theme_recent")

    op.drop_table("relation_themes")
    op.drop_table("network_event_themes")
    op.drop_table("network_event_organisers")
    op.drop_table("network_event_messages")
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.drop_index("ix_invitations_owner")

    op.drop_table("invitations")
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_index("ix_interactions_team_logger_date")
        batch_op.drop_index("ix_interactions_team_date")
        batch_op.drop_index("ix_interactions_relation_exchanges")
        batch_op.drop_index("ix_interactions_relation_date")

    op.drop_table("interactions")
    op.drop_table("themes")
    with op.batch_alter_table("relation_name_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relation_name_tokens_relation_id"))

    op.drop_table("relation_name_tokens")
    with op.batch_alter_table("network_events", schema=None) as batch_op:
        batch_op.drop_index("ix_network_events_team_starts")

    op.drop_table("network_events")
    with op.batch_alter_table("relations", schema=None) as batch_op:
        batch_op.drop_index("ix_relations_team_owner")
        batch_op.drop_index("ix_relations_team_name_key")
        batch_op.drop_index("ix_relations_team_exchanges")
        batch_op.drop_index("ix_relations_team_due")
        batch_op.drop_index("ix_relations_key_contact")

    op.drop_index("ix_relations_team_organisation", table_name="relations")
    op.drop_table("relations")
    with op.batch_alter_table("nudge_deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_nudge_deliveries_message")

    op.drop_table("nudge_deliveries")
    op.drop_table("members")
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goals_team_id"))

    op.drop_table("goals")
    op.drop_table("digest_deliveries")
    op.drop_table("workspaces")
    op.drop_table("processed_events")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_log_team_at")

    op.drop_table("audit_log")
    # ### end Alembic commands ###
