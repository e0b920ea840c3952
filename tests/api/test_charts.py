"""The dashboard's server-side SVG charts."""

from __future__ import annotations

import re

from agent.schema import INTENTS
from api.charts import stacked_columns


def test_every_series_has_a_legend_entry_inside_the_chart() -> None:
    """Nine intents: one legend row held three, the rest were drawn past the edge."""
    svg = str(stacked_columns(["09 Nov", "16 Nov"], {i: [1, 2] for i in INTENTS}, width=460))
    height = int(re.search(r'<svg[^>]* height="(\d+)"', svg).group(1))  # type: ignore[union-attr]
    legend = re.findall(r'<text x="([\d.]+)" y="([\d.]+)" class="lbl small">([a-z_]+)</text>', svg)
    assert [name for _, _, name in legend] == list(INTENTS)
    for x, y, name in legend:
        assert float(x) + 7 * len(name) <= 460, name  # 7 px a character, as laid out
        assert float(y) <= height, name
    assert height > 220  # the legend took more rows


def test_a_short_legend_keeps_the_chart_height() -> None:
    svg = str(stacked_columns(["09 Nov"], {"en": [3], "de": [1]}, height=220))
    assert 'height="220"' in svg
