"""A document of the cooperation (the tripartite agreement, the verdimanifest, a body's
mandate …), its numbered versions, a version's file, and the bodies a document governs.

A version is proposed as a draft, approved by a body (on a meeting item) from a date, and
never changed after that: a change is a new version. The version in force is the approved
one with the latest ``applies_from`` on or before the day (``selectors.current_version``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from trepart.meetings.models import AgendaItem
from trepart.organisation.models import Body, Municipality, Person
from trepart.platform.files.stored import StoredFile
from trepart.platform.tenancy import TenantQuerySet


class DocumentKind(models.TextChoices):
    TRIPARTITE_AGREEMENT = "TRIPARTITE_AGREEMENT", _("Tripartite agreement")
    AGREEMENT_RULES = "AGREEMENT_RULES", _("Rules of the tripartite agreement")
    VALUES_MANIFESTO = "VALUES_MANIFESTO", _("Values manifesto (verdimanifest)")
    EMPLOYER_POLICY = "EMPLOYER_POLICY", _("Employer policy (arbeidsgiverpolitikk)")
    PLAN = "PLAN", _("Municipal sub-plan (kommunedelplan)")
    UNION_AGREEMENT = "UNION_AGREEMENT", _("Cooperation agreement with a union")
    BODY_MANDATE = "BODY_MANDATE", _("Mandate of a body")
    OTHER = "OTHER", _("Other document")


class Document(models.Model):
    """One of the cooperation's documents; its text lives in its versions."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=24, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("library document")
        verbose_name_plural = _("library documents")
        ordering = ["kind", "title", "pk"]
        indexes = [models.Index(fields=["municipality", "kind", "title"])]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    """A numbered text of a document: a draft, then approved, then superseded."""

    class Status(models.TextChoices):
        DRAFT = "DRAFT", _("Draft")
        APPROVED = "APPROVED", _("Approved")
        SUPERSEDED = "SUPERSEDED", _("Superseded")

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version number"))
    text = models.TextField(
        _("text"),
        help_text=_(
            "Paragraphs separated by a blank line. A line starting with “# ” or “## ” is a "
            "heading, a line starting with “- ” a point in a list."
        ),
    )
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    proposed_by = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    approved_by = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="library_versions",
        verbose_name=_("approved on meeting item"),
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    applies_from = models.DateField(_("applies from"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document_id", "-number"]
        indexes = [models.Index(fields=["document", "status", "applies_from"])]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="library_version_number_unique"
            ),
            # An approved (or superseded) version says who approved it and from when.
            models.CheckConstraint(
                condition=Q(status="DRAFT")
                | (
                    Q(approved_by__isnull=False)
                    & Q(applies_from__isnull=False)
                    & Q(approved_on__isnull=False)
                ),
                name="library_version_approved_has_body_and_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class VersionFile(StoredFile):
    """The signed or printed version as a PDF, checked by its content on upload."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    document_version = models.OneToOneField(
        DocumentVersion, on_delete=models.CASCADE, related_name="file"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    def __str__(self) -> str:
        return self.name

    def storage_folder(self) -> str:
        return f"library/{self.municipality_id}"


class BodyDocument(models.Model):
    """A body governed by a document: an LMU by its mandate, the tripartite body by the
    agreement."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="library_links")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="body_links")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["body_id", "document_id"]
        constraints = [
            models.UniqueConstraint(fields=["body", "document"], name="library_body_document"),
        ]

    def __str__(self) -> str:
        return f"{self.body_id} ↔ {self.document_id}"
