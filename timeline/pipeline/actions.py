"""What happens in a clause: its action (an event type such as attack, retake, meet, thank, announce), read
from the clause's predicate with a small lexicon per language (timeline/data/events/<lang>.yaml, `actions`)
and the language-independent types (timeline/data/events/actions.yaml).

Rules:
- The first word of the clause that names an event type is the clause's action; reporting words ("said",
  "selon") are transparent: "Russia said it retook Sudzha" is a retake.
- A speech act (announce, confirm, deny, warn, accuse) may carry the action it reports, the next event type
  of the clause that is not itself speech ("Moscow announced it had retaken Sudzha": announce, carrying
  retake). Two reports of one happening may be worded either way; `compatible` says when they agree.
- Every word found is kept with its span (`Predicate.words`), so a later step can read who says what
  (speaker, stance) from the same clause. The clause's main actor is named before its first predicate word
  (`Predicate.head`): the speaker of a reported action ("Kyiv said Russia attacked": Kyiv).

Plain data, no Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from timeline.pipeline.event_language import event_language

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "events"
REPORTING = "report"  # the type of a transparent reporting word
NOT_AN_ACTION = ""  # phrases that hold an event word but name no event ("à plusieurs reprises")


@dataclass(frozen=True, slots=True)
class ActionWord:
    """One word (or phrase) of a clause that names an event type, with its absolute span."""

    type: str  # an action type of actions.yaml, or REPORTING
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Predicate:
    """The action of a clause (empty when no word names one), the action it carries when it is a speech
    act, and every action and reporting word found, in text order."""

    action: str = ""
    carried: str = ""
    words: tuple[ActionWord, ...] = ()

    @property
    def at(self) -> int | None:
        """Where the action's word starts (None without an action)."""
        return next((w.start for w in self.words if w.type == self.action), None)

    @property
    def head(self) -> int | None:
        """Where the clause's first predicate word starts, an action or a reporting word (None without
        any): its subject is the clause's main actor, the speaker when the clause reports speech."""
        return self.words[0].start if self.words else None

    @property
    def reported(self) -> bool:
        """Whether a reporting word occurs in the clause (a claim rather than a plain fact)."""
        return any(w.type == REPORTING for w in self.words)


@dataclass(frozen=True)
class ActionType:
    name: str
    category: str
    speech: bool
    venue: bool  # a place named with it is where it happens, not a party to it
    family: str  # actions of one family report one happening from either side
    answer: bool  # confirms or denies what was reported
    verbal: bool  # something said: every speech act, and thanks, condemnations, calls


@cache
def action_types() -> dict[str, ActionType]:
    data = yaml.safe_load((DATA_DIR / "actions.yaml").read_text(encoding="utf-8"))
    return {
        name: ActionType(
            name,
            fields["category"],
            bool(fields.get("speech", False)),
            bool(fields.get("venue", False)),
            fields.get("family", name),
            bool(fields.get("answer", False)),
            bool(fields.get("verbal", fields.get("speech", False))),
        )
        for name, fields in data.items()
    }


TOKEN = re.compile(r"[\w-]+")
OWNER_BEFORE = re.compile(r"\w['’]s\s+$")  # "X's": what follows is owned, a noun phrase


@dataclass(frozen=True)
class Lexicon:
    """The words of one language, indexed by their first token: exact words, prefixes (entries ending in
    *), and phrases of several tokens (tried first, longest first)."""

    exact: dict[str, str]
    prefixes: dict[str, str]
    longest_prefix: int
    phrases: dict[str, list[tuple[re.Pattern[str], str]]]
    inflections: tuple[str, ...] = ()


def _phrase(word: str, endings: str) -> re.Pattern[str]:
    prefix = word.endswith("*")
    escaped = re.escape(word[:-1] if prefix else word)
    escaped = escaped.replace(r"\ ", r"\s+").replace("'", "['’]").replace("’", "['’]")
    return re.compile(escaped + (r"[\w-]*" if prefix else endings) + r"(?![\w-])", re.IGNORECASE)


@cache
def _lexicon(lang: str) -> Lexicon:
    path = DATA_DIR / f"{lang}.yaml"
    if not path.exists():
        raise LookupError(f"no event extraction data for language {lang!r} ({path.name} is missing)")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lexicon: dict[str, Iterable[str]] = dict(data.get("actions", {}))
    lexicon[REPORTING] = data.get("reporting", [])
    lexicon[NOT_AN_ACTION] = data.get("not_actions", [])
    unknown = set(lexicon) - set(action_types()) - {REPORTING, NOT_AN_ACTION}
    if unknown:
        raise LookupError(f"{path.name} names unknown action types: {', '.join(sorted(unknown))}")
    # Agreement endings a word may take (French participles: "entretenu", "entretenue", "entretenus").
    inflections = tuple(sorted(data.get("inflections", []), key=len, reverse=True))
    endings = "(?:" + "|".join(map(re.escape, inflections)) + ")?" if inflections else ""
    exact: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    phrases: dict[str, list[tuple[re.Pattern[str], str]]] = {}
    for name, words in lexicon.items():
        for word in words:
            tokens = TOKEN.findall(word.casefold().rstrip("*"))
            if len(tokens) > 1 or "'" in word or "’" in word:
                phrases.setdefault(tokens[0], []).append((_phrase(word, endings), name))
            elif word.endswith("*"):
                prefixes.setdefault(tokens[0], name)
            else:
                exact.setdefault(tokens[0], name)
    for entries in phrases.values():
        entries.sort(key=lambda entry: -len(entry[0].pattern))
    return Lexicon(exact, prefixes, max(map(len, prefixes), default=0), phrases, inflections)


def action_words(text: str, lang: str, start: int = 0, end: int | None = None) -> list[ActionWord]:
    """The action and reporting words of text[start:end], in order, with absolute spans. At each word the
    longest entry wins (a phrase such as "pris le contrôle" over the word "pris")."""
    lexicon = _lexicon(lang)
    end = len(text) if end is None else end
    found: list[ActionWord] = []
    position = start
    for token in TOKEN.finditer(text, start, end):
        if token.start() < position:
            continue
        word = token.group().casefold()
        hit: tuple[int, str] | None = None
        for pattern, name in lexicon.phrases.get(word, ()):
            match = pattern.match(text, token.start(), end)
            if match:
                hit = (match.end(), name)
                break
        if hit is None:
            stem = next(
                (
                    word[: len(word) - len(ending)]
                    for ending in ("", *lexicon.inflections)
                    if word.endswith(ending) and word[: len(word) - len(ending)] in lexicon.exact
                ),
                None,
            )
            if stem is not None:
                hit = (token.end(), lexicon.exact[stem])
        if hit is None:
            for size in range(min(len(word), lexicon.longest_prefix), 0, -1):
                if word[:size] in lexicon.prefixes:
                    hit = (token.end(), lexicon.prefixes[word[:size]])
                    break
        if hit is not None:
            if hit[1] != NOT_AN_ACTION:
                found.append(ActionWord(hit[1], token.start(), hit[0], text[token.start() : hit[0]]))
            position = hit[0]
    return found


def describes_a_noun(text: str, word: ActionWord, lang: str) -> bool:
    """Whether an action word is a participle describing the noun before it ("le traité signé avec
    Moscou", "a statement released by the Kremlin"): no predicate of its clause."""
    language = event_language(lang)
    if not TOKEN.fullmatch(word.text) or not language.participle.search(word.text.casefold()):
        return False  # (a phrase holds its own verb: "s'est entretenue", "took control")
    if OWNER_BEFORE.search(text, max(0, word.start - 4), word.start):
        return True  # an owner's: "North Korea's acknowledged role"
    return bool(
        language.modifier_before.search(text, max(0, word.start - 30), word.start)
        and not language.verb_near.search(text, max(0, word.start - 50), word.start)
        and language.modifier_after.match(text, word.end)
    )


def predicate(text: str, lang: str, start: int = 0, end: int | None = None) -> Predicate:
    """The predicate of the clause text[start:end] (see the module docstring)."""
    words = tuple(w for w in action_words(text, lang, start, end) if not describes_a_noun(text, w, lang))
    types = action_types()
    actions = [w for w in words if w.type != REPORTING]
    if not actions:
        return Predicate(words=words)
    main = actions[0]
    carried = ""
    if types[main.type].speech:
        carried = next((w.type for w in actions[1:] if not types[w.type].speech), "")
    return Predicate(main.type, carried, words)


def category_of(predicate: Predicate) -> str | None:
    """The category an event's action gives (the carried action's when a speech act carries one)."""
    name = predicate.carried or predicate.action
    return action_types()[name].category if name else None


def places_are_venues(predicate: Predicate) -> bool:
    """Whether the places of a clause are only where its action happens ("met in Rome", "said in
    Brussels": where one speaks is no party to what one says)."""
    if not predicate.action:
        return predicate.reported
    return action_types()[predicate.action].venue


def compatible(a_action: str, a_carried: str, b_action: str, b_carried: str) -> bool:
    """Whether two predicates can report one happening: the same action, or a speech act carrying the
    other's action ("announced the recapture" and "retook"). An unknown action is compatible with any."""
    if not a_action or not b_action:
        return True
    types = action_types()
    if a_action == b_action or types[a_action].family == types[b_action].family:
        return True
    return _same_family(a_carried, b_action) or _same_family(b_carried, a_action)


def _same_family(a: str, b: str) -> bool:
    types = action_types()
    return bool(a and b) and types[a].family == types[b].family
