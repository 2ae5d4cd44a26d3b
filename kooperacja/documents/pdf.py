"""PDF rendering of annexes, cards and reports: one HTML template, printed by WeasyPrint.

No request leaves the server (GDPR, offline offices): the URL fetcher serves only the project's own static
files — found by Django's staticfiles finders, as ``{% static %}`` names them — and ``data:`` URLs, and refuses
everything else (http, https, ftp, file paths outside the static folders). A refused resource is left out of
the document with a warning in the log; the document is still produced. Fonts come from the system through
fontconfig (Debian's DejaVu, with Polish letters), never from the network.
"""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# Relative URLs in the template (``/static/...``) resolve against this address, which is never contacted:
# the fetcher answers it from the disk. ``.invalid`` is reserved (RFC 2606) and can never resolve.
BASE_URL = "https://kooperacja.invalid/"


class RefusedURL(ValueError):
    """A document asked for something that is not one of our static files."""


def static_path(url: str) -> Path | None:
    """The local file behind ``url`` if it names one of our static files, else None."""
    parts = urlsplit(url)
    base = urlsplit(BASE_URL)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
        return None
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not parts.path.startswith(prefix):
        return None
    name = unquote(parts.path[len(prefix) :])
    if not name or ".." in Path(name).parts:
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    collected = Path(settings.STATIC_ROOT) / name
    if collected.is_file() and collected.resolve().is_relative_to(Path(settings.STATIC_ROOT).resolve()):
        return collected
    return None


class LocalStaticFetcher(URLFetcher):
    """Serves our static files and ``data:`` URLs; refuses every other URL, the network above all."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = static_path(url)
        if path is None:
            logger.warning("PDF rendering refused a URL that is not a local static file: %s", url[:200])
            raise RefusedURL(f"not a local static file: {url[:200]}")
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), headers={"Content-Type": mime_type})


def html_to_pdf(html: str) -> bytes:
    """Print an HTML document to PDF; its resources come only from our static files (LocalStaticFetcher)."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=LocalStaticFetcher()).write_pdf()


def render_pdf(template_name: str, context: dict | None = None, *, request=None) -> bytes:
    """Render ``template_name`` (HTML + print CSS, A4) to the bytes of a PDF document."""
    return html_to_pdf(render_to_string(template_name, context or {}, request=request))
