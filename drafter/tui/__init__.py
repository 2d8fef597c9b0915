"""The terminal UI (Textual). Importing this package does not import Textual:
`drafter.tui.app` does, and only `drafter tui` imports it."""
