"""Pages of the keynote's network figures (``networks/figures.py``), under
``/netzwerke/abbildungen/``.

Each page renders its figure in a fragment cached per content version, visibility,
language and day (memberships are current or not by the day); the figure's data is
built only where that fragment is missing, in the fixed number of queries its builder
states.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import TemplateView

from networks import figures


class FigureView(TemplateView):
    """A figure page: ``build(user)`` gives the figure and its twin's data."""

    build = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        build = type(self).build
        context.update(data=SimpleLazyObject(lambda: build(user)), today=timezone.localdate())
        return context


class KiRolesView(FigureView):
    template_name = "networks/figures/ki_roles.html"
    build = staticmethod(figures.ki_roles)


class KimBodiesView(FigureView):
    template_name = "networks/figures/kim_bodies.html"
    build = staticmethod(figures.kim_bodies)


class LocalNetworkingView(FigureView):
    template_name = "networks/figures/local_networking.html"
    build = staticmethod(figures.local_networking)
