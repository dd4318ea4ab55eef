"""Survey pages (being written)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse


def _todo(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


survey_list = survey_create = survey_detail = survey_open = survey_close = _todo
survey_new_link = my_surveys = invitation_resend = answer = open_answer = _todo
