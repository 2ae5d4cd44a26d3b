from django.db import models
from django.utils.translation import gettext_lazy as _


class ScaleDataset(models.Model):
    """The record that the database holds the fictional data set of ``seed_scale`` (one row). Its presence is
    what lets the command run again over the data it made; ``finished_at`` empty means a run was interrupted.
    No foreign keys: the row survives the clearing of everything it describes."""

    scale = models.CharField(_("scale"), max_length=20)
    seed = models.PositiveIntegerField(_("seed"))
    gminas = models.PositiveIntegerField(_("gminas"), default=0)
    # The gmina whose objects the benchmark uses: the first seeded one (its TERYT code, 6 digits).
    first_gmina = models.CharField(_("first gmina"), max_length=6, blank=True)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    counts = models.JSONField(_("rows seeded per table"), default=dict, blank=True)

    class Meta:
        verbose_name = _("scale data set")
        verbose_name_plural = _("scale data sets")

    def __str__(self) -> str:
        return f"seed_scale --scale {self.scale} --seed {self.seed}"

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None
