"""Pages of the development work: the savings ledger."""

from django.urls import URLPattern, path

from trepart.development.views import ledger, ledger_edit

urlpatterns: list[URLPattern] = [
    path("innsparing/", ledger.ledger, name="ledger"),
    path("innsparing/enhet/<int:pk>/", ledger.ledger_unit, name="ledger_unit"),
    path("innsparing/innsparing.csv", ledger.ledger_export, name="ledger_export"),
    path("innsparing/tiltak/ny/", ledger_edit.measure_new, name="ledger_measure_create"),
    path("innsparing/tiltak/<int:pk>/", ledger_edit.measure_change, name="ledger_measure_edit"),
    path(
        "innsparing/tiltak/<int:pk>/fjern/",
        ledger_edit.measure_remove,
        name="ledger_measure_delete",
    ),
    path("innsparing/import/", ledger_edit.ledger_import_page, name="ledger_import"),
    path("innsparing/import/eksempel.csv", ledger_edit.ledger_example, name="ledger_example"),
]
