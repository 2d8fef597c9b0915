"""One module per step of the journey: start, facts, walker, preview, export."""
