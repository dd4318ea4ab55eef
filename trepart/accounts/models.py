"""Accounts: a user belongs to one municipality; API tokens for scripted use."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    municipality = models.ForeignKey(
        "organisation.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("municipality"),
    )
    is_municipal_admin = models.BooleanField(_("municipal administrator"), default=False)
    language = models.CharField(
        _("language"),
        max_length=2,
        blank=True,
        choices=[("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk"), ("en", "English")],
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def password_fingerprint(user: User) -> str:
    """A digest of the user's stored password hash. A token keeps the one from when it was
    made and works only while they match, so any change of password — the change and reset
    forms, the admin, a command — ends every token at once."""
    return hashlib.sha256(user.password.encode()).hexdigest()


class ApiToken(models.Model):
    """A personal API token. Only its hash is stored; the token is shown once."""

    PREFIX = "tp_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False)
    password_fingerprint = models.CharField(max_length=64, editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A token is bound to the password its user has when it is made, however it is made.
        if not self.password_fingerprint:
            self.password_fingerprint = password_fingerprint(self.user)
        super().save(*args, **kwargs)

    @property
    def works(self) -> bool:
        """False once the user's password has changed since the token was made."""
        return secrets.compare_digest(self.password_fingerprint, password_fingerprint(self.user))

    @classmethod
    def new_raw(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)
