from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site pages")

    def ready(self):
        # wagtail-modeltranslation (ready earlier) set its own `route` on
        # every page class; put the one-query version back (cms/routing.py).
        from wagtail.models import Page

        from cms import routing

        for model in _subclasses(Page):
            if model.__module__.startswith("cms."):
                model.route = routing.route

        from cms import search

        search.connect()

        from cms import workflow_names

        workflow_names.install()


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)
