"""schemathesis against the app's OpenAPI schema, authenticated: no input gives a 5xx."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from sqlalchemy.engine import Engine
from sqlmodel import Session

from api.app import create_app
from api.users import create_token, create_user
from arinbox.settings import Settings
from tests.api.conftest import PASSWORD, seed_case
from tests.reliability.conftest import SOAK

EXAMPLES = 200 if SOAK else 15


@pytest.mark.slow
def test_no_input_gives_a_server_error(
    settings: Settings, engine: Engine, session: Session, ledger: dict
) -> None:
    # (schemathesis's pytest fixture loader does not run under pytest 9: the operations
    # are walked here, each with its own Hypothesis run.)
    create_user(session=session, username="mona", password=PASSWORD, role="admin")
    seed_case(session, actions=True)
    token = create_token(session=session, username="mona", name="fuzz")
    session.commit()
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(settings, engine=engine))
    tested: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @hyp_settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            assert response.status_code < 500, (case.method, case.path, response.text[:500])
            assert response.status_code != 401  # the token works: routes run past the login

        check()
        tested.append(f"{operation.method.upper()} {operation.path}")
    print(f"\nFIGURES schemathesis: {len(tested)} operations x {EXAMPLES} examples")
    assert len(tested) >= 15, tested
