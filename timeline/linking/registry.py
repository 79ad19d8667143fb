"""The entity registry: canonical records, one matcher per language, and text -> mentions."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import cast

from .context import LanguageContext
from .countries import country_key, country_records, generated_country_names
from .data_files import (
    DATA_DIR,
    CuratedEntity,
    LanguageFiles,
    read_curated,
    read_family_name_first,
    read_language,
)
from .folding import fold, fold_alias
from .gazetteer import AliasEntry, Gazetteer, RawMatch
from .inflection import demonym_forms
from .ner_merge import merge_ner_spans
from .surnames import resolve_surnames
from .titled_names import titled_names
from .types import EntityRecord, Kind, LinkResult, Mention, NerSpanLike

# Which gazetteer kinds a NER label may stand for.
LABEL_KINDS: dict[str, frozenset[str]] = {
    "PER": frozenset({"person"}),
    "LOC": frozenset({"location", "country"}),
    "GPE": frozenset({"location", "country"}),
    "ORG": frozenset({"organization", "country"}),
    "MISC": frozenset({"country", "organization", "location"}),
}

# When one surface names several entities, the first in this order wins (after the locative rule).
_PRIORITY = {
    ("alias", "person"): 0,
    ("alias", "organization"): 1,
    ("alias", "country"): 2,
    ("metonym", "country"): 3,
    ("alias", "location"): 4,
    ("demonym", "country"): 5,
}


class Registry:
    """Canonical entities and the per-language matchers built from them.

    Build it with `Registry.load()` (cached per data folder). Matchers are compiled on first use of a
    language and kept for the life of the process.
    """

    def __init__(self, curated: list[CuratedEntity], data_dir: Path = DATA_DIR) -> None:
        self._data_dir = data_dir
        self._curated = curated
        self._languages: dict[str, LanguageFiles] = {}
        self._gazetteers: dict[str, Gazetteer] = {}
        self._contexts: dict[str, LanguageContext] = {}
        self._lock = threading.RLock()  # gazetteer() reads context() under the lock
        names_by_lang = {lang: self._country_names(lang) for lang in ("en", "fr")}
        self._records: dict[str, EntityRecord] = {
            record.key: record for record in country_records(names_by_lang).values()
        }
        self._records.update({entity.record.key: entity.record for entity in curated})
        self._family_first = read_family_name_first(data_dir)
        self.surnames: dict[str, tuple[str, ...]] = {
            entity.record.key: entity.surnames for entity in curated if entity.surnames
        }

    def surname_of(self, words: Sequence[str]) -> str:
        """The word of a full name that refers back to its person later in a text: the last one,
        or the first for Korean and Chinese names ("Kim Tae-ho", "Li Qiang")."""
        first = words[0]
        korean_given = len(words) == 3 or (len(words) == 2 and "-" in words[1])
        if first in self._family_first.chinese and len(words) in (2, 3):
            return first
        if first in self._family_first.korean and korean_given:
            return first
        return words[-1]

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Registry:
        """The registry of `data_dir` (default: timeline/data/entities), built once per process."""
        return _load(data_dir or DATA_DIR)

    # Records -------------------------------------------------------------------------------------

    def records(self) -> list[EntityRecord]:
        """Every canonical record: ISO countries, then curated persons, organizations, places."""
        return list(self._records.values())

    def get(self, key: str) -> EntityRecord | None:
        return self._records.get(key)

    def country(self, code: str) -> EntityRecord | None:
        """The record of an ISO alpha-2 country code."""
        return self._records.get(country_key(code.upper()))

    # Per-language data ---------------------------------------------------------------------------

    def _language(self, lang: str) -> LanguageFiles:
        if lang not in self._languages:
            self._languages[lang] = read_language(lang, self._data_dir)
        return self._languages[lang]

    def _country_names(self, lang: str) -> dict[str, list[str]]:
        files = self._language(lang)
        excluded = {fold_alias(name) for name in files.excluded}
        names: dict[str, list[str]] = {}
        for code, forms in generated_country_names(lang).items():
            names[code] = [form for form in forms if fold_alias(form) not in excluded]
        for code, forms in files.short_forms.items():
            names.setdefault(code, []).extend(forms)
        return names

    def context(self, lang: str) -> LanguageContext:
        with self._lock:
            if lang not in self._contexts:
                data = self._language(lang).context or self._language("en").context
                self._contexts[lang] = LanguageContext.from_data(data)
            return self._contexts[lang]

    def gazetteer(self, lang: str) -> Gazetteer:
        """The compiled matcher of `lang` (built on first use)."""
        with self._lock:
            if lang not in self._gazetteers:
                self._gazetteers[lang] = Gazetteer(self._entries(lang))
            return self._gazetteers[lang]

    def _entries(self, lang: str) -> Iterable[AliasEntry]:
        files = self._language(lang)
        has_files = bool(files.context)
        article = self.context(lang).allows_article
        for code, names in self._country_names(lang).items():
            for name in names:
                yield AliasEntry(country_key(code), "country", "alias", name, article(name))
        for code, bases in files.demonyms.items():
            forms = (
                list(bases["forms"])
                if isinstance(bases, dict)
                else [form for base in bases for form in demonym_forms(lang, base)]
            )
            for form in forms:
                yield AliasEntry(country_key(code), "country", "demonym", form)
        for code, surfaces in files.metonyms.items():
            for surface in surfaces:
                yield AliasEntry(country_key(code), "country", "metonym", surface, article(surface))
        for entity in self._curated:
            yield from self._curated_entries(entity, lang, has_files, article)
        for blocker in self.context(lang).blockers:
            yield AliasEntry("", "", "blocker", blocker)
        for base in files.context.get("blocking_demonyms", []):
            for form in demonym_forms(lang, base):
                yield AliasEntry("", "", "blocker", form)

    @staticmethod
    def _curated_entries(
        entity: CuratedEntity, lang: str, has_files: bool, article: Callable[[str], bool]
    ) -> Iterable[AliasEntry]:
        record = entity.record
        person = record.kind == "person"
        if person or not has_files:
            # Person names are written alike in every language; so is everything in a language
            # that has no data folder of its own.
            spellings = [record.name, *record.names.values()]
            spellings += [alias for values in record.aliases.values() for alias in values]
        else:
            spellings = [record.name, record.names.get(lang, record.name)]
            spellings += record.aliases.get("all", []) + record.aliases.get(lang, [])
        for spelling in dict.fromkeys(spellings):
            takes_article = not person and article(spelling)
            yield AliasEntry(record.key, record.kind, "alias", spelling, takes_article)
        for surname in entity.surnames:
            yield AliasEntry(record.key, "person", "surname", surname, standalone=entity.standalone)

    # Linking -------------------------------------------------------------------------------------

    def choose(self, entries: Sequence[AliasEntry], text: str, start: int, lang: str) -> AliasEntry:
        """The entry a surface means here: a place after a locative ("à Rome"), else by priority."""
        places = [e for e in entries if e.kind == "location"]
        if places and len(places) < len(entries):
            if self.context(lang).after_locative(text, start):
                return places[0]
            entries = [e for e in entries if e.kind != "location"]
        return min(entries, key=lambda e: _PRIORITY.get((e.via, e.kind), 9))

    def link(self, text: str, lang: str, ner_spans: Iterable[NerSpanLike] = ()) -> LinkResult:
        """Mentions of canonical entities in `text`, plus persons first met in it.

        Gazetteer matches come first (longest match wins, no overlaps); NER spans fill the gaps and
        may lengthen a gazetteer mention of a compatible kind; full names after a title or honorific
        ("la porte-parole Maria Zakharova") count as person spans too; bare surnames then refer back
        to the latest full name of the same family name, or to a famous registry person.
        """
        context = self.context(lang)
        folded = fold(text)
        mentions: list[Mention] = []
        pending: list[RawMatch] = []
        for raw in self.gazetteer(lang).scan(text, folded):
            if any(entry.via == "blocker" for entry in raw.entries):
                continue
            named = [entry for entry in raw.entries if entry.via != "surname"]
            if not named:
                pending.append(raw)
                continue
            entry = self.choose(named, text, raw.start, lang)
            start = raw.start
            if entry.takes_article:
                start = context.article_start(text, start)
            elif entry.kind == "person":
                start = context.honorific_start(text, start)
            if mentions and start < mentions[-1].end:
                start = raw.start
            kind = cast(Kind, entry.kind)
            mentions.append(Mention(start, raw.end, text[start : raw.end], entry.key, kind, entry.via))
        mentions, new_persons = merge_ner_spans(self, text, lang, mentions, pending, ner_spans)
        titled = list(titled_names(text, context, mentions, pending))
        mentions, new_persons = merge_ner_spans(
            self, text, lang, mentions, pending, titled, new_persons, via="title"
        )
        mentions = resolve_surnames(text, folded, context, mentions, pending, new_persons)
        return LinkResult(mentions, [person.record for person in new_persons.values()])

    def find_mentions(self, text: str, lang: str, ner_spans: Iterable[NerSpanLike] = ()) -> list[Mention]:
        """Mentions only (see `link` for the persons first met in the text)."""
        return self.link(text, lang, ner_spans).mentions

    def link_ner_span(self, span_text: str, label: str, lang: str) -> EntityRecord | None:
        """The registry record a NER span's text names, or None.

        A leading article or honorific is ignored ("la Russie", "M. Poutine"); a bare surname links
        only when the registry has one famous person of that name.
        """
        context = self.context(lang)
        kinds = LABEL_KINDS.get(label.upper(), LABEL_KINDS["MISC"])
        core = context.strip_leading(span_text.strip(), person="person" in kinds)
        entries = [
            entry
            for entry in self.gazetteer(lang).lookup(core)
            if entry.kind in kinds and entry.via != "blocker"
        ]
        named = [entry for entry in entries if entry.via != "surname"]
        if named:
            return self._records.get(self.choose(named, core, 0, lang).key)
        famous = {entry.key for entry in entries if entry.standalone}
        return self._records.get(famous.pop()) if len(famous) == 1 else None


@cache
def _load(data_dir: Path) -> Registry:
    return Registry(read_curated(data_dir), data_dir)


def link_ner_span(span_text: str, label: str, lang: str) -> EntityRecord | None:
    """`Registry.load().link_ner_span(...)`: the registry record a NER span names, or None."""
    return Registry.load().link_ner_span(span_text, label, lang)
