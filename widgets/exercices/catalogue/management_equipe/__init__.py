"""Exercices de l'unité management_equipe (un module par thème)."""
