"""The visibility helper: related records as far as the viewer may see them.

Stand-in records keep these tests in the bottom app; the pages and the models' ``clean()``
that use the helper are tested in their apps, and by the marker crawl
(``test_no_internal_data_in_public``).
"""

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from core import visibility

pytestmark = pytest.mark.django_db


@dataclass
class Record:
    name: str
    is_public: bool = True
    short_name: str = ""

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/eintraege/{self.name.lower()}/"


@dataclass
class Unflagged:
    name: str


PUBLIC = Record("Offen", short_name="OF")
INTERNAL = Record("Intern", is_public=False, short_name="IN")


def _render(source: str, user, **context) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load visibility %}" + source).render(
        Context({"request": request, **context})
    )


def test_anonymous_visitors_may_see_public_records_only():
    anonymous = AnonymousUser()
    assert visibility.may_see(anonymous, PUBLIC)
    assert not visibility.may_see(anonymous, INTERNAL)
    assert visibility.shown(anonymous, INTERNAL) is None


def test_signed_in_accounts_may_see_internal_records(staff_user):
    assert visibility.may_see(staff_user, INTERNAL)
    assert visibility.shown(staff_user, INTERNAL) is INTERNAL


def test_a_missing_viewer_counts_as_anonymous():
    assert visibility.may_see(None, PUBLIC)
    assert not visibility.may_see(None, INTERNAL)


def test_records_without_a_flag_are_shown_and_no_record_never_is(staff_user):
    assert visibility.may_see(AnonymousUser(), Unflagged("Zielgruppe"))
    assert not visibility.may_see(staff_user, None)


def test_related_tag_links_a_record_the_viewer_may_see(staff_user):
    html = _render("{% related record short_name=True %}", staff_user, record=INTERNAL)
    assert '<a class="kern-link" href="/eintraege/intern/">Intern</a>' in html
    assert "(IN)" in html


def test_related_tag_shows_only_the_placeholder_for_an_internal_record_to_visitors():
    html = _render("{% related record short_name=True %}", AnonymousUser(), record=INTERNAL)
    assert "nicht öffentlich" in html
    assert "Intern" not in html and "/eintraege/" not in html and "IN" not in html


def test_related_tag_can_leave_an_internal_record_out_entirely():
    html = _render("{% related record placeholder=False %}", AnonymousUser(), record=INTERNAL)
    assert html == ""


def test_related_tag_shows_nothing_where_there_is_no_record():
    assert _render("{% related record %}", AnonymousUser(), record=None) == ""


def test_visible_tag_gives_the_record_or_none_for_optional_lines(staff_user):
    source = "{% visible record as shown %}{% if shown %}Teil von {{ shown.name }}{% endif %}"
    assert _render(source, AnonymousUser(), record=INTERNAL) == ""
    assert _render(source, staff_user, record=INTERNAL) == "Teil von Intern"
    assert _render(source, AnonymousUser(), record=PUBLIC) == "Teil von Offen"


def test_tags_without_a_request_treat_the_viewer_as_anonymous():
    html = Template("{% load visibility %}{% related record %}").render(
        Context({"record": INTERNAL})
    )
    assert "Intern" not in html and "nicht öffentlich" in html
