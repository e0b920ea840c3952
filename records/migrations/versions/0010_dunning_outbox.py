"""dunning hand-off: hold events outbox and webhook deliveries

Revision ID: 0010
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

import records.types

revision = "0010"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "holdevent",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("hold_id", sa.Integer(), nullable=False, index=True),
        sa.Column("event", sa.String(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("fanned_out", sa.Boolean(), nullable=False, index=True),
        sa.Column("created_at", records.types.UTCDateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "webhookdelivery",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("holdevent.id"), nullable=False,
                  index=True),
        sa.Column("url", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False, index=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", records.types.UTCDateTime(timezone=True), nullable=False,
                  index=True),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(), nullable=True),
        sa.Column("created_at", records.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", records.types.UTCDateTime(timezone=True), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("webhookdelivery")
    op.drop_table("holdevent")
