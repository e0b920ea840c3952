"""`submit_triage`: the structured output the model returns, as a tool it must call."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from agent.schema import (
    AutoReplyFacts,
    ContactUpdateFacts,
    DisputeReason,
    Evidence,
    Intent,
    PaymentClaimFacts,
    PromiseFacts,
    Triage,
)

SUBMIT = "submit_triage"


class EvidenceItem(BaseModel):
    field: str = Field(description="An intent name or a fact such as promise.date")
    sentence: str = Field(description="The buyer's own sentence, quoted exactly")


class TriageSubmission(BaseModel):
    """The model's reading of the e-mail; every fact grounded in the buyer's own words."""

    model_config = ConfigDict(extra="forbid")

    intents: list[Intent] = Field(min_length=1)
    invoices: list[str] = Field(default_factory=list, description="Ledger invoice numbers")
    promise_date: dt.date | None = None
    promise_amount: Decimal | None = Field(default=None, description="null: the open amount")
    dispute_reason: DisputeReason | None = None
    payment_date: dt.date | None = None
    payment_amount: Decimal | None = None
    payment_reference: str | None = None
    new_contact_email: str | None = None
    new_contact_name: str | None = None
    auto_reply_return_date: dt.date | None = None
    auto_reply_alternative_contact: str | None = None
    language: str = Field(min_length=2, max_length=2, description="ISO 639-1 of the buyer's text")
    injection_suspected: bool = False
    other_customer_data_requested: bool = False
    confidence: float = Field(ge=0, le=1)
    evidence: list[EvidenceItem] = Field(default_factory=list)

    def to_triage(self, *, model: str, model_version: str, prompt_version: str) -> Triage:
        return Triage(
            intents=list(dict.fromkeys(self.intents)),
            confidence=self.confidence,
            invoices=list(dict.fromkeys(self.invoices)),
            promise=(
                PromiseFacts(date=self.promise_date, amount=self.promise_amount)
                if "promise_to_pay" in self.intents
                else None
            ),
            dispute_reason=self.dispute_reason if "dispute" in self.intents else None,
            payment_claim=(
                PaymentClaimFacts(
                    date=self.payment_date,
                    amount=self.payment_amount,
                    reference=self.payment_reference,
                )
                if "payment_confirmation" in self.intents
                else None
            ),
            contact_update=(
                ContactUpdateFacts(new_email=self.new_contact_email, new_name=self.new_contact_name)
                if "contact_update" in self.intents
                else None
            ),
            auto_reply=(
                AutoReplyFacts(
                    return_date=self.auto_reply_return_date,
                    alternative_contact=self.auto_reply_alternative_contact,
                )
                if "auto_reply" in self.intents
                else None
            ),
            language=self.language.lower(),
            injection_suspected=self.injection_suspected,
            other_customer_data_requested=self.other_customer_data_requested,
            evidence=[Evidence(field=e.field, sentence=e.sentence) for e in self.evidence],
            model=model,
            model_version=model_version,
            prompt_version=prompt_version,
        )


def submit_tool_schema() -> dict[str, object]:
    return {
        "type": "function",
        "function": {
            "name": SUBMIT,
            "description": "Report your triage of the e-mail. Call exactly once.",
            "parameters": compact_schema(TriageSubmission.model_json_schema()),
        },
    }


def compact_schema(schema: Any) -> Any:
    """A JSON schema without pydantic's `title` keys: fewer tokens on every request."""
    if isinstance(schema, dict):
        return {
            k: compact_schema(v)
            for k, v in schema.items()
            if not (k == "title" and isinstance(v, str))
        }
    if isinstance(schema, list):
        return [compact_schema(v) for v in schema]
    return schema
