"""Forms for the profile page: they check the shape of input, services check the rules."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from trepart.accounts.models import ApiToken
from trepart.platform.text import NormalisedForm


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
