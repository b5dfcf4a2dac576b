"""Who the student of this kernel is, for the files kept per student (SQL history, sandbox).

- :func:`retenir_eleve`: the class-list identity locked in this kernel, per class folder
  (called by ``widgets.ui.exercice.Exercice.se_connecter``: one student per page/kernel);
- :func:`etudiant_de_session`: the identity a widget without an explicit ``etudiant`` keys
  its files by: the hub user; on a dashboards server (``ATELIER_CLASSE``), the student locked
  in this kernel, else a key of this kernel alone (its files are removed when the kernel
  exits), so two students never share a history or a sandbox; alone at home, ``None`` (the
  user's own files, as before);
- :func:`etudiant_des_plans`: the same for the plans a student keeps (sales plan, tour, action
  plan), except that a class server WITHOUT a class list is one teacher's or one student's own
  server (``atelier dashboards`` on a PC): plans stay in the user's folder there, found again
  after a tab is closed.
"""

from __future__ import annotations

import atexit
import os
import shutil
import uuid
import weakref
from pathlib import Path

from widgets.donnees.classe import Eleve, charger_classe, utilisateur_hub

_SESSION: dict[str, Eleve] = {}
"""Identity locked in this kernel, per class folder (one student per Voilà page/kernel)."""
_NOYAU = f"noyau {os.getpid()} {uuid.uuid4().hex[:12]}"
"""This kernel's own key on a dashboards server, until its student is identified."""
_FICHIERS_DU_NOYAU: set[Path] = set()
_ABONNES: weakref.WeakSet = weakref.WeakSet()
"""Widgets told when a student is identified in this kernel (``_identite_changee()``)."""

__all__ = [
    "eleve_retenu",
    "etudiant_de_session",
    "etudiant_des_plans",
    "fichier_du_noyau",
    "retenir_eleve",
]


def retenir_eleve(dossier: str | Path, eleve: Eleve) -> None:
    """The student identified in this kernel for the class folder ``dossier``."""
    _SESSION[str(dossier)] = eleve
    for abonne in list(_ABONNES):
        abonne._identite_changee()


def suivre_identite(widget: object) -> None:
    """Call ``widget._identite_changee()`` each time a student is identified in this kernel,
    and ``widget.relire_si_modifie()`` each time a page connects to it (:func:`page_connectee`)."""
    _installer_rafraichissement_a_la_connexion()
    _ABONNES.add(widget)


def page_connectee() -> None:
    """A page connects to this kernel: the widgets that keep a file read it again if it changed
    (a kernel prepared in advance by the server's pool was rendered before the student's last
    save; the page must show the saved work, and must not save over it)."""
    for abonne in list(_ABONNES):
        try:
            abonne.relire_si_modifie()
        except Exception:  # noqa: BLE001 - a refresh never breaks the page
            pass


def _installer_rafraichissement_a_la_connexion() -> None:
    # ipywidgets 8: a page connecting asks for the state of every widget in ONE message on the
    # control comm ("request_states", handled by Widget._handle_control_comm_msg, resolved when
    # the comm opens); older front ends ask widget by widget ("request_state", see
    # PlanEnregistre._handle_msg). There is no public hook, so the class method is wrapped once:
    # refresh first, then ipywidgets answers with the refreshed states.
    from ipywidgets import Widget

    origine = Widget.__dict__.get("_handle_control_comm_msg")
    if not isinstance(origine, classmethod) or getattr(Widget, "_atelier_rafraichit", False):
        return
    fonction = origine.__func__

    def _handle_control_comm_msg(cls, msg):  # noqa: ANN001, ANN202 - ipywidgets' signature
        donnees = (msg.get("content") or {}).get("data") or {}
        if isinstance(donnees, dict) and donnees.get("method") == "request_states":
            page_connectee()
        return fonction(cls, msg)

    Widget._handle_control_comm_msg = classmethod(_handle_control_comm_msg)
    Widget._atelier_rafraichit = True


def eleve_retenu(dossier: str | Path) -> Eleve | None:
    """The student identified in this kernel for the class folder ``dossier``, if any."""
    return _SESSION.get(str(dossier))


def etudiant_de_session() -> str | None:
    """The hub user, the student locked in this kernel, this kernel's key, or None."""
    hub = utilisateur_hub()
    if hub is not None:
        return hub
    if not os.environ.get("ATELIER_CLASSE", "").strip():
        return None  # a student alone: their own data folder
    classe = charger_classe()
    if classe is not None and str(classe.dossier) in _SESSION:
        return _SESSION[str(classe.dossier)].identifiant
    return _NOYAU


def etudiant_des_plans() -> str | None:
    """Whose plans this kernel edits: the hub user; with a class list, the student identified
    in this kernel, else this kernel's own key (plans kept until the kernel exits); None
    (the user's own folder) on a server without a class list or for a student alone."""
    hub = utilisateur_hub()
    if hub is not None:
        return hub
    if not os.environ.get("ATELIER_CLASSE", "").strip() or charger_classe() is None:
        return None
    return etudiant_de_session()


def est_cle_du_noyau(etudiant: str | None) -> bool:
    """True for this kernel's own key (a student not identified yet on a class server)."""
    return etudiant == _NOYAU


def fichier_du_noyau(etudiant: str | None, chemin: Path) -> Path:
    """``chemin``; removed when the kernel exits if it belongs to this kernel's own key."""
    if etudiant == _NOYAU:
        _FICHIERS_DU_NOYAU.add(Path(chemin))
    return chemin


@atexit.register
def _nettoyer() -> None:  # pragma: no cover - runs at interpreter exit
    for chemin in _FICHIERS_DU_NOYAU:
        try:
            if Path(chemin).is_dir():
                shutil.rmtree(chemin, ignore_errors=True)
                continue
            Path(chemin).unlink(missing_ok=True)
        except OSError:
            pass
