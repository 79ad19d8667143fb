"""Shared helpers for the temporal tagger tests."""

from __future__ import annotations

import datetime as dt
import re

from timeline.temporal import Timex, tag

# Well-formed TIMEX3 values our tagger may produce.
TIMEX3_VALUE = re.compile(
    r"^(?:"
    r"(?:(?:BC)?\d{4}|XXXX)(?:-(?:\d{2}(?:-\d{2})?|W\d{2}(?:-WE)?|WXX-[1-7]|SP|SU|FA|WI|Q[1-4]|H[12]))?"
    r"(?:T(?:\d{2}(?::\d{2})?|MO|AF|EV|NI|DT))?"
    r"|XXXX-WXX-[1-7](?:T(?:MO|AF|EV|NI))?"
    r"|\d{2,3}"
    r"|P(?=.)(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|DE|CE|D))*(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF"
    r")$"
)


def only(text: str, lang: str, dct: dt.date, expected_text: str) -> Timex:
    """The one expression tagged with exactly ``expected_text`` (fails when absent)."""
    found = [t for t in tag(text, lang, dct) if t.text == expected_text]
    assert found, f"{expected_text!r} not tagged in {text!r}: {tag(text, lang, dct)}"
    return found[0]
