"""The public history of municipal integration work, 1970s to today, with its sources."""
