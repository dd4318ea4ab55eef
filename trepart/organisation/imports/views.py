from django.http import HttpRequest, HttpResponse


def import_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
