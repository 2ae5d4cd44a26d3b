"""PDF documents: A4, Polish letters, and no request leaves the server."""

import io
import socket

import pytest
from pypdf import PdfReader

from kooperacja.documents.pdf import BASE_URL, LocalStaticFetcher, RefusedURL, html_to_pdf, render_pdf

POLISH = "Zażółć gęślą jaźń — ŻÓŁĆ"


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a PDF tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_polish_letters_survive_on_an_a4_page(no_network):
    pdf = html_to_pdf(f'<link rel="stylesheet" href="/static/documents/pdf.css"><h1>{POLISH}</h1>')
    assert pdf.startswith(b"%PDF")
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)  # A4 in points
    assert POLISH in text_of(pdf)


def test_template_renders_with_the_house_stylesheet(no_network):
    pdf = render_pdf("documents/base_pdf.html", {})
    assert pdf.startswith(b"%PDF")


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://cdn.example.com/bootstrap.css",
        "ftp://example.com/x",
        "file:///etc/passwd",
        f"{BASE_URL}etc/passwd",
        f"{BASE_URL}static/../../config/settings/base.py",
        f"{BASE_URL}static/no-such-file.css",
    ],
)
def test_fetcher_refuses_everything_but_our_static_files(url, no_network):
    with pytest.raises(RefusedURL):
        LocalStaticFetcher().fetch(url)


def test_fetcher_serves_a_static_file():
    response = LocalStaticFetcher().fetch(f"{BASE_URL}static/documents/pdf.css")
    assert b"@page" in response.read()
    assert response.headers["Content-Type"] == "text/css"


def test_network_resources_are_left_out_and_the_document_still_prints(no_network):
    html = (
        '<link rel="stylesheet" href="https://cdn.example.com/x.css">'
        '<img src="http://192.0.2.1/tracker.png" alt="">'
        "<style>@font-face { font-family: X; src: url(https://fonts.example.com/x.woff2); }</style>"
        f"<p>{POLISH}</p>"
    )
    assert POLISH in text_of(html_to_pdf(html))
