from django.urls import URLPattern, path

from trepart.analysis.urls import results
from trepart.analysis.views import answering, surveys

urlpatterns: list[URLPattern] = [
    path("undersokelser/", surveys.survey_list, name="survey-list"),
    path("undersokelser/ny/", surveys.survey_create, name="survey-create"),
    path("undersokelser/<int:pk>/", surveys.survey_detail, name="survey-detail"),
    path("undersokelser/<int:pk>/endre/", surveys.survey_edit, name="survey-edit"),
    path("undersokelser/<int:pk>/slett/", surveys.survey_delete, name="survey-delete"),
    path("undersokelser/<int:pk>/purring/", surveys.survey_remind, name="survey-remind"),
    path("undersokelser/<int:pk>/apne/", surveys.survey_open, name="survey-open"),
    path("undersokelser/<int:pk>/lukk/", surveys.survey_close, name="survey-close"),
    path("undersokelser/<int:pk>/ny-lenke/", surveys.survey_new_link, name="survey-new-link"),
    path("sporreskjema/", surveys.instrument_list, name="instrument-list"),
    path("sporreskjema/ny/", surveys.instrument_create, name="instrument-create"),
    path("undersokelser/mine/", surveys.my_surveys, name="survey-mine"),
    path("invitasjoner/<int:pk>/send-igjen/", surveys.invitation_resend, name="invitation-resend"),
    path("svar/takk/", answering.thanks, name="survey-thanks"),
    path("svar/<str:token>/", answering.answer, name="survey-answer"),
    path("apen/<str:token>/", answering.open_answer, name="survey-open-answer"),
]
urlpatterns += results.urlpatterns
