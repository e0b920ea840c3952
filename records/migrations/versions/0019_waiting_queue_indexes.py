"""waiting messages and waiting follow-ups indexed: a claim and a follow-up check per
message no longer read the whole backlog

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

# The condition the workers' claim repeats word for word (records/inbox.py).
MESSAGE_IS_WAITING = "state IN ('received', 'parsed') AND direction = 'inbound'"


def upgrade() -> None:
    op.create_index(
        "ix_message_waiting",
        "message",
        ["received_at", "id"],
        sqlite_where=sa.text(MESSAGE_IS_WAITING),
        postgresql_where=sa.text(MESSAGE_IS_WAITING),
    )
    # State first, then kind: what the state index served, and the waiting follow-ups.
    op.create_index("ix_draft_state_kind", "draft", ["state", "kind", "created_at"])
    op.drop_index("ix_draft_state", table_name="draft")


def downgrade() -> None:
    op.create_index("ix_draft_state", "draft", ["state"])
    op.drop_index("ix_draft_state_kind", table_name="draft")
    op.drop_index("ix_message_waiting", table_name="message")
