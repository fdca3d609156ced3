"""Compressed HTML (and other text) when no web server in front does it."""

from django.middleware.gzip import GZipMiddleware

# Images, fonts and archives are compressed already: gzip would only cost CPU.
_TEXT_TYPES = (
    "text/",
    "application/json",
    "application/manifest+json",
    "application/xml",
    "application/javascript",
    "image/svg+xml",
)


class TextGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, for text only.

    It must come first in MIDDLEWARE, before the page cache: cached pages
    are kept uncompressed (the cache key ignores Accept-Encoding) and each
    answer, hit or miss, is compressed for the visitor who asked. Static
    files that WhiteNoise serves pre-compressed carry a Content-Encoding
    already and pass through; nginx in front (production) sees a compressed
    answer and leaves it be.

    BREACH: Django's middleware adds a random-length gzip header to every
    answer ("Heal the BREACH"), Django masks CSRF tokens afresh for each
    response, and the public pages carry no token at all (visitor.js fetches
    it), so a reflected query string sits beside no secret."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(_TEXT_TYPES):
            return response
        return super().process_response(request, response)
