"""Small inline SVG charts for the HTML report: bars with intervals, reliability, histogram.

Every text that reaches the SVG is escaped here; callers may pass dataset text.
"""

from __future__ import annotations

from html import escape
from typing import Any

from markupsafe import Markup

BLUE, GREY, RED, INK = "#2f6db5", "#b8c2cc", "#c0392b", "#222"


def _svg(width: int, height: int, body: list[str], title: str) -> Markup:
    head = (
        f'<svg width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
    )
    return Markup(head + "".join(body) + "</svg>")


def bar_chart(
    rows: list[tuple[str, float | None, tuple[float, float] | None]],
    *,
    title: str,
    width: int = 560,
) -> Markup:
    """Horizontal bars in [0, 1] with an optional interval whisker per row."""
    left, right, row_h = 190, 60, 22
    plot = width - left - right
    height = row_h * len(rows) + 30
    body = [
        f'<line x1="{left}" y1="4" x2="{left}" y2="{height - 24}" stroke="{GREY}"/>',
    ]
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = left + plot * tick
        body.append(
            f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{height - 24}" stroke="#eee"/>'
            f'<text x="{x:.1f}" y="{height - 8}" font-size="10" text-anchor="middle" '
            f'fill="{INK}">{tick:g}</text>'
        )
    for i, (label, value, ci) in enumerate(rows):
        y = 6 + i * row_h
        body.append(
            f'<text x="{left - 6}" y="{y + 13}" font-size="12" text-anchor="end" '
            f'fill="{INK}">{escape(label)}</text>'
        )
        if value is None:
            body.append(f'<text x="{left + 4}" y="{y + 13}" font-size="11" fill="#777">n/a</text>')
            continue
        body.append(
            f'<rect x="{left}" y="{y + 3}" width="{plot * value:.1f}" height="{row_h - 8}" '
            f'fill="{BLUE}"><title>{escape(label)}: {value:.3f}</title></rect>'
        )
        label_x = left + plot * max(value, ci[1] if ci else value) + 6
        body.append(
            f'<text x="{label_x:.1f}" y="{y + 13}" font-size="10" fill="{INK}">{value:.2f}</text>'
        )
        if ci is not None:
            lo, hi = (left + plot * c for c in ci)
            mid = y + row_h / 2 - 1
            body.append(
                f'<line x1="{lo:.1f}" y1="{mid}" x2="{hi:.1f}" y2="{mid}" stroke="{INK}"/>'
                f'<line x1="{lo:.1f}" y1="{mid - 4}" x2="{lo:.1f}" y2="{mid + 4}" stroke="{INK}"/>'
                f'<line x1="{hi:.1f}" y1="{mid - 4}" x2="{hi:.1f}" y2="{mid + 4}" stroke="{INK}"/>'
            )
    return _svg(width, height, body, title)


def reliability_chart(bins: list[dict[str, Any]], *, title: str, size: int = 300) -> Markup:
    """Accuracy against mean confidence per bin; the diagonal is perfect calibration."""
    pad = 36
    plot = size - 2 * pad

    def px(v: float) -> float:
        return pad + plot * v

    def py(v: float) -> float:
        return size - pad - plot * v

    body = [
        f'<rect x="{pad}" y="{pad}" width="{plot}" height="{plot}" fill="none" stroke="{GREY}"/>',
        f'<line x1="{px(0)}" y1="{py(0)}" x2="{px(1)}" y2="{py(1)}" stroke="{GREY}" '
        'stroke-dasharray="4 3"/>',
        f'<text x="{size / 2}" y="{size - 6}" font-size="11" text-anchor="middle">'
        "confidence</text>",
        f'<text x="10" y="{size / 2}" font-size="11" text-anchor="middle" '
        f'transform="rotate(-90 10 {size / 2})">intent exact-match</text>',
    ]
    total = sum(b["n"] for b in bins) or 1
    points = []
    for b in bins:
        if not b["n"]:
            continue
        x, y = px(b["confidence"]), py(b["accuracy"])
        r = 3 + 9 * (b["n"] / total) ** 0.5
        points.append(f"{x:.1f},{y:.1f}")
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{BLUE}" fill-opacity="0.6">'
            f"<title>{b['lo']:.1f}–{b['hi']:.1f}: n={b['n']}, confidence "
            f"{b['confidence']:.2f}, accuracy {b['accuracy']:.2f}</title></circle>"
        )
    if len(points) > 1:
        body.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{BLUE}"/>')
    for tick in (0, 0.5, 1):
        body.append(
            f'<text x="{px(tick)}" y="{size - pad + 14}" font-size="10" '
            f'text-anchor="middle">{tick:g}</text>'
            f'<text x="{pad - 6}" y="{py(tick) + 4}" font-size="10" '
            f'text-anchor="end">{tick:g}</text>'
        )
    return _svg(size, size, body, title)


def histogram(values: list[float], *, title: str, unit: str = "ms", width: int = 560) -> Markup:
    """Counts of `values` in 20 equal bins."""
    height, pad = 160, 30
    if not values:
        return _svg(width, 40, ['<text x="4" y="20" font-size="12">no data</text>'], title)
    # The range stops at the 99th percentile so one slow warm-up case does not flatten the
    # chart; slower values land in the last bin.
    ordered = sorted(values)
    lo, hi = ordered[0], ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    span = (hi - lo) or 1.0
    counts = [0] * 20
    for v in values:
        counts[max(0, min(int((v - lo) / span * 20), 19))] += 1
    top = max(counts)
    bar_w = (width - 2 * pad) / 20
    body = []
    for i, c in enumerate(counts):
        h = (height - 2 * pad) * c / top
        body.append(
            f'<rect x="{pad + i * bar_w:.1f}" y="{height - pad - h:.1f}" '
            f'width="{bar_w - 2:.1f}" height="{h:.1f}" fill="{BLUE}"><title>{c}</title></rect>'
        )
    body.append(
        f'<text x="{pad}" y="{height - 10}" font-size="10">{lo:.0f} {escape(unit)}</text>'
        f'<text x="{width - pad}" y="{height - 10}" font-size="10" text-anchor="end">'
        f"{hi:.0f}+ {escape(unit)}</text>"
    )
    return _svg(width, height, body, title)
