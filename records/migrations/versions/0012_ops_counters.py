"""operational counters shared by all processes

Revision ID: 0012
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

import records.types

revision = "0012"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "opscounter",
        sa.Column("name", sa.String(length=120), primary_key=True),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("updated_at", records.types.UTCDateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("opscounter")
