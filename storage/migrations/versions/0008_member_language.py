"""members choose the language Goodwill speaks to them

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-10 10:00:00

Slack has no Dutch interface (and sends a user's locale only when asked), so the language is Goodwill's to
ask and keep: `/goodwill language nl|en`. NULL means "no choice made": the workspace's default applies.
`language_offered` remembers that the other language was offered on the member's first contact.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("members", sa.Column("language", sa.String(length=8), nullable=True))
    op.add_column("members", sa.Column("language_offered", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("members") as batch:
        batch.drop_column("language_offered")
        batch.drop_column("language")
