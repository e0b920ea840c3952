"""The chat model client, built from settings (never at import time)."""

from __future__ import annotations

from typing import Any

from langchain_core.language_models.chat_models import BaseChatModel

from arinbox.settings import Settings


class LLMNotConfigured(RuntimeError):
    """The openai backend was asked for but no endpoint or key is configured."""


def make_chat_model(settings: Settings) -> BaseChatModel:
    """ChatOpenAI for OpenAI and any OpenAI-compatible server, AzureChatOpenAI for Azure.

    The client's own retries are off (`max_retries=0`): arinbox retries with tenacity
    (agent/llm/retry.py) so the policy is one piece of data and every attempt is counted.
    """
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    common: dict[str, Any] = {
        "temperature": settings.openai_temperature,
        "timeout": settings.openai_timeout_s,
        "max_retries": 0,
    }
    if settings.azure_openai_endpoint:
        from langchain_openai import AzureChatOpenAI

        if not key:
            raise LLMNotConfigured("Azure OpenAI needs OPENAI_API_KEY (the Azure key)")
        return AzureChatOpenAI(
            azure_endpoint=settings.azure_openai_endpoint,
            azure_deployment=settings.openai_model,
            api_version=settings.azure_openai_api_version,
            api_key=key,  # type: ignore[arg-type]
            **common,
        )
    from langchain_openai import ChatOpenAI

    if not key and not settings.openai_base_url:
        raise LLMNotConfigured(
            "ARINBOX_MODEL=openai needs OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL "
            "(a local OpenAI-compatible server such as vLLM, Ollama or llama.cpp)"
        )
    return ChatOpenAI(
        model=settings.openai_model,
        api_key=key or "not-needed",  # type: ignore[arg-type]
        base_url=settings.openai_base_url,
        **common,
    )
