"""Django's makemessages with the catalogues' house style as the default.

Messages are written without ``#: file:line`` comments and sorted by message, so a change
to the code moves no lines in the catalogues and two changes that add messages rarely
touch the same lines.
"""

from typing import Any

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--sort-output"]
    xgettext_options = [*makemessages.Command.xgettext_options, "--sort-output"]

    def handle(self, *args: Any, **options: Any) -> None:
        if options.get("add_location") is None and not options.get("no_location"):
            options["no_location"] = True
        super().handle(*args, **options)
