"""Reading the entity data files (timeline/data/entities) into records and per-language aliases."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .folding import slugify
from .types import EntityRecord

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "entities"

_KIND_BY_FILE = {"persons": "person", "organizations": "organization", "locations": "location"}


@dataclass(frozen=True)
class CuratedEntity:
    """A record from persons/organizations/locations.yaml and what only the linker needs of it."""

    record: EntityRecord
    surnames: tuple[str, ...] = ()
    standalone: bool = True


@dataclass
class LanguageFiles:
    """The contents of <lang>/*.yaml; every part is optional."""

    short_forms: dict[str, list[str]] = field(default_factory=dict)
    excluded: list[str] = field(default_factory=list)
    demonyms: dict[str, list[str] | dict] = field(default_factory=dict)
    metonyms: dict[str, list[str]] = field(default_factory=dict)
    context: dict = field(default_factory=dict)


def _read(path: Path) -> object:
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def read_curated(data_dir: Path = DATA_DIR) -> list[CuratedEntity]:
    """Persons, organizations and places, in file order."""
    entities = []
    for stem, kind in _KIND_BY_FILE.items():
        for item in _read(data_dir / f"{stem}.yaml") or []:
            aliases = {lang: list(values) for lang, values in (item.get("aliases") or {}).items()}
            record = EntityRecord(
                key=item["key"],
                kind=kind,
                name=item["name"],
                slug=slugify(item["name"]),
                names=dict(item.get("names") or {}),
                aliases=aliases,
                country_code=item.get("country"),
                acts_for_country=bool(item.get("acts_for_country", False)),
            )
            entities.append(
                CuratedEntity(
                    record=record,
                    surnames=tuple(item.get("surnames") or ()),
                    standalone=bool(item.get("standalone", True)),
                )
            )
    return entities


def read_language(lang: str, data_dir: Path = DATA_DIR) -> LanguageFiles:
    """The language files of `lang` (empty parts when the language has no folder)."""
    folder = data_dir / lang
    countries = _read(folder / "countries.yaml") or {}
    return LanguageFiles(
        short_forms={str(k): list(v) for k, v in (countries.get("short_forms") or {}).items()},
        excluded=list(countries.get("exclude") or []),
        demonyms={str(k): v for k, v in (_read(folder / "demonyms.yaml") or {}).items()},
        metonyms={str(k): list(v) for k, v in (_read(folder / "metonyms.yaml") or {}).items()},
        context=_read(folder / "context.yaml") or {},
    )


def data_languages(data_dir: Path = DATA_DIR) -> list[str]:
    """Languages that have a folder of their own (fr, en)."""
    return sorted(p.name for p in data_dir.iterdir() if p.is_dir())


@dataclass(frozen=True)
class FamilyNameFirst:
    """Family names written before the given name (family_name_first.yaml)."""

    korean: frozenset[str] = frozenset()
    chinese: frozenset[str] = frozenset()


def read_family_name_first(data_dir: Path = DATA_DIR) -> FamilyNameFirst:
    data = _read(data_dir / "family_name_first.yaml") or {}
    return FamilyNameFirst(
        korean=frozenset(data.get("korean") or ()), chinese=frozenset(data.get("chinese") or ())
    )
