from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kooperacja.core"
    verbose_name = _("Core")

    def ready(self):
        from kooperacja.core import checks
        from kooperacja.core.key_check import ensure_key_check_after_migrate

        checks.register()
        post_migrate.connect(ensure_key_check_after_migrate, sender=self, dispatch_uid="core-key-check")
