"""Retry policy for model calls, as data: rate limits (honouring Retry-After), 5xx, timeouts."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import openai
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt
from tenacity.wait import wait_random_exponential

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    initial_s: float = 0.5
    max_wait_s: float = 20.0
    max_retry_after_s: float = 60.0


def is_transient(exc: BaseException) -> bool:
    """Worth another try: rate limits, server errors, timeouts, dropped connections."""
    if isinstance(exc, openai.RateLimitError | openai.APITimeoutError | openai.APIConnectionError):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code >= 500


def retry_after_s(exc: BaseException | None) -> float | None:
    """The server's Retry-After (seconds or retry-after-ms), when it gave one."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    if "retry-after-ms" in headers:
        try:
            return float(headers["retry-after-ms"]) / 1000
        except ValueError:
            return None
    value = headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def call_with_retries(fn: Callable[[], T], policy: RetryPolicy, on_retry: Callable[[], None]) -> T:
    """Call `fn`, retrying transient failures per `policy`; the last failure is re-raised."""
    backoff = wait_random_exponential(multiplier=policy.initial_s, max=policy.max_wait_s)

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        hinted = retry_after_s(exc)
        if hinted is not None:
            return min(hinted, policy.max_retry_after_s)
        return backoff(state)

    def before_sleep(state: RetryCallState) -> None:
        on_retry()
        exc = state.outcome.exception() if state.outcome else None
        log.warning(
            "model call retried",
            extra={"attempt": state.attempt_number, "error": type(exc).__name__},
        )

    retrying = Retrying(
        stop=stop_after_attempt(policy.attempts),
        wait=wait,
        retry=retry_if_exception(is_transient),
        before_sleep=before_sleep,
        reraise=True,
    )
    return retrying(fn)


def describe(exc: BaseException) -> str:
    """A collector-readable reason for a model failure."""
    if isinstance(exc, openai.RateLimitError):
        return "rate limited (429) past the retries"
    if isinstance(exc, openai.APITimeoutError):
        return "timed out past the retries"
    if isinstance(exc, openai.APIConnectionError):
        return "could not connect past the retries"
    if isinstance(exc, openai.APIStatusError):
        return f"server error ({exc.status_code}) past the retries"
    return f"{type(exc).__name__}: {str(exc)[:300]}"
