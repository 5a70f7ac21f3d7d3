"""The integration portal project: settings, root URLs, accounts, roles and site pages."""
