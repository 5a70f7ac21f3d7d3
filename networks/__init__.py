"""The coordination networks of the KI and KIM: memberships, roles, links, history."""
