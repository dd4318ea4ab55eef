from django.urls import URLPattern

from trepart.analysis.urls import results

urlpatterns: list[URLPattern] = []
urlpatterns += results.urlpatterns
