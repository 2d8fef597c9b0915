"""The outline as a navigable list of points with progress marks."""
