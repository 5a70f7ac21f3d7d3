"""URLs of the suggestions: the public forms under ``/vorschlag/``, the staff's queue
under ``/mein-bereich/vorschlaege/`` (full paths: the app is included at the root)."""

from django.urls import path

from core import ids  # noqa: F401 - registers the <id:…> converter
from stewardship import suggestions

urlpatterns: list = [
    path(
        "vorschlag/akteur/<slug:slug>/",
        suggestions.ActorSuggestionView.as_view(),
        name="suggest_actor",
    ),
    path(
        "vorschlag/akteur/<slug:slug>/angebote/",
        suggestions.OfferChoiceView.as_view(),
        name="suggest_offer_choice",
    ),
    path(
        "vorschlag/akteur/<slug:slug>/neues-angebot/",
        suggestions.NewOfferSuggestionView.as_view(),
        name="suggest_new_offer",
    ),
    path(
        "vorschlag/angebot/<slug:slug>/",
        suggestions.OfferSuggestionView.as_view(),
        name="suggest_offer",
    ),
    path("vorschlag/danke/", suggestions.suggestion_thanks, name="suggestion_thanks"),
    path(
        "mein-bereich/vorschlaege/",
        suggestions.SuggestionQueueView.as_view(),
        name="suggestion_queue",
    ),
    path(
        "mein-bereich/vorschlaege/<id:pk>/",
        suggestions.SuggestionDetailView.as_view(),
        name="suggestion_detail",
    ),
    path(
        "mein-bereich/vorschlaege/<id:pk>/uebernehmen/",
        suggestions.SuggestionAcceptView.as_view(),
        name="suggestion_accept",
    ),
    path(
        "mein-bereich/vorschlaege/<id:pk>/bearbeiten/",
        suggestions.SuggestionEditView.as_view(),
        name="suggestion_edit",
    ),
    path(
        "mein-bereich/vorschlaege/<id:pk>/ablehnen/",
        suggestions.SuggestionRejectView.as_view(),
        name="suggestion_reject",
    ),
]
