from wagtail import hooks

from storefront import page_cache


@hooks.register("before_serve_page")
def allow_page_cache(page, request, serve_args, serve_kwargs):
    # A page behind a password or a login is never shared from the cache.
    if not page.get_view_restrictions().exists():
        page_cache.mark_cacheable(request)
