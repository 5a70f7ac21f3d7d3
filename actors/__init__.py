"""The actor directory: organisations on every level, their tasks and contacts."""
