"""account.updated_at indexed: the matcher's check for changed accounts reads it per message

Revision ID: 0018
Revises: 0017
"""

from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_account_updated_at", "account", ["updated_at"])


def downgrade() -> None:
    op.drop_index("ix_account_updated_at", table_name="account")
