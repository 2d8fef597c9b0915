"""Phrase-bank and heading suggestions for the current point, with search."""
