"""Who says so: the speaker of an event's sentence and the stance it takes (plain data, no Django).

A sentence reports speech through a cue (language data: timeline/data/attribution/<lang>.yaml):
- a reporting verb, whose stance is `asserted` ("said", "a affirmé"), `confirmed` ("confirmed",
  "a reconnu") or `denied` ("denied", "a démenti", "rejected");
- a falsehood verb with a falsehood word after it: a denial ("called the reports a rumour", "a qualifié ces
  informations de mensonge");
- a source cue, whose speaker follows it: an assertion ("according to X", "selon X", "cité par X").

The speaker of a verb is, in this order: its agent ("démentie par Kiev"); the phrase after it when the verb
follows a quotation or a comma ("…, a affirmé le ministère", '"…," said the ministry'); else its subject, the
phrase before it back to the previous conjunction or quote (an apposition "Le porte-parole du Kremlin,
Dmitri Peskov," and a relative clause "Zelensky, qui ..., a dit" belong to the subject). In that phrase, a
person wins over an organisation, an organisation over a country, and the mention nearest the verb wins
among equals. A hearer ("told AFP", "a déclaré à l'AFP") or an implied mention is never a speaker, a place
("said in Moscow") not after the verb, a location never.

Decisions:
- A negated reporting verb gives no stance: who "did not deny" has not asserted anything, who "n'a pas
  confirmé" has not denied anything; the clause is attributed by the sentence's other cues, else not at all.
- A cue with no named speaker ("a source said") attributes nothing: an anonymous source is not a party.
- The speaker speaks for a country: its own (a country, a metonym such as "Moscou", a person's or an
  organisation's country in the registry), else the country named in its phrase ("Russia's defence
  ministry", "le renseignement sud-coréen"); a person whose title names an organisation speaks for it
  ("NATO Secretary General Mark Rutte": NATO, no country). `body` says in what capacity
  ("defence_ministry", "spokesperson", ...).
- Present participles ("claiming", "affirmant") and infinitives ("to confirm", "confirmer") are not cues;
  nor is a form used as a noun ("the claims", "Russian claims", "l'annonce").
- A speaker reporting its own stance takes that stance: "Kyiv said it rejected the claims" is a denial,
  "NATO said it could not confirm the reports" no stance at all.
- "rejected", "dismissed", "a rejeté", "a contesté" deny only a statement ("rejected the claim", "a claim
  Kyiv rejected"), not a proposal ("rejected the truce proposal" is an act, not a stance on a fact).
- A statement that denies in substance through a plain verb ('"There are no troops," the diplomat said')
  stays `asserted`: stance comes from the reporting words, not from the content; but a content that calls
  something false ("said it was fake news", "a affirmé qu'il s'agissait d'un mensonge") denies.
- A speaker who denies in a sentence denies with what it said before in it ("said its forces still held
  positions and called the announcement propaganda"); a verb after "and" with no subject shares the one
  before it; an incise ("speaking by video link", "interrogé sur ce point") or an apposition set off by commas
  ("Valery Gerasimov, chief of Russia's general staff,") belongs to the subject.
- Framed infinitives ("s'est contenté d'affirmer", "was quick to deny") are cues; so is a participle set off
  after a clause ("…, confirming the deployment"), whose speaker is that clause's.
- A comment "the first time X has confirmed …" set off after a statement makes the statement a confirmation;
  an article's elaborations of a first confirmation by the same speaker or the same state's institutions
  are confirmations (`confirmations_elaborated`).
- A subject that only refers back: a pronoun or a person's title stands for the last speaker, an institution
  ("the presidential office", "un haut responsable") for the last speaker that is no person, else the
  article's first-named country (`Antecedents`); a country named by a person's role ("Russia's top general")
  for the person of that country named in the next two sentences (`roles_named`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Literal, Protocol

import yaml

from timeline.linking.types import EntityRecord
from timeline.nlp.types import Sentence
from timeline.pipeline.event_language import word_list_pattern

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "attribution"
Stance = Literal["asserted", "confirmed", "denied"]
STANCES: tuple[Stance, ...] = ("asserted", "confirmed", "denied")
SPEAKER_KINDS = ("person", "organization", "country")  # in order of preference
QUOTES = '«»"“”'


class MentionLike(Protocol):
    """What attribution needs from an entity mention (linking Mention and events EventMention fit)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def key(self) -> str: ...

    @property
    def kind(self) -> str: ...

    @property
    def via(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Speaker:
    """The entity a statement comes from. Offsets are absolute, like the mention's."""

    key: str
    kind: str
    text: str
    start: int
    end: int
    country: str | None  # ISO alpha-2 of the state it speaks for, None when unknown or international
    body: str | None  # capacity ("defence_ministry", "spokesperson", ...): a key of `bodies` in the data
    organization: str | None = None  # the organisation it speaks for: itself, or the one named in its title
    # A country named only with a person's role ("Russia's top general"): the person is named further on.
    role_only: bool = False

    @property
    def party(self) -> str:
        """Who counts as one side: its country, else its organisation (NATO for its secretary general), else
        the entity itself."""
        if self.country:
            return f"country:{self.country}"
        return self.organization or self.key


@dataclass(frozen=True, slots=True)
class Antecedents:
    """Who a subject that only refers back stands for: a pronoun or a person's title ("il", "the spokesman")
    the last speaker; an institution ("the ministry", "the presidential office") the last speaker that is
    no person, else the article's lead country (the first country it names: a report's own side)."""

    last: Speaker | None
    institution: Speaker | None


@dataclass(frozen=True, slots=True)
class Attribution:
    """A speaker's stance on a clause, and the cue that says so (absolute offsets)."""

    speaker: Speaker
    stance: Stance
    cue: str
    cue_start: int
    cue_end: int


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int  # relative to the sentence; for a participle, where its auxiliary starts
    verb_start: int
    end: int
    stance: Stance
    kind: Literal["verb", "source", "adjunct"]
    negated: bool


@dataclass(frozen=True)
class AttributionLanguage:
    """The attribution knowledge of one language (timeline/data/attribution/<lang>.yaml), compiled."""

    verbs: tuple[tuple[Stance, re.Pattern[str]], ...]
    participles: tuple[tuple[Stance, re.Pattern[str]], ...]
    auxiliary_before: re.Pattern[str]
    passive_before: re.Pattern[str]
    reflexive_before: re.Pattern[str] | None
    infinitives: tuple[tuple[Stance, re.Pattern[str]], ...]
    infinitive_before: re.Pattern[str] | None
    adjunct_participles: tuple[tuple[Stance, re.Pattern[str]], ...]
    comment_opener: re.Pattern[str] | None
    statement_denial_verbs: re.Pattern[str] | None
    statement_denial_participles: re.Pattern[str] | None
    statement_words: re.Pattern[str]
    falsehood_verbs: re.Pattern[str]
    falsehood_words: re.Pattern[str]
    falsehood_window: int
    falsehood_predicate: re.Pattern[str] | None
    source_cues: tuple[tuple[Stance, re.Pattern[str]], ...]
    noun_before: re.Pattern[str]
    demonym_before_is_adjective: bool
    negation_before: re.Pattern[str]
    negation_particle: re.Pattern[str] | None
    negation_after: re.Pattern[str] | None
    hearer_before: re.Pattern[str]
    place_before: re.Pattern[str]
    agent_after: re.Pattern[str]
    relative_pronoun: re.Pattern[str]
    incise_opener: re.Pattern[str] | None
    anaphor: re.Pattern[str]
    person_role: re.Pattern[str] | None
    institution_nouns: re.Pattern[str] | None
    coordinator_before: re.Pattern[str] | None
    coordinator: re.Pattern[str] | None
    inverted_pronoun: re.Pattern[str] | None
    content_opener: re.Pattern[str]
    subject_boundary: re.Pattern[str]
    bodies: tuple[tuple[str, re.Pattern[str]], ...]
    body_labels: dict[str, str]


def known_languages() -> list[str]:
    return sorted(path.stem for path in DATA_DIR.glob("*.yaml"))


@cache
def attribution_language(lang: str) -> AttributionLanguage:
    path = DATA_DIR / f"{lang}.yaml"
    if not path.exists():
        raise LookupError(f"no attribution data for language {lang!r} ({path.name} is missing)")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    flags = re.IGNORECASE

    def by_stance(table: dict[str, list[str]] | None) -> tuple[tuple[Stance, re.Pattern[str]], ...]:
        table = table or {}
        unknown = set(table) - set(STANCES)
        if unknown:
            raise ValueError(f"{path.name}: unknown stance(s) {sorted(unknown)}")
        return tuple(
            (stance, re.compile(word_list_pattern(table[stance]), flags))
            for stance in STANCES
            if table.get(stance)
        )

    def words_or_none(words: list[str] | None) -> re.Pattern[str] | None:
        return re.compile(word_list_pattern(words), flags) if words else None

    def optional(key: str) -> re.Pattern[str] | None:
        return re.compile(data[key], flags) if data.get(key) else None

    return AttributionLanguage(
        verbs=by_stance(data["verbs"]),
        participles=by_stance(data.get("participles")),
        # An auxiliary a few words before its participle, with no punctuation between ("a lundi affirmé").
        auxiliary_before=re.compile(
            word_list_pattern(data["auxiliaries"]) + r"(?:\s+[\w'’-]+){0,3}\s+$", flags
        ),
        passive_before=re.compile(
            word_list_pattern(data["passive_auxiliaries"]) + r"(?:\s+[\w'’-]+){0,2}\s+$", flags
        ),
        reflexive_before=optional("reflexive_before"),
        infinitives=by_stance(data.get("infinitives")),
        infinitive_before=optional("infinitive_before"),
        adjunct_participles=by_stance(data.get("adjunct_participles")),
        comment_opener=re.compile(r"^\s*(?:" + data["comment_openers"] + r")(?![\w-])", flags)
        if data.get("comment_openers")
        else None,
        statement_denial_verbs=words_or_none(data["statement_denials"].get("verbs")),
        statement_denial_participles=words_or_none(data["statement_denials"].get("participles")),
        statement_words=re.compile(word_list_pattern(data["statement_words"]), flags),
        falsehood_verbs=re.compile(word_list_pattern(data["falsehood_verbs"]), flags),
        falsehood_words=re.compile(word_list_pattern(data["falsehood_words"]), flags),
        falsehood_window=int(data["falsehood_window"]),
        falsehood_predicate=optional("falsehood_predicate"),
        source_cues=by_stance(data["source_cues"]),
        noun_before=re.compile(data["noun_before"], flags),
        demonym_before_is_adjective=bool(data.get("demonym_before_is_adjective", False)),
        negation_before=re.compile(data["negation_before"], flags),
        negation_particle=optional("negation_particle"),
        negation_after=optional("negation_after"),
        # A short word between ("to the") still makes a hearer; a longer one ("en chef") does not.
        hearer_before=re.compile(word_list_pattern(data["hearer_before"]) + r"\s+(?:\S{1,3}\s+)?$", flags),
        place_before=re.compile(word_list_pattern(data["place_before"]) + r"\s+(?:\S{1,3}\s+)?$", flags),
        agent_after=re.compile(r"^\s*" + word_list_pattern(data["agent_prepositions"]), flags),
        relative_pronoun=re.compile(r"^\s*" + word_list_pattern(data["relative_pronouns"]), flags),
        incise_opener=re.compile(r"^\s*(?:" + data["incise_openers"] + r")(?![\w-])", flags)
        if data.get("incise_openers")
        else None,
        # A subject that only refers back, possibly with an adverb ("he also", "il").
        # A determiner and its noun may have up to two modifiers between them ("the presidential office",
        # "the ministry's statement").
        anaphor=re.compile(
            word_list_pattern(
                re.sub(r"^(\S+) ", r"\1 _MODIFIERS_", word) for word in data["anaphors"]
            ).replace("_MODIFIERS_", r"(?:[\w'’-]+\s+){0,2}")
            + r"(?:\s+[\w-]+)?",
            flags,
        ),
        institution_nouns=words_or_none(data.get("institution_nouns")),
        person_role=words_or_none(data.get("person_roles")),
        # A few words may come between ("and for the first time publicly acknowledged").
        coordinator_before=re.compile(
            word_list_pattern(data["coordinators"]) + r"(?:\s+[\w'’,-]+){0,5}\s*$", flags
        )
        if data.get("coordinators")
        else None,
        coordinator=words_or_none(data.get("coordinators")),
        inverted_pronoun=optional("inverted_pronoun"),
        content_opener=re.compile(
            r"^(?:\s+[\w'’-]+){0,3}?\s*" + word_list_pattern(data["content_openers"]), flags
        ),
        subject_boundary=re.compile(
            word_list_pattern(data["subject_boundaries"]) + r"|[;:" + QUOTES + "]", flags
        ),
        bodies=tuple(
            (body, re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])", flags))
            for body, patterns in data["bodies"].items()
        ),
        body_labels=dict(data["body_labels"]),
    )


def body_label(body: str, lang: str) -> str:
    """The display name of a speaker's capacity in `lang` ("Defence Ministry", "ministère de la Défense")."""
    return attribution_language(lang).body_labels.get(body, body)


# --- cues ---------------------------------------------------------------------------------------------------


def _negated(text: str, start: int, end: int, language: AttributionLanguage) -> bool:
    before = text[max(0, start - 80) : start]
    if language.negation_before.search(before):
        return True
    if language.negation_particle and language.negation_after:
        return bool(language.negation_particle.search(before) and language.negation_after.search(text[end:]))
    return False


def _group_start(text: str, verb_start: int, language: AttributionLanguage) -> int | None:
    """Where the verb group of a verb starts: at its auxiliary ("a démenti", "has not confirmed"), if any."""
    window_start = max(0, verb_start - 60)
    auxiliary = language.auxiliary_before.search(text[window_start:verb_start])
    return None if auxiliary is None else window_start + auxiliary.start()


def _verb_groups(
    text: str,
    verbs: re.Pattern[str] | None,
    participles: re.Pattern[str] | None,
    language: AttributionLanguage,
) -> Iterator[tuple[int, int, int]]:
    """(group start, verb start, verb end) of each use of a finite form or of a participle after its
    auxiliary or before its agent; a form after a determiner is a noun ("the claims", "l'annonce")."""
    if participles is not None:
        for match in participles.finditer(text):
            group = _group_start(text, match.start(), language)
            if group is not None or language.agent_after.match(text[match.end() :]):
                yield (match.start() if group is None else group), match.start(), match.end()
    if verbs is not None:
        for match in verbs.finditer(text):
            if language.noun_before.search(text[max(0, match.start() - 20) : match.start()]):
                continue
            group = _group_start(text, match.start(), language)
            yield (match.start() if group is None else group), match.start(), match.end()


def _words_around(text: str, start: int, end: int, count: int) -> tuple[str, str]:
    return " ".join(text[:start].split()[-count:]), " ".join(text[end:].split()[:count])


def _find_cues(text: str, lang: str) -> list[_Cue]:
    """Every reporting cue of a sentence, in text order (negated ones flagged)."""
    language = attribution_language(lang)
    cues: dict[tuple[int, int], _Cue] = {}

    def add(
        start: int,
        verb_start: int,
        end: int,
        stance: Stance,
        kind: Literal["verb", "source", "adjunct"],
        framed: bool = False,
    ) -> None:
        if (verb_start, end) in cues:
            return
        # A passive without its agent ("the claims were widely reported") names no speaker: its subject
        # is what was said.
        window_start = max(0, verb_start - 40)
        passive = language.passive_before.search(text[window_start:verb_start])
        # "s'est félicité" is a reflexive verb with a subject of its own, not a passive.
        reflexive = language.reflexive_before
        if passive and reflexive and reflexive.search(text[window_start : window_start + passive.start()]):
            passive = None
        if framed:
            passive = None  # "was quick to deny": the auxiliary belongs to the framing verb
        if kind == "verb" and passive is not None and not language.agent_after.match(text[end:]):
            return
        negated = kind != "source" and _negated(text, verb_start, end, language)
        cues[(verb_start, end)] = _Cue(start, verb_start, end, stance, kind, negated)

    window = language.falsehood_window
    # "rejected the claim" is a denial, "rejected the proposal" is not: these verbs deny only a statement.
    for group in _verb_groups(
        text, language.statement_denial_verbs, language.statement_denial_participles, language
    ):
        before, after = _words_around(text, group[1], group[2], window)
        said = language.statement_words
        if said.search(before) or said.search(after) or language.falsehood_words.search(after):
            add(*group, "denied", "verb")
    for group in _verb_groups(text, language.falsehood_verbs, None, language):
        after_words = _words_around(text, group[1], group[2], 2 * window)[1]
        if language.falsehood_words.search(_words_around(text, group[1], group[2], window)[1]):
            add(*group, "denied", "verb")
        elif any(quote in after_words for quote in QUOTES):
            # Calling something by a quoted name ('called the attack "a provocation"') asserts it.
            add(*group, "asserted", "verb")
    # "said it was fake news", "a affirmé qu'il s'agissait d'un mensonge": a reporting verb whose content
    # calls something false denies it.
    if language.falsehood_predicate is not None:
        for stance, verbs in language.verbs:
            if stance != "asserted":
                continue
            for group in _verb_groups(text, verbs, dict(language.participles).get(stance), language):
                predicate = language.falsehood_predicate.match(text[group[2] :])
                if predicate is None:
                    continue
                rest = text[group[2] + predicate.end() :]
                if language.falsehood_words.search(" ".join(rest.split()[:window])):
                    add(*group, "denied", "verb")
    # Denials first: a verb that is also a plain reporting verb ("a dénoncé une provocation") denies when
    # it calls what it names false ("a dénoncé ces informations comme un mensonge").
    participles = dict(language.participles)
    for stance, verbs in language.verbs:
        for group in _verb_groups(text, verbs, participles.pop(stance, None), language):
            add(*group, stance, "verb")
    for stance, only_participles in participles.items():
        for group in _verb_groups(text, None, only_participles, language):
            add(*group, stance, "verb")
    # "s'est contenté d'affirmer", "was quick to deny": an infinitive after a verb that only frames it
    # speaks for that verb's subject.
    if language.infinitive_before is not None:
        for stance, infinitives in language.infinitives:
            for match in infinitives.finditer(text):
                control = language.infinitive_before.search(text[max(0, match.start() - 40) : match.start()])
                if control is None:
                    continue
                control_start = max(0, match.start() - 40) + control.start()
                auxiliary = _group_start(text, control_start, language)
                start = control_start if auxiliary is None else auxiliary
                add(start, match.start(), match.end(), stance, "verb", framed=True)
    for stance, pattern in language.source_cues:
        for match in pattern.finditer(text):
            add(match.start(), match.start(), match.end(), stance, "source")
    # "…, confirming the deployment", "…, reconnaissant la participation": a present participle set off by a
    # comma after the sentence's first words adds a speech act of the subject before it (see `attributions`).
    for stance, pattern in language.adjunct_participles:
        for match in pattern.finditer(text):
            if text[: match.start()].rstrip().endswith(","):
                add(match.start(), match.start(), match.end(), stance, "adjunct")
    # A verb form right after another cue is its object, a noun ("rejected reports that ...").
    for cue in list(cues.values()):
        if any(
            other is not cue and other.end <= cue.verb_start and not text[other.end : cue.verb_start].strip()
            for other in cues.values()
        ):
            del cues[(cue.verb_start, cue.end)]
    return sorted(cues.values(), key=lambda cue: cue.verb_start)


# --- speakers -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Local:
    start: int
    end: int
    text: str
    key: str
    kind: str
    via: str


def _phrase_after(text: str, at: int) -> tuple[int, int]:
    """From `at` to the next comma, semicolon, parenthesis, quote or the end of the sentence."""
    found = re.compile(r"[,;:()" + QUOTES + r"]|\.\s|\.$").search(text, at)
    return at, found.start() if found else len(text)


def _opens_incise(part: str, language: AttributionLanguage) -> bool:
    """Whether a comma-separated part is a relative clause or a source inside a subject."""
    part = part.lstrip()
    if language.incise_opener is not None and language.incise_opener.match(part):
        return True  # "Gerasimov, speaking by video link, said", "Zelensky, interrogé sur ce point, a dit"
    return bool(language.relative_pronoun.match(part)) or any(p.match(part) for _, p in language.source_cues)


def _subject_phrase(
    text: str, end: int, language: AttributionLanguage, mentions: Sequence[_Local]
) -> tuple[int, int]:
    """The subject of a verb starting at `end`: back to the last conjunction or quote, across an apposition
    or a relative clause set off by commas."""
    # A relative clause or a source set off by commas ("Zelensky, qui ..., a dit", "Un responsable, cité par
    # KCNA, a démenti") is inside the subject: its conjunctions bound nothing, and the subject is before it.
    commas = [m.start() for m in re.finditer(",", text[:end])]
    incises = [(a, b) for a, b in pairwise(commas) if _opens_incise(text[a + 1 : b], language)]
    start = 0
    for match in language.subject_boundary.finditer(text, 0, end):
        inside_name = any(m.start <= match.start() < m.end for m in mentions)
        inside_incise = any(a < match.start() < b for a, b in incises)
        if not inside_name and not inside_incise:
            start = match.end()
    parts = [(m.start(), m.end()) for m in re.finditer(r"[^,]+", text[start:end])]
    parts = [(start + a, start + b) for a, b in parts if text[start + a : start + b].strip()]
    if not parts:
        return end, end
    index = len(parts) - 1
    while index > 0 and _opens_incise(text[parts[index][0] : parts[index][1]], language):
        index -= 1
    phrase_start, phrase_end = parts[index]
    # An apposition set off by commas joins the phrase before it: a name after a title ("Le porte-parole du
    # Kremlin, Dmitri Peskov, a dit"), a title after a name ("Valery Gerasimov, chief of Russia's general
    # staff, told"; "Bezuhla, a member of parliament known for ..., wrote"); the person in the two wins.
    # Without the closing comma the last part is a plain subject and the part before it is other content
    # ("..., Zelensky said").
    if index > 0 and text[phrase_end:end].strip() == ",":
        phrase_start = parts[index - 1][0]
    return phrase_start, phrase_end


def _best_in(phrase: tuple[int, int], candidates: Sequence[_Local], *, nearest_end: bool) -> _Local | None:
    start, end = phrase
    inside = [m for m in candidates if start <= m.start and m.end <= end and m.kind in SPEAKER_KINDS]
    if not inside:
        return None
    rank = {kind: index for index, kind in enumerate(SPEAKER_KINDS)}
    # Among equals, the mention nearest the verb: the last one before it, the first one after it.
    order = sorted(inside, key=lambda m: (rank[m.kind], -m.start if nearest_end else m.start))
    return order[0]


_PhraseRole = Literal["introduced", "subject", "after"]


def _speaker_phrases(
    text: str, cue: _Cue, language: AttributionLanguage, mentions: Sequence[_Local]
) -> list[tuple[tuple[int, int], _PhraseRole]]:
    """Where a cue's speaker may be named, most likely first: each span with how it names the speaker: after
    a preposition that introduces it ("according to", "par"), as the subject before the verb, or inverted
    after it."""
    if cue.kind == "source":
        return [(_phrase_after(text, cue.end), "introduced")]
    agent = language.agent_after.match(text[cue.end :])
    if agent is not None:
        return [(_phrase_after(text, cue.end + agent.end()), "introduced")]
    subject: tuple[tuple[int, int], _PhraseRole] = (
        _subject_phrase(text, cue.start, language, mentions),
        "subject",
    )
    if _inverted(text, cue, language, mentions):
        return [(_phrase_after(text, cue.end), "after"), subject]
    return [subject]


def _inner_cue(text: str, cue: _Cue, cues: Sequence[_Cue], mentions: Sequence[_Local]) -> _Cue | None:
    """The verb of speech a few words after `cue` whose subject is a pronoun, not a name ("said it had
    denied", "a indiqué avoir confirmé"): the same speaker, whose stance it gives."""
    if cue.kind != "verb":
        return None
    following = [c for c in cues if c.kind == "verb" and c.verb_start >= cue.end]
    if not following:
        return None
    inner = following[0]
    gap_words = len(text[cue.end : inner.start].split())
    named_between = any(cue.end <= m.start and m.end <= inner.start for m in mentions)
    return inner if gap_words <= 6 and not named_between else None


def _inverted(text: str, cue: _Cue, language: AttributionLanguage, mentions: Sequence[_Local]) -> bool:
    """Whether a verb may have its subject after it: it follows a comma or a closing quote ("»,
    a déclaré X", '," said X'), after more than a subject ("Kyiv, however, denied"), not after an apposition
    ("Dmitri Peskov, a nié"), and no content clause follows it ("a affirmé que").
    """
    before = text[: cue.start].rstrip()
    if before and before[-1] not in "," + QUOTES:
        return False
    if before and before[-1] in QUOTES:
        return True  # a quotation is content, never the subject
    if len(re.findall(r"[\w'’-]+", before)) < 4:
        return False
    last_part = before.rstrip(",").rstrip().rsplit(",", 1)[-1]
    if _opens_incise(last_part, language):
        return False  # "Gerasimov, speaking by video link, said ...": the subject is before the incise
    part_start = len(before.rstrip(",").rstrip()) - len(last_part)
    rest = last_part
    for mention in mentions:
        if part_start <= mention.start and mention.end <= len(before):
            rest = rest.replace(mention.text, " ")
    if rest.strip(" " + QUOTES) == "" or len(rest.split()) <= 1 < len(last_part.split()):
        return False
    return not language.content_opener.match(text[cue.end :])


def _country(key: str, record: Callable[[str], EntityRecord | None]) -> str | None:
    if key.startswith("country:"):
        return key.removeprefix("country:")
    entity = record(key)
    return entity.country_code if entity is not None else None


def _speaker(
    text: str,
    offset: int,
    phrase: tuple[int, int],
    chosen: _Local,
    candidates: Sequence[_Local],
    language: AttributionLanguage,
    record: Callable[[str], EntityRecord | None],
) -> Speaker:
    beside = [m for m in candidates if phrase[0] <= m.start and m.end <= phrase[1] and m != chosen]
    organizations = [m for m in beside if m.kind == "organization"]
    countries = [m for m in beside if m.kind == "country"]
    organization = chosen.key if chosen.kind == "organization" else None
    country = _country(chosen.key, record)
    if chosen.kind == "person" and organizations:
        # A title names whom a person speaks for ("NATO Secretary General Mark Rutte"), not their nationality.
        organization = organizations[-1].key
        country = _country(organization, record)
    elif country is None and countries:
        country = countries[-1].key.removeprefix("country:")
    phrase_text = text[phrase[0] : phrase[1]]
    body = next((name for name, pattern in language.bodies if pattern.search(phrase_text)), None)
    role_only = bool(
        chosen.kind == "country"
        and language.person_role
        and language.person_role.search(phrase_text)
        and not (language.institution_nouns and language.institution_nouns.search(phrase_text))
        and not any(m.kind in ("person", "organization") for m in beside)
    )
    return Speaker(
        key=chosen.key,
        kind=chosen.kind,
        text=chosen.text,
        start=chosen.start + offset,
        end=chosen.end + offset,
        country=country,
        body=body,
        organization=organization,
        role_only=role_only,
    )


# --- entry points -------------------------------------------------------------------------------------------


def attributions(
    sentence: Sentence,
    clause: tuple[int, int],
    mentions: Iterable[MentionLike],
    lang: str,
    record: Callable[[str], EntityRecord | None],
    antecedent: Speaker | Antecedents | None = None,
) -> list[Attribution]:
    """Every stance a named speaker takes on the clause `clause` (absolute offsets) of `sentence`.

    The cues inside the clause come first, in text order ("Moscow claimed it had taken the village, a claim
    Kyiv denied": Moscow asserted, then Kyiv denied); a clause without a cue of its own takes the cues of
    its sentence, nearest first. `mentions` are the sentence's entity mentions (absolute offsets); `record`
    gives an entity's record (for its country), None for an unknown key. `antecedent` is who a pronoun
    subject ("il a ajouté", "the agency said") stands for: see `antecedents`.
    """
    language = attribution_language(lang)
    text, offset = sentence.text, sentence.start
    named, not_hearers, not_placed = _candidates(sentence, mentions, language)
    cues = _find_cues(text, lang)
    found: list[tuple[_Cue, Attribution]] = []
    if not isinstance(antecedent, Antecedents):
        antecedent = Antecedents(antecedent, antecedent)
    previous: Speaker | None = None
    for cue in cues:
        if cue.negated:
            continue
        if cue.kind == "adjunct":
            # "Putin thanked Kim, saying …": with no speaker before it, the sentence's subject speaks.
            speaker = previous or _sentence_subject(text, offset, cue, language, record, not_placed)
        else:
            speaker = _cue_speaker(
                text, offset, cue, language, record, named, not_hearers, not_placed, antecedent
            )
        group = text[cue.start : cue.verb_start]
        if speaker is None and language.inverted_pronoun and language.inverted_pronoun.search(group):
            # "…», a-t-il assuré": the pronoun stands for the sentence's last speaker, else the article's.
            speaker = previous or antecedent.last
        elif (
            speaker is None
            and previous is not None
            and language.coordinator_before
            and language.coordinator_before.search(text[: cue.start])
        ):
            speaker = previous  # "The General Staff said … and called it propaganda": one subject, two verbs
        if speaker is None:
            continue
        previous = speaker
        stance: Stance | None = cue.stance
        inner = _inner_cue(text, cue, cues, named)
        if inner is not None:
            # "Kyiv said it rejected the claims": the speaker's stance is the inner verb's; "NATO said it
            # could not confirm the reports": none.
            stance = None if inner.negated else inner.stance
        if stance is None:
            continue
        cue_text = text[cue.start : cue.end]
        found.append((cue, Attribution(speaker, stance, cue_text, cue.start + offset, cue.end + offset)))
    inner_cues = {id(inner) for cue, _ in found if (inner := _inner_cue(text, cue, cues, named)) is not None}
    found = [(cue, a) for cue, a in found if id(cue) not in inner_cues]
    # A speaker who denies in a sentence denies with all it says there: "the General Staff said its forces
    # were still holding positions and called the announcement propaganda".
    # "Rutte said the troops had been deployed, the first time the alliance has confirmed the reports": a
    # comment set off after a statement that calls it a confirmation makes it one.
    for cue in cues:
        if cue.stance != "confirmed" or cue.negated or language.comment_opener is None:
            continue
        part_start = text.rfind(",", 0, cue.start) + 1
        earlier = [index for index, (c, _) in enumerate(found) if c.end <= part_start]
        if part_start and earlier and language.comment_opener.match(text[part_start : cue.start]):
            statement_cue, statement = found[earlier[-1]]
            found[earlier[-1]] = (statement_cue, replace(statement, stance="confirmed"))
    # Only what it says before its denial: a later assertion may be another person of the same side.
    denials = {a.speaker.key: cue.verb_start for cue, a in found if a.stance == "denied"}
    found = [
        (
            cue,
            replace(a, stance="denied")
            if a.stance == "asserted" and cue.verb_start < denials.get(a.speaker.key, -1)
            else a,
        )
        for cue, a in found
    ]
    clause_start, clause_end = clause[0] - offset, clause[1] - offset
    # A speech act ("Pyongyang a nié") comes before the source relaying it ("selon Séoul", "cité par KCNA").
    inside = [
        a
        for cue, a in sorted(found, key=lambda pair: pair[0].kind == "source")
        if clause_start <= cue.verb_start < clause_end
    ]
    if inside:
        return inside

    def distance(cue: _Cue) -> tuple[bool, int]:
        gap = clause_start - cue.end if cue.end <= clause_start else cue.verb_start - clause_end
        return cue.kind == "source", gap

    def own_conjunct(cue: _Cue) -> bool:
        """A source cue in a later conjunct speaks for that conjunct only: "Ukrainian forces crossed the
        border and, according to Syrskyi, now hold 1,000 km²" does not attribute the crossing."""
        between = text[clause_end : cue.start]
        return (
            cue.kind == "source"
            and cue.start >= clause_end
            and bool(language.coordinator and language.coordinator.search(between))
        )

    ordered = sorted(found, key=lambda pair: distance(pair[0]))
    return [a for cue, a in ordered if not own_conjunct(cue)]


def _candidates(
    sentence: Sentence, mentions: Iterable[MentionLike], language: AttributionLanguage
) -> tuple[list[_Local], list[_Local], list[_Local]]:
    """The named mentions of a sentence (relative offsets): all, those that are no hearer, and those that
    are neither a hearer nor a place.

    A hearer ("told AFP", "a déclaré à l'AFP") is never the subject of a verb, and a place ("said in
    Moscow") not after it. After a source cue or an agent preposition ("according to X", "par X") nothing
    is excluded."""
    text, offset = sentence.text, sentence.start
    named = sorted(
        (
            _Local(m.start - offset, m.end - offset, m.text, m.key, m.kind, m.via)
            for m in mentions
            if m.via != "implied" and m.start - offset >= 0 and m.end - offset <= len(text)
        ),
        key=lambda m: m.start,
    )

    def after(words: re.Pattern[str], m: _Local) -> bool:
        return bool(words.search(text[max(0, m.start - 30) : m.start]))

    not_hearers = [m for m in named if not after(language.hearer_before, m)]
    not_placed = [m for m in not_hearers if not after(language.place_before, m)]
    return named, not_hearers, not_placed


def _sentence_subject(
    text: str,
    offset: int,
    cue: _Cue,
    language: AttributionLanguage,
    record: Callable[[str], EntityRecord | None],
    candidates: Sequence[_Local],
) -> Speaker | None:
    """The subject of the clause before an adjunct participle: the first named speaker of the sentence's
    first part ("Vladimir Putin thanked Kim Jong Un, saying …"), not a hearer or a place."""
    before = [m for m in candidates if m.end <= cue.start and m.kind in SPEAKER_KINDS]
    if not before:
        return None
    first = before[0]
    part_end = text.find(",", first.end)
    phrase = (first.start, part_end if 0 <= part_end < cue.start else cue.start)
    inside = [m for m in before if phrase[0] <= m.start and m.end <= phrase[1]]
    chosen = _best_in((first.start, first.end), inside, nearest_end=False) or first
    return _speaker(text, offset, (first.start, first.end), chosen, inside, language, record)


def _negated_speaker(
    sentence: Sentence,
    mentions: Iterable[MentionLike],
    lang: str,
    record: Callable[[str], EntityRecord | None],
    antecedent: Antecedents,
) -> Speaker | None:
    """The subject of the sentence's last negated reporting verb ("Le ministère n'a pas confirmé …"): it
    takes no stance, but a pronoun in the next sentence ("Il a affirmé …") refers to it."""
    language = attribution_language(lang)
    named, not_hearers, not_placed = _candidates(sentence, mentions, language)
    for cue in reversed(_find_cues(sentence.text, lang)):
        if cue.negated and cue.kind == "verb":
            speaker = _cue_speaker(
                sentence.text, sentence.start, cue, language, record, named, not_hearers, not_placed,
                antecedent,
            )  # fmt: skip
            if speaker is not None:
                return speaker
    return None


def _cue_speaker(
    text: str,
    offset: int,
    cue: _Cue,
    language: AttributionLanguage,
    record: Callable[[str], EntityRecord | None],
    named: Sequence[_Local],
    not_hearers: Sequence[_Local],
    not_placed: Sequence[_Local],
    antecedent: Antecedents,
) -> Speaker | None:
    """The speaker of one cue, or None."""
    for phrase, where in _speaker_phrases(text, cue, language, named):
        candidates = {"introduced": named, "subject": not_hearers, "after": not_placed}[where]
        chosen = _best_in(phrase, candidates, nearest_end=where == "subject")
        if chosen is not None:
            if (
                language.demonym_before_is_adjective
                and where == "subject"
                and chosen.via == "demonym"
                and not text[chosen.end : cue.start].strip()
            ):
                return None  # "Russian claims": an adjective and a noun, not a subject and its verb
            return _speaker(text, offset, phrase, chosen, candidates, language, record)
        subject = text[phrase[0] : phrase[1]].strip()
        if where != "introduced" and language.anaphor.fullmatch(subject):
            institution = language.institution_nouns and language.institution_nouns.search(subject)
            return antecedent.institution if institution else antecedent.last
    return None


def antecedents(
    sentences: Sequence[Sentence],
    mentions: Iterable[MentionLike],
    lang: str,
    record: Callable[[str], EntityRecord | None],
) -> list[Antecedents]:
    """For each sentence of an article, who a subject that refers back stands for ("Il a ajouté ...").

    That is the last speaker of the sentences before it (a speaker who declines to confirm or deny counts:
    "Le ministère n'a pas confirmé. Il a affirmé …"); a sentence with no speaker but a person in it
    ("Zelensky s'est rendu à Soudja.") makes that person (the first named) the antecedent of the next one.
    An institution ("the ministry said") stands for the last speaker that is no person, else for the first
    country the article names (see `Antecedents`).
    """
    language = attribution_language(lang)
    mentions = sorted(mentions, key=lambda m: m.start)
    out: list[Antecedents] = []
    current: Speaker | None = None
    institution = _lead_country(sentences, mentions, language, record)
    for sentence in sentences:
        before = Antecedents(current, institution)
        out.append(before)
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        found = attributions(sentence, (sentence.start, sentence.end), inside, lang, record, before)
        if found:
            current = max(found, key=lambda a: a.cue_start).speaker
            institutions = [a.speaker for a in found if a.speaker.kind != "person"]
            institution = max(institutions, key=lambda s: s.start) if institutions else institution
            continue
        silent = _negated_speaker(sentence, inside, lang, record, before)
        if silent is not None:
            current = silent
            institution = silent if silent.kind != "person" else institution
            continue
        persons = [m for m in inside if m.kind == "person" and m.via != "implied"]
        if persons:
            person = persons[0]
            local = _Local(
                person.start - sentence.start,
                person.end - sentence.start,
                person.text,
                person.key,
                "person",
                "",
            )
            phrase = (local.start, local.end)
            current = _speaker(sentence.text, sentence.start, phrase, local, [local], language, record)
    return out


def _lead_country(
    sentences: Sequence[Sentence],
    mentions: Sequence[MentionLike],
    language: AttributionLanguage,
    record: Callable[[str], EntityRecord | None],
) -> Speaker | None:
    """The first country an article names (not by a mere implication), as a speaker."""
    for sentence in sentences:
        for m in mentions:
            if sentence.start <= m.start and m.end <= sentence.end and m.kind == "country":
                if m.via == "implied":
                    continue
                local = _Local(m.start - sentence.start, m.end - sentence.start, m.text, m.key, m.kind, "")
                phrase = (local.start, local.end)
                return _speaker(sentence.text, sentence.start, phrase, local, [local], language, record)
    return None


def roles_named(
    found: Sequence[Attribution | None],
    sentences: Sequence[Sentence],
    mentions: Iterable[MentionLike],
    lang: str,
    record: Callable[[str], EntityRecord | None],
) -> list[Attribution | None]:
    """The attributions of an article's events, where a speaker named only by a role of its country
    ("Russia's top general told Putin ...") is the first person of that country named in the next two
    sentences ("Chief of the General Staff Valery Gerasimov, speaking by video link, said ..."); it stays the
    country when there is none."""
    language = attribution_language(lang)
    people = sorted((m for m in mentions if m.kind == "person" and m.via != "implied"), key=lambda m: m.start)
    starts = sorted(sentence.start for sentence in sentences)
    out: list[Attribution | None] = []
    for said in found:
        if said is None or not said.speaker.role_only:
            out.append(said)
            continue
        after = [start for start in starts if start > said.speaker.end]
        window_end = after[2] if len(after) > 2 else max((s.end for s in sentences), default=0)
        sentence_end = after[0] if after else window_end
        person = next(
            (
                m
                for m in people
                if sentence_end <= m.start < window_end and _country(m.key, record) == said.speaker.country
            ),
            None,
        )
        if person is None:
            out.append(said)
            continue
        local = _Local(0, person.end - person.start, person.text, person.key, "person", "")
        speaker = _speaker(person.text, person.start, (0, len(person.text)), local, [local], language, record)
        out.append(replace(said, speaker=replace(speaker, body=said.speaker.body)))
    return out


def confirmations_elaborated(found: Sequence[Attribution | None]) -> list[Attribution | None]:
    """The attributions of an article's events, where a speaker whose first statement in the article is a
    confirmation confirms with what it goes on to say, and so do the state's institutions after a state or
    institution first confirmed: "North Korea confirmed for the first time that it had sent troops. KCNA said
    the units had taken part in the liberation of Kursk" (the agency elaborates on the confirmation).

    A speaker that first asserts ("Gerasimov told Putin the region was liberated, and acknowledged ...") keeps
    its assertions; another person of the confirming side speaks for themself (Syrskyi acknowledges a
    retreat, Zelensky defends his generals)."""
    first_of_speaker: dict[str, Stance] = {}
    first_of_institutions: dict[str, Stance] = {}
    for said in sorted((a for a in found if a is not None), key=lambda a: a.cue_start):
        first_of_speaker.setdefault(said.speaker.key, said.stance)
        if said.speaker.kind != "person":
            first_of_institutions.setdefault(said.speaker.party, said.stance)

    def elaborates(said: Attribution) -> bool:
        if first_of_speaker.get(said.speaker.key) == "confirmed":
            return True
        return said.speaker.kind != "person" and first_of_institutions.get(said.speaker.party) == "confirmed"

    return [
        replace(a, stance="confirmed") if a is not None and a.stance == "asserted" and elaborates(a) else a
        for a in found
    ]


def attribution(
    sentence: Sentence,
    clause: tuple[int, int],
    mentions: Iterable[MentionLike],
    lang: str,
    record: Callable[[str], EntityRecord | None],
    antecedent: Speaker | Antecedents | None = None,
) -> Attribution | None:
    """Who says what the clause states, and how; None when the sentence attributes it to no named speaker.

    The first of `attributions(...)`: the cue inside the clause that comes first (the original claim), else
    the sentence's cue nearest the clause.
    """
    found = attributions(sentence, clause, mentions, lang, record, antecedent)
    return found[0] if found else None
