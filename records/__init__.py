"""The records: SQLModel tables for the ledger and the inbox, the engine and sessions.

`records.ledger` holds what the ERP knows (accounts, invoices) and what arinbox adds to
it (disputes, promises, payment claims, dunning holds, tasks, notes). `records.inbox`
holds messages, triage results, the tool-call audit, drafts and the review trail.
"""
