"""The fitted model as plain arrays: fast to load and to apply, no scikit-learn at run time.

scikit-learn fits the model (train.py); this module holds what prediction needs (the
TF-IDF vocabularies and idf weights, the linear weights, the Platt calibration) and
applies it in a few numpy operations. scikit-learn's per-call input validation costs more
than the arithmetic for one message, and importing it costs seconds at load.
fit() checks that both give the same probabilities before an artefact is saved.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from agent.extract.reasons import reason_scores
from agent.local.lexicon import lexicon_counts
from agent.schema import DISPUTE_REASONS

_WHITESPACE = re.compile(r"\s\s+")
Row = tuple[np.ndarray, np.ndarray]  # (feature indices, values) of one text


@dataclass
class TfidfBlock:
    """One TF-IDF vectorizer (sublinear tf, l2 norm), as sklearn's TfidfVectorizer does it."""

    analyzer: str  # char_wb | word
    ngram_range: tuple[int, int]
    vocabulary: dict[str, int]
    idf: np.ndarray
    token_pattern: str = r"(?u)\b\w+\b"
    _token_re: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_sklearn(cls, vectorizer: Any) -> TfidfBlock:
        return cls(
            analyzer=vectorizer.analyzer,
            ngram_range=tuple(vectorizer.ngram_range),  # type: ignore[arg-type]
            vocabulary={str(k): int(v) for k, v in sorted(vectorizer.vocabulary_.items())},
            idf=np.asarray(vectorizer.idf_, dtype=np.float64),
            token_pattern=vectorizer.token_pattern,
        )

    @property
    def size(self) -> int:
        return len(self.idf)

    def grams(self, text: str) -> list[str]:
        lo, hi = self.ngram_range
        if self.analyzer == "char_wb":
            out: list[str] = []
            for w in _WHITESPACE.sub(" ", text).split():
                w = f" {w} "
                for n in range(lo, hi + 1):
                    out.extend(w[i : i + n] for i in range(max(1, len(w) - n + 1)))
                    if len(w) <= n:
                        break
            return out
        if self._token_re is None:
            self._token_re = re.compile(self.token_pattern)
        tokens = self._token_re.findall(text)
        out = list(tokens) if lo == 1 else []
        for n in range(max(lo, 2), min(hi, len(tokens)) + 1):
            out.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        return out

    def row(self, text: str) -> Row:
        vocabulary = self.vocabulary
        pairs = [
            (vocabulary[g], c) for g, c in Counter(self.grams(text)).items() if g in vocabulary
        ]
        if not pairs:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        idx = np.array([i for i, _ in pairs], dtype=np.int64)
        tf = 1.0 + np.log(np.array([c for _, c in pairs], dtype=np.float64))
        values = tf * self.idf[idx]
        values /= np.linalg.norm(values)
        return idx, values


def _expit(x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-x)))


@dataclass
class CompiledModel:
    """Features and linear heads of the local model as numpy arrays."""

    char: TfidfBlock
    word: TfidfBlock
    lexicon_weight: float
    intents: tuple[str, ...]
    # Intent heads: one column per (intent, calibration fold).
    weights: np.ndarray  # (n_features, n_heads)
    bias: np.ndarray  # (n_heads,)
    platt_a: np.ndarray  # (n_heads,) p = expit(-(a * z + b)); a=-1, b=0 for plain LR
    platt_b: np.ndarray
    head_intent: np.ndarray  # (n_heads,) index into `intents`
    reason_weights: np.ndarray | None = None  # (n_features + n_reasons, n_classes)
    reason_bias: np.ndarray | None = None
    reason_classes: tuple[str, ...] = ()
    language_log_prob: np.ndarray | None = None  # (n_char, n_languages) naive Bayes
    language_prior: np.ndarray | None = None
    language_classes: tuple[str, ...] = ()

    @property
    def n_features(self) -> int:
        return self.char.size + self.word.size + len(self.intents)

    def rows(self, texts: list[str], raws: list[str]) -> list[Row]:
        """Sparse feature rows: char block, word block, then the lexicon counts."""
        out: list[Row] = []
        offset_word = self.char.size
        offset_lex = self.char.size + self.word.size
        for text, raw in zip(texts, raws, strict=True):
            ci, cv = self.char.row(text)
            wi, wv = self.word.row(text)
            lex = np.log1p(np.asarray(lexicon_counts(raw), dtype=np.float64)) * self.lexicon_weight
            nz = np.nonzero(lex)[0]
            out.append(
                (
                    np.concatenate([ci, wi + offset_word, nz + offset_lex]),
                    np.concatenate([cv, wv, lex[nz]]),
                )
            )
        return out

    def intent_probabilities(self, rows: list[Row]) -> np.ndarray:
        """(len(rows), len(intents)): calibrated probability per intent (mean over folds)."""
        out = np.zeros((len(rows), len(self.intents)))
        counts = np.bincount(self.head_intent, minlength=len(self.intents)).astype(np.float64)
        for r, (idx, values) in enumerate(rows):
            z = values @ self.weights[idx] + self.bias
            p = _expit(-(self.platt_a * z + self.platt_b))
            out[r] = np.bincount(self.head_intent, weights=p, minlength=len(self.intents))
        return np.divide(out, counts, out=np.zeros_like(out), where=counts > 0)

    def reason_probabilities(self, row: Row, raw: str) -> dict[str, float]:
        if self.reason_weights is None or self.reason_bias is None:
            return {}
        idx, values = row
        scores = reason_scores(raw)
        lex = np.log1p(np.asarray([scores.get(r, 0) for r in DISPUTE_REASONS], dtype=np.float64))
        z = values @ self.reason_weights[idx] + self.reason_bias
        z = z + (lex * 2.0) @ self.reason_weights[self.n_features :]
        return dict(zip(self.reason_classes, _softmax(z), strict=True))

    def language_probabilities(self, row: Row) -> dict[str, float]:
        if self.language_log_prob is None or self.language_prior is None:
            return {}
        idx, values = row
        keep = idx < self.char.size
        jll = values[keep] @ self.language_log_prob[idx[keep]] + self.language_prior
        return dict(zip(self.language_classes, _softmax(jll), strict=True))


def _softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max())
    return np.asarray(e / e.sum())


def compile_model(
    featurizer: Any,
    intent_models: dict[str, Any],
    intents: tuple[str, ...],
    reason_model: Any | None,
    language_model: Any | None,
    lexicon_weight: float,
) -> CompiledModel:
    """Turn fitted scikit-learn objects into a CompiledModel."""
    columns, biases, a_s, b_s, heads = [], [], [], [], []
    for j, intent in enumerate(intents):
        model = intent_models.get(intent)
        if model is None:
            continue
        for estimator, a, b in _heads(model):
            columns.append(np.asarray(estimator.coef_[0], dtype=np.float64))
            biases.append(float(estimator.intercept_[0]))
            a_s.append(a)
            b_s.append(b)
            heads.append(j)
    compiled = CompiledModel(
        char=TfidfBlock.from_sklearn(featurizer.char),
        word=TfidfBlock.from_sklearn(featurizer.word),
        lexicon_weight=lexicon_weight,
        intents=intents,
        weights=np.column_stack(columns) if columns else np.zeros((0, 0)),
        bias=np.asarray(biases),
        platt_a=np.asarray(a_s),
        platt_b=np.asarray(b_s),
        head_intent=np.asarray(heads, dtype=np.int64),
    )
    if reason_model is not None:
        compiled.reason_weights = np.asarray(reason_model.coef_, dtype=np.float64).T
        compiled.reason_bias = np.asarray(reason_model.intercept_, dtype=np.float64)
        compiled.reason_classes = tuple(str(c) for c in reason_model.classes_)
    if language_model is not None:
        compiled.language_log_prob = np.asarray(language_model.feature_log_prob_).T
        compiled.language_prior = np.asarray(language_model.class_log_prior_)
        compiled.language_classes = tuple(str(c) for c in language_model.classes_)
    return compiled


def _heads(model: Any) -> list[tuple[Any, float, float]]:
    """(linear estimator, platt a, platt b) per fold; a plain LR is expit(z) = a=-1, b=0."""
    calibrated = getattr(model, "calibrated_classifiers_", None)
    if calibrated is None:
        return [(model, -1.0, 0.0)]
    return [
        (c.estimator, float(c.calibrators[0].a_), float(c.calibrators[0].b_)) for c in calibrated
    ]
