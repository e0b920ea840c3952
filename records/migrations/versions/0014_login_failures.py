"""failed logins: one login rate limit for every web process sharing the database

Revision ID: 0014
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

import records.types

revision = "0014"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "loginfailure",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("username", sa.String(length=150), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("failed_at", records.types.UTCDateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_loginfailure_username_address", "loginfailure", ["username", "address", "failed_at"]
    )
    op.create_index("ix_loginfailure_failed_at", "loginfailure", ["failed_at"])


def downgrade() -> None:
    op.drop_index("ix_loginfailure_failed_at", table_name="loginfailure")
    op.drop_index("ix_loginfailure_username_address", table_name="loginfailure")
    op.drop_table("loginfailure")
