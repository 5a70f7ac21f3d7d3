"""Development-only data: the synthetic demo data of ``manage.py seed_demo`` and the load test.

Nothing here runs in the portal. The runtime apps (``actors``, ``networks``, ``timeline``,
``integration_portal``) never import this package (``devdata/tests/test_kept_apart.py``
checks that); it imports them. It is not in ``INSTALLED_APPS``: ``manage.py`` adds it
for the command line only, so that ``seed_demo`` is found while the web server (WSGI/ASGI)
never loads it.

- ``demo_actors``: the actors of every Kreis and kreisfreie Stadt of NRW;
- ``demo_networks``: the networks, memberships and links drawn from those actors;
- ``demo_offers``: the offers of those actors, with places and opening hours;
- ``management/commands/seed_demo.py``: the command that runs them.
"""
