"""Country flags as small SVG images shipped in static/flags (from flag-icons, MIT; tools/copy_flags.sh).

Flag emoji are two regional-indicator letters that many desktops (Windows among them) draw as letters or
empty boxes; an image looks the same everywhere. The image is decorative (empty alt): the country's
name is always written beside it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

FLAGS_DIR = Path(settings.BASE_DIR) / "static" / "flags"


@cache
def shipped() -> frozenset[str]:
    """ISO codes (lower case) of the flags in static/flags."""
    return frozenset(path.stem for path in FLAGS_DIR.glob("*.svg"))


@cache
def flag_html(iso_code: str) -> SafeString:
    """<img> of a country's flag, or "" for a code without a shipped flag."""
    code = (iso_code or "").lower()
    if code not in shipped():
        return SafeString("")
    url = static(f"flags/{code}.svg")
    return format_html('<img class="flag" src="{}" alt="" width="16" height="12" loading="lazy">', url)
