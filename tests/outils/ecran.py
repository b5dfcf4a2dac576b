"""What a student must be able to see and reach on a page, checked in a real browser (issue 29).

- :func:`defauts_d_affichage` (``page``): every visible input, label and button of the page that
  is clipped (its text cut by ``overflow: hidden`` / ``text-overflow: ellipsis``, or its box cut
  by an ancestor that hides its overflow), crushed (an input box narrower than 24 px), covered
  by another element (``elementFromPoint`` at its centre is neither it nor inside it), or out of
  reach (still outside the window after ``scrollIntoView``); one French line each.
- :func:`parcourir_onglets` (``page``, ``verifier``): calls ``verifier()`` on the page as shown,
  then once per widget tab (``ipywidgets.Tab``) after clicking it, nested tabs included.
- :func:`audit_axe` (``page``): runs axe-core (from ``tests/axe/node_modules``, installed by
  ``make test``) on the page and returns its serious and critical violations.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from outils_ci import outil_manquant

DOSSIER_AXE = Path(__file__).resolve().parents[1] / "axe"
AXE_JS = DOSSIER_AXE / "node_modules" / "axe-core" / "axe.min.js"
LARGEURS = (1920, 1366, 768)
# The app's result widget is laid out (the page watchdog's test: an empty result zone, such as
# the CRM's client card before a search, counts; Playwright's :visible would not).
RESULTAT_AFFICHE = (
    "() => [...document.querySelectorAll('.atelier-resultat')]"
    ".some(e => e.getClientRects().length > 0)"
)

_DEFAUTS_JS = r"""
() => {
  const CIBLES = 'input:not([type=hidden]):not([type=file]), textarea, select, button, label,'
    + ' .widget-label, .jupyter-widget-label, .lm-TabBar-tab, .lm-TabBar-tabLabel';
  const defauts = [];
  const nom = (el) => {
    const t = (el.getAttribute('aria-label') || el.innerText || el.value || el.placeholder
      || el.title || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    const classes = [...el.classList].filter(c => c.startsWith('atelier-')).join('.');
    return `<${el.tagName.toLowerCase()}${classes ? '.' + classes : ''}> « ${t} »`;
  };
  const visible = (el) => {
    if (!el.getClientRects().length) return false;
    const s = getComputedStyle(el);
    if (s.visibility === 'hidden' || s.opacity === '0') return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const cache = (s) => ['hidden', 'clip'].includes(s);
  for (const el of document.querySelectorAll(CIBLES)) {
    if (!visible(el) || el.closest('[aria-hidden=true], .atelier-attente')) continue;
    const s = getComputedStyle(el);
    const texte = el.tagName === 'LABEL' || el.classList.contains('widget-label')
      || el.classList.contains('jupyter-widget-label') || el.tagName === 'BUTTON'
      || el.classList.contains('lm-TabBar-tab') || el.classList.contains('lm-TabBar-tabLabel');
    // 1. its own text cut (ellipsis or hidden overflow)
    if (texte && (cache(s.overflowX) || s.textOverflow === 'ellipsis')
        && el.scrollWidth > el.clientWidth + 1) {
      defauts.push(`${nom(el)} : texte coupé (${el.scrollWidth} px pour ${el.clientWidth} px)`);
      continue;
    }
    // 2. an input box crushed by its neighbours
    if (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)
        && !['checkbox', 'radio'].includes(el.type) && el.getBoundingClientRect().width < 24) {
      const l = Math.round(el.getBoundingClientRect().width);
      defauts.push(`${nom(el)} : zone de saisie écrasée (${l} px)`);
      continue;
    }
    // 3. cut by an ancestor that hides its overflow, where no scrolling can show it: inside
    //    a scrollable ancestor, what must be visible is that scrollable box
    let boite = el.getBoundingClientRect();
    let coupe = null;
    const ancetres = [];
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      ancetres.push([a, a.scrollLeft, a.scrollTop]);
      const sa = getComputedStyle(a);
      const ra = a.getBoundingClientRect();
      const defile = (v) => ['auto', 'scroll'].includes(v);
      if ((cache(sa.overflowX) && (boite.left < ra.left - 1 || boite.right > ra.right + 1))
          || (cache(sa.overflowY) && (boite.top < ra.top - 1 || boite.bottom > ra.bottom + 1))) {
        coupe = a; break;
      }
      if (defile(sa.overflowX) || defile(sa.overflowY)) boite = ra;
    }
    if (coupe) {
      const qui = `<${coupe.tagName.toLowerCase()} class="${coupe.className}">`;
      defauts.push(`${nom(el)} : caché par le débordement masqué de ${qui}`);
      continue;
    }
    // 4. reachable (scrolled into view) and not covered
    el.scrollIntoView({block: 'center', inline: 'center'});
    const b = el.getBoundingClientRect();
    const x = b.left + Math.min(b.width / 2, 12), y = b.top + b.height / 2;
    const dessus = (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight)
      ? undefined : document.elementFromPoint(x, y);
    for (const [a, gauche, haut] of ancetres) { a.scrollLeft = gauche; a.scrollTop = haut; }
    if (dessus === undefined) {
      defauts.push(`${nom(el)} : hors d'atteinte (même en faisant défiler la page)`);
      continue;
    }
    const lie = dessus && (dessus === el || el.contains(dessus) || dessus.contains(el)
      || (dessus.tagName === 'LABEL' && dessus.control === el)
      || (el.tagName === 'LABEL' && el.control === dessus));
    if (!lie) {
      const quoi = dessus
        ? `<${dessus.tagName.toLowerCase()} class="${dessus.className}">` : 'rien';
      defauts.push(`${nom(el)} : recouvert par ${quoi}`);
    }
  }
  window.scrollTo(0, 0);
  return defauts;
}
"""


def defauts_d_affichage(page) -> list[str]:
    """French lines, one per input, label or button of ``page`` that a student cannot see or
    reach whole (empty when the page is right)."""
    return page.evaluate(_DEFAUTS_JS)


_ONGLETS_JS = r"""
() => [...document.querySelectorAll('.lm-TabBar-tab')]
  .filter(t => t.getClientRects().length)
  .map(t => t.innerText.trim())
"""


def parcourir_onglets(page, verifier: Callable[[str], None], limite: int = 40) -> None:
    """``verifier(onglet)`` on the page as shown (``onglet`` = ""), then after a click on each
    widget tab, nested tabs included (at most ``limite`` tabs)."""
    verifier("")
    vus: set[str] = set()
    for _ in range(limite):
        restants = [t for t in page.evaluate(_ONGLETS_JS) if t not in vus]
        if not restants:
            return
        titre = restants[0]
        vus.add(titre)
        page.locator(".lm-TabBar-tab", has_text=titre).first.click()
        page.wait_for_timeout(300)
        verifier(titre)


# Left out of the audit, each for a reason that is not ours to fix:
# - ipywidgets' slider handle (a <div role="slider">) cannot be named from Python (its label is
#   the widget's description, not linked to the handle; upstream ipywidgets); the value is
#   written in French next to each slider (negociation).
# - ipywidgets' Image (an <img>) has no alt trait, and its tooltip breaks its rendering (an
#   error widget); every chart sits next to a table of the same figures (equipe, tournee).
EXCLUS_AXE = (".widget-slider [role=slider]", ".widget-image")


def audit_axe(page, regles_ignorees: tuple[str, ...] = ()) -> list[str]:
    """The serious and critical axe-core violations of ``page`` (WCAG 2.1 A and AA, what the
    RGAA 4 maps), one French line each with up to three of the elements at fault; the
    elements of :data:`EXCLUS_AXE` are left out."""
    if not AXE_JS.is_file():
        outil_manquant(
            f"axe-core absent ({AXE_JS}) : make test l'installe "
            f"(npm install --prefix {DOSSIER_AXE.relative_to(DOSSIER_AXE.parents[1])})"
        )
    page.add_script_tag(path=str(AXE_JS))
    resultat = page.evaluate(
        """async ([ignorees, exclus]) => {
          const r = await axe.run({exclude: exclus.map(s => [s])}, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            rules: Object.fromEntries(ignorees.map(id => [id, {enabled: false}])),
          });
          return r.violations
            .filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => `${v.id} (${v.impact}) : ${v.help} — `
              + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ')
              + (v.nodes.length > 3 ? ` … (${v.nodes.length} éléments)` : ''));
        }""",
        [list(regles_ignorees), list(EXCLUS_AXE)],
    )
    return resultat
