"""Whatever JSON a model sends, call_tool answers with an outcome, never an exception."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from records.inbox import ToolCall
from tools.context import ToolContext
from tools.registry import TOOLS, call_tool

FIELDS = [
    "invoices",
    "reason",
    "buyer_words",
    "date",
    "amount",
    "reference",
    "until_date",
    "text",
    "new_email",
    "new_name",
    "old_email",
    "kind",
    "title",
    "details",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "INV-2026-0012",
            "inv-2026-0047",
            "INV-2026-0101",
            "2026-11-20",
            "9999-12-31",
            "0001-01-01",
            "pricing",
            "payment_plan",
            "ap@acme.example",
        ]
    ),
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
ARGS = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), JSON, max_size=5)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(tool=st.sampled_from([*TOOLS, "mark_paid"]), args=ARGS)
def test_any_arguments_give_an_outcome(
    session: Session, make_ctx: Callable[..., ToolContext], tool: str, args: dict[str, Any]
) -> None:
    before = len(session.exec(select(ToolCall)).all())
    out = call_tool(make_ctx(), tool, args)
    assert out.tool == tool
    assert out.allowed or out.refusal_reason
    after = len(session.exec(select(ToolCall)).all())
    assert after - before == (0 if out.replayed else 1)


INVOICES = st.lists(
    st.sampled_from(["INV-2026-0012", "inv-2026-0047", "INV-2026-0101", "X"]), max_size=3
)
MONEY = st.one_of(st.none(), st.decimals(allow_nan=False, allow_infinity=False).map(str))
DATES = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))
SHAPED = st.one_of(
    st.tuples(
        st.just("open_dispute"),
        st.fixed_dictionaries(
            {
                "invoices": INVOICES,
                "reason": st.sampled_from(["pricing", "tax", "nope"]),
                "buyer_words": st.text(max_size=50),
            }
        ),
    ),
    st.tuples(
        st.just("record_promise"),
        st.fixed_dictionaries({"invoices": INVOICES, "date": DATES, "amount": MONEY}),
    ),
    st.tuples(
        st.just("record_payment_claim"),
        st.fixed_dictionaries(
            {
                "invoices": INVOICES,
                "date": DATES,
                "amount": MONEY,
                "reference": st.one_of(st.none(), st.text(max_size=20)),
            }
        ),
    ),
    st.tuples(
        st.just("pause_dunning"),
        st.fixed_dictionaries(
            {"invoices": INVOICES, "reason": st.text(max_size=20), "until_date": DATES}
        ),
    ),
    st.tuples(
        st.just("propose_contact_change"),
        st.fixed_dictionaries(
            {"new_email": st.one_of(st.none(), st.emails()), "new_name": st.text(max_size=20)}
        ),
    ),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(call=SHAPED, verified=st.booleans())
def test_well_shaped_arguments_give_an_outcome(
    session: Session, make_ctx: Callable[..., ToolContext], call: tuple[str, dict], verified: bool
) -> None:
    tool, args = call
    out = call_tool(make_ctx(verified=verified), tool, args)
    assert out.allowed or out.refusal_reason
    if out.allowed and not out.replayed:  # a replay is the first, allowed, outcome
        assert verified
        assert not {"INV-2026-0101", "X"} & set(args.get("invoices", []))
