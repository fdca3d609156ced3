"""Workflow and task names read in the editor's language.

Wagtail's migrations create the "Moderators approval" workflow and its task:
names stored as data, which Wagtail shows as they are, in every sentence of
its own ("Soumettre à Moderators approval") and in every listing. Stored
names stay what they are (a reference); reading ``workflow.name`` or
``task.name`` gives the name through gettext, so a name our catalogues know
is shown translated and any other reads as typed. Forms, fixtures and saves
keep the stored name, so editing a workflow in French does not store French.
"""

import types

from django.db.models.query_utils import DeferredAttribute
from django.utils.translation import gettext, gettext_noop

# The name Wagtail's migrations give, for makemessages to collect.
WAGTAIL_NAMES = [gettext_noop("Moderators approval")]


class TranslatedName(DeferredAttribute):
    def __get__(self, instance, cls=None):
        value = super().__get__(instance, cls)
        if instance is None or not value:
            return value
        return gettext(value)

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value


def _stored(field, instance, *args):
    return instance.__dict__.get(field.attname)


def install():
    from wagtail.models import Task, Workflow

    for model in (Workflow, Task):
        field = model._meta.get_field("name")
        setattr(model, field.attname, TranslatedName(field))
        # What is saved, put in a form or dumped is the stored name.
        field.pre_save = types.MethodType(_stored, field)
        field.value_from_object = types.MethodType(_stored, field)
