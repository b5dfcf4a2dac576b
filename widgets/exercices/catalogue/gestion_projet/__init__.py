"""Exercices de l'unité gestion_projet (un module par thème)."""
