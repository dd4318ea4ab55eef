"""Password rules beyond Django's own: long passphrases are welcome, up to a sane limit."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MaximumLengthValidator:
    """Allow passphrases of at least 64 characters; refuse absurd lengths (hashing cost)."""

    def __init__(self, max_length: int = 256) -> None:
        self.max_length = max_length

    def validate(self, password: str, user: object = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                ngettext(
                    "The password may be at most %(max)d character long.",
                    "The password may be at most %(max)d characters long.",
                    self.max_length,
                )
                % {"max": self.max_length},
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return _("Long passphrases are welcome (up to %(max)d characters).") % {
            "max": self.max_length
        }
