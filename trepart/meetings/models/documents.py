"""A meeting's documents: each with its versions (stored files) and who opened them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trepart.meetings.models.meeting import AgendaItem, LegalBasis
from trepart.organisation.models import Municipality
from trepart.platform.files.stored import StoredFile
from trepart.platform.tenancy import TenantQuerySet


class Document(models.Model):
    """A paper on an item. Its versions are kept; members read the newest released one."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    exempt = models.BooleanField(_("exempt from public access"), default=False)
    legal_basis = models.CharField(
        _("legal basis for exemption"), max_length=12, choices=LegalBasis.choices, blank=True
    )
    # Set for every document at the instant the agenda is published, or when a document
    # is added afterwards (then ``late``): until then only those preparing the meeting see it.
    released_at = models.DateTimeField(_("released to the members"), null=True, blank=True)
    late = models.BooleanField(_("added after the agenda was published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["item_id", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(exempt=False, legal_basis="") | (Q(exempt=True) & ~Q(legal_basis="")),
                name="document_exempt_has_basis",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(StoredFile):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(default=1)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["document_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.number}"

    def storage_folder(self) -> str:
        return f"meetings/{self.municipality_id}"


class DocumentAccess(models.Model):
    """Who opened which document when: equal access is shown, not assumed."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="accesses")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["opened_at", "pk"]
        indexes = [models.Index(fields=["document", "user"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.opened_at:%Y-%m-%d %H:%M}"
