"""Security headers on every API response, fitted to what the response is.

Everything under /api/v1 is data for a program, not a page: it may not be framed, sniffed,
cached or allowed to run script. Two kinds of response are displayed by browsers and get a
policy of their own: the oversight report's HTML (inline styles and inline SVG, no script) and
Swagger UI's docs page (its own script files, plus the one inline start-up script by hash).
"""

import base64
import hashlib
import re

from flask import current_app, request
from werkzeug.wrappers import Response

from cpmo.api.auth import API_PREFIX

NO_FRAMING = "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
DATA_POLICY = f"default-src 'none'; {NO_FRAMING}"
REPORT_POLICY = f"default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self'; {NO_FRAMING}"
SVG_POLICY = f"default-src 'none'; style-src 'unsafe-inline'; {NO_FRAMING}"
DOCS_POLICY = (
    "default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    f"img-src 'self' data:; font-src 'self' data:; connect-src 'self'; {NO_FRAMING}"
)
DOCS_ASSETS = f"{API_PREFIX}/docs/assets/"
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.DOTALL)


def _script_hashes(html: bytes) -> str:
    """CSP sources allowing exactly the inline scripts of ``html`` (by SHA-256)."""
    digests = (hashlib.sha256(body).digest() for body in _INLINE_SCRIPT.findall(html))
    return " ".join(f"'sha256-{base64.b64encode(d).decode()}'" for d in digests)


def _policy(response: Response) -> str:
    if response.mimetype == "image/svg+xml":
        return SVG_POLICY
    if response.mimetype != "text/html" or response.direct_passthrough:
        return DATA_POLICY
    if request.path == current_app.config.get("OPENAPI_URL_PREFIX", "") + "/docs":
        return DOCS_POLICY.format(hashes=_script_hashes(response.get_data()))
    return REPORT_POLICY


def strict_transport(response: Response) -> None:
    """HSTS, only when configured (CPMO_HSTS_SECONDS) and the request came over https (here
    or at a proxy that says so): browsers ignore it over http anyway, and sending it from a
    plain-http development server would pin localhost."""
    seconds = current_app.config["CPMO_SETTINGS"].hsts_seconds
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    if seconds and (request.is_secure or forwarded == "https"):
        response.headers.setdefault("Strict-Transport-Security", f"max-age={seconds}")


def api_security_headers(response: Response) -> Response:
    """After every request under /api/v1 (pages set their own in :mod:`cpmo.web`)."""
    if not request.path.startswith(API_PREFIX):
        return response
    headers = response.headers
    headers.setdefault("Content-Security-Policy", _policy(response))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
    if not request.path.startswith(DOCS_ASSETS):  # Swagger UI's files are cacheable
        headers["Cache-Control"] = "no-store"
    strict_transport(response)
    return response
