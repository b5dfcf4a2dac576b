"""A run request carries the editor's text: it must win over a value update still in flight.

ipywidgets 8 holds back state updates while the kernel is busy but sends custom messages at once,
so Ctrl+Entrée could otherwise run the query as it was a few keystrokes earlier.
"""

from __future__ import annotations

from widgets.ui.editeur_sql import EditeurSQL


def test_the_run_message_sets_the_text_before_running():
    editeur = EditeurSQL(value="SELECT * FROM clients ORD")
    vus: list[str] = []
    editeur.sur_execution(lambda: vus.append(editeur.value))
    editeur._recevoir(editeur, {"type": "executer", "sql": "SELECT * FROM clients ORDER BY 1"}, [])
    assert vus == ["SELECT * FROM clients ORDER BY 1"]


def test_a_value_message_updates_the_text_without_running():
    editeur = EditeurSQL(value="SELECT")
    vus: list[str] = []
    editeur.sur_execution(lambda: vus.append(editeur.value))
    editeur._recevoir(editeur, {"type": "valeur", "sql": "SELECT 1"}, [])
    assert editeur.value == "SELECT 1"
    assert vus == []
