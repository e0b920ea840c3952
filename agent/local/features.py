"""The text the classifiers read, and its features: char and word n-grams plus the lexicon."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import numpy as np

from agent.local.lexicon import lexicon_counts

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|aw|wg|fw|fwd|tr|rv|r|sv|antw|doorst)\s*:\s*)+", re.I)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_DIGITS = re.compile(r"\d+")
LEXICON_WEIGHT = 0.6


def model_text(subject: str, text: str) -> str:
    """Subject and the buyer's new text, with numbers and addresses made generic.

    Invoice numbers, amounts and dates differ from message to message; what they say
    about the intent is their shape, so every digit run becomes one '0'.
    """
    subject = _REPLY_PREFIX.sub("", subject or "")
    joined = f"{subject}\n{text or ''}"
    joined = _URL.sub(" url ", joined)
    joined = _EMAIL.sub(" mailaddr ", joined)
    joined = _DIGITS.sub("0", joined)
    return joined.lower()[:4000]


class Featurizer:
    """char_wb 2–5 and word 1–2 TF-IDF, stacked with log-scaled lexicon hits."""

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.char: TfidfVectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True,
            max_features=80000, dtype=np.float32,
        )  # fmt: skip
        self.word: TfidfVectorizer = TfidfVectorizer(
            analyzer="word", ngram_range=(1, 2), min_df=2, sublinear_tf=True,
            token_pattern=r"(?u)\b\w+\b", max_features=40000, dtype=np.float32,
        )  # fmt: skip

    def fit(self, texts: list[str]) -> Featurizer:
        self.char.fit(texts)
        self.word.fit(texts)
        return self

    def transform(self, texts: list[str], raw: list[str] | None = None) -> csr_matrix:
        """Features of `texts` (model_text form); `raw` is the unnormalised text for the lexicon."""
        from scipy.sparse import csr_matrix, hstack

        lex = np.log1p(np.array([lexicon_counts(t) for t in (raw or texts)], dtype=np.float32))
        return hstack(
            [
                self.char.transform(texts),
                self.word.transform(texts),
                csr_matrix(lex * LEXICON_WEIGHT),
            ],
            format="csr",
        )
