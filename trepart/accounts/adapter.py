"""allauth adapter: accounts are made by the municipality, never by open sign-up."""

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class AccountAdapter(DefaultAccountAdapter):
    # allauth has no nynorsk catalogue, so its own texts for the errors a sign-in can meet
    # would show in bokmål (or English) to nynorsk readers: ours are in all three catalogues.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": _("This account is not active. Ask your municipality's administrator."),
        "email_password_mismatch": _("The e-mail address or the password is wrong."),
        "username_password_mismatch": _("The user name or the password is wrong."),
        "too_many_login_attempts": _("Too many failed sign-in attempts. Try again later."),
        "rate_limited": _("Too many requests in a short time. Wait a little and try again."),
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
