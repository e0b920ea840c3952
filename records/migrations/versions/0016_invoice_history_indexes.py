"""invoice history indexes: an account's open invoices and its latest paid ones, by index

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# The condition the account context repeats word for word (records/ledger.py): SQLite keeps
# amounts as text, so they are compared as numbers.
INVOICE_IS_OPEN = "CAST(open_amount AS NUMERIC(18, 2)) != 0"


def upgrade() -> None:
    op.create_index(
        "ix_invoice_open",
        "invoice",
        ["account_id"],
        sqlite_where=sa.text(INVOICE_IS_OPEN),
        postgresql_where=sa.text(INVOICE_IS_OPEN),
    )
    op.create_index("ix_invoice_account_issued", "invoice", ["account_id", "issue_date", "id"])


def downgrade() -> None:
    op.drop_index("ix_invoice_account_issued", table_name="invoice")
    op.drop_index("ix_invoice_open", table_name="invoice")
