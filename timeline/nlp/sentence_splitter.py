"""Model-free sentence splitter for French and English news text, with exact character offsets.

Rules, in order: every line break is a boundary; otherwise a boundary follows terminal punctuation
(`.`, `!`, `?`, `…`, possibly with closing quotes or brackets) when whitespace and then something that can
start a sentence (not a lowercase letter) follow. A period after a title ("M.", "Mr.", "Dr.", "St.")
never ends a sentence; after an initial ("J.") or an ambiguous abbreviation ("etc.", "U.S.", "a.m.") it
ends one only when the next word is a usual sentence opener. Decimals ("3.5", "3,5") never match since no
whitespace follows the separator. A full stop with no space after it ends a sentence when a lowercase word
or a number precedes it and a capitalised word follows (".Les forces"). The word lists are language data
(`timeline/nlp/data/<lang>.yaml`).
"""

from __future__ import annotations

import re

from timeline.nlp.language_data import SentenceRules, load_sentence_rules
from timeline.nlp.types import Sentence

# Characters str.splitlines() breaks on: each one ends a sentence (paragraphs, headlines, list items).
LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")
# Terminal punctuation, then closing quotes/brackets (French "»" may follow a (narrow) no-break space),
# then the whitespace that must separate two sentences.
CANDIDATE = re.compile(r"(?P<punct>[.!?…]+)(?P<close>(?:[ \u00a0\u202f]?»|[\"”’)\]])*)(?=\s)")
OPENERS = '«"“‘([—–-¿¡ \u00a0\u202f'
LEADING_PUNCT = '«"“‘(['
# A full stop run into the next sentence (".Les forces", "said.The"): a lowercase word or a number, the
# stop, then a capitalised word. Initials ("J.R.R", "U.S.Army") never match: a capital precedes the stop.
RUN_TOGETHER = re.compile(r"(?<=[a-zß-öø-ÿ0-9])\.(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ])")
ACRONYM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # "U.S", "a.m", "J.R.R" (final period excluded)
WORD = re.compile(r"[^\W\d_]+")


def split_sentences(text: str, lang: str) -> list[Sentence]:
    """Sentences of `text`, in order, as stripped spans that slice back to their text."""
    rules = load_sentence_rules(lang)
    sentences: list[Sentence] = []
    for line in LINE.finditer(text):
        start = line.start()
        for boundary in _boundaries(text, line.start(), line.end(), rules):
            _append_stripped(sentences, text, start, boundary)
            start = boundary
        _append_stripped(sentences, text, start, line.end())
    return sentences


def _append_stripped(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(start, end, text[start:end]))


def _boundaries(text: str, begin: int, end: int, rules: SentenceRules) -> list[int]:
    """Offsets (in `text`) right after each sentence-ending punctuation run of the line [begin, end)."""
    found = []
    for match in CANDIDATE.finditer(text, begin, end):
        after = match.end()
        following = text[after:end].lstrip()
        if not following:
            continue  # end of line: the line break is the boundary anyway
        if _ends_sentence(text, begin, match, following, rules):
            found.append(after)
    for match in RUN_TOGETHER.finditer(text, begin, end):
        word = _word_before(text, begin, match.start())
        if word not in rules.titles and word not in rules.abbreviations and "." not in word:
            found.append(match.end())
    return sorted(found)


def _ends_sentence(text: str, begin: int, match: re.Match[str], following: str, rules: SentenceRules) -> bool:
    significant = following.lstrip(OPENERS)
    if significant[:1].islower():
        return False  # « Non ! » a-t-il dit. / "Why?" he asked.
    if match.group("punct") != ".":
        return True
    word = _word_before(text, begin, match.start())
    if not word:
        return True
    if word in rules.titles:
        return False  # "M. Zelensky", "Dr. Grossi", "St. Petersburg"
    initial = len(word) == 1 and word.isupper()  # "John F. Kennedy" but also "plan B. Le..."
    if initial or word in rules.abbreviations or ACRONYM.fullmatch(word):
        next_word = WORD.match(significant)
        return bool(next_word) and next_word.group() in rules.sentence_starters
    return True


def _word_before(text: str, begin: int, punct_start: int) -> str:
    """The non-space run just before the punctuation, without leading quotes or brackets."""
    start = punct_start
    while start > begin and not text[start - 1].isspace():
        start -= 1
    return text[start:punct_start].lstrip(LEADING_PUNCT)
