"""The portal's name and contact address for templates rendered without a request.

allauth renders its mails without the request's context processors, so the
``PORTAL_NAME`` of ``context_processors.portal`` is not at hand there.
"""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def portal_name() -> str:
    return settings.PORTAL_NAME


@register.simple_tag
def portal_contact_email() -> str:
    return settings.PORTAL_CONTACT_EMAIL
