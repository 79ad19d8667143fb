"""Event types read from a clause's predicate, in French and English, and when two of them can report one
happening."""

import pytest

from timeline.pipeline.actions import REPORTING, action_types, category_of, compatible, predicate


@pytest.mark.parametrize(
    ("text", "lang", "action", "carried"),
    [
        ("Russian forces retook Sudzha on Thursday.", "en", "retake", ""),
        ("Les forces russes ont repris Soudja jeudi.", "fr", "retake", ""),
        ("Russia said it had recaptured the town.", "en", "retake", ""),  # "said" is transparent
        ("Selon Moscou, l'armée a libéré la ville.", "fr", "retake", ""),
        ("The Kremlin announced that the region had been liberated.", "en", "announce", "retake"),
        ("Le Kremlin a annoncé que la région avait été libérée.", "fr", "announce", "retake"),
        ("North Korea confirmed it had deployed troops.", "en", "confirm", "deploy"),
        ("La Corée du Nord a démenti tout envoi de troupes.", "fr", "deny", "deploy"),
        ("Putin thanked Kim Jong Un.", "en", "thank", ""),
        ("Vladimir Poutine a remercié Kim Jong-un.", "fr", "thank", ""),
        ("Zelensky met Trump in Rome.", "en", "meet", ""),
        ("Les troupes ukrainiennes ont pris le contrôle de la ville.", "fr", "capture", ""),
        ("The weather was fine.", "en", "", ""),
    ],
)
def test_the_first_event_word_of_a_clause_is_its_action(text, lang, action, carried):
    found = predicate(text, lang)
    assert (found.action, found.carried) == (action, carried)


def test_every_word_found_is_kept_with_its_span_for_later_steps():
    text = "Kyiv said Russia attacked the town."
    words = predicate(text, "en").words
    assert [(w.type, text[w.start : w.end]) for w in words] == [(REPORTING, "said"), ("attack", "attacked")]
    assert predicate(text, "en").reported


def test_the_main_actor_stands_before_the_first_predicate_word():
    text = "Kyiv said Russia attacked the town."
    assert predicate(text, "en").head == text.index("said")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (("retake", ""), ("retake", ""), True),
        (("announce", "retake"), ("retake", ""), True),  # "announced the recapture" / "retook"
        (("capture", ""), ("retake", ""), True),  # one family: Kyiv's "liberation" is a capture
        (("thank", ""), ("announce", ""), False),
        (("condemn", ""), ("deploy", ""), False),
        (("", ""), ("attack", ""), True),  # an unknown action may be anything
    ],
)
def test_compatible_actions(a, b, expected):
    assert compatible(*a, *b) is expected
    assert compatible(*b, *a) is expected


def test_a_carried_action_gives_the_category():
    assert category_of(predicate("Moscow announced it had retaken Sudzha.", "en")) == "military"
    assert category_of(predicate("Putin thanked North Korea.", "en")) == "diplomatic"
    assert category_of(predicate("Nothing here.", "en")) is None


def test_every_language_names_only_known_action_types():
    for lang in ("en", "fr"):
        predicate("x", lang)  # loading checks the types
    assert {"attack", "capture", "retake", "visit", "meet", "sign", "thank", "confirm", "deny", "condemn",
            "warn", "announce", "deploy"} <= set(action_types())  # fmt: skip


def test_a_language_without_data_is_refused_clearly():
    with pytest.raises(LookupError, match="xx"):
        predicate("text", "xx")


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("La ministre s'est entretenue vendredi avec Sergueï Lavrov.", "meet"),
        ("Les deux ministres se sont entretenus à Moscou.", "meet"),
        ("Deux civiles ont été tuées.", "kill"),
        ("Le président a présenté son plan.", "announce"),
    ],
)
def test_french_participles_agree_with_their_subject(text, action):
    assert predicate(text, "fr").action == action
