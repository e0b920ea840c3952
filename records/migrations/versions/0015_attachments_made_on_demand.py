"""draft attachments made when first needed: `source` says what to render, `content` may wait

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("draftattachment") as batch:
        batch.add_column(sa.Column("source", sa.JSON(), nullable=True))
        batch.alter_column("content", existing_type=sa.LargeBinary(), nullable=True)


def downgrade() -> None:
    # Files never made are made empty: a downgraded database cannot hold "not yet".
    op.execute("UPDATE draftattachment SET content = '' WHERE content IS NULL")
    with op.batch_alter_table("draftattachment") as batch:
        batch.alter_column("content", existing_type=sa.LargeBinary(), nullable=False)
        batch.drop_column("source")
