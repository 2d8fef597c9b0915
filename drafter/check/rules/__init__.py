"""Rule families. Each module exposes RULES (id -> (severity, what it catches)) and check(ctx)."""
