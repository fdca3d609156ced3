from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls
from wagtail_modeltranslation.wagtail_hooks import (
    return_translation_target_field_rendered_html as copy_translation_content,
)

from shop.lot_views import lot_public
from shop.payment_views import cmi_callback, stripe_webhook
from storefront import site_files, views
from storefront.sitemap import sitemap

handler400 = "storefront.views.bad_request"
handler404 = "storefront.views.page_not_found"
handler500 = "storefront.views.server_error"

urlpatterns = [
    # wagtail-modeltranslation marks this admin view csrf_exempt. It is
    # matched here first, with the CSRF check back on (its script sends the
    # token in X-CSRFToken), so the webhook stays the only exempt POST.
    path(
        "admin/pages/<int:page_id>/edit/copy_translation_content/",
        require_admin_access(copy_translation_content.__wrapped__),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", site_files.robots_txt, name="robots_txt"),
    path("favicon.ico", site_files.favicon_ico, name="favicon_ico"),
    path("healthz", views.healthz, name="healthz"),
    # No language prefix: Stripe posts here, signed, with no cookies.
    path("payments/stripe/webhook/", stripe_webhook, name="stripe_webhook"),
    # The CMI's gateway posts each payment's result here, signed.
    path("payments/cmi/callback/", cmi_callback, name="cmi_callback"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    # /lot/<code>/ from a QR code: Django adds the visitor's language prefix.
    path("lot/<str:public_code>/", lot_public, name="lot_redirect"),
    path("portal/", include("portal.urls")),
    path("pos/", include("pos.urls")),
    path("trade/", include("trade.urls")),
    path("manifest.webmanifest", site_files.web_manifest, name="web_manifest"),
    path("", include("shop.urls")),
    path("", include("cms.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

__all__ = ["urlpatterns", "views"]
