"""Small inline SVG charts, rendered on the server (no JavaScript, no third-party library)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#2c7a7b", "#975a16",
           "#4a5568", "#9b2c2c")  # fmt: skip


def bar_chart(values: dict[str, float], *, width: int = 420, unit: str = "") -> Markup:
    """Horizontal bars, one per label."""
    if not values:
        return Markup('<p class="muted">No data yet.</p>')
    row_h, label_w = 22, 150
    height = row_h * len(values) + 4
    top = max(values.values()) or 1
    parts = [
        f'<svg class="chart" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}">'
    ]
    for i, (label, value) in enumerate(values.items()):
        y = i * row_h + 2
        bar = (width - label_w - 60) * value / top
        parts.append(
            f'<text x="0" y="{y + 15}" class="lbl">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{bar:.1f}" height="{row_h - 6}" '
            f'fill="{PALETTE[i % len(PALETTE)]}"><title>{escape(label)}: {value:g}{unit}</title>'
            f'</rect><text x="{label_w + bar + 4:.1f}" y="{y + 15}" class="val">'
            f"{value:g}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


_LEGEND_ROW = 16  # px between legend rows


def _legend_rows(names: Sequence[str], left: int, width: int) -> list[list[tuple[int, str, int]]]:
    """(colour index, name, x) per legend entry, wrapped into rows that fit `width`.

    One row held three of nine intents: the other six were drawn past the chart's edge.
    """
    rows: list[list[tuple[int, str, int]]] = [[]]
    x = left
    for j, name in enumerate(names):
        item_w = 13 + 7 * len(name) + 12
        if rows[-1] and x + item_w - 12 > width:
            rows.append([])
            x = left
        rows[-1].append((j, name, x))
        x += item_w
    return rows


def stacked_columns(
    periods: Sequence[str], series: Mapping[str, Sequence[int]], *, width: int = 460,
    height: int = 220,
) -> Markup:  # fmt: skip
    """Columns per period, stacked by series, with a legend."""
    if not periods or not series:
        return Markup('<p class="muted">No data yet.</p>')
    names = list(series)
    totals = [sum(series[n][i] for n in names) for i in range(len(periods))]
    top = max(totals) or 1
    plot_h, base_y, left = height - 60, height - 40, 36
    col_w = (width - left) / len(periods)
    legend = _legend_rows(names, left, width)
    full_h = height + _LEGEND_ROW * (len(legend) - 1)
    parts = [
        f'<svg class="chart" role="img" width="{width}" height="{full_h}" '
        f'viewBox="0 0 {width} {full_h}">',
        f'<text x="0" y="12" class="val">{top}</text>',
        f'<line x1="{left}" y1="{base_y}" x2="{width}" y2="{base_y}" class="axis"/>',
    ]
    for i, period in enumerate(periods):
        x = left + i * col_w + 3
        y = float(base_y)
        for j, name in enumerate(names):
            value = series[name][i]
            if not value:
                continue
            h = plot_h * value / top
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{col_w - 6:.1f}" height="{h:.1f}" '
                f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(period)} '
                f"{escape(name)}: {value}</title></rect>"
            )
        parts.append(
            f'<text x="{x:.1f}" y="{base_y + 14}" class="lbl small">{escape(period)}</text>'
        )
    for row, items in enumerate(legend):
        y = height - 14 + row * _LEGEND_ROW
        for j, name, x in items:
            parts.append(
                f'<rect x="{x}" y="{y}" width="10" height="10" '
                f'fill="{PALETTE[j % len(PALETTE)]}"/><text x="{x + 13}" y="{y + 9}" '
                f'class="lbl small">{escape(name)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
