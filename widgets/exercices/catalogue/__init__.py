"""The exercise catalogue: one sub-package per teaching unit, one module per theme.

Every module here is imported by ``widgets.exercices.registre.decouvrir()``; see README.md.
"""
