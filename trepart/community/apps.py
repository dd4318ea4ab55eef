"""The citizen committees app. On start it registers its daily duty (committees reminded of
a grant report past its deadline) and its panels: on a committee body's page (the committee
and this year's grant) and on a proposal's page (the committee named as proposer)."""

from __future__ import annotations

from django.apps import AppConfig


class Config(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trepart.community"
    label = "community"

    def ready(self) -> None:
        from trepart.community.panels import body_panel, proposer_panel
        from trepart.community.services.grants import grant_reports_remind
        from trepart.organisation.panels import body_panel_register
        from trepart.platform.duties import duty_register
        from trepart.proposals.panels import proposal_panel_register

        duty_register(name="community_grant_reports", run=grant_reports_remind)
        body_panel_register(template="community/partials/_body_panel.html", context=body_panel)
        proposal_panel_register(
            template="community/partials/_proposer_panel.html", context=proposer_panel
        )
