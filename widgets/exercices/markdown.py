"""Safe Markdown → HTML for statements and solutions, rendered by mistune (a maintained
CommonMark parser, already installed with JupyterLab's nbconvert).

The renderer keeps the compact HTML of the first hand-written converter, which the catalogue,
the corrigé and the exam pages were written against: headings two levels down (a statement
sits under the page's own ``h1``/``h2``), one ``<br>`` per line break inside a paragraph, lists
and tables without whitespace between tags, no ``class`` on code blocks. Raw HTML in the text
is escaped, never passed through, and links and images are not parsed (the subset of the
first converter): a statement or a solution can never inject markup, scripts or a link.
"""

from __future__ import annotations

import html
from typing import Any

import mistune
from mistune.core import BlockState, InlineState
from mistune.plugins import import_plugin

__all__ = ["markdown_en_html", "markdown_en_ligne"]


def _echapper(texte: str) -> str:
    return html.escape(texte, quote=False)


class _RenduAtelier(mistune.HTMLRenderer):
    """mistune's HTML renderer with the workbench's compact layout (see the module doc)."""

    def __init__(self) -> None:
        super().__init__(escape=True)

    def text(self, text: str) -> str:
        return _echapper(text)

    def codespan(self, text: str) -> str:
        return f"<code>{_echapper(text)}</code>"

    def softbreak(self) -> str:
        return "<br>"

    def linebreak(self) -> str:
        return "<br>"

    def paragraph(self, text: str) -> str:
        return f"<p>{text}</p>\n"

    def heading(self, text: str, level: int, **attrs: Any) -> str:
        n = min(level + 2, 6)
        return f"<h{n}>{text}</h{n}>\n"

    def block_code(self, code: str, info: str | None = None) -> str:
        return f"<pre><code>{_echapper(code.removesuffix(chr(10)))}</code></pre>\n"

    def list(self, text: str, ordered: bool, **attrs: Any) -> str:
        balise = "ol" if ordered else "ul"
        return f"<{balise}>{text}</{balise}>\n"

    def list_item(self, text: str) -> str:
        return f"<li>{text.strip()}</li>"

    def block_text(self, text: str) -> str:
        return text

    # pipe tables (mistune's "table" plugin calls these by name)
    def table(self, text: str) -> str:
        return f"<table>{text}</table>\n"

    def table_head(self, text: str) -> str:
        return f"<thead><tr>{text}</tr></thead>"

    def table_body(self, text: str) -> str:
        return f"<tbody>{text}</tbody>"

    def table_row(self, text: str) -> str:
        return f"<tr>{text}</tr>"

    def table_cell(self, text: str, align: str | None = None, head: bool = False) -> str:
        balise = "th" if head else "td"
        return f"<{balise}>{text}</{balise}>"


def _analyseur() -> mistune.Markdown:
    """The statements' subset: no links, images or raw HTML (a statement points nowhere and
    any ``<tag>`` is shown as text); ``\\*`` writes a literal star."""
    bloc = mistune.BlockParser()
    bloc.rules = [r for r in bloc.rules if r not in ("ref_link", "raw_html")]
    en_ligne = mistune.InlineParser()
    sans = ("link", "link_close", "auto_link", "auto_email", "inline_html")
    en_ligne.rules = [r for r in en_ligne.rules if r not in sans]
    return mistune.Markdown(
        renderer=_rendu, block=bloc, inline=en_ligne, plugins=[import_plugin("table")]
    )


_rendu = _RenduAtelier()
_markdown = _analyseur()


def markdown_en_html(texte: str) -> str:
    """Markdown (paragraphs, headings, lists, bold, italics, code, fenced code, pipe tables) as
    safe HTML, one block per line."""
    return str(_markdown(texte)).strip("\n")


def markdown_en_ligne(texte: str) -> str:
    """One line of Markdown (bold, italics, code) as safe inline HTML, without a paragraph."""
    etat = BlockState()
    jetons = _markdown.inline(" ".join(texte.split()), InlineState(etat.env))
    return _rendu.render_tokens(jetons, etat)
