"""The agent's tools: small validated functions over the records, each checked by policy.

Call them through `tools.registry.call_tool`, which validates, applies policy, runs the
tool idempotently and writes the audit row.
"""
