"""Exercices de l'unité relation_digitale (NDRC, bloc 2 : relation client digitale)."""
