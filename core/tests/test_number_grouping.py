"""Large numbers are grouped as each language writes them."""

from django.utils import translation

from core.templatetags.portal import grouped


def test_numbers_are_grouped_the_german_and_the_english_way():
    with translation.override("de"):
        assert grouped(50000) == "50.000"
        assert grouped(999) == "999"
    with translation.override("en"):
        assert grouped(50000) == "50,000"
