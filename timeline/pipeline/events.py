"""From an annotated article to its dated events: plain data in, plain data out (no Django).

Rules, in order:
- Only the story counts: datelines, bylines, captions, credits, related links and embedded-post markers
  (timeline.nlp.structure) give no event, and their time expressions and names are ignored.
- Each time expression that denotes a period (DATE, TIME, or a DURATION anchored in time such as "ces
  dernières semaines") anchors an event in its sentence, unless it dates a biographical or statistical
  aside ("born in 2003", "engagé depuis 2022"; language data). A sentence with several anchors is cut into
  clauses between them (language data: clause boundaries), so each event keeps the actors of its own clause.
- A clause's action is read from its predicate (timeline.pipeline.actions); a dated clause with neither an
  action, a reporting word nor a past tense is a fragment, not an event.
- A sentence without an anchor of its own that continues the happening before it in its paragraph (it
  opens like "Speaking after the meeting", "The two ministers", or names one of its actors) takes that
  happening's date; it joins that happening unless it reports another action of its own. Otherwise it
  becomes an event of the publication day only when it names an action and reports it as completed (a
  past tense) by a named actor: a person who is not a mere complement ("la remarque de M. Trump"), or, in
  the lead sentence, any country, person or organisation. Other sentences are context.
- An event needs at least one actor in its clause (a clause opening on a relative pronoun also takes the
  noun it refers back to). A person named as the complement of someone else's role ("the envoy of X",
  "X's chief of staff") or as the source of the report ("according to X", "selon X") is not an actor.
- Implied countries: the country of a person, a place, or a state body (a ministry, an army) named in the
  clause counts as involved, except a person's when they speak for an international organisation named
  beside them ("NATO Secretary General Mark Rutte"). News agencies imply nothing.
- Mentions of one happening in the article (compatible actions, the same main actor or a shared one,
  nested periods) are one happening: every sentence stays as an event of its own (provenance), all with
  the most precise period, and they share `happening` so that they make one card.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import count, pairwise
from typing import Generic, TypeVar

from timeline.linking.types import EntityRecord, Mention
from timeline.nlp.structure import document_structure
from timeline.nlp.types import Sentence
from timeline.pipeline.actions import (
    REPORTING,
    Predicate,
    action_types,
    category_of,
    compatible,
    places_are_venues,
    predicate,
)
from timeline.pipeline.actors import (
    ACTOR_KINDS,
    EventMention,
    actors_of,
    after_last_break,
    international_persons,
    main_actor,
    subject_of,
    with_implied_countries,
)
from timeline.pipeline.event_language import categorise, event_language
from timeline.temporal.types import Precision, Timex, TimexType

VAGUE_REFERENCES = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}


# How many days before publication an article's lead may date its news.
NEWS_DAY_REACH = 3
LEAD_SENTENCES = 2


@dataclass(frozen=True, slots=True)
class ExtractedEvent:
    """One dated statement of an article, with offsets into the article's text.

    `happening` numbers the happenings of the article: events sharing it report one happening (one card).
    `action` is the clause's event type ("" when none is named), `carried` the action a speech act
    reports, `subject` the key of the clause's main actor ("" when none stands before the action).
    """

    date_start: datetime.date
    date_end: datetime.date
    precision: str
    timex_value: str
    timex_mod: str
    date_text: str
    date_source: str  # "text" or "publication"
    sentence: Sentence
    clause_start: int
    clause_end: int
    category: str
    mentions: tuple[EventMention, ...]
    action: str = ""
    carried: str = ""
    subject: str = ""
    happening: int = 0
    approximate: bool = False  # the anchor's text gives an estimate ("about", "in recent weeks"): "≈"

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(m.key for m in self.mentions)

    @property
    def actor_keys(self) -> frozenset[str]:
        """Keys of the actors named in the clause (implied countries left out)."""
        return frozenset(m.key for m in self.mentions if m.via != "implied" and m.kind in ACTOR_KINDS)


def is_dating(timex: Timex) -> bool:
    """Whether a time expression places an event in time (a period, not a bare length or a vague ref)."""
    if timex.period_start is None or timex.period_end is None:
        return False
    if timex.period_start > timex.period_end:  # a malformed period dates nothing
        return False
    if timex.value in VAGUE_REFERENCES:
        return False
    return timex.type in (TimexType.DATE, TimexType.TIME, TimexType.DURATION)


NUMBER = re.compile(r"\d[\d,.\u00a0\u202f ]*\d|\d")


def dates_an_aside(text: str, anchor: Timex, clause_start: int, clause_end: int, lang: str) -> bool:
    """Whether the time expression dates a biographical or statistical aside ("né en 2003", "Tykhy, 39,
    has been spokesman since 2024", "losses put at 76,000"), or a state rather than a happening ("held by
    Ukraine since August")."""
    language = event_language(lang)
    before = text[max(clause_start, anchor.start - 40) : anchor.start]
    if language.aside_before_date.search(before):
        return True
    clause = text[clause_start:clause_end]
    if language.biography.search(clause):
        return True
    outside_date = (
        text[clause_start : anchor.start] + " " * (anchor.end - anchor.start) + text[anchor.end : clause_end]
    )
    return is_a_statistic(outside_date, predicate(text, lang, clause_start, clause_end), clause_start, lang)


def is_a_statistic(clause: str, found: Predicate, offset: int, lang: str) -> bool:
    """Whether a clause gives figures (losses, estimates, areas) rather than a happening: it holds a
    statistics word and a number, and no action is named before that number ("crossed into the region on
    August 6 and now control 1,150 square kilometres" is a happening; "losses put at 76,000 killed and
    wounded" is not)."""
    language = event_language(lang)
    if found.at is None and language.counts.search(clause):
        return True
    cue = language.statistics.search(clause)
    number = NUMBER.search(clause)
    if cue is None or number is None:
        return False
    at = None if found.at is None else found.at - offset
    # An estimate of what happened ("Kyiv estimates that Pyongyang deployed 11,000") is a statistic too.
    return at is None or at > number.start() or cue.start() < at


def clause_bounds(sentence: Sentence, anchors: Sequence[Timex], lang: str) -> list[tuple[int, int]]:
    """For each anchor (in text order), the absolute (start, end) of its clause in the article."""
    language = event_language(lang)
    cuts: list[int | None] = []
    for before, after in pairwise(anchors):
        cut = None
        gap_start, gap_end = before.end - sentence.start, after.start - sentence.start
        for pattern in language.clause_boundaries:
            found = [m.start() for m in pattern.finditer(sentence.text, gap_start, gap_end)]
            if found:
                cut = sentence.start + found[-1]
                break
        cuts.append(cut)
    bounds = []
    for index in range(len(anchors)):
        start = next((c for c in reversed(cuts[:index]) if c is not None), sentence.start)
        end = next((c for c in cuts[index:] if c is not None), sentence.end)
        bounds.append((start, end))
    return bounds


def _inside(mention: Mention, start: int, end: int) -> bool:
    return start <= mention.start and mention.end <= end


def clause_mentions(
    text: str, mentions: Sequence[Mention], sentence: Sentence, start: int, end: int, lang: str
) -> list[Mention]:
    """The mentions of a clause; a clause opening on a relative pronoun also gets its antecedent."""
    inside = [m for m in mentions if _inside(m, start, end)]
    if start > sentence.start and event_language(lang).relative_pronoun.match(text[start:end]):
        before = [m for m in mentions if sentence.start <= m.start and m.end <= start]
        if before and not text[before[-1].end : start].strip(" ,;"):
            inside.insert(0, before[-1])
    return inside


def reports_completed_action(
    text: str, sentence: Sentence, mentions: Sequence[Mention], found: Predicate, lang: str
) -> bool:
    """Whether a sentence without a date of its own reports, in a past tense, an action of a named actor:
    an actor named before the action word who is not a mere complement ("la remarque de M. Trump")."""
    language = event_language(lang)
    at = found.at
    if at is None or not language.past_tense.search(sentence.text):
        return False
    for mention in mentions:
        if mention.kind not in ACTOR_KINDS or not (sentence.start <= mention.start < at):
            continue
        if not language.complement_before.search(after_last_break(text[sentence.start : mention.start])):
            return True
    return False


@dataclass
class _Draft:
    """An event being built: its clause, actors and predicate; date fields are settled at the end."""

    sentence: Sentence
    clause_start: int
    clause_end: int
    mentions: tuple[EventMention, ...]
    predicate: Predicate
    anchor: Timex | None  # None: dated by the publication day or by the happening it continues
    paragraph: int
    happening: int = -1
    continues: _Draft | None = None  # the draft whose date an undated continuation takes
    news: Timex | None = None  # for an undated report of the article's news: the news day
    subject: str = ""  # the key of the main actor
    sequel: bool = False  # told as following another happening ("Later on Tuesday, ...", "then met ...")

    @property
    def actors(self) -> frozenset[str]:
        return frozenset(m.key for m in self.mentions if m.via != "implied" and m.kind in ACTOR_KINDS)


def _paragraph_of(text: str) -> Callable[[int], int]:
    """The number of the paragraph (non-blank line) an offset is in."""
    breaks = [m.start() for m in re.finditer(r"\n[\s]*", text)]
    return lambda offset: bisect.bisect_right(breaks, offset)


def _dated_drafts(
    text: str,
    sentence: Sentence,
    anchors: Sequence[Timex],
    mentions: Sequence[Mention],
    lang: str,
    record: Callable[[str], EntityRecord | None],
    paragraph: int,
    international: Mapping[str, str],
    antecedent: Mention | None,
) -> list[_Draft]:
    drafts = []
    seen: set[tuple[int, int, datetime.date | None, datetime.date | None]] = set()
    # A date that only starts a state ("held since August") or a biography ("born in 1952") does not
    # even cut the sentence into clauses; nor does the speaker's "today" inside a quotation.
    language = event_language(lang)
    anchors = [
        a
        for a in anchors
        if not language.aside_before_date.search(text[max(sentence.start, a.start - 40) : a.start])
        and not (a.from_dct and _inside_quotation(text, sentence.start, a.start))
    ]
    for anchor, (start, end) in zip(anchors, clause_bounds(sentence, anchors, lang), strict=True):
        signature = (start, end, anchor.period_start, anchor.period_end)
        if signature in seen or dates_an_aside(text, anchor, start, end, lang):
            continue
        seen.add(signature)
        found = dated_action(predicate(text, lang, start, end), anchor, lang)
        involved = actors_of(
            text, clause_mentions(text, mentions, sentence, start, end, lang), lang, found.head
        )
        involved = _with_antecedent(text, involved, start, end, found, antecedent, lang)
        if not involved:
            continue
        if not found.words:
            continue  # a fragment ("Today, they are ..."): nothing is said to happen in it
        cut = second_predicate(text, found, start, lang)
        parts = [(start, end, involved, found)]
        if cut is not None:
            head = predicate(text, lang, start, cut)
            tail = predicate(text, lang, cut, end)
            head_subject = [m for m in involved if m.kind in ACTOR_KINDS and m.end <= (head.head or cut)][-1:]
            tail_actors = head_subject + [m for m in involved if m.start >= cut and m not in head_subject]
            head_actors = [m for m in involved if m.start < cut]
            if head_actors and tail_actors:
                parts = [(start, cut, head_actors, head), (cut, end, tail_actors, tail)]
        for part_start, part_end, actors, part in parts:
            implied = with_implied_countries(
                actors, record, text, venues=places_are_venues(part), international=international
            )
            subject = subject_of(text, implied, part.head, lang)
            subject = international.get(subject, subject)  # Rutte acts for NATO
            sequel = bool(language.sequel.search(text, part_start, part_end))
            drafts.append(
                _Draft(
                    sentence,
                    part_start,
                    part_end,
                    implied,
                    part,
                    anchor,
                    paragraph,
                    subject=subject,
                    sequel=sequel,
                )
            )
    return drafts


# Between the comma and the second action: only lower-case words (no new subject, no name).
SECOND_PREDICATE_GAP = re.compile(r",\s+(?:(?:and|et)\s+)?(?:[a-zß-ÿ'’-]+\s+){0,5}$")


def second_predicate(text: str, found: Predicate, start: int, lang: str) -> int | None:
    """Where a clause goes on with a second, different action of the same subject ("confirmed the
    deployment, and for the first time acknowledged losses"; "a annoncé la reprise de Soudja, reconnaissant
    ..."): the offset of the comma before it, or None. Actions it carries or shares a family with are the
    same happening told at length, not a second one; so is all a speaker says ("said that ..., and called
    for sanctions", "condemned ..., accusing Kyiv of ...": one statement)."""
    if not found.action or not found.words or found.words[0].type == REPORTING:
        return None
    types = action_types()
    main = types[found.action]
    after_main = False
    for word in found.words:
        if word.type == found.action and not after_main:
            after_main = True
            continue
        if not after_main or word.type == REPORTING or word.type == found.carried:
            continue
        if types[word.type].family == main.family:
            continue
        if main.verbal and types[word.type].verbal:
            continue  # all one statement: "condemned ..., accusing Kyiv of ..."
        if event_language(lang).determiner_before.search(text, max(start, word.start - 12), word.start):
            continue  # an object ("..., calling the deployment a violation"), not a second action
        gap = SECOND_PREDICATE_GAP.search(text, max(start, word.start - 60), word.start)
        if gap is not None and not any(
            start <= w.start < word.start and w.start > gap.start() for w in found.words if w is not word
        ):
            return gap.start()
    return None


def _before_other_happenings(
    mentions: Sequence[Mention], cuts: Sequence[int], sentences: Sequence[Sentence]
) -> list[Mention]:
    """The mentions, without those that follow, in their sentence, a time expression counted from another
    happening ("deux jours après que le général Guérassimov eut salué ..."): they are that happening's."""
    if not cuts:
        return list(mentions)
    starts = [s.start for s in sentences]
    kept = []
    for mention in mentions:
        at = bisect.bisect_right(starts, mention.start) - 1
        sentence = sentences[at] if at >= 0 and mention.start < sentences[at].end else None
        if sentence is not None:
            first = bisect.bisect_left(cuts, sentence.start)
            if first < len(cuts) and cuts[first] < mention.start:
                continue
        kept.append(mention)
    return kept


_Located = TypeVar("_Located", Mention, Timex)


class _ByOffset(Generic[_Located]):
    """Mentions or time expressions found by offset in O(log n): those lying within a span, in the order
    they were given."""

    def __init__(self, items: Sequence[_Located]) -> None:
        self._order = sorted(range(len(items)), key=lambda i: items[i].start)
        self._starts = [items[i].start for i in self._order]
        self._items: Sequence[_Located] = items

    def within(self, start: int, end: int) -> list[_Located]:
        first = bisect.bisect_left(self._starts, start)
        last = bisect.bisect_right(self._starts, end)
        return [self._items[i] for i in sorted(self._order[first:last]) if self._items[i].end <= end]


def _inside_quotation(text: str, start: int, at: int) -> bool:
    """Whether an offset lies inside a quotation opened since `start` (« », “ ”, or straight quotes)."""
    before = text[start:at]
    return (
        before.count("«") > before.count("»")
        or before.count("“") > before.count("”")
        or before.count('"') % 2 == 1
    )


def dated_action(found: Predicate, anchor: Timex, lang: str) -> Predicate:
    """The predicate a time expression dates: a date after a later participle dates that action ("...
    under the treaty signed with Moscow last year": the signing, not the announcement); a date after an
    object noun ("condemned the deployment on Tuesday") dates the clause's own action."""
    if found.at is None or anchor.start < found.at:
        return found
    before = [w for w in found.words if w.type != REPORTING and w.end <= anchor.start]
    nearest = before[-1] if before else None
    if nearest is None or nearest.start == found.at or nearest.type in (found.action, found.carried):
        return found
    if not event_language(lang).participle.search(nearest.text):
        return found
    return Predicate(nearest.type, "", found.words)


def _with_antecedent(
    text: str,
    involved: list[Mention],
    start: int,
    end: int,
    found: Predicate,
    antecedent: Mention | None,
    lang: str,
) -> list[Mention]:
    """A clause opening on a subject pronoun ("He declared ...", "Il a affirmé ...") whose predicate has no
    named subject takes the previous sentence's first actor as its own (kept at that actor's offsets, found
    "via" the pronoun)."""
    language = event_language(lang)
    if antecedent is None:
        return involved
    if language.possessive_opener.match(text[start:end]):  # "Son vice-ministre, X, ...": X and whose
        owner = Mention(
            antecedent.start, antecedent.end, antecedent.text, antecedent.key, antecedent.kind, "pronoun"
        )
        return [owner, *involved] if all(m.key != owner.key for m in involved) else involved
    if not language.subject_pronoun.match(text[start:end]):
        return involved
    head = found.head if found.head is not None else end
    if any(m.kind in ACTOR_KINDS and m.start < head for m in involved):
        return involved
    pronoun = Mention(
        antecedent.start, antecedent.end, antecedent.text, antecedent.key, antecedent.kind, "pronoun"
    )
    return [pronoun, *involved]


def _continues(
    text: str,
    sentence: Sentence,
    draft: _Draft,
    previous: _Draft | None,
    lang: str,
    record: Callable[[str], EntityRecord | None],
    *,
    adjacent: bool,
    single: bool = False,
) -> bool:
    """Whether an undated sentence continues the last dated happening: it opens like a continuation
    ("Speaking after the meeting", "The two ministers"; in the same or the next paragraph), it follows
    that happening's sentence and only reports speech ("X told Y that ..."), or, in the same paragraph,
    the same main actor goes on with a compatible action in a past tense. A wire report or a live blog
    gives each sentence a paragraph of its own (`single`: the happening's paragraph is one sentence): there
    what the next sentence says goes on as within a paragraph."""
    if previous is None:
        return False
    distance = draft.paragraph - previous.paragraph
    said = draft.predicate
    says = not said.action or said.reported or action_types()[said.action].verbal
    if single and adjacent and distance == 1 and says:
        distance = 0  # (what is said goes on; a deed in a paragraph of its own is told on its own)
    language = event_language(lang)
    if language.continuation.match(sentence.text) or language.parallel.match(sentence.text):
        return distance <= 1
    if (
        adjacent
        and not distance
        and _answers(previous.predicate, text, lang)
        and draft.subject
        and _same_main_actor(draft.subject, previous.subject, record)
    ):
        return True  # the answerer goes on ("Kiev a démenti. L'état-major ukrainien a assuré que ...")
    # "X told Y that ...": in the same paragraph, or in the next one when it names an actor of the happening.
    reports_more = draft.actors and not draft.predicate.action and draft.predicate.reported
    if adjacent and reports_more and (not distance or (distance == 1 and draft.actors & previous.actors)):
        return True
    if distance <= 1 and _answers(draft.predicate, text, lang):
        return True
    if adjacent and distance <= 1 and _speaks_for(draft, previous, record):
        return True  # "Ukraine's foreign ministry said ... Spokesman Heorhiy Tykhy said ..."
    if distance:
        return False
    subject, before = draft.subject, previous.subject
    if not subject or not event_language(lang).past_tense.search(sentence.text):
        return False
    # The same main actor goes on; or, right after, a person the text ties to no country speaks for it
    # ("China's foreign ministry, asked on Tuesday, said ... Spokesman Lin Jian urged ...").
    subject_record = record(subject)
    unattached = (
        subject_record is not None and subject_record.kind == "person" and not subject_record.country_code
    )
    if subject == before:
        return True  # the same actor goes on, on the same day (its own happening if its action differs)
    return (
        adjacent
        and unattached
        and bool(before)
        and compatible(
            draft.predicate.action,
            draft.predicate.carried,
            previous.predicate.action,
            previous.predicate.carried,
        )
    )


def _speaks_for(draft: _Draft, previous: _Draft, record: Callable[[str], EntityRecord | None]) -> bool:
    """Whether a draft's main actor is a person the text ties to no country who goes on with the statement
    just reported (a spokesman after "the foreign ministry said"): they speak for its author."""
    entity = record(draft.subject) if draft.subject else None
    if entity is None or entity.kind != "person" or entity.country_code or not previous.subject:
        return False
    said = previous.predicate
    return said.reported or bool(said.action and action_types()[said.action].speech)


def _news_day(
    story: Sequence[Sentence], anchors: Sequence[Timex], published: datetime.date | None
) -> Timex | None:
    """The day the article reports as its news, when its lead dates it a few days before publication
    ("MOSCOW, April 27 - ... said on Saturday"): undated reports of the article then belong to that day,
    not to the publication day. None when the news is the publication day's."""
    if published is None or not story:
        return None
    # The lead is the first dated sentence of the first two (a headline may open the text).
    for lead in story[:LEAD_SENTENCES]:
        for anchor in anchors:
            if not (lead.start <= anchor.start < lead.end) or anchor.period_start != anchor.period_end:
                continue
            assert anchor.period_start is not None
            if 0 < (published - anchor.period_start).days <= NEWS_DAY_REACH:
                return anchor
            return None
    return None


def _answers(found: Predicate, text: str, lang: str) -> bool:
    """Whether a clause answers what was just reported: it confirms or denies, and points back at the
    report or at nothing ("Kyiv denied the claim", "Moscou a démenti.", "rejected it within hours")."""
    if not found.action or not action_types()[found.action].answer:
        return False
    word = next(w for w in found.words if w.type == found.action)
    return event_language(lang).answer_object.search(text[word.end : word.end + 60]) is not None


def _dating_anchor(draft: _Draft) -> Timex | None:
    """The time expression that dates a draft: its own, or that of the happening it continues."""
    while draft.anchor is None and draft.continues is not None:
        draft = draft.continues
    return draft.anchor if draft.anchor is not None else draft.news


def _span(draft: _Draft, published: datetime.date | None) -> tuple[datetime.date, datetime.date] | None:
    anchor = _dating_anchor(draft)
    if anchor is not None:
        assert anchor.period_start is not None and anchor.period_end is not None
        return anchor.period_start, anchor.period_end
    return (published, published) if published else None


def _same_happening(
    a: _Draft, b: _Draft, published: datetime.date | None, record: Callable[[str], EntityRecord | None]
) -> bool:
    pa, pb = a.predicate, b.predicate
    if not pa.action or not pb.action or not compatible(pa.action, pa.carried, pb.action, pb.carried):
        return False
    if a.sequel or b.sequel:  # "Later on Tuesday, ...": told as a happening of its own
        return False
    span_a, span_b = _span(a, published), _span(b, published)
    if span_a is None or span_b is None:
        return False
    nested = (span_a[0] <= span_b[0] and span_b[1] <= span_a[1]) or (
        span_b[0] <= span_a[0] and span_a[1] <= span_b[1]
    )
    # A report dated only by the publication day may retell an earlier dated happening.
    retold = (a.anchor is None and a.continues is None and span_b[1] <= span_a[1]) or (
        b.anchor is None and b.continues is None and span_a[1] <= span_b[1]
    )
    if not (nested or retold):
        return False
    if a.subject and b.subject and not _same_main_actor(a.subject, b.subject, record):
        return False
    return bool(a.actors & b.actors)


def _same_main_actor(a: str, b: str, record: Callable[[str], EntityRecord | None]) -> bool:
    """The same actor, or a person (or state body) and the country they act for; two different persons
    are two actors even of one country (the defence minister and the president speak on their own)."""
    if a == b:
        return True
    if a.startswith("person:") and b.startswith("person:"):
        return False
    return _acts_for(a, record) == _acts_for(b, record)


def _nested(
    a: tuple[datetime.date, datetime.date] | None, b: tuple[datetime.date, datetime.date] | None
) -> bool:
    """Whether one period holds the other."""
    if a is None or b is None:
        return False
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def _acts_for(key: str, record: Callable[[str], EntityRecord | None]) -> str:
    """The country an actor acts for (a person's, a ministry's), or the actor itself."""
    entity = record(key)
    if entity is None or entity.kind == "country" or not entity.country_code:
        return key
    return f"country:{entity.country_code}"


def _precision_key(draft: _Draft, published: datetime.date | None) -> tuple:
    span = _span(draft, published)
    width = (span[1] - span[0]).days if span else 10**6
    # A date read in the text beats the publication day; then the narrowest period; then the first.
    return (draft.anchor is None and draft.continues is None, width, draft.clause_start)


def _actors_on_the_card(draft: _Draft, lead: _Draft, text: str, lang: str) -> tuple[EventMention, ...]:
    """The mentions a draft brings to its happening's card. Who answers someone else's report (a denial,
    a confirmation, and what the same speaker adds) speaks about the happening: their country is involved,
    the speaking person is a source, not an actor (issue 13 shows them as the speaker). When the answer is
    the happening itself ("North Korea dismissed the reports"), its speakers are its actors."""
    answering = (
        draft is not lead
        and not _answers(lead.predicate, text, lang)
        and (
            _answers(draft.predicate, text, lang)
            or (draft.continues is not None and _answers(draft.continues.predicate, text, lang))
        )
    )
    if not answering:
        return draft.mentions
    return tuple(m for m in draft.mentions if m.kind != "person" or m.key in lead.actors)


def _finish(
    draft: _Draft, lead: _Draft, published: datetime.date | None, text: str, lang: str
) -> ExtractedEvent:
    source_anchor = _dating_anchor(lead)
    own_anchor = _dating_anchor(draft)
    if source_anchor is not None:
        assert source_anchor.period_start is not None and source_anchor.period_end is not None
        start, end = source_anchor.period_start, source_anchor.period_end
        precision = str(source_anchor.precision or Precision.DAY)
        value, mod = source_anchor.value, source_anchor.mod or ""
    else:
        assert published is not None
        start = end = published
        precision, value, mod = str(Precision.DAY), published.isoformat(), ""
    approximate = source_anchor is not None and source_anchor.approximate
    in_sentence = own_anchor is not None and draft.sentence.start <= own_anchor.start < draft.sentence.end
    return ExtractedEvent(
        date_start=start,
        date_end=end,
        precision=precision,
        timex_value=value,
        timex_mod=mod,
        date_text=own_anchor.text if in_sentence and own_anchor is not None else "",
        date_source="text" if source_anchor is not None else "publication",
        sentence=draft.sentence,
        clause_start=draft.clause_start,
        clause_end=draft.clause_end,
        category=category_of(lead.predicate) or categorise(text[lead.clause_start : lead.clause_end], lang),
        mentions=_actors_on_the_card(draft, lead, text, lang),
        action=draft.predicate.action,
        carried=draft.predicate.carried,
        subject=draft.subject,
        happening=draft.happening,
        approximate=approximate,
    )


YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def _shift_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def reanchored(
    timexes: Sequence[Timex], text: str, lang: str, published: datetime.date | None
) -> list[Timex]:
    """The time expressions with what the tagger, which only knows the publication day, cannot tell:
    - a date without its year ("le 6 août", "in August") placed after publication, in a sentence that
      names no future, is in the year the text last named ("Août 2024. Le 6 août, ...") or else in the
      year before: a report tells what has happened;
    - "the same day", "le même jour" is the day of the last day the text named before it."""
    language = event_language(lang)
    out: list[Timex] = []
    last_year: int | None = None
    previous: Timex | None = None
    for timex in sorted(timexes, key=lambda t: t.start):
        if (
            previous is not None
            and language.same_time.fullmatch(timex.text.strip())
            and previous.period_start is not None
        ):
            timex = replace(
                timex,
                value=previous.value,
                period_start=previous.period_start,
                period_end=previous.period_end,
                precision=previous.precision,
                from_dct=True,
            )
        elif (
            published is not None
            and timex.from_dct
            and timex.period_start is not None
            and timex.period_end is not None
            and timex.period_start > published
            and timex.precision in (Precision.DAY, Precision.MONTH, Precision.SEASON)
            and not YEAR.search(timex.text)
            and not language.future.search(_sentence_around(text, timex.start))
        ):
            years = -1
            if last_year is not None and last_year < timex.period_start.year:
                years = last_year - timex.period_start.year
            start, end = _shift_years(timex.period_start, years), _shift_years(timex.period_end, years)
            if end <= published:
                value = str(start.year) + timex.value[4:] if timex.value[:4].isdigit() else timex.value
                timex = replace(timex, value=value, period_start=start, period_end=end)
        found = YEAR.findall(timex.text)
        if found:
            last_year = int(found[-1])
        if is_dating(timex) and timex.precision == Precision.DAY:
            previous = timex
        out.append(timex)
    return out


def _only_dates(sentence: Sentence, anchors: Sequence[Timex]) -> bool:
    """Whether a sentence holds nothing but its time expressions (and punctuation)."""
    rest = sentence.text
    for anchor in anchors:
        rest = rest.replace(anchor.text, " ")
    return not any(ch.isalnum() for ch in rest)


def _sentence_around(text: str, at: int) -> str:
    start = max(text.rfind(".", 0, at), text.rfind("\n", 0, at)) + 1
    ends = [i for i in (text.find(".", at), text.find("\n", at)) if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def extract_events(
    *,
    text: str,
    lang: str,
    published: datetime.date | None,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    timexes: Sequence[Timex],
    record: Callable[[str], EntityRecord | None],
) -> list[ExtractedEvent]:
    """The dated events of one article (see the module docstring for the rules)."""
    structure = document_structure(text, sentences, lang)
    timexes = reanchored(timexes, text, lang, published)
    story = structure.story_sentences(sentences, text)
    mentions = [m for m in mentions if not structure.overlaps_aside(m.start, m.end)]
    relative = event_language(lang).relative_to_event
    # "... two days after General Gerasimov hailed ...": what follows tells another happening.
    elsewhere = sorted(t.start for t in timexes if relative.search(t.text))
    mentions = _before_other_happenings(mentions, elsewhere, sentences)
    counted = event_language(lang).counted_from_before
    anchors_all = sorted(
        (
            t
            for t in timexes
            if is_dating(t)
            and not structure.overlaps_aside(t.start, t.end)
            and not relative.search(t.text)
            # "Two days later": placed by the date before it, unless the tagger had none and counted from
            # the publication day into the future.
            and not (
                counted.search(t.text)
                and (published is None or t.period_end is None or t.period_end > published)
            )
        ),
        key=lambda t: t.start,
    )
    # A sentence's mentions and anchors are looked up by bisection, not by scanning the whole article for
    # each sentence (which made extraction quadratic in the article's length).
    mentions_at = _ByOffset(mentions)
    anchors_at = _ByOffset(anchors_all)
    paragraph_of = _paragraph_of(text)
    sentences_in = Counter(paragraph_of(sentence.start) for sentence in story)
    international = international_persons(text, mentions, record, lang)
    news = _news_day(story, anchors_all, published)
    drafts: list[_Draft] = []
    headings: dict[int, Timex] = {}
    numbers = count()
    previous: _Draft | None = None  # the last dated draft
    previous_index = -1  # the sentence that made it
    antecedent: Mention | None = None  # the first actor of the sentence before, in the same paragraph
    for index, sentence in enumerate(story):
        paragraph = paragraph_of(sentence.start)
        if index and paragraph_of(story[index - 1].start) != paragraph:
            antecedent = None
        in_sentence = mentions_at.within(sentence.start, sentence.end)
        anchors = anchors_at.within(sentence.start, sentence.end)
        if anchors and _only_dates(sentence, anchors):
            # A chronology's heading ("Août 2024.", "March 2025:") dates what its paragraph tells.
            headings[paragraph] = anchors[-1]
        elif not anchors and paragraph in headings:
            anchors = [headings[paragraph]]
        made: list[_Draft] = []
        if anchors:
            made = _dated_drafts(
                text, sentence, anchors, in_sentence, lang, record, paragraph, international, antecedent
            )
        else:
            found = predicate(text, lang, sentence.start, sentence.end)
            actors = actors_of(text, in_sentence, lang, found.head)
            actors = _with_antecedent(text, actors, sentence.start, sentence.end, found, antecedent, lang)
            implied = with_implied_countries(
                actors, record, text, venues=places_are_venues(found), international=international
            )
            subject = subject_of(text, implied, found.head, lang)
            subject = international.get(subject, subject)
            sequel = bool(event_language(lang).sequel.search(sentence.text))
            draft = _Draft(
                sentence,
                sentence.start,
                sentence.end,
                implied,
                found,
                None,
                paragraph,
                subject=subject,
                sequel=sequel,
            )
            if event_language(lang).background.search(sentence.text) or is_a_statistic(
                sentence.text, found, sentence.start, lang
            ):
                pass  # what has or has not happened so far, or figures: context
            elif _continues(
                text,
                sentence,
                draft,
                previous,
                lang,
                record,
                adjacent=previous_index == index - 1,
                single=previous is not None and sentences_in[previous.paragraph] == 1,
            ):
                assert previous is not None
                draft.continues = previous
                pa, pb = draft.predicate, previous.predicate
                # An answer finds the happening it answers later (see _happenings); what the answerer
                # adds right after ("... and denounced propaganda") goes with the answer.
                same_answerer = _answers(pb, text, lang) and _same_main_actor(
                    draft.subject, previous.subject, record
                )
                # What the same speaker adds ("He added ...", "He urged ...") is part of the statement.
                same_speaker = (
                    (pb.reported or (pb.action and action_types()[pb.action].speech))
                    and (draft.subject == previous.subject)
                ) or _speaks_for(draft, previous, record)
                parallel = event_language(lang).parallel.match(sentence.text)
                if (
                    not _answers(pa, text, lang)
                    and not draft.sequel
                    and not parallel
                    and (
                        same_answerer
                        or same_speaker
                        or not pa.action
                        or not draft.actors
                        or compatible(pa.action, pa.carried, pb.action, pb.carried)
                    )
                ):
                    draft.happening = previous.happening
                made = [draft]
            elif published is not None and reports_completed_action(text, sentence, actors, found, lang):
                draft.news = news
                made = [draft]
        for draft in made:
            if draft.happening < 0:
                draft.happening = next(numbers)  # renumbered once happenings are merged
            drafts.append(draft)
        dated = [d for d in made if d.anchor is not None or d.continues is not None]
        if dated:
            previous, previous_index = dated[-1], index
        # What "il", "he", "son" refer to next: this sentence's main actor ("Le président sud-coréen, Han
        # Duck-soo, a convoqué ...": Han, not "sud-coréen"), else its first actor.
        head = predicate(text, lang, sentence.start, sentence.end).head
        antecedent = main_actor(text, in_sentence, head, lang) or next(
            (m for m in in_sentence if m.kind in ACTOR_KINDS), antecedent
        )
    return _happenings(drafts, published, text, lang, record)


# How many happenings apart two mentions may lie to be compared as one happening. Far more than a news
# report holds (a long one has a few dozen), and it keeps a huge text linear instead of comparing every
# pair of its thousands of happenings.
HAPPENING_WINDOW = 200


def _happenings(
    drafts: list[_Draft],
    published: datetime.date | None,
    text: str,
    lang: str,
    record: Callable[[str], EntityRecord | None],
) -> list[ExtractedEvent]:
    """Merge the drafts that report one happening, then give each happening its most precise date."""
    parent = {id(d): d.happening for d in drafts}
    groups: dict[int, list[_Draft]] = {}
    for draft in drafts:
        groups.setdefault(draft.happening, []).append(draft)
    ids = list(groups)
    merged: dict[int, int] = {h: h for h in ids}

    def find(h: int) -> int:
        while merged[h] != h:
            merged[h] = merged[merged[h]]
            h = merged[h]
        return h

    for i, first in enumerate(ids):
        for second in ids[i + 1 : i + 1 + HAPPENING_WINDOW]:
            if find(first) == find(second):
                continue
            if any(_same_happening(a, b, published, record) for a in groups[first] for b in groups[second]):
                merged[find(second)] = find(first)
    # An answer (a denial, a confirmation) belongs to the happening it answers: the article's lead
    # happening when it fits ("the Kremlin dismissed the report"), else the nearest one before it.
    for index, draft in enumerate(drafts):
        if not _answers(draft.predicate, text, lang):
            continue
        span = _span(draft, published)
        nearby = max(0, index - HAPPENING_WINDOW)
        fits = [
            d
            for d in ([drafts[0]] if nearby else []) + drafts[nearby:index]
            if not _answers(d.predicate, text, lang)
            and (span == _span(d, published) or _nested(span, _span(d, published)))
        ]
        if not fits:
            continue
        claim = fits[0] if fits[0] is drafts[0] else fits[-1]
        if claim is drafts[0] or draft.paragraph - claim.paragraph <= 1:
            merged[find(parent[id(draft)])] = find(parent[id(claim)])
    numbering: dict[int, int] = {}
    for draft in drafts:
        draft.happening = numbering.setdefault(find(parent[id(draft)]), len(numbering))
    by_happening: dict[int, list[_Draft]] = {}
    for draft in drafts:
        by_happening.setdefault(draft.happening, []).append(draft)
    events = []
    for draft in drafts:
        lead = min(by_happening[draft.happening], key=lambda d: _precision_key(d, published))
        if _span(lead, published) is None:
            continue
        events.append(_finish(draft, lead, published, text, lang))
    return events


__all__ = [
    "EventMention",
    "ExtractedEvent",
    "categorise",
    "clause_bounds",
    "extract_events",
    "is_dating",
]
