"""Forms for signing in and the profile page: they check the shape of input, services check
the rules."""

from typing import Any

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from trepart.accounts.models import ApiToken
from trepart.platform.text import NormalisedForm, NormalisedTextForm


class ApiTokenForm(NormalisedForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("What the token is for, e.g. the script or system that uses it."),
    )


class LanguageForm(NormalisedForm):
    language = forms.ChoiceField(
        label=_("Preferred language"),
        help_text=_("Used for the pages and for e-mail sent to you."),
        required=False,
        choices=[("", _("Same as the municipality")), *settings.LANGUAGES],
    )


class LoginForm(NormalisedTextForm, AllauthLoginForm):
    """allauth's sign-in form with our words: a label that says what to type, one reset link."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("User name or e-mail address")
        login.widget.attrs.pop("placeholder", None)
        login.widget.attrs["autocomplete"] = "username"
        # The page links "Forgot your password?" once, below the form.
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = _("Remember me on this device")
