"""activity indexed by its target: the case page reads a case's history without scanning
every action ever taken

Revision ID: 0020
Revises: 0019
"""

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_activityevent_target", "activityevent", ["target_type", "target_id"])


def downgrade() -> None:
    op.drop_index("ix_activityevent_target", table_name="activityevent")
