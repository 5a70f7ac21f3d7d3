#!/usr/bin/env python
"""Django's command-line utility for the integration portal."""

import os
import sys

# Development-only apps, installed for the command line and never for the web server
# (WSGI/ASGI start from the settings alone): ``devdata`` brings ``seed_demo``, no models.
COMMAND_LINE_APPS = ["devdata"]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integration_portal.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line
    from django.core.management.base import CommandParser, handle_default_options

    # Honour --settings and --pythonpath before the settings are read, as Django does.
    parser = CommandParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--settings")
    parser.add_argument("--pythonpath")
    options, _rest = parser.parse_known_args(sys.argv[2:])
    handle_default_options(options)
    try:
        settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, *COMMAND_LINE_APPS]
    except ImproperlyConfigured as error:
        # A production setting is missing or unsafe: one line for the operator, who has a
        # single thing to fix, instead of a traceback.
        sys.stderr.write(f"Refusing to start: {error}\n")
        sys.exit(2)
    except ImportError:
        pass  # Django reports the broken settings itself, in its own words
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
