"""queue indexes: the collectors' queue order and filters, covered by one index

Revision ID: 0090
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0090"
down_revision = "0001"
branch_labels = None
depends_on = None

# The queue sorts by (needs_human DESC, priority DESC, received_at, id) and filters on the
# other columns; with all of them in one index a page is read from the index alone.
QUEUE_COLUMNS = [
    sa.text("needs_human DESC"),
    sa.text("priority DESC"),
    "received_at",
    "id",
    "state",
    "direction",
    "language",
    "account_id",
    "assigned_to",
]


# One state (or the to-do states): the same order within each state, and the counts per
# state under the other filters, again from the index alone.
STATE_COLUMNS = [
    "state",
    "direction",
    sa.text("needs_human DESC"),
    sa.text("priority DESC"),
    "received_at",
    "id",
    "language",
    "account_id",
    "assigned_to",
]


def upgrade() -> None:
    op.create_index("ix_message_queue", "message", QUEUE_COLUMNS)
    op.create_index("ix_message_state_queue", "message", STATE_COLUMNS)
    # Current triage per message (the queue's intents and the intent filter).
    op.create_index("ix_triageresult_current", "triageresult", ["message_id", "current"])
    op.create_index("ix_draft_message_state", "draft", ["message_id", "state"])
    if op.get_bind().dialect.name == "sqlite":
        # The intent filter reads the intents' JSON text; from this index, not the wide rows.
        # (PostgreSQL's json type has no b-tree operators; it scans, or use jsonb + GIN.)
        op.create_index(
            "ix_triageresult_intents", "triageresult", ["current", "intents", "message_id"]
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index("ix_triageresult_intents", table_name="triageresult")
    op.drop_index("ix_draft_message_state", table_name="draft")
    op.drop_index("ix_triageresult_current", table_name="triageresult")
    op.drop_index("ix_message_state_queue", table_name="message")
    op.drop_index("ix_message_queue", table_name="message")
