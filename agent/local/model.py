"""The offline `local` triage model: learned intent scores, corrections, rules, extractors."""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from agent.context import AccountContext
from agent.extract.acknowledgement import only_acknowledges
from agent.extract.dates import DateMention
from agent.extract.language import choose_language
from agent.extract.reasons import lexicon_reason, reason_scores
from agent.extract.remittance import line_naming
from agent.extract.text import Sentence, fold
from agent.local import facts as extract
from agent.local.compiled import Row
from agent.local.corrections import CorrectionFeed
from agent.local.lexicon import lexicon_hit
from agent.local.store import current_artefact_path, load_artefact
from agent.local.train import Artefact, score_message
from agent.references import Reference, candidate_tokens
from agent.schema import (
    DISPUTE_REASONS,
    INTENTS,
    LANGUAGES,
    UNREAD_LANGUAGE,
    AccountMatch,
    DisputeReason,
    Evidence,
    Intent,
    ParsedMessage,
    Triage,
)
from arinbox.settings import Settings

if TYPE_CHECKING:
    from agent.local.memory import CorrectionMemory, Neighbour

log = logging.getLogger(__name__)

# A corrected neighbour this similar starts to pull the scores; at FULL it decides alone.
BLEND_SIMILARITY = 0.88
FULL_SIMILARITY = 0.95

_cache: dict[Path, Artefact] = {}
_cache_lock = threading.Lock()


def load_local_model(settings: Settings) -> LocalModel:
    """The local model for `settings`: the current artefact (built at first use), cached."""
    path = current_artefact_path(settings)
    with _cache_lock:
        artefact = _cache.get(path)
        if artefact is None:
            artefact = load_artefact(path)
            _cache[path] = artefact
    return LocalModel(artefact, settings)


_OPENING = threading.RLock()


class LocalModel:
    """Reads a message with no network: the TriageModel protocol of agent/triage.py."""

    name = "local"

    def __init__(self, artefact: Artefact, settings: Settings | None = None) -> None:
        self.artefact = artefact
        self.version = artefact.version
        self._settings = settings
        self._memory: CorrectionMemory | None = None
        self._feed: CorrectionFeed | None = None
        self._warm = False

    # -- corrections -------------------------------------------------------------------

    @property
    def memory(self) -> CorrectionMemory | None:
        """The corrections memory (Chroma), opened on first use; None without settings."""
        with _OPENING:  # worker threads share one model: open Chroma's client once
            return self._open_memory()

    def _open_memory(self) -> CorrectionMemory | None:
        if self._memory is None and self._settings is not None:
            from agent.local.memory import CorrectionMemory

            self._memory = CorrectionMemory.open(self._settings)
            self._feed = CorrectionFeed(self._settings.resolved_database_url)
        return self._memory

    def warm_up(self) -> None:
        """Read one made-up message now, not when the first buyer's message waits.

        What it loads on first use (Chroma and scikit-learn for the memory, the date
        patterns, the calendars' month names) takes a second or more. Once per model: a
        hybrid reaches its local model twice, itself and as the LLM's fallback.
        """
        if self._warm:
            return
        now = datetime.now(UTC)
        parsed = ParsedMessage(
            received_at=now,
            subject="Invoice INV-0001",
            new_text="We will pay invoice INV-0001 on Friday, 4 December 2026.",
        )
        self.triage(parsed, AccountMatch(), [], AccountContext(), now)
        self._warm = True

    def pull_corrections(self, *, force: bool = True) -> int:
        """Feed corrections saved since the last pull (by any process) into the memory."""
        memory = self.memory
        if memory is None or self._feed is None:
            return 0
        return self._feed.pull(memory, force=force)

    def learn(
        self,
        key: str,
        parsed: ParsedMessage,
        intents: list[str],
        dispute_reason: str | None = None,
    ) -> None:
        """Remember a collector's corrected intents; the next similar message uses them."""
        if self.memory is not None:
            self.memory.remember(key, parsed.subject, parsed.new_text, intents, dispute_reason)

    # -- triage ------------------------------------------------------------------------

    def scores(self, subject: str, text: str) -> dict[str, float]:
        """Calibrated probability per intent, before corrections and rules."""
        probs, _ = score_message(self.artefact, subject, text)
        return {intent: float(p) for intent, p in zip(INTENTS, probs, strict=True)}

    def triage(
        self,
        parsed: ParsedMessage,
        match: AccountMatch,
        refs: list[Reference],
        context: AccountContext,
        received_at: datetime,
    ) -> Triage:
        today = received_at.date()
        c = self.classify(parsed)
        intents, probs, X, neighbour, flags = c.intents, c.scores, c.row, c.neighbour, c.flags
        found = extract.gather(parsed, match, refs, context, today)
        intents = _promise_in_a_sentence(intents, found, today)
        intents = _promise_needs_a_date(intents, found, parsed.new_text, today)
        intents = _part_paid_beside_a_promise(intents, found)
        intents = _duplicate_is_no_payment(intents, found, refs, parsed.new_text)
        intents = _deduction_is_a_dispute(intents, found)
        intents = _reconciliation_is_no_dispute(intents, found, parsed.new_text)
        intents = _thanks_is_no_request(intents, parsed)
        intents = _attached_advice_is_a_payment(intents, found, parsed.new_text)
        intents = _a_plan_is_asked_for(intents, parsed.new_text)
        confidence = _confidence(probs, intents)
        unread = _unread_language(parsed)
        if unread is not None:
            # Its n-grams are noise to a model that learned six languages: a collector
            # (or, in the hybrid backend, the LLM: confidence 0 sends it there) reads it.
            intents, confidence, flags = ["other"], 0.0, [*flags, unread]
        invoices = found.invoices
        from_documents = not invoices and _documents_say_which(intents, found.in_documents)
        if from_documents:
            invoices = found.in_documents
        if intents == ["auto_reply"]:
            # An out-of-office echoes our reminder's subject; it is about no invoice.
            invoices = [n for n in invoices if found.invoice_sources.get(n) != "subject"]
        triage = Triage(
            intents=intents,
            intent_scores={i: round(p, 4) for i, p in probs.items()},
            confidence=round(confidence, 4),
            invoices=invoices,
            unknown_references=found.unknown_references,
            language=parsed.language if unread else self._language(parsed, X),
            injection_suspected=bool(found.injection),
            other_customer_data_requested=found.other_customer is not None,
            model="local",
            model_version=self.version,
            prompt_version="",
            flags=flags,
        )
        # Our own mailbox is never a buyer's new contact or stand-in.
        ours = {self._settings.ar_mailbox.lower()} if self._settings else set(parsed.to)
        if "promise_to_pay" in intents:
            triage.promise = extract.promise(found, context, found.invoices, today)
        if "dispute" in intents:
            triage.dispute_reason = self._reason(parsed, X, neighbour)
        if "payment_confirmation" in intents:
            triage.payment_claim = extract.payment_claim(
                found, parsed.new_text, invoices, today, parsed.attachment_text
            )
        if "contact_update" in intents:
            triage.contact_update = extract.contact_update(parsed, ours)
        if "auto_reply" in intents:
            triage.auto_reply = extract.auto_reply(found, parsed, ours, today)
        triage.evidence = _evidence(
            intents, found.sentences, found.injection, found.other_customer, parsed.new_text
        )
        if from_documents:
            triage.evidence.append(_listed_in(parsed, invoices[0]))
        return triage

    def classify(self, parsed: ParsedMessage) -> Classification:
        """The intents of a message: learned scores, corrected neighbours, then the rules."""
        scored, row = score_message(self.artefact, parsed.subject, parsed.new_text)
        probs: dict[str, float] = {i: float(p) for i, p in zip(INTENTS, scored, strict=True)}
        flags: list[str] = []
        neighbour = self._neighbour(parsed)
        if neighbour is not None:
            probs = _blend(probs, neighbour)
            flags.append(f"correction {neighbour.key} (similarity {neighbour.similarity:.2f})")
        if parsed.auto_reply or parsed.bounce:
            # RFC 3834 headers and bounces: an automatic message, whatever its words say.
            probs = {i: (1.0 if i == "auto_reply" else min(p, 0.05)) for i, p in probs.items()}
        return Classification(self._decide(probs), probs, row, neighbour, flags)

    def _neighbour(self, parsed: ParsedMessage) -> Neighbour | None:
        memory = self.memory
        if memory is None:
            return None
        self.pull_corrections(force=False)
        near = memory.nearest(parsed.subject, parsed.new_text)
        if near is None or near.similarity < BLEND_SIMILARITY or not near.intents:
            return None
        return near

    def _decide(self, probs: dict[str, float]) -> list[Intent]:
        thresholds = self.artefact.thresholds
        chosen = [i for i in INTENTS if probs[i] >= thresholds.get(i, 0.5)]
        if not chosen:
            chosen = [max(INTENTS, key=lambda i: probs[i])]
        if len(chosen) > 1 and "other" in chosen:
            chosen.remove("other")
        if "auto_reply" in chosen and len(chosen) > 1 and probs["auto_reply"] >= 0.9:
            chosen = ["auto_reply"]
        return chosen

    def _reason(self, parsed: ParsedMessage, X: Row, neighbour: Neighbour | None) -> DisputeReason:
        if (
            neighbour
            and neighbour.dispute_reason in DISPUTE_REASONS
            and neighbour.similarity >= FULL_SIMILARITY
        ):
            return neighbour.dispute_reason  # type: ignore[return-value]
        raw = f"{parsed.subject}\n{parsed.new_text}"
        probs = self.artefact.model.reason_probabilities(X, raw)
        if not probs:
            return lexicon_reason(parsed.new_text) or "other"
        lex = reason_scores(parsed.new_text)
        best = max(probs, key=lambda r: probs[r] + 0.2 * min(lex.get(r, 0), 3))  # type: ignore[call-overload]
        return best  # type: ignore[return-value]

    def _language(self, parsed: ParsedMessage, X: Row) -> str:
        text = parsed.new_text.strip() or parsed.subject
        learned = self.artefact.model.language_probabilities(X) or None
        guess = parsed.language if parsed.language in LANGUAGES else None
        return choose_language(text, guess, learned)


@dataclass
class Classification:
    """The intent decision for one message and what it rests on."""

    intents: list[Intent]
    scores: dict[str, float]
    row: Row
    neighbour: Neighbour | None
    flags: list[str]


_NEGATED_PAY = re.compile(
    r"(?:won't|will not|cannot|can't|do not|don't|not) (?:be able to )?pay\b|"
    r"\bno (?:la |lo |las |los )?(?:pagaremos|vamos a pagar|podemos pagar)|"
    r"\bnon (?:la |lo |le |li )?(?:pagheremo|possiamo pagare)|"
    r"nicht (?:zahlen|bezahlen|begleichen|uberweisen)|"
    r"\bne (?:la |le |les )?(?:reglerons|paierons|payerons|pouvons pas payer) pas|"
    r"niet (?:betalen|voldoen|overmaken)|(?:betalen|voldoen) (?:we|wij) niet"
)


def _promise_needs_a_date(
    intents: list[Intent], found: extract.Facts, text: str, today: date
) -> list[Intent]:
    """A promise is to pay on or by a date: a refusal to pay, or only past dates, is none.

    "We won't pay until you correct it" reads like a promise to the n-gram model and is a
    dispute; "paid on 02/11" with no date ahead is a payment confirmation.
    """
    if "promise_to_pay" not in intents:
        return intents
    # A date that names a document ("the invoice of 2 October") or a payment made ("we
    # paid on Monday") is no date ahead, whatever its weekday resolves to.
    future = [
        d for d in found.dates_future if d.value >= today and d.role not in ("reference", "done")
    ]
    rest: list[Intent] = [i for i in intents if i != "promise_to_pay"]
    if _NEGATED_PAY.search(fold(text)) and not future:
        return rest if rest else ["dispute"]
    if not future and any(d.value < today for d in found.dates_past):
        return rest if rest else ["payment_confirmation"]
    if not future and rest:
        # "We'll pay for what arrived once you correct it": conditional, no date, no promise.
        return rest
    return intents


# "we pay it on Friday", "wir zahlen am 30.", "la pagamos el viernes": a buyer's own pay
# verb in the present or future, in the sentence that holds the date.
_PAY_CUE = re.compile(
    "|".join(
        (
            r"\b(?:we|i)(?:'ll| will| shall| can| are going to)? "
            r"(?:pay|transfer|settle|clear|remit|wire|release)\b",
            r"\bwill be (?:paid|transferred|settled|cleared|released)\b|\bgo(?:es)? out\b",
            r"\b(?:zahlen|uberweisen|begleichen|bezahlen) (?:wir|ich)\b",
            r"\b(?:wir|ich) (?:zahlen|uberweisen|begleichen|bezahlen)\b",
            r"\bwird .{0,30}(?:bezahlt|uberwiesen|beglichen)\b",
            r"\b(?:nous )?(?:payons|reglons|virons|paierons|reglerons|virerons)\b",
            r"\bsera (?:payee|reglee|viree)",
            r"\b(?:pagamos|abonamos|transferimos|pagaremos|abonaremos|transferiremos)\b",
            r"\bse (?:pagara|abonara)\b",
            r"\b(?:betalen|voldoen) (?:we|wij|ik)\b",
            r"\b(?:we|wij|ik) (?:betalen|voldoen|maken .{0,20}over)\b|\bwordt .{0,30}betaald\b",
            r"\b(?:paghiamo|saldiamo|bonifichiamo|pagheremo|salderemo|bonificheremo)\b",
            r"\bverra (?:pagat|saldat)",
            # "INV-1 is in the AP run before month end": the run is the payment.
            r"\b(?:payment|ap|pay) run\b|\bzahllauf\b|\bbetaalrun\b|\bcampagne de paiement\b",
            r"\bremesa de pagos\b|\bdistinta (?:di pagamento|bonifici)\b",
        )
    )
)
_DONE_CUE = re.compile(
    r"\b(?:paid|transferred|settled|sent|bezahlt|uberwiesen|beglichen|paye|regle|vire|pagad|abonad"
    r"|betaald|overgemaakt|pagat|saldat|bonificat)\b"
)
_AHEAD_CUE = re.compile(
    r"\b(?:follows?|comes?|goes|will go|is (?:in|on) the (?:next )?(?:payment |ap |pay )?"
    r"(?:run|list)|remittance list|scheduled|approved for payment|released for payment)\b"
)
_PAST_CUE = re.compile(
    r"\b(?:yesterday|ago|already|earlier today|this morning|last (?:week|monday|tuesday|"
    r"wednesday|thursday|friday)|gestern|bereits|schon|hier|deja|ayer|ya|gisteren|al|ieri|gia)\b"
)

# "Attached is the remittance for this week's payment run": the advice of a payment made
# comes with the message, so the run's date is not a promise's.
_ADVICE = (
    r"(?:remittance|payment advice|zahlungsavis|avis de (?:paiement|virement)|aviso de pago"
    r"|betalingsadvies|avviso di (?:pagamento|bonifico))"
)
_ADVICE_ATTACHED = re.compile(
    rf"\b(?:attached|enclosed|anbei|im anhang|ci-joint|en piece jointe|adjunt(?:[oa]|amos)"
    rf"|bijgevoegd|in (?:de )?bijlage|allegat[oa]|alleghiamo|in allegato)\b.{{0,60}}\b{_ADVICE}"
    rf"|\b{_ADVICE}\b.{{0,60}}\b(?:attached|enclosed|anbei|ci-joint|en piece jointe"
    rf"|adjunt(?:[oa]|amos)|bijgevoegd|allegat[oa])\b"
)


def _attached_advice_is_a_payment(
    intents: list[Intent], found: extract.Facts, text: str
) -> list[Intent]:
    """ "Adjuntamos nuestro aviso de pago" with a file that lists the account's invoices.

    The words say only that a payment advice is attached, which the classifier may read as
    nothing it knows (it was taught few such messages in some languages); the file listing
    the account's open invoices makes it a payment confirmation of those invoices.
    """
    if intents != ["other"] or not found.in_documents:
        return intents
    return ["payment_confirmation"] if _ADVICE_ATTACHED.search(fold(text)) else intents


# The words of a buyer asking for instalments or more time, folded (no accents), by
# language; the last group says no date is committed to ("we will pay later this month if
# the cash allows, I cannot promise a date now" asks for time).
_PLAN_ASK_WORDS = (
    # en ("split payment" is Italy's VAT scheme, no plan)
    r"\binstal+ments?\b|\bin (?:two|three|four|five|six|\d) (?:parts|payments|tranches|halves"
    r"|chunks)\b|\bin parts\b|\bsmaller chunks\b|\bspread|\bsplit\b(?! payment)|\bschedul"
    r"|\b(?:re)?payment plan\b|\ba plan\b|\bstaged payment|\bmore time\b|\bextension\b"
    r"|\bextend(?:ed|ing)? (?:the )?(?:terms|due date|payment term)|\bdefer|\bpostpone"
    r"|\bmonthly (?:payments|amounts)\b|\bweekly amounts\b|\bportion every month\b"
    r"|\bpay (?:it |this )?(?:down|off) over\b|\bbreathing room\b|\bbear with us\b"
    r"|\bhold off\b|\bflexibility\b|\b(?:another|a few more) (?:few )?weeks\b",
    # de
    r"\braten(?:zahlung|vereinbarung|regelung|\b)|\bmonatsraten|\bteilzahlungen\b|\bteilbetr"
    r"|\bstundung|\baufschub|\bzahlungs(?:plan|ziel|aufschub)|\bmehr zeit\b|\bhalften\b"
    r"|\bverteilt\b",
    # fr
    r"\bechelonn|\betaler\b|\becheancier\b|\ben (?:plusieurs|deux|trois|quatre) (?:fois"
    r"|echeances)\b|\bplan de (?:paiement|reglement)\b|\bdelai|\bmensualites\b|\bun report\b"
    r"|\breporter l'echeance\b|\bplus de temps\b|\bpaiement fractionne\b",
    # es
    r"\bfraccion|\baplaz|\bplazos\b|\bcuotas\b|\bplan de pagos\b|\bcalendario de pagos\b"
    r"|\bmensualidades\b|\ben (?:dos|tres) veces\b|\bprorroga\b|\bmas (?:tiempo|margen)\b",
    # nl
    r"\bbetalings(?:regeling|uitstel)|\buitstel\b|\bbetaaltermijn|\btermijnen\b|\bgespreid"
    r"|\bspreiden\b|\bverdeeld\b|\bin (?:twee|drie) keer\b|\bin delen\b|\bmeer tijd\b"
    r"|\bmaandelijkse bedragen\b",
    # it
    r"\brateizz|\bin \w+ rate\b|\brate mensili\b|\bpiano di (?:rientro|pagamento)\b|\bdilazion"
    r"|\bproroga\b|\bpiu tempo\b|\btranche\b|\bdistribuendo\b|\bpagamenti mensili\b"
    r"|\bpazienza\b",
    # no date committed to, in the six languages
    r"\b(?:cannot|can't|can not) (?:promise|commit)|\bif (?:the )?cash (?:allows|permits)"
    r"|\bnicht (?:zusagen|versprechen)|\bne (?:peux|pouvons) pas (?:promettre|garantir)"
    r"|\bno (?:puedo|podemos) (?:prometer|garantizar)|\b(?:kan|kunnen) (?:niet|geen) "
    r"(?:beloven|toezeggen)|\bnon (?:posso|possiamo) (?:promettere|garantire)",
)
_PLAN_ASK = re.compile("|".join(_PLAN_ASK_WORDS))


def _a_plan_is_asked_for(intents: list[Intent], text: str) -> list[Intent]:
    """A payment plan beside a promise or a dispute only when the buyer asks for one.

    "We'll clear INV-2026-0395 by end of month, cash flow is a bit tight" commits to a
    date (a promise, no plan); "the VAT rate on FA-2026-315 is wrong" is a dispute. The
    classifier's plan threshold is low (a missed plan request costs more than a collector
    reading one too many), and next to those it added a plan with no ask in the words:
    instalments, spreading, more time, a schedule, in any of the six languages.
    """
    if "payment_plan_request" not in intents:
        return intents
    if not {"promise_to_pay", "dispute"} & set(intents) or _PLAN_ASK.search(fold(text)):
        return intents
    return [i for i in intents if i != "payment_plan_request"]


def _promise_in_a_sentence(
    intents: list[Intent], found: extract.Facts, today: date
) -> list[Intent]:
    """A promise the classifier missed beside another ask: a pay verb and a date ahead, together.

    "INV-1 is wrong. INV-2 is fine, we pay it on Friday": the dispute fills the message and
    the second sentence's promise scores low; one sentence holding the buyer's own pay verb
    and a plain date ahead (not a document's, not a refusal's) is a promise all the same.
    "The 2026/00780 is paid on 14/12", "INV-2 follows on the 25th": a payment dated ahead
    cannot have been made, so it is a promise, and no payment confirmation on its own.
    """
    if "auto_reply" in intents:
        return intents
    for sent in found.sentences:
        folded = fold(sent.text)
        cues = (_PAY_CUE, _AHEAD_CUE, _DONE_CUE)
        if not any(c.search(folded) for c in cues) or _NEGATED_PAY.search(folded):
            continue
        if _PAST_CUE.search(folded) or _ADVICE_ATTACHED.search(folded):
            continue
        dated = [
            d
            for d in found.dates_future
            if d.value > today
            and sent.start <= d.start < sent.end
            and (d.role == "plain" or (d.role == "done" and _only_ahead(d, found, today)))
        ]
        if not dated:
            continue
        kept: list[Intent] = [i for i in intents if i != "other"]
        if "promise_to_pay" not in kept:
            kept.append("promise_to_pay")
        if "payment_confirmation" in kept and not _paid_before(found, today):
            kept.remove("payment_confirmation")
        return kept
    return intents


def _part_paid_beside_a_promise(intents: list[Intent], found: extract.Facts) -> list[Intent]:
    """ "We transferred 500 EUR today, the rest follows end of December": both.

    The promise fills the classifier's view; an amount said to be paid, in its own clause,
    is a payment made all the same (a claim for cash application, besides the promise).
    """
    if "promise_to_pay" not in intents or "payment_confirmation" in intents:
        return intents
    if found.paid:
        return [*intents, "payment_confirmation"]
    return intents


# Money kept back, in the past: "short-paid by 120.00", "wir haben 50 EUR einbehalten".
_DEDUCTED = re.compile(
    r"\b(?:short[- ]?paid|deducted|withheld|held back|kept back|abgezogen|einbehalten|gekurzt"
    r"|deduit|retenu|descontado|retenido|deducido|ingehouden|afgetrokken|in mindering gebracht"
    r"|detratto|trattenuto|decurtato)\b"
)


def _deduction_is_a_dispute(intents: list[Intent], found: extract.Facts) -> list[Intent]:
    """Money kept back for a reason the buyer gives is a dispute, beside what was paid.

    "We have short-paid INV-… by 120.00 EUR: two items arrived damaged" read as a payment
    only: the deduction was nobody's to investigate and reminders would chase it. A
    deduction with no reason in its sentence (a credit note set off) stays as it is read.
    """
    if "dispute" in intents:
        return intents
    for sentence in found.sentences:
        if _DEDUCTED.search(fold(sentence.text)) and lexicon_reason(sentence.text) is not None:
            kept: list[Intent] = [i for i in intents if i != "other"]
            return [*kept, "dispute"]
    return intents


def _only_ahead(mention: DateMention, found: extract.Facts, today: date) -> bool:
    """A "paid on <date>" whose date can only be ahead ("on 14/12" in November, "next week")."""
    past = next((d for d in found.dates_past if d.start == mention.start), None)
    return past is None or past.value >= today or (today - past.value).days > 60


# "paid INV-1 today", "heute überwiesen": a payment made today (a date of today is neither
# behind nor ahead, so it tells nothing alone). "Will be paid today" is a promise.
_PAID_TODAY = re.compile(
    r"(?<!will be )(?<!to be )(?<!wird )(?<!sera )(?<!sara )"
    r"\b(?:paid|transferred|settled|wired|remitted|bezahlt|uberwiesen|beglichen|paye|regle|vire"
    r"|pagad[oa]|abonad[oa]|betaald|overgemaakt|pagat[oa]|saldat[oa]|bonificat[oa])\b"
    r"[^.;!?]{0,40}\b(?:today|heute|aujourd'hui|hoy|vandaag|oggi)\b"
)


def _paid_before(found: extract.Facts, today: date) -> bool:
    """Whether the text names a payment already made: a past cue, a payment made today, or
    a recent date behind."""
    text = " ".join(fold(s.text) for s in found.sentences)
    return (
        bool(_PAST_CUE.search(text))
        or bool(_PAID_TODAY.search(text))
        or any(_recently_behind(d, found, today) for d in found.dates_past)
    )


def _recently_behind(mention: DateMention, found: extract.Facts, today: date) -> bool:
    """A date of the last 60 days that no reading puts ahead (or a "paid on" only behind)."""
    if mention.role not in ("plain", "done") or not 0 < (today - mention.value).days <= 60:
        return False
    ahead = any(f.start == mention.start and f.value > today for f in found.dates_future)
    return not ahead or (mention.role == "done" and not _only_ahead(mention, found, today))


def _reconciliation_is_no_dispute(
    intents: list[Intent], found: extract.Facts, text: str
) -> list[Intent]:
    """ "Our balances don't agree - please send your statement": a reconciliation, no dispute.

    A dispute contests an invoice; beside a statement request with no invoice named at
    all, the disagreement is about the balance the statement will settle. One that says
    what is wrong with the goods or the bill ("the goods arrived damaged", "charged
    twice") is a dispute, whatever document it points at.
    """
    if (
        "dispute" in intents
        and "statement_request" in intents
        and not found.invoices
        and not found.unknown_references
        and lexicon_reason(text) is None
    ):
        return [i for i in intents if i != "dispute"]
    return intents


def _unread_language(parsed: ParsedMessage) -> str | None:
    """The flag for a message in a language the model did not learn, or None."""
    automatic = parsed.auto_reply or parsed.bounce
    if parsed.language in LANGUAGES or automatic:
        return None
    return (
        f"{UNREAD_LANGUAGE}: the message is in '{parsed.language}'; the offline model "
        f"reads {', '.join(LANGUAGES)}"
    )


def _thanks_is_no_request(intents: list[Intent], parsed: ParsedMessage) -> list[Intent]:
    """ "Thank you, received." under our subject "RE: Copy of invoice …" asks for nothing.

    The subject would have it read as a second request, and the copy sent again. A new text
    of thanks and courtesies alone is `other` (DOMAIN.md: a collector reads it); one with an
    attachment may be a remittance advice and keeps its intents.
    """
    if intents in (["other"], ["auto_reply"]) or parsed.attachments:
        return intents
    if only_acknowledges(parsed.new_text, parsed.from_name):
        return ["other"]
    return intents


def _duplicate_is_no_payment(
    intents: list[Intent], found: extract.Facts, refs: list[Reference], text: str
) -> list[Intent]:
    """ "Billed twice: we already paid this in September" disputes; it reports no payment.

    Unless the payment is of another document than the duplicate: "the invoice for PO
    IO-25356 was paid last week. You invoiced the same order twice, please credit
    INV-2026-0413" reports one invoice paid and disputes the other.
    """
    both = "dispute" in intents and "payment_confirmation" in intents
    if not both or not reason_scores(text).get("duplicate", 0):
        return intents
    if _pays_another_document(found.sentences, [r.text for r in refs]):
        return intents
    return [i for i in intents if i != "payment_confirmation"]


def _pays_another_document(sents: list[Sentence], references: list[str]) -> bool:
    """A sentence reports a payment of a document that no sentence calling one a
    duplicate names."""
    known = {r.upper() for r in references}

    def named(sentence: Sentence) -> set[str]:
        return candidate_tokens(sentence.text) & known

    def duplicate(sentence: Sentence) -> bool:
        return reason_scores(sentence.text).get("duplicate", 0) > 0

    disputed = {n for s in sents if duplicate(s) for n in named(s)}
    return any(
        named(s) - disputed
        for s in sents
        if lexicon_hit("payment_confirmation", s.text) and not duplicate(s)
    )


def _blend(probs: dict[str, float], near: Neighbour) -> dict[str, float]:
    """Pull the scores toward the corrected labels, fully at FULL_SIMILARITY."""
    weight = min(1.0, (near.similarity - BLEND_SIMILARITY) / (FULL_SIMILARITY - BLEND_SIMILARITY))
    weight = max(weight, 0.5)
    return {
        i: (1 - weight) * p + weight * (1.0 if i in near.intents else 0.0) for i, p in probs.items()
    }


def _confidence(probs: dict[str, float], intents: list[Intent]) -> float:
    """How sure the decision is: the weakest chosen score and the strongest rejected one."""
    chosen = min((probs[i] for i in intents), default=0.0)
    rejected = max((probs[i] for i in INTENTS if i not in intents), default=0.0)
    return float(np.clip(min(chosen, 1.0 - rejected), 0.0, 1.0))


def _evidence(
    intents: list[Intent],
    sents: list[Sentence],
    injection: list[str],
    other_customer: str | None,
    text: str,
) -> list[Evidence]:
    """Per conclusion, the buyer's own sentence that supports it."""
    out: list[Evidence] = []
    for intent in intents:
        sentence = _evidence_sentence(intent, sents, text)
        if sentence is not None:
            out.append(Evidence(field=intent, sentence=sentence[:500]))
    if injection:
        out.append(Evidence(field="injection_suspected", sentence=injection[0][:500]))
    if other_customer:
        out.append(Evidence(field="other_customer_data_requested", sentence=other_customer[:500]))
    return out


def _evidence_sentence(intent: Intent, sents: list[Sentence], text: str) -> str | None:
    """The first sentence with the intent's words, else the first that is no greeting."""
    hit = next((s for s in sents if lexicon_hit(intent, s.text)), None)
    if hit is not None:
        return hit.text
    if intent == "dispute":
        # "Our invoice duplicates one we paid in October" names no dispute word but says
        # what is wrong: the sentence a collector reads, not "Apologies for the delay"
        # before it (it is also the dispute's buyer_words).
        wrong = _what_is_wrong(sents, text)
        if wrong is not None:
            return wrong
    first = next((s for s in sents if not _greeting(s.text)), None)
    return first.text if first is not None else None


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


def _what_is_wrong(sents: list[Sentence], text: str) -> str | None:
    """The first sentence that says what is wrong (the dispute-reason lexicon).

    One that names no document takes the sentence before it in the same paragraph when
    that one does: "Half the boxes on invoice #INV-2026-0460 were soaked through. We're
    not paying for damaged stock." is about INV-2026-0460 (the evidence scopes the
    dispute to the invoices it names).
    """
    for i, sentence in enumerate(sents):
        if lexicon_reason(sentence.text) is None:
            continue
        before = sents[i - 1] if i else None
        if (
            before is not None
            and not candidate_tokens(sentence.text)
            and candidate_tokens(before.text)
            and _PARAGRAPH_BREAK.search(text, before.end, sentence.start) is None
        ):
            return f"{before.text} {sentence.text}"
        return sentence.text
    return None


def _documents_say_which(intents: list[Intent], listed: list[str]) -> bool:
    """Whether the invoices the attached documents list are those the message is about.

    A remittance advice lists the invoices it pays, a list sent with "copies of these,
    please" the ones wanted; a document naming one invoice alone (a scan of it beside
    "the attached invoice has the wrong price") is about that one. A statement sent back
    with "we dispute the marked items" lists them all: no dispute on each.
    """
    if not listed:
        return False
    if "payment_confirmation" in intents or "invoice_copy_request" in intents:
        return True
    return "dispute" in intents and len(listed) == 1


def _listed_in(parsed: ParsedMessage, number: str) -> Evidence:
    """The attached document's line that lists `number` (what the collector checks)."""
    for attachment in parsed.attachments:
        line = line_naming(attachment.text, number)
        if line is not None:
            return Evidence(field="invoices", sentence=f"{attachment.filename}: {line}"[:500])
    return Evidence(field="invoices", sentence=f"{number} (an attached document)")


def _greeting(text: str) -> bool:
    folded = fold(text).strip(" ,!.")
    return len(folded.split()) <= 3
