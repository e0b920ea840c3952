"""The arguments of each tool, validated before policy or the records see them.

Unknown fields are refused (`extra="forbid"`) so a model that invents an argument is told
so and can repair the call.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from records.types import storable

DisputeReason = Literal[
    "pricing", "quantity", "damaged", "not_received", "duplicate", "quality", "tax", "other"
]
TaskKind = Literal["payment_plan", "cash_application", "contact_change", "review", "follow_up"]

InvoiceNumber = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)
]
Email = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        to_lower=True,
        max_length=254,
        pattern=r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$",
    ),
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
# Quantised to cents, so "1250" and "1250.00" are the same argument (and idempotency key).
PositiveMoney = Annotated[
    Decimal,
    Field(gt=0, max_digits=16, decimal_places=2),
    AfterValidator(lambda v: v.quantize(Decimal("0.01"))),
]


class ToolArgs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _storable(cls, data: Any) -> Any:
        """Text a database takes: NUL dropped (PostgreSQL refuses it), then `storable`
        (lone surrogates replaced)."""
        return storable(_without_nul(data)) if isinstance(data, dict) else data


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_nul(item) for key, item in value.items()}
    return value


class InvoiceArgs(ToolArgs):
    invoices: list[InvoiceNumber] = Field(
        min_length=1, max_length=50, description="Ledger invoice numbers, as on the account."
    )

    @field_validator("invoices")
    @classmethod
    def _dedupe(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class OpenDisputeArgs(InvoiceArgs):
    reason: DisputeReason = Field(description="Why the buyer contests the invoices.")
    buyer_words: LongText = Field(default="", description="The buyer's own sentence(s).")


class RecordPromiseArgs(InvoiceArgs):
    date: dt.date = Field(description="The day the buyer commits to pay on or by.")
    amount: PositiveMoney | None = Field(
        default=None, description="The promised amount; null means the open amount."
    )
    buyer_words: LongText = ""


class RecordPaymentClaimArgs(ToolArgs):
    date: dt.date | None = Field(default=None, description="When the buyer says it paid.")
    amount: PositiveMoney | None = None
    reference: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = (
        None
    )
    invoices: list[InvoiceNumber] = Field(default_factory=list, max_length=50)
    lines: dict[InvoiceNumber, PositiveMoney] = Field(
        default_factory=dict,
        max_length=50,
        description="The amount paid per invoice, when the buyer's remittance advice lists it.",
    )

    @field_validator("invoices")
    @classmethod
    def _dedupe(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))


class PauseDunningArgs(InvoiceArgs):
    reason: ShortText = Field(description="Why dunning stops on these invoices.")
    until_date: dt.date | None = Field(
        default=None, description="Last day of the pause; null: until a collector ends it."
    )


class GetInvoiceCopyArgs(InvoiceArgs):
    pass


class GetStatementArgs(ToolArgs):
    pass


class AddNoteArgs(ToolArgs):
    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


class ProposeContactChangeArgs(ToolArgs):
    new_email: Email | None = None
    new_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    old_email: Email | None = None

    @model_validator(mode="after")
    def _something_changes(self) -> ProposeContactChangeArgs:
        if not self.new_email and not self.new_name:
            raise ValueError("give new_email or new_name: a contact change must change something")
        return self


class CreateTaskArgs(ToolArgs):
    kind: TaskKind
    title: ShortText
    details: dict[str, Any] = Field(default_factory=dict)


class RequestHumanArgs(ToolArgs):
    reason: ShortText
