"""The library's pages under ``/dokumenter/``. The meetings' papers have two addresses under
the same prefix (``dokumenter/<pk>/ny-versjon/``, ``dokumenter/versjon/<pk>/``), so the
library's versions live under ``versjoner/`` and a new draft under ``nytt-utkast/``."""

from django.urls import path

from trepart.library.views import editing, reading
from trepart.library.views.feed import PublicVersionsFeed

app_name = "library"
urlpatterns = [
    path("", reading.document_list, name="document-list"),
    path("ny/", editing.document_create, name="document-create"),
    path("feed/", PublicVersionsFeed(), name="feed"),
    path("<int:pk>/", reading.document_detail, name="document-detail"),
    path("<int:pk>/endre/", editing.document_edit, name="document-edit"),
    path("<int:pk>/sammenlign/", reading.version_compare, name="version-compare"),
    path("<int:pk>/nytt-utkast/", editing.version_create, name="version-create"),
    path("<int:pk>/organer/", editing.body_link, name="body-link"),
    path("kobling/<int:pk>/fjern/", editing.body_unlink, name="body-unlink"),
    path("versjoner/<int:pk>/", reading.version_detail, name="version-detail"),
    path("versjoner/<int:pk>/fil/", reading.version_file, name="version-file"),
    path("versjoner/<int:pk>/endre/", editing.version_edit, name="version-edit"),
    path("versjoner/<int:pk>/godkjenn/", editing.version_approve, name="version-approve"),
]
