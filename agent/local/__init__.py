"""The offline triage model: learned intent scores, rules and extractors, no network."""
