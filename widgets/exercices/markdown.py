"""A tiny, safe Markdown → HTML converter for statements and solutions (no dependency).

The ``markdown`` package is not installed in the lab environment, and statements only need a
small subset: paragraphs, ``#`` headings, ``-`` / ``1.`` lists, ``**gras**``, ``*italique*``,
```` `code` ````, fenced code blocks (```` ``` ````) and pipe tables (``| a | b |``). Everything
is HTML-escaped first, so a statement can never inject markup or scripts.
"""

from __future__ import annotations

import html
import re

_EN_LIGNE = (
    (re.compile(r"\*\*(.+?)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"<em>\1</em>"),
)


def _en_ligne(texte: str) -> str:
    morceaux = re.split(r"(`[^`]+`)", html.escape(texte, quote=False))
    sortie = []
    for m in morceaux:
        if m.startswith("`") and m.endswith("`") and len(m) > 1:
            sortie.append(f"<code>{m[1:-1]}</code>")
            continue
        for motif, remplacement in _EN_LIGNE:
            m = motif.sub(remplacement, m)
        sortie.append(m)
    return "".join(sortie)


def _tableau(lignes: list[str]) -> str:
    def cellules(ligne: str) -> list[str]:
        return [c.strip() for c in ligne.strip().strip("|").split("|")]

    entete, corps = cellules(lignes[0]), lignes[1:]
    if corps and re.fullmatch(r"[\s|:\-]+", corps[0]):
        corps = corps[1:]
    tete = "".join(f"<th>{_en_ligne(c)}</th>" for c in entete)
    rangs = "".join(
        "<tr>" + "".join(f"<td>{_en_ligne(c)}</td>" for c in cellules(ligne)) + "</tr>"
        for ligne in corps
    )
    return f"<table><thead><tr>{tete}</tr></thead><tbody>{rangs}</tbody></table>"


def markdown_en_ligne(texte: str) -> str:
    """One line of Markdown (bold, italics, code) as safe inline HTML, without a paragraph."""
    return _en_ligne(" ".join(texte.split()))


def markdown_en_html(texte: str) -> str:
    """Convert the Markdown subset described in the module docstring to safe HTML."""
    blocs: list[str] = []
    lignes = texte.strip("\n").splitlines()
    i = 0
    while i < len(lignes):
        ligne = lignes[i]
        brut = ligne.strip()
        if not brut:
            i += 1
            continue
        if brut.startswith("```"):
            code = []
            i += 1
            while i < len(lignes) and not lignes[i].strip().startswith("```"):
                code.append(lignes[i])
                i += 1
            i += 1
            blocs.append(f"<pre><code>{html.escape(chr(10).join(code), quote=False)}</code></pre>")
            continue
        titre = re.match(r"(#{1,4})\s+(.*)", brut)
        if titre:
            n = len(titre.group(1)) + 2  # statements sit under the page's own h1/h2
            blocs.append(f"<h{min(n, 6)}>{_en_ligne(titre.group(2))}</h{min(n, 6)}>")
            i += 1
            continue
        if brut.startswith("|"):
            bloc = []
            while i < len(lignes) and lignes[i].strip().startswith("|"):
                bloc.append(lignes[i])
                i += 1
            blocs.append(_tableau(bloc))
            continue
        puce = re.match(r"([-*]|\d+[.)])\s+", brut)
        if puce:
            ordonnee = puce.group(1)[0].isdigit()
            items = []
            while i < len(lignes):
                m = re.match(r"\s*([-*]|\d+[.)])\s+(.*)", lignes[i])
                if not m:
                    break
                items.append(f"<li>{_en_ligne(m.group(2))}</li>")
                i += 1
            balise = "ol" if ordonnee else "ul"
            blocs.append(f"<{balise}>{''.join(items)}</{balise}>")
            continue
        paragraphe = []
        while (
            i < len(lignes)
            and lignes[i].strip()
            and not re.match(r"\s*(```|#{1,4}\s|\||[-*]\s|\d+[.)]\s)", lignes[i])
        ):
            paragraphe.append(_en_ligne(lignes[i].strip()))
            i += 1
        blocs.append("<p>" + "<br>".join(paragraphe) + "</p>")
    return "\n".join(blocs)
