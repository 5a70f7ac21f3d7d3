"""Factories for accounts and feedback."""

import factory

from integration_portal.models import AccessibilityFeedback, Role, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="de_DE")
    role = Role.STAFF
    password = factory.django.Password("test-password-123")


class AccessibilityFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessibilityFeedback

    reference = factory.Sequence(lambda n: f"BF-{n:08X}")
    message = "Der Kontrast der Fußzeile ist zu schwach."
