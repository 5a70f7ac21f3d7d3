"""The portal's bottom app: accounts, roles, permissions, the content version, shared
model and form rules, caching helpers and template tags. It imports no other app of the
portal; every other app builds on it (README, "Architecture")."""
