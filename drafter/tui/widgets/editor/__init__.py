"""Heading and body editor of one point, with its guidance."""
