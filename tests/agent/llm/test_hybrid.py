"""hybrid: the local model first; the LLM only where the local reading is not enough."""

from __future__ import annotations

from sqlmodel import Session

from agent.llm.chat import make_chat_model
from agent.llm.factory import HybridModel
from agent.llm.model import LLMTriageModel
from agent.llm.retry import RetryPolicy
from agent.schema import Triage
from agent.triage import warm_up_model
from arinbox.settings import Settings
from tests.agent.llm.conftest import ScriptedLocal, make_case
from tests.utils.fake_openai import FakeOpenAI, tool_calls

SUBMISSION = {
    "intents": ["dispute"],
    "invoices": ["INV-2026-0012"],
    "dispute_reason": "pricing",
    "language": "en",
    "confidence": 0.9,
    "evidence": [],
}


def _hybrid(settings: Settings, local: ScriptedLocal) -> HybridModel:
    llm = LLMTriageModel(
        make_chat_model(settings), settings=settings, fallback=local, retry=RetryPolicy(attempts=1)
    )
    return HybridModel(local, llm, threshold=0.8)


def test_a_confident_single_intent_stays_local(
    session: Session, ledger: dict, llm_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    case = make_case(session, body="We will pay on Friday.")
    local = ScriptedLocal(Triage(intents=["promise_to_pay"], confidence=0.95))
    run = _hybrid(llm_settings, local).run(
        session, case.message, case.parsed, case.match, [], case.context
    )
    assert run.triage.model == "hybrid:local" and not run.acted
    assert fake_openai.requests == [] and run.usage.llm_calls == 0


def test_low_confidence_several_intents_or_unknown_sender_go_to_the_llm(
    session: Session, ledger: dict, llm_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    cases = [
        (Triage(intents=["dispute"], confidence=0.5), "Jane Doe <ap@acme.example>"),
        (
            Triage(intents=["dispute", "invoice_copy_request"], confidence=0.95),
            "Jane Doe <ap@acme.example>",
        ),
        (Triage(intents=["dispute"], confidence=0.95), "Someone <x@stranger.example>"),
    ]
    for i, (triage, sender) in enumerate(cases):
        fake_openai.enqueue(tool_calls(("submit_triage", SUBMISSION)))
        case = make_case(session, body=f"The price on INV-2026-0012 is wrong ({i}).", from_=sender)
        run = _hybrid(llm_settings, ScriptedLocal(triage)).run(
            session, case.message, case.parsed, case.match, [], case.context
        )
        assert run.triage.model == "hybrid:openai" and run.acted
    assert len(fake_openai.requests) == 3


def test_warming_up_the_hybrid_warms_its_local_model_and_asks_no_llm(
    llm_settings: Settings, fake_openai: FakeOpenAI
) -> None:
    warmed: list[str] = []

    class WarmedLocal(ScriptedLocal):
        def warm_up(self) -> None:
            warmed.append("local")

    local = WarmedLocal(Triage(intents=["other"], confidence=0.9))
    warm_up_model(_hybrid(llm_settings, local))
    assert "local" in warmed  # loaded before mail, with no call to the LLM
    assert fake_openai.requests == []
