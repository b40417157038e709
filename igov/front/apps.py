from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class FrontConfig(AppConfig):
    name = "igov.front"
    label = "front"
    verbose_name = "Glossary"  # the admin's heading for the app's one model

    def ready(self):
        # A signal, not a named call: every path that saves a term (admin, pages, shell) must clear the cache.
        from igov.front.glossary import forget_terms
        from igov.front.models import GlossaryTerm

        post_save.connect(forget_terms, sender=GlossaryTerm, dispatch_uid="glossary_saved")
        post_delete.connect(forget_terms, sender=GlossaryTerm, dispatch_uid="glossary_deleted")
