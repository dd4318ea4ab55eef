from django.urls import URLPattern, path

from trepart.analysis.views import factors

urlpatterns: list[URLPattern] = [
    path("10-faktor/", factors.factors_page, name="factors"),
    path("10-faktor/import/", factors.factors_import_page, name="factors-import"),
    path("10-faktor/import/eksempel.csv", factors.factors_example, name="factors-example"),
]
