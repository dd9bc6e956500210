"""signatures of recent signed requests, to refuse replays

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-08 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "request_signatures",
        sa.Column("signature", sa.String(length=80), nullable=False),
        sa.Column("request_ts", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("signature", name=op.f("pk_request_signatures")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_request_signatures_request_ts", "request_signatures", ["request_ts"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_request_signatures_request_ts", table_name="request_signatures")
    op.drop_table("request_signatures")
