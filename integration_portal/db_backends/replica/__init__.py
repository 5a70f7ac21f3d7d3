"""The read replica's connection: PostgreSQL that falls back to the primary (``base``)."""
