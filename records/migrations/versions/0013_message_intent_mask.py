"""a bit per intent of the current triage on the message (the queue's intent filter)

The two covering queue indexes get the new column too, so the intent filter is read from
the index like the other filters, never from the wide message rows.

Revision ID: 0013
Revises: 0090
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0090"
branch_labels = None
depends_on = None

QUEUE = [sa.text("needs_human DESC"), sa.text("priority DESC"), "received_at", "id", "state",
         "direction", "language", "account_id", "assigned_to"]  # fmt: skip
STATE = ["state", "direction", sa.text("needs_human DESC"), sa.text("priority DESC"),
         "received_at", "id", "language", "account_id", "assigned_to"]  # fmt: skip


def upgrade() -> None:
    with op.batch_alter_table("message") as batch:
        batch.add_column(
            sa.Column("intent_mask", sa.Integer(), nullable=False, server_default="0")
        )
    op.drop_index("ix_message_queue", "message")
    op.drop_index("ix_message_state_queue", "message")
    op.create_index("ix_message_queue", "message", [*QUEUE, "intent_mask"])
    op.create_index("ix_message_state_queue", "message", [*STATE, "intent_mask"])


def downgrade() -> None:
    op.drop_index("ix_message_queue", "message")
    op.drop_index("ix_message_state_queue", "message")
    with op.batch_alter_table("message") as batch:
        batch.drop_column("intent_mask")
    op.create_index("ix_message_queue", "message", QUEUE)
    op.create_index("ix_message_state_queue", "message", STATE)
