"""Widgets grouped by feature: the outline list, the section editor, the suggestions panel."""
