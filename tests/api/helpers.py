"""Reading the timeline page and the downloads back in tests."""

import csv
import html as html_lib
import io
import re


def page_sentences(response) -> list[str]:
    """The sentences of the cards of a timeline page, in order (markup stripped)."""
    found = re.findall(r'<p class="sentence">(.*?)</p>', response.content.decode(), re.S)
    return [html_lib.unescape(re.sub(r"<[^>]+>", "", sentence)) for sentence in found]


def csv_rows(response) -> list[dict[str, str]]:
    """The rows of a streamed CSV download, as dictionaries by column name."""
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))
