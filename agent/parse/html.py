"""HTML to readable plain text: scripts and styles dropped, line breaks kept, quotes marked."""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, Comment, MarkupResemblesLocatorWarning, NavigableString, Tag

_DROP = {"script", "style", "head", "title", "noscript", "template", "svg", "object", "iframe"}
_BLOCK = {
    "p", "div", "tr", "table", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "header", "footer", "pre", "dd", "dt", "dl", "address", "center",
    "form", "fieldset", "tbody", "thead", "tfoot", "main", "nav", "aside", "figure",
}  # fmt: skip
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")
_BLANKS = re.compile(r"\n{3,}")


def html_to_text(html: str) -> str:
    """The text a reader sees; `<blockquote>` content comes out with `> ` before each line."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        soup = BeautifulSoup(html, "html.parser")
    try:
        text = _render(soup)
    except RecursionError:
        # Pathologically nested markup: flat text is still better than nothing.
        text = soup.get_text("\n")
    lines = [line.strip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def _render(node: Tag) -> str:
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            if type(child) is not NavigableString:
                continue  # doctype, CDATA, processing instructions
            parts.append(_SPACE.sub(" ", str(child)))
        elif isinstance(child, Tag):
            parts.append(_render_tag(child))
    return "".join(parts)


def _render_tag(tag: Tag) -> str:
    name = tag.name.lower()
    if name in _DROP:
        return ""
    if name == "br":
        return "\n"
    if name == "hr":
        return "\n________________________________\n"
    if name == "pre":
        return "\n" + tag.get_text() + "\n"
    if name == "blockquote":
        inner = _render(tag).strip("\n")
        quoted = "\n".join(
            "> " + line.strip() if line.strip() else ">" for line in inner.split("\n")
        )
        return "\n" + quoted + "\n"
    if name in {"td", "th"}:
        return _render(tag) + " "
    inner = _render(tag)
    if name == "li":
        return "\n- " + inner.strip() + "\n"
    if name in _BLOCK:
        return "\n" + inner + "\n"
    if name == "a":
        return _link(tag, inner)
    return inner


def _link(tag: Tag, inner: str) -> str:
    """Keep a link's address when its text hides it (a buyer may paste a payment link)."""
    href = tag.get("href")
    if isinstance(href, str) and href.startswith(("http://", "https://")):
        label = inner.strip()
        if label and label != href and href not in label:
            return f"{inner} <{href}>"
    return inner
