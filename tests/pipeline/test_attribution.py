"""Who says so: the speaker and stance of a sentence, in French and English.

Sentences are ours, written in the manner of agency reports. Mentions come from the real entity linker, so
these tests state what the pipeline will see.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from timeline.linking.registry import Registry
from timeline.linking.types import NerSpan
from timeline.nlp.types import Sentence
from timeline.pipeline.attribution import (
    Attribution,
    antecedents,
    attribution,
    attribution_language,
    attributions,
    body_label,
    confirmations_elaborated,
    known_languages,
    roles_named,
)


def attribute_all(text: str, lang: str, clause: tuple[int, int] | None = None) -> list[Attribution]:
    registry = Registry.load()
    linked = registry.link(text, lang)
    new = {record.key: record for record in linked.new_records}
    sentence = Sentence(0, len(text), text)
    return attributions(
        sentence,
        clause or (0, len(text)),
        linked.mentions,
        lang,
        lambda key: new.get(key) or registry.get(key),
    )


def attribute(text: str, lang: str) -> Attribution | None:
    registry = Registry.load()
    linked = registry.link(text, lang)
    sentence = Sentence(0, len(text), text)
    return attribution(sentence, (0, len(text)), linked.mentions, lang, registry.get)


def said(text: str, lang: str) -> tuple[str, str | None, str] | None:
    """(speaker key, speaker country, stance), or None."""
    found = attribute(text, lang)
    return None if found is None else (found.speaker.key, found.speaker.country, found.stance)


# --- reporting verbs and their stance -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Moscou a annoncé la reprise du village de Lebedevka.", "fr", ("country:RU", "RU", "asserted")),
        ("Kiev a dit avoir repoussé trois assauts près de Soudja.", "fr", ("country:UA", "UA", "asserted")),
        ("Kiev avait évoqué un premier accrochage.", "fr", ("country:UA", "UA", "asserted")),
        ("Pyongyang a revendiqué le tir d'un nouveau missile.", "fr", ("country:KP", "KP", "asserted")),
        ("Le Kremlin affirme que la région est entièrement libérée.", "fr", ("country:RU", "RU", "asserted")),
        (
            "Séoul a confirmé l'envoi de nouveaux soldats nord-coréens.",
            "fr",
            ("country:KR", "KR", "confirmed"),
        ),
        (
            "Pyongyang a reconnu la présence de ses troupes en Russie.",
            "fr",
            ("country:KP", "KP", "confirmed"),
        ),
        ("Kiev a démenti toute percée russe dans le secteur.", "fr", ("country:UA", "UA", "denied")),
        ("Moscou a nié avoir frappé un hôpital.", "fr", ("country:RU", "RU", "denied")),
        ("Washington announced new sanctions against Pyongyang.", "en", ("country:US", "US", "asserted")),
        ("Kyiv claimed its drones had hit an airfield.", "en", ("country:UA", "UA", "asserted")),
        ("Seoul confirmed that more troops had arrived.", "en", ("country:KR", "KR", "confirmed")),
        ("Moscow acknowledged heavy losses in the region.", "en", ("country:RU", "RU", "confirmed")),
        ("The Kremlin denied any involvement in the strike.", "en", ("country:RU", "RU", "denied")),
        ("Kyiv rejected the account of the battle.", "en", ("country:UA", "UA", "denied")),
    ],
)
def test_a_reporting_verb_names_its_subject_and_gives_its_stance(text, lang, expected):
    assert said(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        ("Seoul condemned the deployment of North Korean troops as illegal.", "en", "country:KR"),
        ("The Kremlin welcomed the recapture of Sudzha.", "en", "country:RU"),
        ("Kyiv urged its allies to answer the deployment.", "en", "country:UA"),
        ("Séoul a condamné l'envoi de soldats nord-coréens.", "fr", "country:KR"),
        ("Moscou a salué la reprise de Soudja.", "fr", "country:RU"),
        ("Moscou a dénoncé une provocation de Kiev.", "fr", "country:RU"),
        ("Kiev accuse Moscou d'avoir frappé des civils.", "fr", "country:UA"),
    ],
)
def test_condemning_welcoming_or_urging_asserts_what_it_names(text, lang, speaker):
    assert said(text, lang) == (speaker, speaker.removeprefix("country:"), "asserted")


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        ("Pyongyang called the reports a groundless rumour.", "en", "country:KP"),
        ("The Kremlin dismissed the reports as fake news.", "en", "country:RU"),
        ("Kyiv called the Russian statement false.", "en", "country:UA"),
        ("Kiev a qualifié ces affirmations de propagande.", "fr", "country:UA"),
        ("Pyongyang a qualifié ces informations de « rumeurs sans fondement ».", "fr", "country:KP"),
        ("Moscou a dénoncé ces informations comme de la propagande.", "fr", "country:RU"),
        ("The Kremlin denounced the reports as lies.", "en", "country:RU"),
    ],
)
def test_calling_a_report_false_is_a_denial(text, lang, speaker):
    assert said(text, lang) == (speaker, speaker.removeprefix("country:"), "denied")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Kiev a rejeté ces affirmations.", "fr", ("country:UA", "UA", "denied")),
        ("Kyiv rejected the Russian claims.", "en", ("country:UA", "UA", "denied")),
        ("Russia said it had taken the town, a claim Kyiv rejected.", "en", ("country:RU", "RU", "asserted")),
        ("The Kremlin dismissed the reports.", "en", ("country:RU", "RU", "denied")),
        ("Cette version a été contestée par Kiev.", "fr", ("country:UA", "UA", "denied")),
        ("Kyiv rejected the Russian proposal for a truce.", "en", None),
        ("Zelensky dismissed his army chief on Friday.", "en", None),
        ("Kiev a rejeté la proposition russe de cessez-le-feu.", "fr", None),
    ],
)
def test_rejecting_denies_a_statement_not_a_proposal(text, lang, expected):
    assert said(text, lang) == expected


def test_calling_something_else_is_no_denial():
    assert attribute("Kyiv called the talks a first step.", "en") is None
    assert attribute("Moscou a qualifié la rencontre de constructive.", "fr") is None


# --- negation -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Putin did not deny that North Korean troops were in Russia.", "en"),
        ("The Pentagon has not confirmed the deployment.", "en"),
        ("Neither Moscow nor Pyongyang have confirmed the deployment.", "en"),
        ("The Kremlin declined to confirm the figures.", "en"),
        ("Le Pentagone n'a pas confirmé ces informations.", "fr"),
        ("Ni Moscou ni Pyongyang n'ont confirmé le déploiement.", "fr"),
        ("Moscou ne dément pas la présence de soldats nord-coréens.", "fr"),
        ("Le Kremlin ne l'a jamais démenti.", "fr"),
    ],
)
def test_a_negated_reporting_verb_takes_no_stance(text, lang):
    assert attribute(text, lang) is None


def test_a_negated_verb_leaves_the_other_cues_of_the_sentence():
    text = "Selon Séoul, des renforts sont arrivés, ce que Moscou n'a pas confirmé."
    assert said(text, "fr") == ("country:KR", "KR", "asserted")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Kyiv said it rejected the Russian claims.", "en", [("country:UA", "denied")]),
        ("NATO said yesterday it could not yet confirm the reports.", "en", []),
        ("Moscou a affirmé qu'il n'avait pas confirmé ces chiffres.", "fr", []),
        ("Séoul a indiqué avoir confirmé l'information.", "fr", [("country:KR", "confirmed")]),
    ],
)
def test_a_speaker_reporting_its_own_stance_takes_that_stance(text, lang, expected):
    assert [(a.speaker.key, a.stance) for a in attribute_all(text, lang)] == expected


# --- reported denial, several speakers ----------------------------------------------------------------------


def test_a_claim_and_its_denial_in_one_sentence_give_both_stances_claim_first():
    found = attribute_all("Russia claimed it had retaken Sudzha, a claim Kyiv denied.", "en")
    assert [(a.speaker.key, a.stance) for a in found] == [
        ("country:RU", "asserted"),
        ("country:UA", "denied"),
    ]


def test_a_claim_a_speaker_denied():
    assert said("The troops were deployed in October, a claim Kyiv denied.", "en") == (
        "country:UA",
        "UA",
        "denied",
    )


def test_a_clause_takes_the_cue_inside_it_before_the_cues_of_its_sentence():
    text = "Moscou a affirmé avoir repris Soudja le 12 mars, mais Kiev a démenti le 13 mars."
    cut = text.index(", mais")
    first = attribute_all(text, "fr", (0, cut))
    second = attribute_all(text, "fr", (cut, len(text)))
    assert (first[0].speaker.key, first[0].stance) == ("country:RU", "asserted")
    assert (second[0].speaker.key, second[0].stance) == ("country:UA", "denied")


def test_a_clause_without_a_cue_takes_the_nearest_cue_of_its_sentence():
    text = (
        "Le ministère russe de la Défense a affirmé lundi que ses troupes avaient repris le village dimanche."
    )
    clause = (text.index("que"), len(text))
    found = attribute_all(text, "fr", clause)
    assert found[0].speaker.key == "org:russian-ministry-of-defence"


# --- inverted, passive, quotes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "speaker", "stance"),
    [
        (
            "Des soldats nord-coréens ont été tués, a affirmé le président ukrainien Volodymyr Zelensky.",
            "fr",
            "person:volodymyr-zelensky",
            "asserted",
        ),
        (
            "« Nous tenons toujours la ville », a déclaré lundi l'armée ukrainienne.",
            "fr",
            "country:UA",
            "asserted",
        ),
        (
            '"The village is under our control," said Ukraine\'s general staff.',
            "en",
            "country:UA",
            "asserted",
        ),
        (
            "Russian forces have withdrawn from the town, said the Ukrainian army.",
            "en",
            "country:UA",
            "asserted",
        ),
        ('"We have liberated the region," Russia\'s defence ministry said.', "en", "country:RU", "asserted"),
        ("Cette information a été démentie par Kiev.", "fr", "country:UA", "denied"),
        ("The figure was confirmed by Seoul on Friday.", "en", "country:KR", "confirmed"),
    ],
)
def test_inverted_passive_and_quoted_speech(text, lang, speaker, stance):
    found = attribute(text, lang)
    assert found is not None
    assert (found.speaker.key, found.stance) == (speaker, stance)


def test_a_comma_after_an_apposition_does_not_invert_the_verb():
    found = attribute("Le porte-parole du Kremlin, Dmitri Peskov, a nié toute présence nord-coréenne.", "fr")
    assert found is not None
    assert (found.speaker.key, found.speaker.country, found.speaker.body, found.stance) == (
        "person:dmitry-peskov",
        "RU",
        "spokesperson",
        "denied",
    )


def test_a_name_before_its_verb_does_not_take_the_content_before_it_as_its_title():
    text = "Ukrainian forces captured two soldiers in Russia's Kursk region, President Zelensky announced."
    found = attribute(text, "en")
    assert found is not None
    assert (found.speaker.key, found.speaker.country, found.speaker.body) == (
        "person:volodymyr-zelensky",
        "UA",
        "head_of_state",
    )


def test_an_infinitive_is_no_reporting_verb():
    found = attribute_all("Zelensky said that Ukraine expected Russia to confirm the truce.", "en")
    assert [(a.speaker.key, a.stance) for a in found] == [("person:volodymyr-zelensky", "asserted")]


def test_a_relative_clause_inside_the_subject_is_skipped():
    found = attribute("Zelensky, qui s'exprimait à Kiev, a affirmé que les pertes étaient lourdes.", "fr")
    assert found is not None and found.speaker.key == "person:volodymyr-zelensky"
    text = "The Kremlin, which said on Saturday that the region was retaken, said it was open to talks."
    found_all = attribute_all(text, "en")
    assert [(a.speaker.key, a.cue) for a in found_all] == [("country:RU", "said"), ("country:RU", "said")]


# --- 'selon', 'according to', 'cité par' -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "speaker", "country"),
    [
        ("Selon le renseignement sud-coréen, 11 000 soldats ont été envoyés.", "fr", "country:KR", "KR"),
        ("D'après Kiev, les combats se poursuivent près de Soudja.", "fr", "country:UA", "UA"),
        ("Les renforts sont arrivés en décembre, selon l'agence Yonhap.", "fr", "org:yonhap", "KR"),
        ("More troops have been sent, according to South Korea's spy agency.", "en", "country:KR", "KR"),
        ("According to the Institute for the Study of War, the front is stable.", "en", "org:isw", "US"),
    ],
)
def test_a_source_cue_names_its_speaker_after_it(text, lang, speaker, country):
    found = attribute(text, lang)
    assert found is not None
    assert (found.speaker.key, found.speaker.country, found.stance) == (speaker, country, "asserted")


def test_the_speaker_quoted_by_a_source_speaks_before_the_source():
    found = attribute_all("Un responsable nord-coréen, cité par KCNA, a démenti tout déploiement.", "fr")
    assert [(a.speaker.key, a.stance) for a in found] == [("country:KP", "denied"), ("org:kcna", "asserted")]
    found = attribute_all("Selon Séoul, Pyongyang a nié avoir envoyé des troupes.", "fr")
    assert (found[0].speaker.key, found[0].stance) == ("country:KP", "denied")


# --- who speaks for a state ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "speaker", "country", "body"),
    [
        (
            "Le ministère russe de la Défense a affirmé que le village avait été repris.",
            "fr",
            "org:russian-ministry-of-defence",
            "RU",
            "defence_ministry",
        ),
        ("Russia's defence ministry said its forces had advanced.", "en", "country:RU", "RU",
         "defence_ministry"),
        ("L'armée russe a annoncé la prise du village.", "fr", "country:RU", "RU", "army"),
        ("Moscow said the region had been liberated.", "en", "country:RU", "RU", None),
        ("Un haut responsable sud-coréen a déclaré à l'AFP que des renforts étaient arrivés.", "fr",
         "country:KR", "KR", "government"),
        ("Ukrainian President Volodymyr Zelensky said the soldiers had been captured.", "en",
         "person:volodymyr-zelensky", "UA", "head_of_state"),
    ],
)  # fmt: skip
def test_a_ministry_an_army_or_an_official_speaks_for_its_state(text, lang, speaker, country, body):
    found = attribute(text, lang)
    assert found is not None
    assert (found.speaker.key, found.speaker.country, found.speaker.body) == (speaker, country, body)


def test_an_official_of_an_international_body_speaks_for_it_not_for_their_country():
    found = attribute("NATO Secretary General Mark Rutte said the troops had been deployed.", "en")
    assert found is not None
    assert (found.speaker.key, found.speaker.country, found.speaker.organization, found.speaker.party) == (
        "person:mark-rutte",
        None,
        "org:nato",
        "org:nato",
    )


def test_a_place_after_the_verb_is_not_its_speaker():
    assert attribute("The talks went well, an official said in Moscow.", "en") is None
    assert attribute("Les pourparlers ont avancé, a déclaré un responsable depuis Moscou.", "fr") is None


def test_a_hearer_is_not_the_speaker():
    found = attribute("Seoul's spy agency told AFP that more troops had been sent.", "en")
    assert found is not None and found.speaker.key == "country:KR"


def test_a_person_without_a_known_country_takes_the_country_named_beside_them():
    text = "La porte-parole de la diplomatie russe, Maria Zakharova, a démenti l'information."
    start = text.index("Maria")
    registry = Registry.load()
    # The NER span Stanza gives for the name (the gazetteer alone does not know her).
    linked = registry.link(
        text, "fr", [NerSpan(start, start + len("Maria Zakharova"), "Maria Zakharova", "PER")]
    )
    new = {record.key: record for record in linked.new_records}
    found = attribution(
        Sentence(0, len(text), text),
        (0, len(text)),
        linked.mentions,
        "fr",
        lambda k: new.get(k) or registry.get(k),
    )
    assert found is not None
    assert (found.speaker.kind, found.speaker.country, found.stance) == ("person", "RU", "denied")


# --- a pronoun subject refers back ------------------------------------------------------------------------


def sentences_of(text: str) -> list[Sentence]:
    """Our test articles put one sentence per line."""
    out, start = [], 0
    for line in text.split("\n"):
        out.append(Sentence(start, start + len(line), line))
        start += len(line) + 1
    return out


def attribute_article(text: str, lang: str) -> list[tuple[str, str] | None]:
    """(speaker key, stance) of each sentence, with the antecedents of its pronoun subjects."""
    registry = Registry.load()
    mentions = registry.link(text, lang).mentions
    sentences = sentences_of(text)
    result = []
    for sentence, antecedent in zip(
        sentences, antecedents(sentences, mentions, lang, registry.get), strict=True
    ):
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        found = attribution(sentence, (sentence.start, sentence.end), inside, lang, registry.get, antecedent)
        result.append(None if found is None else (found.speaker.key, found.stance))
    return result


def test_a_pronoun_subject_stands_for_the_last_speaker():
    article = "\n".join(
        [
            "Le ministère russe de la Défense a annoncé la reprise de Soudja.",
            "Il a ajouté que les combats se poursuivaient au sud.",
            "Les habitants ont quitté la ville.",
            "Il a précisé que deux villages avaient aussi été repris.",
        ]
    )
    speaker = "org:russian-ministry-of-defence"
    assert attribute_article(article, "fr") == [
        (speaker, "asserted"),
        (speaker, "asserted"),
        None,
        (speaker, "asserted"),
    ]


def test_a_pronoun_subject_stands_for_the_person_named_in_the_sentence_before():
    article = "\n".join(
        [
            "Volodymyr Zelensky visited troops near Sudzha on Friday.",
            '"We are holding the line," he said.',
            "He also denied the reports.",
        ]
    )
    zelensky = "person:volodymyr-zelensky"
    assert attribute_article(article, "en") == [None, (zelensky, "asserted"), (zelensky, "denied")]


def test_a_pronoun_subject_stands_for_a_speaker_who_declined_to_confirm():
    article = "\n".join(
        [
            "Selon Kiev, les troupes ukrainiennes tiennent Soudja.",
            "Le ministère russe de la Défense n'a pas confirmé la perte de la ville.",
            "Il a affirmé avoir repoussé des attaques près de plusieurs villages.",
        ]
    )
    assert attribute_article(article, "fr") == [
        ("country:UA", "asserted"),
        None,
        ("org:russian-ministry-of-defence", "asserted"),
    ]


def test_a_pronoun_without_an_antecedent_attributes_nothing():
    assert attribute("He said the village had fallen.", "en") is None


# --- no attribution -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Les troupes russes ont repris la ville de Soudja le 12 mars.", "fr"),
        ("North Korean troops crossed into the Kursk region in November.", "en"),
        ("Des sources ont affirmé que le village était tombé.", "fr"),  # no named speaker
        ("Officials said the bridge had been destroyed.", "en"),
        ("The claims of the Russian side were widely reported.", "en"),  # nouns, not verbs
        ("Russian claims were met with scepticism.", "en"),  # a demonym before a form makes it a noun
        ("L'annonce de Moscou a surpris les observateurs.", "fr"),
        ("Ni Moscou ni Kiev ne publient de bilan, et les combats s'annoncent durables.", "fr"),
    ],
)
def test_a_plain_factual_sentence_has_no_attribution(text, lang):
    assert attribute(text, lang) is None


def test_offsets_are_absolute_in_the_article():
    article = "Intro. Kiev a démenti la prise du village."
    start = article.index("Kiev")
    registry = Registry.load()
    mentions = registry.link(article, "fr").mentions
    found = attribution(Sentence(start, len(article), article[start:]), (start, len(article)), mentions, "fr",
                        registry.get)  # fmt: skip
    assert found is not None
    assert article[found.speaker.start : found.speaker.end] == "Kiev"
    assert article[found.cue_start : found.cue_end] == "a démenti"


# --- language data ------------------------------------------------------------------------------------------


def test_every_language_file_compiles_and_labels_every_body():
    assert set(known_languages()) >= {"en", "fr"}
    for lang in known_languages():
        language = attribution_language(lang)
        assert {body for body, _ in language.bodies} == set(language.body_labels)
    assert body_label("defence_ministry", "en") == "Defence Ministry"
    assert body_label("defence_ministry", "fr") == "ministère de la Défense"


def test_every_language_file_holds_the_same_entries():
    import yaml

    from timeline.pipeline.attribution import DATA_DIR

    keys = {
        lang: set(yaml.safe_load((DATA_DIR / f"{lang}.yaml").read_text(encoding="utf-8")))
        for lang in known_languages()
    }
    assert len({frozenset(k) for k in keys.values()}) == 1, keys


def test_an_unknown_language_is_a_clear_error():
    with pytest.raises(LookupError, match="no attribution data"):
        attribution_language("xx")


def test_attribution_and_card_status_run_without_django():
    code = (
        "import sys, timeline.pipeline.attribution, timeline.claims; "
        "print(any(name.split('.')[0] == 'django' for name in sys.modules))"
    )
    repo = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=repo, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# --- speech in realistic reports ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Zelensky posted photographs of the two prisoners on X.",
            "en",
            ("person:volodymyr-zelensky", "asserted"),
        ),
        (
            "Zelensky a publié une vidéo des deux prisonniers.",
            "fr",
            ("person:volodymyr-zelensky", "asserted"),
        ),
        ("Moscou dénonce une provocation ukrainienne.", "fr", ("country:RU", "asserted")),
        ("Kiev juge la situation stable près de Soudja.", "fr", ("country:UA", "asserted")),
    ],
)
def test_posting_publishing_and_present_tense_judgements_assert(text, lang, expected):
    found = attribute(text, lang)
    assert found is not None and (found.speaker.key, found.stance) == expected


def test_a_verb_form_right_after_a_reporting_verb_is_its_object():
    found = attribute_all("Ukraine's army rejected reports that its soldiers were encircled.", "en")
    assert [(a.speaker.key, a.stance, a.cue) for a in found] == [("country:UA", "denied", "rejected")]
    found = attribute_all("Kiev a démenti les affirmations russes sur un encerclement.", "fr")
    assert [(a.speaker.key, a.stance) for a in found] == [("country:UA", "denied")]


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        ("Moscou s'est félicité de cette annonce.", "fr", "country:RU"),
        ("Le Kremlin s'est dit satisfait de la reprise de Soudja.", "fr", "country:RU"),
        ("Moscow welcomed the announcement.", "en", "country:RU"),
    ],
)
def test_a_reflexive_verb_is_no_passive(text, lang, speaker):
    found = attribute(text, lang)
    assert found is not None and (found.speaker.key, found.stance) == (speaker, "asserted")


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Le président Volodymyr Zelensky s'est contenté d'affirmer que l'armée tenait ses positions.",
            "fr",
            ("person:volodymyr-zelensky", "asserted"),
        ),
        ("Moscou s'est empressé de démentir ces informations.", "fr", ("country:RU", "denied")),
        ("The Kremlin was quick to deny the reports.", "en", ("country:RU", "denied")),
        (
            "Zelensky went on to say that the front was holding.",
            "en",
            ("person:volodymyr-zelensky", "asserted"),
        ),
    ],
)
def test_an_infinitive_framed_by_its_subjects_verb_is_a_cue(text, lang, expected):
    found = attribute(text, lang)
    assert found is not None and (found.speaker.key, found.stance) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('Dmitry Peskov told reporters in Moscow that it was "another piece of fake news".', "en"),
        ("Dmitri Peskov a affirmé qu'il s'agissait d'une pure invention.", "fr"),
        ("Dmitri Peskov a dit que c'était un mensonge.", "fr"),
    ],
)
def test_saying_it_is_false_denies(text, lang):
    found = attribute(text, lang)
    assert found is not None and (found.speaker.key, found.stance) == ("person:dmitry-peskov", "denied")


def test_saying_something_is_true_is_no_denial():
    found = attribute('Dmitry Peskov said that it was "a useful meeting".', "en")
    assert found is not None and found.stance == "asserted"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ('President Vladimir Putin on Wednesday called the attack "a large-scale provocation".', "en"),
        ("Vladimir Poutine a qualifié l'attaque de « provocation de grande ampleur ».", "fr"),
    ],
)
def test_calling_something_by_a_quoted_name_asserts_it(text, lang):
    found = attribute(text, lang)
    assert found is not None and (found.speaker.key, found.stance) == ("person:vladimir-putin", "asserted")


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        (
            "Valery Gerasimov, speaking by video link, said the last village held by Ukraine had been "
            "retaken.",
            "en",
            "person:valery-gerasimov",
        ),
        (
            "China's foreign ministry, asked about the issue on Tuesday, said it was not aware of it.",
            "en",
            "country:CN",
        ),
        (
            "Zelensky, interrogé sur ce point, a affirmé que l'armée tenait bon.",
            "fr",
            "person:volodymyr-zelensky",
        ),
        (
            "Valéri Guérassimov, s'exprimant par visioconférence, a déclaré que Gornal avait été repris.",
            "fr",
            "person:valery-gerasimov",
        ),
    ],
)
def test_a_participle_incise_inside_the_subject_is_skipped(text, lang, speaker):
    found = attribute(text, lang)
    assert found is not None and found.speaker.key == speaker


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Ukrainian MP Maryna Bezuhla, a member of parliament known for her clashes with the command, "
            "wrote that the roads were under fire.",
            "en",
        ),
        (
            "La députée Maryna Bezouhla, une élue connue pour ses critiques, a écrit que les routes étaient "
            "sous le feu.",
            "fr",
        ),
    ],
)
def test_an_apposition_without_a_name_describes_the_subject_before_it(text, lang):
    found = attribute(text, lang)
    assert found is not None and found.speaker.kind == "person"
    assert found.speaker.text in ("Maryna Bezuhla", "Maryna Bezouhla")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "The Ukrainian General Staff said its forces were still holding positions and called the "
            'announcement "propaganda".',
            "en",
        ),
        (
            "L'état-major ukrainien a assuré que ses unités tenaient toujours des positions et a dénoncé une "
            "manœuvre de propagande.",
            "fr",
        ),
    ],
)
def test_a_coordinated_verb_shares_its_subject_and_a_denial_covers_what_the_denier_said_before(text, lang):
    found = attribute_all(text, lang)
    assert [(a.speaker.country, a.stance) for a in found] == [("UA", "denied"), ("UA", "denied")]


def test_a_later_assertion_of_the_same_side_is_not_turned_into_a_denial():
    text = "Kyiv rejected the claims on Monday, a day after Ukrainian MP Maryna Bezuhla warned of a collapse."
    found = attribute_all(text, "en")
    assert [(a.speaker.key, a.stance) for a in found] == [
        ("country:UA", "denied"),
        ("person:maryna-bezuhla", "asserted"),
    ]


def test_an_inverted_pronoun_stands_for_the_sentences_speaker():
    text = "Oleksandr Syrskyi a reconnu un repli.« Il n'y a aucune menace », a-t-il assuré."
    found = attribute_all(text, "fr", clause=(text.index("« Il"), len(text)))
    assert (found[0].speaker.key, found[0].stance) == ("person:oleksandr-syrskyi", "asserted")


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        (
            "Valery Gerasimov told Vladimir Putin that the region was liberated, acknowledging that North "
            "Korean soldiers had fought there.",
            "en",
            "person:valery-gerasimov",
        ),
        (
            "Valéri Guérassimov a affirmé que la région était libérée, reconnaissant la participation de "
            "soldats nord-coréens.",
            "fr",
            "person:valery-gerasimov",
        ),
    ],
)
def test_a_participle_after_a_comma_is_a_second_speech_act_of_the_same_speaker(text, lang, speaker):
    participle = text.index("acknowledging" if lang == "en" else "reconnaissant")
    found = attribute_all(text, lang, clause=(participle, len(text)))
    assert (found[0].speaker.key, found[0].stance) == (speaker, "confirmed")
    found = attribute_all(text, lang, clause=(0, participle))
    assert (found[0].speaker.key, found[0].stance) == (speaker, "asserted")


@pytest.mark.parametrize(
    ("text", "lang", "conjunct"),
    [
        (
            "Ukrainian forces crossed the border on August 6 and, according to Syrskyi, now control "
            "1,000 km2.",
            "en",
            "Ukrainian forces crossed the border on August 6",
        ),
        (
            "Les forces ukrainiennes ont franchi la frontière le 6 août et, selon Syrskyi, contrôlent "
            "1 000 km2.",
            "fr",
            "Les forces ukrainiennes ont franchi la frontière le 6 août",
        ),
    ],
)
def test_a_source_in_a_later_conjunct_speaks_for_that_conjunct_only(text, lang, conjunct):
    assert attribute_all(text, lang, clause=(0, len(conjunct))) == []
    found = attribute_all(text, lang, clause=(len(conjunct) + 5, len(text)))
    assert found and found[0].speaker.key == "person:oleksandr-syrskyi"


@pytest.mark.parametrize(
    ("lines", "lang", "country"),
    [
        (
            [
                "South Korea summoned Russia's ambassador on Monday.",
                "Dmitry Peskov said the talks had been useful.",
                "The presidential office said it could consider supplying weapons.",
                "The ministry's statement added that it would respond with all available means.",
            ],
            "en",
            "KR",
        ),
        (
            [
                "La Corée du Sud a convoqué l'ambassadeur russe lundi.",
                "Dmitri Peskov a affirmé que les échanges avaient été utiles.",
                "Le ministère a ajouté que la réponse serait ferme.",
                "La présidence sud-coréenne a précisé que des livraisons d'armes étaient possibles.",
            ],
            "fr",
            "KR",
        ),
    ],
)
def test_an_institution_subject_stands_for_the_last_institution_else_the_reports_own_country(
    lines, lang, country
):
    found = attribute_article("\n".join(lines), lang)
    assert found[1] == ("person:dmitry-peskov", "asserted")
    assert found[2] == (f"country:{country}", "asserted")
    assert found[3] is not None and found[3][0] == f"country:{country}"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "When Valery Gerasimov, chief of Russia's general staff, told Vladimir Putin that the region was "
            "retaken.",
            "en",
        ),
        ("Valéri Guérassimov, chef de l'état-major russe, a déclaré que la région était reprise.", "fr"),
    ],
)
def test_a_title_set_off_after_a_name_leaves_the_person_the_speaker(text, lang):
    found = attribute(text, lang)
    assert found is not None and (found.speaker.key, found.speaker.country) == (
        "person:valery-gerasimov",
        "RU",
    )


@pytest.mark.parametrize(
    ("lines", "lang"),
    [
        (
            [
                "Selon l'agence KCNA, Pyongyang a confirmé l'envoi de troupes.",
                "Kim Jong Un a pris cette décision seul, a précisé l'agence.",
            ],
            "fr",
        ),
        (
            [
                "North Korea confirmed the deployment, according to KCNA.",
                "Kim Jong Un took the decision himself, the agency added.",
            ],
            "en",
        ),
    ],
)
def test_an_inverted_subject_that_refers_back_stands_for_the_last_institution(lines, lang):
    found = attribute_article("\n".join(lines), lang)
    assert found[1] is not None and found[1][1] == "asserted"
    assert found[1][0] in ("org:kcna", "country:KP")  # the agency (or the state it speaks for), not Kim


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        (
            "Vladimir Putin thanked Kim Jong Un on Monday, saying Russia would never forget it.",
            "en",
            "person:vladimir-putin",
        ),
        (
            "Le président Volodymyr Zelensky a défendu ses généraux, estimant qu'ils sauvaient des vies.",
            "fr",
            "person:volodymyr-zelensky",
        ),
        (
            "Le président russe Vladimir Poutine a remercié la Corée du Nord pour son soutien.",
            "fr",
            "person:vladimir-putin",
        ),
    ],
)
def test_thanking_and_a_participle_with_no_speech_verb_before_it_name_the_sentences_subject(
    text, lang, speaker
):
    found = attribute(text, lang)
    assert found is not None and (found.speaker.key, found.stance) == (speaker, "asserted")


@pytest.mark.parametrize(
    ("lines", "lang"),
    [
        (
            [
                "South Korea summoned the Russian ambassador.",
                "A presidential official said Seoul could send weapons.",
            ],
            "en",
        ),
        (
            [
                "La Corée du Sud a convoqué l'ambassadeur russe.",
                "Un haut responsable a affirmé que Séoul pourrait livrer des armes.",
            ],
            "fr",
        ),
    ],
)
def test_an_unnamed_official_speaks_for_the_side_of_the_report(lines, lang):
    assert attribute_article("\n".join(lines), lang)[1] == ("country:KR", "asserted")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "NATO Secretary General Mark Rutte said that North Korean troops had been deployed to Kursk, the "
            "first time the alliance has confirmed the reports.",
            "en",
        ),
        (
            "Le secrétaire général de l'OTAN, Mark Rutte, a déclaré que des troupes nord-coréennes étaient à "
            "Koursk, la première fois que l'Alliance confirme ces informations.",
            "fr",
        ),
    ],
)
def test_a_comment_calling_a_statement_a_first_confirmation_makes_it_one(text, lang):
    found = attribute(text, lang)
    assert found is not None and (found.speaker.key, found.stance) == ("person:mark-rutte", "confirmed")


def test_a_first_time_that_is_no_comment_on_a_confirmation_changes_nothing():
    found = attribute("Zelensky said the troops had fought, the first time they met in battle.", "en")
    assert found is not None and found.stance == "asserted"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("North Korea's envoy Kim Song called the reports a smear campaign.", "en"),
        ("Pyongyang a qualifié ces informations de campagne de dénigrement.", "fr"),
    ],
)
def test_calling_reports_a_smear_denies_them(text, lang):
    found = attribute(text, lang)
    assert found is not None and found.stance == "denied"


def stances_in_article(lines: list[str], lang: str) -> list[tuple[str, str] | None]:
    """(speaker key, stance) of each sentence of an article, after `confirmations_elaborated`."""
    text = "\n".join(lines)
    registry = Registry.load()
    mentions = registry.link(text, lang).mentions
    sentences = sentences_of(text)
    found = []
    for sentence, antecedent in zip(
        sentences, antecedents(sentences, mentions, lang, registry.get), strict=True
    ):
        inside = [m for m in mentions if sentence.start <= m.start and m.end <= sentence.end]
        found.append(
            attribution(sentence, (sentence.start, sentence.end), inside, lang, registry.get, antecedent)
        )
    found = roles_named(found, sentences, mentions, lang, registry.get)
    return [None if a is None else (a.speaker.key, a.stance) for a in confirmations_elaborated(found)]


@pytest.mark.parametrize(
    ("lines", "lang"),
    [
        (
            [
                "North Korea confirmed for the first time that it had sent troops to Russia.",
                "KCNA said the units had taken part in the fighting in Kursk.",
            ],
            "en",
        ),
        (
            [
                "La Corée du Nord a reconnu pour la première fois avoir envoyé des troupes en Russie.",
                "L'agence KCNA a précisé que les unités avaient combattu à Koursk.",
            ],
            "fr",
        ),
    ],
)
def test_a_states_institutions_elaborate_on_its_first_confirmation(lines, lang):
    found = stances_in_article(lines, lang)
    assert found[0] == ("country:KP", "confirmed")
    assert found[1] is not None and found[1][1] == "confirmed"


@pytest.mark.parametrize(
    ("lines", "lang"),
    [
        (
            [
                "Valery Gerasimov told Vladimir Putin that the region was liberated.",
                "Valery Gerasimov acknowledged that North Korean soldiers had fought there.",
                "Valery Gerasimov said the last village had been retaken.",
            ],
            "en",
        ),
        (
            [
                "Oleksandr Syrskyi a reconnu un repli de ses troupes.",
                "Volodymyr Zelensky a affirmé que les généraux sauvaient des vies.",
            ],
            "fr",
        ),
    ],
)
def test_who_first_asserts_and_other_persons_of_the_side_keep_their_assertions(lines, lang):
    found = stances_in_article(lines, lang)
    assert found[-1] is not None and found[-1][1] == "asserted"


@pytest.mark.parametrize(
    ("lines", "lang", "person"),
    [
        (
            [
                "Russia's top general told President Vladimir Putin that the region had been liberated.",
                "Chief of the General Staff Valery Gerasimov spoke by video link.",
            ],
            "en",
            "person:valery-gerasimov",
        ),
        (
            [
                "Le commandant en chef ukrainien a affirmé que ses troupes tenaient Soudja.",
                "Oleksandr Syrskyi a présenté son rapport à Volodymyr Zelensky.",
            ],
            "fr",
            "person:oleksandr-syrskyi",
        ),
    ],
)
def test_a_role_of_a_country_is_the_person_of_that_country_named_next(lines, lang, person):
    assert stances_in_article(lines, lang)[0] == (person, "asserted")


@pytest.mark.parametrize(
    ("lines", "lang"),
    [
        (["Russia's top general said the region had been liberated.", "Kyiv denied it."], "en"),
        (["The Ukrainian General Staff said its units held.", "Valery Gerasimov spoke later."], "en"),
        (["Le commandant en chef ukrainien a affirmé que ses troupes tenaient.", "Moscou a démenti."], "fr"),
    ],
)
def test_a_role_stays_its_country_when_no_person_of_that_country_follows(lines, lang):
    found = stances_in_article(lines, lang)[0]
    assert found is not None and found[0].startswith("country:")
