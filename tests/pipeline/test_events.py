"""Event extraction rules on small texts, with the real tagger, registry and rule-based sentence splitter."""

import datetime

import pytest

from timeline.linking import Registry
from timeline.nlp.fallback_annotator import FallbackAnnotator
from timeline.pipeline.events import ExtractedEvent, categorise, extract_events
from timeline.temporal.tagger import tag

MONDAY = datetime.date(2025, 4, 28)


def events_of(text: str, lang: str, published: datetime.date | None = MONDAY) -> list[ExtractedEvent]:
    registry = Registry.load()
    annotation = FallbackAnnotator().annotate_many([text], lang)[0]
    linked = registry.link(text, lang, annotation.entities)
    new = {r.key: r for r in linked.new_records}
    return extract_events(
        text=text,
        lang=lang,
        published=published,
        sentences=annotation.sentences,
        mentions=linked.mentions,
        timexes=tag(text, lang, published or datetime.date(2000, 1, 1)),
        record=lambda key: new.get(key) or registry.get(key),
    )


def countries(event: ExtractedEvent) -> set[str]:
    return {m.key.split(":")[1] for m in event.mentions if m.kind == "country"}


def test_a_dated_sentence_becomes_an_event_with_its_period_and_precision():
    [event] = events_of("Le 26 avril 2025, le Kremlin a annoncé la reprise de la région de Koursk.", "fr")
    assert (event.date_start, event.date_end, event.precision) == (
        datetime.date(2025, 4, 26),
        datetime.date(2025, 4, 26),
        "day",
    )
    assert event.date_text.lower() == "le 26 avril 2025"
    assert event.date_source == "text"
    assert countries(event) == {"RU"}


def test_each_dated_clause_of_a_sentence_keeps_its_own_actors():
    text = (
        "La Russie a contre-attaqué en mars et, le 26 avril 2025, la Corée du Nord a confirmé "
        "l'envoi de soldats."
    )
    march, april = events_of(text, "fr")
    assert march.date_start == datetime.date(2025, 3, 1)
    assert countries(march) == {"RU"}
    assert april.date_start == datetime.date(2025, 4, 26)
    assert countries(april) == {"KP"}
    assert march.sentence == april.sentence  # both trace back to the same sentence


def test_a_relative_clause_takes_the_place_it_refers_to():
    text = (
        "Pyongyang a confirmé lundi l'envoi de troupes dans la région de Koursk, dont les forces "
        "ukrainiennes s'étaient emparées en août 2024."
    )
    events = events_of(text, "fr")
    august = next(e for e in events if e.date_start == datetime.date(2024, 8, 1))
    assert countries(august) == {"UA", "RU"}  # RU through Kursk, a place in Russia
    assert "loc:kursk" in august.keys


def test_a_dated_clause_naming_nobody_is_not_an_event():
    text = "Washington a salué lundi cette décision, qui contraste avec la rhétorique de ces derniers mois."
    events = events_of(text, "fr")
    assert [e.date_start for e in events] == [MONDAY]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Le président russe Vladimir Poutine a remercié la Corée du Nord pour son soutien.", "fr", True),
        ("Cette remarque de M. Trump a suscité des spéculations.", "fr", False),
        ("Vladimir Putin thanked North Korea for its support.", "en", True),
        ("The remark by Donald Trump fuelled speculation.", "en", False),
        ("Ce soutien de Pyongyang à la Russie est considéré comme une preuve.", "fr", False),
        ("La Russie a bombardé Kharkiv.", "fr", True),
        ("Vladimir Putin spoke to reporters.", "en", False),  # no event word: nothing happens
    ],
    ids=[
        "fr-person-acts", "fr-person-complement", "en-person-acts", "en-person-complement", "fr-present",
        "fr-country-acts", "en-no-action",
    ],
)  # fmt: skip
def test_an_undated_sentence_is_an_event_of_the_publication_day_only_when_a_named_actor_acts(
    text, lang, expected
):
    # Put a neutral lead sentence first: the lead sentence has its own, wider rule.
    lead = "Voici les nouvelles." if lang == "fr" else "Here is the news."
    events = events_of(f"{lead} {text}", lang)
    assert bool(events) is expected
    for event in events:
        assert (event.date_start, event.date_source, event.date_text) == (MONDAY, "publication", "")


def test_the_lead_sentence_counts_when_a_country_acts():
    [event] = events_of("North Korea confirmed it had sent troops to Russia. More follows.", "en")
    assert event.date_source == "publication"
    assert countries(event) == {"KP", "RU"}


def test_without_a_publication_date_undated_sentences_are_not_events():
    assert events_of("Vladimir Putin thanked North Korea for its support.", "en", published=None) == []


def test_countries_of_persons_and_places_are_implied_but_not_of_news_agencies():
    [event] = events_of("L'AFP a rapporté lundi que Volodymyr Zelensky s'était rendu à Soudja.", "fr")
    implied = {m.key for m in event.mentions if m.via == "implied"}
    assert implied == {"country:UA", "country:RU"}  # Zelensky -> UA, Sudzha -> RU; AFP implies no FR


@pytest.mark.parametrize(
    ("text", "lang", "category"),
    [
        ("Les troupes russes ont repris Soudja après une offensive.", "fr", "military"),
        ("Russian troops retook Sudzha after an offensive.", "en", "military"),
        ("Les deux pays ont ouvert des négociations sur un cessez-le-feu.", "fr", "diplomatic"),
        ("The two sides began talks on a ceasefire.", "en", "diplomatic"),
        ("Des civils ont été évacués de la zone.", "fr", "humanitarian"),
        ("Two prisoners were handed to the Red Cross.", "en", "humanitarian"),
        ("Le porte-parole a démenti ces informations.", "fr", "statement"),
        ("The spokesman denied the reports.", "en", "statement"),
        ("Le parlement a voté une loi.", "fr", "political"),
        ("Il pleuvait.", "fr", "other"),
    ],
)
def test_categories_follow_the_words_of_each_language(text, lang, category):
    assert categorise(text, lang) == category


# -- issue 9: events an editor would sign --------------------------------------------------------------

SUNDAY = datetime.date(2025, 4, 27)


def keys(event: ExtractedEvent) -> set[str]:
    return set(event.keys)


def test_datelines_bylines_captions_and_related_links_give_no_event():
    text = (
        "KYIV, Aug 8 (Agency) – Ukrainian forces pushed deeper into Russia's Kursk region on Tuesday.\n"
        "By Anna Keller\n"
        "Photo: a Ukrainian tank near Sudzha, August 7, 2024. Credit: Example/AFP\n"
        "Read also: Russia says it retook Sudzha on March 13, 2025\n"
        "© 2024 The Example Herald"
    )
    [event] = events_of(text, "en", published=datetime.date(2024, 8, 8))
    assert event.date_start == datetime.date(2024, 8, 6)
    assert event.sentence.text.startswith("Ukrainian forces")  # the dateline is not part of the story


def test_image_descriptions_give_no_event():
    text = (
        "Des images diffusées par le ministère russe de la Défense le 13 mars 2025 montrent des soldats.\n"
        "La Russie a repris Soudja le 13 mars 2025."
    )
    [event] = events_of(text, "fr")
    assert event.sentence.text.startswith("La Russie")


def test_two_mentions_of_one_happening_are_one_happening_with_the_most_precise_date():
    text = (
        "Le 6 août 2024, l'armée ukrainienne a lancé une offensive dans la région russe de Koursk.\n"
        "Cette offensive lancée par l'Ukraine l'été dernier a surpris Moscou."
    )
    first, second = events_of(text, "fr")
    assert first.happening == second.happening  # one card
    assert second.date_text == "l'été dernier"  # each sentence keeps its own time expression ...
    assert (second.date_start, second.date_end) == (datetime.date(2024, 8, 6),) * 2  # ... and the best date
    assert second.sentence != first.sentence  # every sentence stays as provenance


def test_an_undated_sentence_continuing_a_happening_takes_its_date():
    text = (
        "Sergei Lavrov met Choe Son Hui in Moscow on Friday. "
        "The two ministers agreed to deepen military cooperation between Russia and North Korea."
    )
    meeting, agreement = events_of(text, "en")
    assert agreement.date_start == meeting.date_start == datetime.date(2025, 4, 25)
    assert agreement.date_source == "text"


def test_a_follow_up_sentence_joins_the_happening_it_follows():
    text = (
        "Seoul summoned the Russian ambassador on Monday over the deployment of North Korean troops.\n"
        "Speaking after the meeting, the ambassador said the cooperation complied with international law."
    )
    summons, follow_up = events_of(text, "en", published=datetime.date(2025, 4, 29))
    assert follow_up.happening == summons.happening
    assert follow_up.date_start == summons.date_start == MONDAY


def test_an_answer_belongs_to_the_happening_it_answers():
    text = "Russia said on Saturday it had retaken the whole Kursk region. Kyiv denied the claim."
    claim, denial = events_of(text, "en")
    assert denial.happening == claim.happening
    assert denial.date_start == claim.date_start == datetime.date(2025, 4, 26)
    assert "country:UA" in keys(denial)


def test_undated_reports_belong_to_the_news_day_the_lead_names():
    text = (
        "MOSCOW, April 27 (Agency) – Russia's top general told Vladimir Putin on Saturday that the Kursk "
        "region had been retaken.\n"
        "Vladimir Putin thanked the North Korean troops for their help."
    )
    _claim, thanks = events_of(text, "en", published=SUNDAY)
    assert thanks.date_start == datetime.date(2025, 4, 26)  # Saturday's news, published on Sunday


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Mark Rutte, a former Dutch prime minister, took office in October 2024.", "en"),
        ("Vladimir Poutine, né en 1952, a commencé sa carrière au KGB.", "fr"),
        ("South Korean intelligence estimates that about 4,700 North Korean soldiers have been killed "
         "since December.", "en"),
        ("Kiev estime que Pyongyang a déployé quelque 11 000 soldats en Russie.", "fr"),
        ('"Today, they are heroes," the North Korean statement said of its soldiers.', "en"),
        ("Neither Russia nor North Korea has acknowledged the deployment so far.", "en"),
    ],
)  # fmt: skip
def test_biographical_statistical_and_background_asides_are_not_events(text, lang):
    lead = "Here is the news." if lang == "en" else "Voici les nouvelles."
    assert events_of(f"{lead} {text}", lang) == []


def test_the_head_of_an_international_organisation_does_not_bring_their_country():
    text = (
        "NATO Secretary General Mark Rutte said on Monday that North Korean troops had been sent to Russia.\n"
        "Rutte said on Tuesday that the alliance would respond."
    )
    monday, tuesday = events_of(text, "en", published=datetime.date(2025, 4, 29))
    assert countries(monday) == {"KP", "RU"}
    assert "NL" not in countries(tuesday)  # introduced as NATO's head earlier in the article


def test_someone_elses_role_and_the_source_of_a_report_are_not_actors():
    [envoy] = events_of("The envoy of Donald Trump arrived in Kyiv on Monday.", "en")
    assert "person:donald-trump" not in keys(envoy)
    [advance] = events_of(
        "Russian troops attacked Ukrainian positions on Monday, according to Zelensky.", "en"
    )
    assert "person:volodymyr-zelensky" not in keys(advance)


def test_countries_named_by_an_adjective_or_as_an_owner_are_actors():
    [ministry] = events_of("Le ministère russe de la Défense a annoncé lundi la reprise de Soudja.", "fr")
    assert "RU" in countries(ministry)
    [retaken] = events_of("Russia retook Sudzha on Monday, the town held by Ukraine since August.", "en")
    assert countries(retaken) == {"RU", "UA"}


def test_the_place_of_a_meeting_is_not_a_party_to_it():
    [meeting] = events_of("Donald Trump met Volodymyr Zelensky in Rome on Saturday.", "en")
    assert countries(meeting) == {"US", "UA"}


def test_a_run_together_sentence_keeps_its_persons_to_itself():
    text = "Vladimir Poutine a remercié lundi Kim Jong-un.Les forces ukrainiennes ont reculé mardi."
    thanks, retreat = events_of(text, "fr", published=datetime.date(2025, 4, 30))
    assert "person:kim-jong-un" in keys(thanks)
    assert not {"person:kim-jong-un", "person:vladimir-putin"} & keys(retreat)


def test_a_subject_pronoun_takes_the_actor_of_the_sentence_before():
    text = "Vladimir Putin spoke to reporters in Moscow. He declared a state of emergency on Wednesday."
    [emergency] = events_of(text, "en")
    assert "person:vladimir-putin" in keys(emergency)


@pytest.mark.parametrize(
    ("text", "lang", "name", "country"),
    [
        ("Ukrainian MP Maryna Bezuhla warned on Sunday that the front was failing.", "en",
         "Maryna Bezuhla", "UA"),
        ("Le porte-parole de la diplomatie ukrainienne, Heorhiy Tykhy, a réagi lundi à l'annonce.", "fr",
         "Heorhiy Tykhy", "UA"),
        ("Le ministre sud-coréen de la Défense, Kim Yong-hyun, a averti mercredi Pyongyang.", "fr",
         "Kim Yong-hyun", "KR"),
        ("US special envoy Keith Kellogg warned on Monday of an escalation.", "en", "Keith Kellogg", "US"),
    ],
)  # fmt: skip
def test_persons_the_registry_lacks_are_found_from_their_role_with_their_country(text, lang, name, country):
    registry = Registry.load()
    linked = registry.link(text, lang)
    known = {r.name: r.country_code for r in linked.new_records}
    record = next((registry.get(m.key) for m in linked.mentions if m.text.endswith(name)), None)
    assert known.get(name, record.country_code if record else None) == country
    [event] = events_of(text, lang)
    assert any(m.text.endswith(name) for m in event.mentions)


def test_the_action_of_each_event_is_read_from_its_clause():
    text = "Vladimir Putin thanked Kim Jong Un on Monday, and Kyiv condemned the deployment on Tuesday."
    thanks, condemnation = events_of(text, "en", published=datetime.date(2025, 4, 30))
    assert (thanks.action, thanks.category) == ("thank", "diplomatic")
    assert condemnation.action == "condemn"
    assert thanks.happening != condemnation.happening


def test_a_denial_that_does_not_point_back_is_not_an_answer():
    text = (
        "Russia said on Saturday it had retaken the whole Kursk region.\n"
        "Ukraine denied on Sunday that its army had shelled a hospital in Sumy."
    )
    claim, denial = events_of(text, "en", published=datetime.date(2025, 4, 28))
    assert denial.happening != claim.happening
    assert denial.date_start == datetime.date(2025, 4, 27)


def test_later_the_same_day_is_a_happening_of_its_own():
    text = (
        "Ukrainian forces fought North Korean soldiers for the first time on Tuesday, Kyiv said.\n"
        "Later on Tuesday, Volodymyr Zelensky said the battles opened a new page of instability."
    )
    fight, speech = events_of(text, "en", published=datetime.date(2025, 4, 30))
    assert fight.date_start == speech.date_start
    assert fight.happening != speech.happening


def test_a_date_after_a_participle_dates_that_action():
    text = "Pyongyang said on Monday the deployment followed the treaty signed with Moscow last year."
    events = events_of(text, "en")
    assert {(e.action, e.date_start.year) for e in events} >= {("sign", 2024)}


def test_a_date_after_an_object_dates_the_clause_action():
    [event] = events_of(
        "Kyiv condemned the deployment on Tuesday.", "en", published=datetime.date(2025, 4, 30)
    )
    assert event.action == "condemn"


def test_a_place_setting_the_scene_is_not_a_party():
    text = (
        "À Bruxelles, la cheffe de la diplomatie européenne a condamné lundi l'envoi de troupes "
        "nord-coréennes."
    )
    [event] = events_of(text, "fr")
    assert "BE" not in countries(event)
    assert "KP" in countries(event)


def test_a_possessive_opener_names_whose_official_speaks():
    text = (
        "La Corée du Nord a nié tout envoi de troupes en Russie. "
        "Son vice-ministre des Affaires étrangères, Kim Jong Gyu, a démenti lundi ces informations "
        "sans ambiguïté."
    )
    events = events_of(text, "fr")
    official = next(e for e in events if "Kim Jong Gyu" in e.sentence.text)
    assert "KP" in countries(official)


def test_names_after_a_time_counted_from_another_happening_belong_to_it():
    text = (
        "Moscou s'est félicité lundi de cette annonce, deux jours après que Vladimir Poutine eut salué "
        "les soldats."
    )
    [event] = events_of(text, "fr")
    assert "person:vladimir-putin" not in keys(event)
    assert countries(event) == {"RU"}


def test_a_person_tied_to_no_country_goes_on_for_the_actor_before():
    text = (
        "China's foreign ministry said on Tuesday it was not aware of the situation. "
        "Spokesman Lin Jian urged all parties to work for a de-escalation."
    )
    ministry, spokesman = events_of(text, "en")
    assert (
        spokesman.date_start == ministry.date_start == datetime.date(2025, 4, 22)
    )  # the Tuesday before publication


def test_two_actors_joined_as_one_subject_leave_the_main_actor_open():
    text = (
        "Ukraine and Russia exchanged 300 prisoners of war on Sunday.\n"
        "Russia's defence ministry said 150 Russian servicemen had been released."
    )
    swap, release = events_of(text, "en", published=datetime.date(2025, 4, 28))
    assert swap.subject == ""
    assert release.happening == swap.happening  # one side's account of the same exchange
    assert release.date_start == swap.date_start == datetime.date(2025, 4, 27)


def test_a_headline_before_the_lead_does_not_hide_the_news_day():
    text = (
        "Prisoner swap brokered by the Emirates\n"
        "Ukraine and Russia exchanged 300 prisoners of war on Sunday.\n"
        "Volodymyr Zelensky thanked the United Arab Emirates for their help."
    )
    *_, thanks = events_of(text, "en", published=datetime.date(2025, 4, 28))
    assert thanks.date_start == datetime.date(2025, 4, 27)


def test_what_dates_from_the_start_of_the_war_is_background():
    text = "Here is the news. The Emirates have mediated ten exchanges since the start of the war in 2022."
    assert events_of(text, "en") == []


def test_the_head_of_an_international_body_acts_for_it():
    text = (
        "L'AIEA a visité mardi la centrale de Koursk. "
        "Le directeur général de l'AIEA, Rafael Grossi, a visité mardi la salle des machines."
    )
    first, second = events_of(text, "fr", published=datetime.date(2024, 9, 6))
    assert second.subject == first.subject == "org:iaea"
    assert second.happening == first.happening


def test_what_the_same_speaker_adds_is_part_of_the_statement():
    text = (
        "Volodymyr Zelensky said on Tuesday that the battles opened a new page. "
        "He urged allies to respond with real pressure on Moscow."
    )
    statement, addition = events_of(text, "en", published=datetime.date(2025, 4, 30))
    assert addition.happening == statement.happening


def test_a_count_with_no_action_is_a_statistic():
    text = (
        "Here is the news. Ukrainian intelligence has said around 11,000 North Korean soldiers are in Kursk."
    )
    assert events_of(text, "en") == []
    [deployment] = events_of(
        "The Pentagon said on Monday that about 10,000 soldiers had been sent to Russia.", "en"
    )
    assert deployment.action == "deploy"


def test_a_phrase_holding_an_event_word_names_no_event():
    [attack] = events_of(
        "Des drones ukrainiens ont visé la centrale de Koursk à plusieurs reprises en août 2024.", "fr"
    )
    assert attack.action == "attack"


def test_a_parallel_reaction_takes_the_day_of_the_one_before():
    text = (
        "MOSCOU, 14 mars (Agence) - Le Kremlin a annoncé jeudi la reprise de Soudja.\n"
        "Vendredi, Dmitri Peskov a salué le courage des soldats russes. "
        "De son côté, la députée ukrainienne Maryna Bezouhla a accusé l'état-major de cacher la vérité."
    )
    *_, thanks, accusation = events_of(text, "fr", published=datetime.date(2025, 3, 14))
    assert accusation.date_start == thanks.date_start == datetime.date(2025, 3, 14)
    assert accusation.happening != thanks.happening


def test_a_title_is_no_preposition():
    # "Foreign" starts like "for": the spokesman is no complement, he acts.
    text = "Here is the news. Foreign ministry spokesman Heorhiy Tykhy condemned the deployment."
    [event] = events_of(text, "en")
    assert event.subject == "person:heorhiy-tykhy"


def test_a_spokesman_tied_to_no_country_speaks_for_the_statement_before():
    text = (
        "Ukraine's foreign ministry said on Monday that the admission showed Moscow could not be trusted, "
        "and called for tougher sanctions.\n"
        "Foreign ministry spokesman Heorhiy Tykhy said the confirmation was very telling."
    )
    statement, spokesman = events_of(text, "en")
    assert spokesman.happening == statement.happening
    assert spokesman.date_start == statement.date_start == MONDAY


def test_a_later_meeting_of_the_same_day_is_its_own_happening():
    text = (
        "Volodymyr Zelensky met Joe Biden at the White House on Thursday. "
        "Zelensky later met Kamala Harris separately."
    )
    first, second = events_of(text, "en", published=datetime.date(2024, 9, 27))
    assert second.date_start == first.date_start == datetime.date(2024, 9, 26)
    assert second.happening != first.happening


def test_when_the_denial_is_the_happening_its_speakers_are_its_actors():
    text = (
        "North Korea on Monday dismissed reports that it had sent troops to Russia as groundless rumours. "
        "Deputy Foreign Minister Kim Jong Gyu said any such deployment would be lawful."
    )
    denial, minister = events_of(text, "en")
    assert denial.action == "deny"
    assert minister.happening == denial.happening
    assert any(m.text == "Kim Jong Gyu" for m in minister.mentions)


def test_who_denies_someone_elses_claim_brings_a_country_not_a_person():
    text = (
        "North Korea has sent 1,500 soldiers to Russia, South Korea's spy agency said on Friday. "
        "The Kremlin dismissed the report. "
        "Kremlin spokesman Dmitry Peskov told reporters that it was fake news."
    )
    claim, *answers = events_of(text, "en", published=datetime.date(2024, 10, 18))
    assert all(answer.happening == claim.happening for answer in answers)
    assert not any(m.key == "person:dmitry-peskov" for answer in answers for m in answer.mentions)
    assert any(m.key == "country:RU" for answer in answers for m in answer.mentions)


def test_a_scene_setting_phrase_does_not_make_the_actor_a_complement():
    text = (
        "Voici les nouvelles. À Bruxelles, le ministre allemand de la Défense, Boris Pistorius, a déploré "
        "les concessions faites à Moscou."
    )
    [event] = events_of(text, "fr")
    assert event.action == "condemn" and "DE" in countries(event)


def test_what_has_already_happened_is_background():
    text = "Here is the news. Governor Alexei Smirnov said 3,000 people had already been evacuated."
    assert events_of(text, "en") == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russian troops entered Sudzha about three weeks ago, the governor said.", "en"),
        ("Les troupes russes sont entrées à Soudja il y a environ trois semaines, dit le gouverneur.", "fr"),
    ],
)  # fmt: skip
def test_an_event_dated_by_an_estimate_is_approximate(text, lang):
    [event] = events_of(text, lang)
    assert event.approximate


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Russian troops entered Sudzha on April 7, the governor said.", "en"),
        ("Les troupes russes sont entrées dans Soudja le 7 avril, selon le gouverneur.", "fr"),
    ],
)  # fmt: skip
def test_an_event_dated_exactly_is_not_approximate(text, lang):
    [event] = events_of(text, lang)
    assert not event.approximate
