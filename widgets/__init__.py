"""Atelier NRC : un atelier Jupyter pour le BTS NRC / NDRC.

Trois couches, une seule direction de dépendance :

- ``widgets.calculs`` : calculs purs (Decimal, aucune entrée/sortie, aucun widget) ;
- ``widgets.donnees`` et ``widgets.sql`` : accès aux données (base clients, moteur SQL sûr,
  progression des étudiants) ;
- ``widgets.ui`` : les widgets ipywidgets, minces, qui affichent et appellent
  les couches du dessous.

Les carnets (``notebooks/``) et les applications Voilà (``voila_apps/``) ne contiennent que
la narration et la mise en page.
"""

__version__ = "0.1.0"
