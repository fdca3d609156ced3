from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_permissions")
def pos_permissions():
    """Grantable to groups in the admin: sellers at a stand, and the staff
    who stock and close it."""
    return Permission.objects.filter(
        content_type__app_label="pos", codename__in=["sell_at_pos", "manage_pos"]
    )


class PosMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("pos.manage_pos")


@hooks.register("register_admin_menu_item")
def pos_menu_item():
    return PosMenuItem(
        _("Points of sale"), reverse("pos:sessions"), icon_name="tag", order=207
    )
