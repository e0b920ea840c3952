"""tasks indexed by status, kind and age: the task list reads a page of open tasks without
scanning every task ever left

Revision ID: 0021
Revises: 0020
"""

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_task_status_kind", "task", ["status", "kind", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_task_status_kind", table_name="task")
