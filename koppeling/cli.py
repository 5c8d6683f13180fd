"""The `koppeling` console script: Django's management commands with our settings.

`koppeling run`, `koppeling simulate`, `koppeling migrate`, `koppeling seed_demo`... are all
management commands; this wrapper only sets the settings module.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koppeling.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
