"""The name index finds what one big alternation would, without trying every name."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from agent.names import NameIndex

# Few letters and short words, so names share words and prefixes, contain one another
# and run into each other in the texts.
word = st.text(alphabet="abé1_", min_size=1, max_size=3)
name = st.builds(
    lambda words, signs: "".join(w + s for w, s in zip(words, signs, strict=False)),
    st.lists(word, min_size=1, max_size=3),
    st.lists(st.sampled_from([" ", "-", "'", ". ", " & "]), min_size=2, max_size=2),
).map(lambda n: n.rstrip(" -'.&"))


def _alternation(names: list[str], text: str) -> set[str]:
    """The regular expression the index replaces: the longest name first, whole words."""
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return {m.group(0) for m in pattern.finditer(text)}


@settings(max_examples=400, deadline=None)
@given(
    names=st.lists(name, min_size=1, max_size=12, unique=True),
    pieces=st.lists(st.tuples(st.booleans(), st.integers(0, 11), word), max_size=12),
    glue=st.lists(st.sampled_from([" ", "", "-", ", ", "_", "é", "\n"]), min_size=12, max_size=12),
)
def test_the_index_finds_what_the_alternation_finds(
    names: list[str], pieces: list[tuple[bool, int, str]], glue: list[str]
) -> None:
    parts = [names[i % len(names)] if use_name else other for use_name, i, other in pieces]
    text = "".join(part + glue[n] for n, part in enumerate(parts))
    index = NameIndex((n, n) for n in names)
    assert index.find(text) == _alternation(names, text)


def test_names_that_start_with_a_sign_are_found_too() -> None:
    index = NameIndex([("&co trading", "AMP"), ("acme trading", "ACME")])
    assert index.find("from &co trading and acme trading") == {"AMP", "ACME"}
    assert index.find("acme tradings") == set()


def test_a_longer_name_wins_where_both_start() -> None:
    index = NameIndex([("berg", "B"), ("berg logistics", "BL")])
    assert index.find("berg logistics wrote; berg too") == {"BL", "B"}
    assert index.find("berg logistics") == {"BL"}


def test_a_name_inside_a_longer_match_is_not_found_again() -> None:
    index = NameIndex([("acme trading", "ACME"), ("trading", "T")])
    assert index.find("acme trading") == {"ACME"}
    assert index.find("acme trading and trading") == {"ACME", "T"}
