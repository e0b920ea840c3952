"""one head: the branches that each grew from 0001 are joined, so `alembic upgrade head` works

Revision ID: 0017
Revises: 0010, 0011, 0012, 0013, 0016

Until here every feature's migration branched from 0001, and arinbox upgraded to "heads".
An operator's `alembic upgrade head` stopped with "multiple heads". New migrations follow
this one in a line.
"""

revision = "0017"
down_revision = ("0010", "0011", "0012", "0013", "0016")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
