"""Periods, events, theses and sources of the history of municipal integration work."""
