"""What the demo needs to remember about a municipality it built."""

from django.db import models


class DemoInfo(models.Model):
    """The demo logins' password, kept so every restart prints the same one.

    Stored in clear on purpose: it belongs to made-up accounts in a made-up municipality,
    and is printed on the console at every start anyway. Not shown in the web interface,
    so its labels are not translated.
    """

    municipality = models.OneToOneField(
        "organisation.Municipality", on_delete=models.CASCADE, related_name="demo_info"
    )
    password = models.CharField("demo password", max_length=100)
    preset = models.CharField("size", max_length=20)
    seed = models.IntegerField("seed")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "demo municipality"
        verbose_name_plural = "demo municipalities"

    def __str__(self) -> str:
        return f"{self.municipality} ({self.preset}, seed {self.seed})"
