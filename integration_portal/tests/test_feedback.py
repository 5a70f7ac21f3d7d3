"""The feedback form of the accessibility statement."""

import pytest

from integration_portal.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db


def test_feedback_is_stored_and_a_receipt_with_its_reference_is_shown(client):
    response = client.post(
        "/barrierefreiheit/",
        {
            "page_url": "/akteure/",
            "message": "Der Filter lässt sich nicht mit der Tastatur öffnen.",
        },
        follow=True,
    )
    assert response.status_code == 200
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.page_url == "/akteure/"
    assert feedback.reference.startswith("BF-")
    html = response.content.decode()
    assert feedback.reference in html
    assert "Vielen Dank" in html


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"message": ""}, "Dieses Feld ist zwingend erforderlich."),
        ({"message": "kurz"}, "mindestens 10 Zeichen"),
        ({"message": "Steuerzeichen \x07 hier drin"}, "Steuerzeichen"),
        ({"message": "Nullbyte \x00 in der Nachricht"}, "Null"),
        ({"message": "Eine gültige Nachricht.", "email": "keine-adresse"}, "E-Mail-Adresse"),
        ({"message": "x" * 6000}, "5000"),
    ],
)
def test_bad_feedback_gets_a_form_error_and_stores_nothing(client, data, error):
    response = client.post("/barrierefreiheit/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte prüfen Sie Ihre Eingaben" in html
    assert error in html
    assert 'aria-invalid="true"' in html
    assert AccessibilityFeedback.objects.count() == 0


def test_feedback_input_is_escaped_when_shown_again(client):
    response = client.post(
        "/barrierefreiheit/", {"message": "<script>alert(1)</script>", "email": "x"}
    )
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_receipt_without_feedback_redirects_to_the_form(client):
    response = client.get("/barrierefreiheit/danke/")
    assert response.status_code == 302
    assert response["Location"] == "/barrierefreiheit/"
