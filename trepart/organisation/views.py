from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "organisation/home.html", {})


def _todo(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    return HttpResponse("")


unit_list = unit_detail = body_list = body_detail = body_edit = membership_add = _todo
membership_end = person_list = person_detail = structure_list = structure_apply = _todo
