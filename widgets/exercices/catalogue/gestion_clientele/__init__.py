"""Exercices de l'unité gestion_clientele (un module par thème)."""
