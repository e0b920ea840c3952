"""Collectors' corrections, remembered at once: a nearest-neighbour memory in Chroma.

A corrected message is stored with the intents the collector chose; the next message
that reads almost the same borrows those intents. The embedding is ours (hashed char
n-grams), so nothing is downloaded: Chroma's default embedding fetches a model at first
use. This module imports chromadb, which is heavy; import it only when needed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import chromadb
import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

from agent.local.features import model_text
from arinbox.settings import Settings

log = logging.getLogger(__name__)

COLLECTION = "arinbox_corrections"
N_FEATURES = 2048


@register_embedding_function
class HashingCharEmbedding(EmbeddingFunction[Documents]):
    """l2-normalised hashed char 2–4-grams (sklearn HashingVectorizer): offline, stateless."""

    def __init__(self, n_features: int = N_FEATURES) -> None:
        from sklearn.feature_extraction.text import HashingVectorizer

        self.n_features = n_features
        self._vectorizer = HashingVectorizer(
            analyzer="char_wb", ngram_range=(2, 4), n_features=n_features,
            alternate_sign=False, norm="l2", dtype=np.float32,
        )  # fmt: skip

    def __call__(self, input: Documents) -> Embeddings:
        matrix = self._vectorizer.transform(list(input)).toarray()
        return [row for row in matrix]

    @staticmethod
    def name() -> str:
        return "arinbox-hashing-char"

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine"]

    def get_config(self) -> dict[str, Any]:
        return {"n_features": self.n_features}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> HashingCharEmbedding:
        return HashingCharEmbedding(int(config.get("n_features", N_FEATURES)))


@dataclass(frozen=True)
class Neighbour:
    """The closest corrected message: its similarity (cosine) and the corrected labels."""

    key: str
    similarity: float
    intents: tuple[str, ...]
    dispute_reason: str | None


def open_client(settings: Settings) -> Any:
    """An HttpClient when CHROMA_URL is set, else a persistent client under data_dir."""
    if settings.chroma_url:
        from urllib.parse import urlparse

        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "localhost",
            port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https",
        )
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path))


class CorrectionMemory:
    """Corrected intents by message, searchable by text similarity."""

    def __init__(self, client: Any) -> None:
        self._collection = client.get_or_create_collection(
            COLLECTION,
            embedding_function=HashingCharEmbedding(),
            configuration={"hnsw": {"space": "cosine"}},
        )
        # Every correction reaches this process through remember() (the feed pulls the
        # database), so the size is known without asking Chroma before each query.
        self._size = int(self._collection.count())

    @classmethod
    def open(cls, settings: Settings) -> CorrectionMemory:
        return cls(open_client(settings))

    def remember(
        self,
        key: str,
        subject: str,
        text: str,
        intents: list[str],
        dispute_reason: str | None = None,
    ) -> None:
        """Store (or replace) the corrected labels of one message."""
        metadata: dict[str, str | int | float | bool] = {"intents": ",".join(sorted(intents))}
        if dispute_reason:
            metadata["dispute_reason"] = dispute_reason
        self._collection.upsert(
            ids=[key], documents=[model_text(subject, text)], metadatas=[metadata]
        )
        self._size += 1
        log.info("correction remembered", extra={"key": key, "intents": sorted(intents)})

    def nearest(self, subject: str, text: str) -> Neighbour | None:
        """The most similar corrected message, or None when the memory is empty."""
        if self._size == 0:
            return None
        result = self._collection.query(
            query_texts=[model_text(subject, text)],
            n_results=1,
            include=["metadatas", "distances"],
        )
        ids, distances, metadatas = result["ids"][0], result["distances"], result["metadatas"]
        if not ids or distances is None or metadatas is None:
            return None
        meta = metadatas[0][0] or {}
        intents = tuple(i for i in str(meta.get("intents", "")).split(",") if i)
        reason = meta.get("dispute_reason")
        return Neighbour(
            key=ids[0],
            similarity=1.0 - float(distances[0][0]),
            intents=intents,
            dispute_reason=str(reason) if reason else None,
        )

    def count(self) -> int:
        return int(self._collection.count())

    def forget_all(self) -> None:
        """Empty the memory (after a retrain has folded the corrections into the model)."""
        ids = self._collection.get(include=[])["ids"]
        if ids:
            self._collection.delete(ids=ids)
        self._size = 0
