from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from trepart.api import api

# A database outage answers 503 with Retry-After; any other error Django's 500 page.
handler500 = "trepart.platform.outage.server_error"

urlpatterns = [
    path("", include("trepart.organisation.urls")),
    path("", include("trepart.proposals.urls")),
    path("", include("trepart.meetings.urls")),
    path("analyse/", include("trepart.analysis.urls")),
    path("utvikling/", include("trepart.development.urls")),
    path("stillingsbank/", include("trepart.redeployment.urls")),
    path("utvalg/", include("trepart.community.urls")),
    path("kurs/", include("trepart.training.urls")),
    path("dokumenter/", include("trepart.library.urls")),
    path(
        "tilgjengelighet/",
        TemplateView.as_view(template_name="accessibility.html"),
        name="accessibility",
    ),
    path("accounts/", include("allauth.urls")),
    path("profil/", include("trepart.accounts.urls")),
    path("logg/", include("trepart.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
