"""Database backends of the portal (settings name them in ``DATABASES``)."""
