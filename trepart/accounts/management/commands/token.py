"""``trepart token USERNAME``: create an API token and print only the token, for scripts."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from trepart.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create a personal API token for a user and print it (it is shown only this once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for")

    def handle(self, *args: Any, username: str, name: str, **options: Any) -> None:
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user with the username {username!r}.") from None
        try:
            _token, raw = api_token_create(user=user, name=name or "command line")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        # Nothing else on stdout, so `TOKEN=$(trepart token kari)` captures just the token.
        self.stdout.write(raw)
