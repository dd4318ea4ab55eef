"""The library's Atom feed: a municipality's public versions as they are approved, for
anyone (feed readers never sign in). Only what ``privacy.public_version_q`` lets a visitor
read is in it; a municipality's internal documents never are."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from trepart.library import privacy
from trepart.library.models import DocumentVersion
from trepart.organisation import public
from trepart.organisation.models import Municipality

ENTRIES = 50


class PublicVersionsFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Municipality:
        municipality = public.public_municipality(request)
        if municipality is None:
            raise Http404
        return municipality

    def title(self, obj: Municipality) -> str:
        return _("Documents of the tripartite cooperation in %(name)s") % {"name": obj.name}

    def link(self, obj: Municipality) -> str:
        return f"{reverse('library:document-list')}?kommune={obj.organisation_number}"

    def subtitle(self, obj: Municipality) -> str:
        return _("New versions approved and made public.")

    def items(self, obj: Municipality) -> list[DocumentVersion]:
        return list(
            DocumentVersion.objects.filter(privacy.public_version_q(), municipality=obj)
            .select_related("document", "approved_by")
            .order_by("-approved_on", "-pk")[:ENTRIES]
        )

    def item_title(self, item: DocumentVersion) -> str:
        return _("%(title)s, version %(number)s") % {
            "title": item.document.title,
            "number": item.number,
        }

    def item_description(self, item: DocumentVersion) -> str:
        approved = item.approved_by.name if item.approved_by else ""
        day = item.applies_from.strftime("%d.%m.%Y") if item.applies_from else ""
        return _("Approved by %(body)s; applies from %(day)s.") % {"body": approved, "day": day}

    def item_link(self, item: DocumentVersion) -> str:
        return reverse("library:version-detail", args=[item.pk])

    def item_updateddate(self, item: DocumentVersion) -> datetime.datetime:
        day = item.approved_on or item.created_at.date()
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
