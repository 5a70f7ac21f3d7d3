"""Data protection of the networks: a network's name is an organisation's, not a person's.

The coordinators of a network are part of the accounts' activity (``core.privacy``)."""

NOT_PERSONAL = frozenset({"networks.network:name"})
