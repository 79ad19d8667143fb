"""Temporal tagger for French and English news: finds time expressions and resolves them.

``tag(text, lang, dct)`` returns :class:`Timex` objects: span, TIMEX3 type (DATE, TIME,
DURATION, SET) and value, optional ``mod``, and for what denotes a stretch of calendar the
inclusive ``period_start``/``period_end`` with a :class:`Precision` and whether the text
says it is ``approximate``. Pure Python, no Django.

Conventions
-----------
Spans
    The determiner or preposition that is part of the expression is included ("le 26 avril
    2025", "l'été 2024", "la semaine dernière", "the third quarter", "il y a trois jours",
    "ces dernières semaines"); a preposition that only introduces it is not ("en 2024" gives
    "2024", "au cours de l'été 2024" gives "l'été 2024", "on Friday" gives "Friday"). Spans never
    overlap: when rules compete, the longest match wins. Ranges give one expression per end
    ("du 8 au 10 mai" = "8" and "10 mai").
Relative expressions
    Deictic ones ("hier", "last week", "three days ago") are resolved against the publication
    date (DCT) and flagged ``from_dct``. Anaphoric ones hang on the *focus*, the story's own
    time: the last date resolved at each precision. "la veille", "le lendemain", "the next
    day", "two days later", "the following week", "la semaine suivante", "plus tôt dans la
    semaine", "earlier in the week", "the end of the month" take the focus of their passage
    (paragraph), else the DCT; "cette semaine-là", "that month", "the same month", "cette
    année-là", "that year", "the following year" take the last one told anywhere; clock
    times take the story's day (a clock time immediately followed by a day, "vers 15 h 30,
    hier", takes that day). "the quarter" and "a year ago" hang on a quarter named shortly
    before (financial news). A coarser date that contains the focus keeps it ("June 10, 1940
    ... in June"). A look-back ("il y a une semaine", "a week ago") in a passage whose focus
    is a day the text told ("Le 3 mars, ...", not "hier") counts from that day. "la veille",
    "that same day" with only a month told in the passage are that month ("last October ...
    that same day" = 1998-10), not a day of the DCT's. "weeks
    later"/"des semaines plus tard" are FUTURE_REF, "days earlier" PAST_REF ("a few days
    later" stays the duration "a few days", as TimeBank has it); "dans quelques jours", "in
    a few days" (in a future clause) are FUTURE_REF.
News and narrative documents
    Decided per document, from its expressions resolved as news: a *narrative* (a history)
    has at least three written dates more than two years from the DCT, four times as many as
    the dates near it (written, or deictic words naming its own "now"), or is a chronicle (at
    least twelve written dates and under one deictic word per ten). In a narrative, months,
    days, seasons and relative units named without a year follow the focus (a month up to six
    months after it, else before: "December 7, 1941 ... In January" = 1942-01), "two years
    ago" counts from it, and deictic words, look-backs ("two years earlier", "the previous
    year"), dates in a future clause (plans) and anaphoric expressions that found no story
    time do not move it. In news they follow the DCT as below.
Tense
    The clause around an expression is "future" when the future marker of the language file
    nearest to it ("sera", "-ra", "doit", "devrait", the conditional "-rait" except
    "aurait", "prévu", "will", "would", "is expected to", "is due to", "scheduled") is at
    least as close as any past marker; otherwise no tense is assumed: past markers alone
    decide nothing ("extended to Nov. 20" is ahead; measured on TimeBank). It sends weekdays,
    months, days, holidays and seasons named alone ahead of the DCT.
Weekdays
    A weekday named alone is the latest one on or before the DCT ("lundi" in an article of
    Monday 28 April 2025 = 2025-04-28, "samedi" = 2025-04-26), unless its clause is future
    ("se réunira jeudi", "will meet Thursday": the next one on or after the DCT) or it says
    "prochain/next" (strictly after); "dernier/last" = strictly before; "ce lundi" = the nearest
    Monday; "ce même lundi" = the Monday just mentioned. "jeudi 3", "Thursday the 3rd" = the
    3rd of the DCT's month or a month beside it that is a Thursday, nearest the DCT (none:
    no date). "du lundi au vendredi" is no date.
Months, days and holidays without a year
    The latest on or before the DCT, or the coming one when at most four months ahead; a future
    clause reaches eleven months ahead; "dernier/prochain", "last/next" force the direction. A
    weekday given with the date ("lundi 6 septembre") picks the year where it fits. French
    month names are lower case: a capitalised one inside a sentence without a day ("Jean Mai")
    is a name; English month and weekday names must be capitalised ("may", "march" are verbs).
Seasons
    Meteorological: spring = March-May, summer = June-August, autumn = September-November,
    winter YYYY-WI = December YYYY to end of February YYYY+1. "l'été 2024" = 2024-SU =
    2024-06-01..2024-08-31. "l'été"/"the summer" alone: the latest begun by the DCT (the next in
    a future clause; English "by summer", "in spring" likewise); "en été" alone is generic
    (XXXX-SU, no period).
Parts of periods
    "début/early" (START), "mi-/mid" (MID), "fin/late" (END): the value is the whole period
    ("fin avril 2025" = 2025-04, mod END) and the period is its first/middle/last third: in days
    for a month (2025-04-21..2025-04-30), in whole months for longer periods ("début 2024" =
    2024-01-01..2024-04-30); a single day is left whole ("late Monday").
Durations
    "trois jours" = P3D, no period; fractions use the next smaller unit ("2 1/2 years" =
    P2Y6M, "une demi-heure" = PT30M). "in two weeks" is a date only in a future clause ("will
    meet in two weeks"), else a duration ("the first attack in 20 years"). Durations anchored
    at the DCT get a period ending (or starting) there: "les trois derniers mois" P3M, "the next
    two weeks" P2W; vague ones reach 7 days, 4 weeks, 3 months or 3 years ("ces dernières
    semaines"/"in recent weeks" = PXW = DCT - 4 weeks..DCT), precision ``approximate``.
    Ages ("45 ans", "two-year") are durations, as in TimeBank; "6-year-old" is not tagged.
Vague references
    PRESENT_REF ("désormais", "now") = the DCT's day, precision ``day``. PAST_REF words of
    recency ("récemment", "recently") = the 30 days up to the DCT, FUTURE_REF words of
    imminence ("bientôt") = the 30 days after it, both ``approximate``; other PAST_REF /
    FUTURE_REF ("autrefois", "l'avenir", "le futur", "les prochaines échéances", "the
    future") have no period.
Approximate and open periods
    "il y a près de trois ans", "about three years ago", "nearly ten days ago" keep the value
    (2022, mod APPROX) and get an estimate around the computed day (half a unit either side,
    or a tenth of the distance when wider), precision ``approximate``. ``Timex.approximate``
    is true for every expression the text marks as approximate (mod APPROX or precision
    ``approximate``). A past date right after a "since" word of the language ("depuis
    samedi", "since March", "à partir du 3 mars") has a period running to the DCT (in news:
    in a history it would run to a story time the text does not give).
Eras
    "480 BC", "52 av. J.-C." = BC0480, BC0052 (no calendar period); they are story time too
    ("In 480 BC ... In September" = BC0480-09).
Quarters (financial news)
    "the third quarter" is the DCT's year's once that quarter has begun, else last year's;
    "the latest quarter" is the last one over at the DCT; "the quarter" and "a year ago"/"a year
    earlier" follow a quarter named just before them (else the last one over / the year).
Values
    TIMEX3 / ISO 8601: 2025-04-28, 2025-W17, 2025-W17-WE, 2025-04, 2024-SU, 2025-Q1, 2025-H1,
    2025, 199 (the 1990s), 19 (1900-1999), BC0480, 2025-04-27TMO, 2025-04-22T21:45, midnight = T24;
    durations P3D, PT1H, P6M, PXW; sets P1W, XXXX-WXX-4; PRESENT_REF, PAST_REF, FUTURE_REF.

Language knowledge lives in ``data/<lang>.yaml`` (word tables and rule patterns); see
``lexicon.py``. Unknown languages give no expressions; no input makes ``tag`` raise.
"""

from timeline.temporal.tagger import tag
from timeline.temporal.types import Precision, Timex, TimexType

__all__ = ["Precision", "Timex", "TimexType", "tag"]
