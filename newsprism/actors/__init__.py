"""Actors of one article: the people, groups and places it names, every mention and loaded label of each,
their country and gender (`component`, the `newsprism_actors` spaCy component)."""
