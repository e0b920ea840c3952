"""Table models fill unset JSON and time columns with fresh values, cheaply."""

from __future__ import annotations

import inspect

from records.inbox import Message, TriageResult
from records.types import empty_dict, empty_list, utcnow


def test_unset_json_columns_get_a_new_value_each() -> None:
    first = TriageResult(message_id=1, model="local")
    second = TriageResult(message_id=2, model="local")
    assert first.intents == [] and first.facts == {} and first.evidence == []
    first.intents.append("dispute")
    first.facts["x"] = 1
    assert second.intents == [] and second.facts == {}
    assert first.created_at.tzinfo is not None
    message = Message(raw_sha256="0" * 64, raw=b"x", source="test")
    assert message.references == [] and message.needs_human_reasons == []


def test_default_factories_carry_their_signature() -> None:
    # Pydantic asks for a factory's signature on every unset field; a builtin's is
    # parsed from text each time, a stored one is returned as it is.
    for factory in (empty_list, empty_dict, utcnow):
        assert "__signature__" in vars(factory)
        assert not inspect.signature(factory).parameters
