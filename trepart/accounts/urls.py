from django.urls import path

from trepart.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("tokens/ny/", views.token_create, name="token-create"),
    path("tokens/<int:pk>/slett/", views.token_revoke, name="token-revoke"),
    path("sprak/", views.language_set, name="language-set"),
]
