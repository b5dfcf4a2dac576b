"""Exercices de l'unité relation_client (un module par thème)."""
