"""The edges: IMAP, SMTP, message files, the ERP ledger."""
