"""Text of a scanned page or a photographed document, read by Tesseract.

Many AP departments still print the remittance advice, scan it and mail the PDF, or
photograph it with a phone: the file has no text layer and names its invoices only in
pixels. Tesseract (Debian's `tesseract-ocr` and its language packs) reads such a page in
about a second on one core, with no network and no model download: the operator's
packages carry the language data.

We run the `tesseract` program ourselves rather than through a wrapper library: one
`subprocess.run` with the image on standard input and the text on standard output (no
temporary files), a hard timeout, and `OMP_THREAD_LIMIT=1`, because Tesseract's own
threads made a page slower (1.9 s instead of 0.5 s on two cores) and would take the core
another worker is using. Tesseract never sees the buyer's bytes: Pillow decodes the file
(bounded by its pixels) and we hand Tesseract a PNG of our own. OCR is optional: without
the program, a scanned document stays a defect on the message that says so, and a
collector reads the file.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from arinbox.settings import Settings

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)

MAX_PIXELS = 40_000_000  # a 600 dpi A4 page is 35 million; beyond that it is no page
MIN_SIDE = 300  # logos, icons and signature banners are smaller: never read
MIN_PIXELS = 250_000
TARGET_WIDTH = 1600  # Tesseract wants capital letters 20-30 px high: screenshots are scaled up
MAX_UPSCALE = 3.0
MIN_ORIENTATION = 2.0  # Tesseract's orientation confidence: below it, the page is not turned
UPRIGHT_CONFIDENCE = 80.0  # mean word confidence (%): below it, check the page's orientation
# A photograph of damaged goods read as "= a. 7 E 1 N" at 55 %: no words of two characters.
MIN_WORDS = 4
MIN_CONFIDENCE = 50.0
_ROTATE = re.compile(r"^Rotate: (\d+)", re.MULTILINE)
_CONFIDENCE = re.compile(r"^Orientation confidence: ([\d.]+)", re.MULTILINE)


class OcrError(Exception):
    """Tesseract could not read the image: the reason, for the message's defects."""


class OcrText(NamedTuple):
    """What Tesseract read on a page, and its words' mean confidence (0-100)."""

    text: str
    confidence: float

    @property
    def is_text(self) -> bool:
        """A page of writing, not a photograph of goods (a few marks read at low confidence)."""
        words = [w for w in self.text.split() if sum(c.isalnum() for c in w) >= 2]
        return len(words) >= MIN_WORDS and self.confidence >= MIN_CONFIDENCE


@dataclass(frozen=True)
class Ocr:
    """How to run Tesseract: the program, the languages installed of those wanted, a timeout,
    and whether its orientation data is there (to turn a page scanned sideways or upside
    down)."""

    command: str
    languages: str
    timeout_s: float
    orients: bool = False

    def read(self, image: Image) -> OcrText:
        """The text Tesseract reads on the image; OcrError when it fails or takes too long.

        A page read with low confidence may lie sideways or upside down (read as it lay,
        such a page gave nothing, or mirrored nonsense at 46-52 % confidence against 93-95
        % upright): Tesseract's orientation detection says how to turn it, and the turned
        page is read again. An upright page is read once.
        """
        page = prepared(image)
        png = _png(page)
        found = self._read(png)
        if found.confidence < UPRIGHT_CONFIDENCE and self.orients:
            turn = self._rotation(png)
            if turn:
                return self._read(_png(page.rotate(-turn, expand=True, fillcolor=255)))
        return found

    def _read(self, png: bytes) -> OcrText:
        """(text, mean word confidence) from Tesseract's TSV output.

        --psm 4: a single column of text of variable sizes, which is how a remittance table
        reads line by line: the automatic layouts (--psm 1 and 3) read each column of a
        25-line advice apart, and no line came out whole (4: all 25).
        """
        done = self._run(png, ["-l", self.languages, "--psm", "4", "tsv"])
        if done.returncode != 0:
            last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["?"])[-1]
            raise OcrError(f"OCR failed: {last[:120]}")
        return text_and_confidence(done.stdout.decode("utf-8", "replace"))

    def _rotation(self, png: bytes) -> int:
        """Degrees (clockwise) that set the page upright, by Tesseract's orientation
        detection (--psm 0, about half a page's reading); 0 when it cannot tell."""
        done = self._run(png, ["--psm", "0"])
        said = done.stdout.decode("ascii", "replace")
        found, sure = _ROTATE.search(said), _CONFIDENCE.search(said)
        if done.returncode != 0 or not found or not sure or float(sure[1]) < MIN_ORIENTATION:
            return 0  # a page of few characters: read as it is
        return int(found[1]) % 360

    def _run(self, png: bytes, options: list[str]) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(
                [self.command, "stdin", "stdout", *options],
                input=png,
                capture_output=True,
                timeout=self.timeout_s,
                env={**os.environ, "OMP_THREAD_LIMIT": "1"},
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise OcrError(f"OCR took over {self.timeout_s:g} s") from exc
        except OSError as exc:
            raise OcrError(f"OCR could not start: {exc.strerror or exc}") from exc


def text_and_confidence(tsv: str) -> OcrText:
    """Tesseract's TSV as text, a line per line it found, and its words' mean confidence."""
    lines: dict[tuple[str, ...], list[str]] = {}
    confidences: list[float] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        word = (row.get("text") or "").strip()
        if row.get("level") != "5" or not word:
            continue
        key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
        lines.setdefault(key, []).append(word)
        confidences.append(float(row.get("conf") or 0))
    text = "\n".join(" ".join(words) for words in lines.values())
    return OcrText(text, sum(confidences) / len(confidences) if confidences else 0.0)


def ocr_from_settings(settings: Settings) -> Ocr | None:
    """The OCR to use, or None when it is switched off or Tesseract is not installed."""
    if not settings.ocr:
        return None
    languages = _installed_languages(settings.ocr_command)
    wanted = [lang for lang in settings.ocr_languages.split("+") if lang in languages]
    if not wanted:
        return None
    orients = "osd" in languages
    return Ocr(settings.ocr_command, "+".join(wanted), settings.ocr_timeout_s, orients)


def _png(page: Image) -> bytes:
    """The page as Tesseract takes it on stdin (fast compression: it is read once)."""
    buffer = io.BytesIO()
    page.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def worth_reading(width: int, height: int) -> bool:
    """A page or a photograph of one: not a logo, an icon or a banner, and no bomb."""
    pixels = width * height
    return min(width, height) >= MIN_SIDE and MIN_PIXELS <= pixels <= MAX_PIXELS


def prepared(image: Image) -> Image:
    """Upright as the camera says (EXIF), greyscale (or black and white as scanned), small
    images scaled up for Tesseract."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    # A phone stores a portrait photograph sideways and says so in its EXIF orientation.
    image = ImageOps.exif_transpose(image) or image
    page = image if image.mode in {"1", "L"} else image.convert("L")
    scale = min(MAX_UPSCALE, TARGET_WIDTH / max(page.width, 1))
    if scale > 1.2:
        size = (round(page.width * scale), round(page.height * scale))
        page = page.convert("L").resize(size, PILImage.Resampling.LANCZOS)
    return page


@functools.cache
def _installed_languages(command: str) -> frozenset[str]:
    """The language packs Tesseract has; empty when the program is not there."""
    if shutil.which(command) is None:
        return frozenset()
    try:
        done = subprocess.run(
            [command, "--list-langs"], capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("tesseract did not list its languages", extra={"error": str(exc)})
        return frozenset()
    # The first line is a heading ('List of available languages in "…" (4):').
    lines = done.stdout.decode("utf-8", "replace").splitlines()[1:]
    return frozenset(line.strip() for line in lines if line.strip())
