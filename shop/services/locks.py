"""Row locks, taken the same way everywhere stock moves."""

from django.db import connection


def lock_for_update(queryset):
    """SELECT ... FOR UPDATE, of the queryset's own rows only (PostgreSQL:
    joined tables stay unlocked). SQLite has no row locks and serialises
    writers on the whole database instead."""
    if connection.features.has_select_for_update_of:
        return queryset.select_for_update(of=("self",))
    return queryset.select_for_update()
