"""guided hand-over when a member leaves: leaving dates, hand-over rounds, proposals, DM claims

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07 01:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("members", sa.Column("left_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("members", sa.Column("leaving_on", sa.Date(), nullable=True))
    op.create_table(
        "handovers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("member_id", sa.String(length=32), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("member_left_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["workspaces.team_id"], name=op.f("fk_handovers_team_id_workspaces")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handovers")),
        sa.UniqueConstraint("team_id", "member_id", "round", name=op.f("uq_handovers_team_id")),
    )
    op.create_index("ix_handovers_team_status", "handovers", ["team_id", "status"], unique=False)
    op.create_table(
        "handover_proposals",
        sa.Column("handover_id", sa.Integer(), nullable=False),
        sa.Column("relation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("proposed_owner", sa.String(length=32), nullable=True),
        sa.Column("basis", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("decided_owner", sa.String(length=32), nullable=True),
        sa.Column("decided_by", sa.String(length=32), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["handover_id"],
            ["handovers.id"],
            name=op.f("fk_handover_proposals_handover_id_handovers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["relation_id"],
            ["relations.id"],
            name=op.f("fk_handover_proposals_relation_id_relations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("handover_id", "relation_id", name=op.f("pk_handover_proposals")),
    )
    op.create_index("ix_handover_proposals_relation", "handover_proposals", ["relation_id", "status"], unique=False)
    op.create_table(
        "handover_messages",
        sa.Column("handover_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("channel_id", sa.String(length=32), nullable=True),
        sa.Column("message_ts", sa.String(length=32), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["handover_id"],
            ["handovers.id"],
            name=op.f("fk_handover_messages_handover_id_handovers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("handover_id", "user_id", name=op.f("pk_handover_messages")),
    )


def downgrade() -> None:
    op.drop_table("handover_messages")
    op.drop_index("ix_handover_proposals_relation", table_name="handover_proposals")
    op.drop_table("handover_proposals")
    op.drop_index("ix_handovers_team_status", table_name="handovers")
    op.drop_table("handovers")
    # Plain ALTER TABLE (SQLite 3.35+ too), as 0002 does: a batch copy of the table is not needed.
    op.execute("ALTER TABLE members DROP COLUMN leaving_on")
    op.execute("ALTER TABLE members DROP COLUMN left_at")
