"""URLs of the stewardship app (review): the links of the review reminders.

``<kind>`` is ``akteur`` or ``angebot``; any other word is refused by the view (404)."""

from django.urls import path

from core import ids  # noqa: F401 - registers the <id:…> converter
from stewardship.review_views import ReviewConfirmView, ReviewEditView

urlpatterns: list = [
    path(
        "pruefung/<slug:kind>/<id:pk>/<str:token>/",
        ReviewConfirmView.as_view(),
        name="review_confirm",
    ),
    path(
        "pruefung/<slug:kind>/<id:pk>/<str:token>/aendern/",
        ReviewEditView.as_view(),
        name="review_edit",
    ),
]
