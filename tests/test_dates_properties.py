"""Properties of the promised-date reader (docs/dates.md), in English, German, French and Spanish.

Never a day before the message's own day, whatever the text, the moment, the zone or the
holidays; a range is its later end; an explicit date beats a weekday beside it; business days
are counted exactly; words around a phrase change nothing; a deadline set for the candidate is
no promise; and the same input gives the same answer.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from followup.domain.calendar import BusinessCalendar
from followup.reading.when import read_promise

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")

# The employer's voice in each language: a cue that news is coming, before the day.
PROMISE = {
    "en": "We will get back to you {}.",
    "de": "Wir melden uns {}.",
    "fr": "Nous reviendrons vers vous {}.",
    "es": "Te contestaremos {}.",
}
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
}
MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}
LANGUAGES = ("en", "de", "fr", "es")

# Moments people write at: any zone, any time of day, a century either side of today.
moments = st.datetimes(min_value=datetime(1950, 1, 1), max_value=datetime(2150, 12, 31), timezones=st.timezones())
offsets = st.frozensets(st.integers(min_value=-3, max_value=120), max_size=15)


def calendar_with(zone: ZoneInfo, around: date, holiday_offsets: frozenset[int]) -> BusinessCalendar:
    """The user's calendar with public holidays on the given days around `around`."""
    return BusinessCalendar(zone, frozenset(around + timedelta(days=k) for k in holiday_offsets))


def day_read(text: str, written: datetime | date, calendar: BusinessCalendar, **kwargs: object) -> date | None:
    found = read_promise(text, written, calendar, **kwargs)  # type: ignore[arg-type]
    return found.day if found is not None else None


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


# -- never before the message's day ---------------------------------------------------------------

PHRASES = [
    "by Friday",
    "tomorrow",
    "next Tuesday",
    "by the 3rd",
    "by 1/2",
    "end of the month",
    "EOW",
    "in a day or two",
    "within 5–7 business days",
    "before Christmas",
    "after the holidays",
    "early in Q1",
    "the week of March 8",
    "by 31 December",
    "bis Ende übernächster Woche",
    "bis Freitag",
    "am 2.1.",
    "d'ici la fin du mois de mars",
    "avant vendredi",
    "le 1er",
    "antes del jueves 14",
    "el 31 de diciembre",
    "la semana que viene",
]
TEMPLATES = [*PROMISE.values(), "{}", "they said {}", "I'm back {}"]
texts = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda before, template, phrase, after: before + template.format(phrase) + after,
        st.text(max_size=15),
        st.sampled_from(TEMPLATES),
        st.sampled_from(PHRASES),
        st.text(max_size=15),
    ),
)


@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=texts,
    written=moments,
    holiday_offsets=offsets,
    country=st.sampled_from([None, "US", "DE", "FR", "ES", "MX", "GB", "CA"]),
    from_user=st.booleans(),
)
def test_never_a_day_before_the_message_was_written(
    text: str, written: datetime, holiday_offsets: frozenset[int], country: str | None, from_user: bool
) -> None:
    local = written.date()  # the writer's own day, in their zone
    calendar = calendar_with(BERLIN, local, holiday_offsets)
    found = read_promise(text, written, calendar, country=country, from_user=from_user)
    if found is not None:
        assert found.day >= local
        assert found.phrase
        assert found.phrase in text


@settings(deadline=None, max_examples=100)
@given(written=moments, phrase=st.sampled_from(PHRASES), language=st.sampled_from(LANGUAGES))
def test_a_promise_is_never_before_its_day_in_any_zone(written: datetime, phrase: str, language: str) -> None:
    found = read_promise(PROMISE[language].format(phrase), written, BusinessCalendar(BERLIN))
    if found is not None:
        assert found.day >= written.date()


TOMORROW = {
    "en": "We'll confirm tomorrow.",
    "de": "Wir melden uns morgen.",
    "fr": "Nous vous répondrons demain.",
    "es": "Mañana te escribo con la decisión.",
}
IN_DAYS = {
    "en": "We'll get back to you in {} days.",
    "de": "Wir melden uns in {} Tagen.",
    "fr": "Nous reviendrons vers vous dans {} jours.",
    "es": "Te contestaremos en {} días.",
}


@settings(deadline=None, max_examples=100)
@given(language=st.sampled_from(LANGUAGES), written=moments, n=st.integers(min_value=1, max_value=60))
def test_relative_days_count_from_the_writers_own_day_in_any_zone(language: str, written: datetime, n: int) -> None:
    # "We'll confirm tomorrow" written at 23:40 in New York is the next day there, whatever the
    # user's zone (Berlin here) says.
    calendar = BusinessCalendar(BERLIN)
    assert day_read(TOMORROW[language], written, calendar) == written.date() + timedelta(days=1)
    assert day_read(IN_DAYS[language].format(n), written, calendar) == written.date() + timedelta(days=n)


# -- the same promise in each language -----------------------------------------------------------------

SAME_PROMISE = [
    (
        "We'll get back to you by the end of next week.",
        "Wir melden uns bis Ende nächster Woche.",
        "Nous reviendrons vers vous d'ici la fin de la semaine prochaine.",
        "Te contestaremos a finales de la próxima semana.",
    ),
    (
        "We'll get back to you next week.",
        "Wir melden uns nächste Woche.",
        "Nous reviendrons vers vous la semaine prochaine.",
        "Te contestaremos la semana que viene.",
    ),
    (
        "We'll get back to you early next week.",
        "Wir melden uns Anfang nächster Woche.",
        "Nous reviendrons vers vous en début de semaine prochaine.",
        "Te contestaremos a principios de la próxima semana.",
    ),
    (
        "We'll get back to you next Tuesday.",
        "Wir melden uns nächsten Dienstag.",
        "Nous reviendrons vers vous mardi prochain.",
        "Te contestaremos el próximo martes.",
    ),
    (
        "We'll get back to you the day after tomorrow.",
        "Wir melden uns übermorgen.",
        "Nous reviendrons vers vous après-demain.",
        "Te contestaremos pasado mañana.",
    ),
    (
        "We'll get back to you in two weeks.",
        "Wir melden uns in zwei Wochen.",
        "Nous reviendrons vers vous dans deux semaines.",
        "Te contestaremos en dos semanas.",
    ),
    (
        "We'll get back to you by the end of next month.",
        "Wir melden uns bis Ende nächsten Monats.",
        "Nous reviendrons vers vous d'ici la fin du mois prochain.",
        "Te contestaremos a finales del mes que viene.",
    ),
    (
        "We'll get back to you in mid-January.",
        "Wir melden uns Mitte Januar.",
        "Nous reviendrons vers vous mi-janvier.",
        "Te contestaremos a mediados de enero.",
    ),
    (
        "We'll get back to you after the holidays.",
        "Wir melden uns nach den Feiertagen.",
        "Nous reviendrons vers vous après les fêtes.",
        "Te contestaremos después de las fiestas.",
    ),
    (
        "We'll get back to you in the second week of January.",
        "Wir melden uns in der zweiten Januarwoche.",
        "Nous reviendrons vers vous la deuxième semaine de janvier.",
        "Te contestaremos la segunda semana de enero.",
    ),
    pytest.param(
        "We'll get back to you by the end of the week.",
        "Wir melden uns bis Ende der Woche.",
        "Nous reviendrons vers vous d'ici la fin de la semaine.",
        "Te contestaremos antes del fin de semana.",
    ),
    pytest.param(
        "We'll get back to you in a day or two.",
        "Wir melden uns in ein, zwei Tagen.",
        "Nous reviendrons vers vous d'ici un jour ou deux.",
        "Te contestaremos en un día o dos.",
    ),
    pytest.param(
        "We'll get back to you before Christmas.",
        "Wir melden uns vor Weihnachten.",
        "Nous reviendrons vers vous avant Noël.",
        "Te contestaremos antes de Navidad.",
    ),
]
GERMANY = BusinessCalendar(BERLIN, holidays.country_holidays("DE"))


@pytest.mark.parametrize(("english", "german", "french", "spanish"), SAME_PROMISE)
@pytest.mark.parametrize("written", ["2026-11-17T10:00", "2026-12-12T10:00", "2027-03-05T18:00"])
def test_the_same_promise_gives_the_same_day_in_each_language(
    english: str, german: str, french: str, spanish: str, written: str
) -> None:
    moment = datetime.fromisoformat(written).replace(tzinfo=BERLIN)
    days = {text: day_read(text, moment, GERMANY, country="DE") for text in (english, german, french, spanish)}
    assert days[english] is not None
    assert days == dict.fromkeys(days, days[english])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "après-demain" is the day after tomorrow, not tomorrow.
        ("Nous reviendrons vers vous après-demain.", date(2026, 11, 19)),
        ("Nous reviendrons vers vous après demain.", date(2026, 11, 19)),
        ("Nous reviendrons vers vous demain.", date(2026, 11, 18)),
        # "d'ici la fin de la semaine prochaine" is next week's end, not this week's.
        ("Nous reviendrons vers vous d'ici la fin de la semaine prochaine.", date(2026, 11, 27)),
        ("Nous reviendrons vers vous d'ici la fin de la semaine.", date(2026, 11, 20)),
    ],
)
def test_french_days_and_weeks_ahead(text: str, expected: date) -> None:
    written = datetime(2026, 11, 17, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))  # Tuesday 17 November
    assert day_read(text, written, BusinessCalendar(ZoneInfo("Europe/Paris")), country="FR") == expected


# -- a range is its later end ------------------------------------------------------------------------

BUSINESS_DAYS = {
    "en": ("within {a}{sep}{b} business days", "within {b} business days", ["-", "–", " to "]),
    "de": ("innerhalb von {a}{sep}{b} Werktagen", "innerhalb von {b} Werktagen", ["-", "–", " bis "]),
    "fr": ("sous {a}{sep}{b} jours ouvrés", "sous {b} jours ouvrés", ["-", "–", " à "]),
    "es": ("en {a}{sep}{b} días hábiles", "en {b} días hábiles", ["-", "–", " a "]),
}
WEEKDAY_PAIRS = {
    "en": ("on {a} or {b}", "on {b}"),
    "de": ("am {a} oder {b}", "am {b}"),
    "fr": ("{a} ou {b}", "{b}"),
    "es": ("el {a} o el {b}", "el {b}"),
}
DAYS_OF_MONTH = {
    "en": ("between the {a} and the {b}", "on the {b}"),
    "de": ("zwischen dem {a}. und dem {b}.", "am {b}."),
    "fr": ("entre le {a} et le {b}", "le {b}"),
    "es": ("entre el {a} y el {b}", "el {b}"),
}
weekdays_written = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2040, 12, 31), timezones=st.just(BERLIN)
)


@settings(deadline=None, max_examples=100)
@given(
    language=st.sampled_from(LANGUAGES),
    a=st.integers(min_value=1, max_value=29),
    more=st.integers(min_value=1, max_value=20),
    sep_index=st.integers(min_value=0, max_value=2),
    written=weekdays_written,
    holiday_offsets=offsets,
)
def test_a_range_of_business_days_is_its_later_end(
    language: str, a: int, more: int, sep_index: int, written: datetime, holiday_offsets: frozenset[int]
) -> None:
    ranged, single, separators = BUSINESS_DAYS[language]
    b = a + more
    calendar = calendar_with(BERLIN, written.date(), holiday_offsets)
    both = day_read(PROMISE[language].format(ranged.format(a=a, b=b, sep=separators[sep_index])), written, calendar)
    later = day_read(PROMISE[language].format(single.format(b=b)), written, calendar)
    assert later is not None
    assert both == later


@settings(deadline=None, max_examples=100)
@given(
    language=st.sampled_from(LANGUAGES),
    first=st.integers(min_value=0, max_value=5),
    second=st.integers(min_value=1, max_value=6),
    written=weekdays_written,
)
def test_one_weekday_or_another_is_the_later_one(language: str, first: int, second: int, written: datetime) -> None:
    assume(first < second)
    # Written outside the two days, both lie in the same coming stretch and the second is later.
    assume(not first <= written.weekday() <= second)
    names = WEEKDAYS[language]
    ranged, single = WEEKDAY_PAIRS[language]
    calendar = BusinessCalendar(BERLIN)
    both = day_read(PROMISE[language].format(ranged.format(a=names[first], b=names[second])), written, calendar)
    later = day_read(PROMISE[language].format(single.format(b=names[second])), written, calendar)
    assert later is not None
    assert later.weekday() == second
    assert both == later


DAY_OF_MONTH_LANGUAGES = [
    "en",
    "de",
    "fr",
    "es",
]


@pytest.mark.parametrize("language", DAY_OF_MONTH_LANGUAGES)
@settings(deadline=None, max_examples=60)
@given(
    a=st.integers(min_value=2, max_value=27),
    more=st.integers(min_value=1, max_value=10),
    written=st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31)),
)
def test_between_one_day_of_the_month_and_another_is_the_later_day(
    language: str, a: int, more: int, written: date
) -> None:
    b = min(a + more, 28)
    assume(a < b)
    assume(written.day < a)  # both days still to come this month
    ranged, single = DAYS_OF_MONTH[language]
    show = ordinal if language == "en" else str
    calendar = BusinessCalendar(BERLIN)
    both = day_read(PROMISE[language].format(ranged.format(a=show(a), b=show(b))), written, calendar)
    later = day_read(PROMISE[language].format(single.format(b=show(b))), written, calendar)
    assert later == written.replace(day=b)
    assert both == later


@pytest.mark.parametrize(
    "text",
    [
        "We will get back to you between 14 and 18 March.",
        "We will get back to you 14-18 March.",
        "We will get back to you between March 14 and 18.",
        "We will get back to you March 14-18.",
        "We will get back to you between the 14th and the 18th.",
        "We will get back to you on Wednesday, no later than Thursday the 18th.",
        "Wir melden uns vom 14. bis 18. März.",
        "Wir melden uns zwischen dem 14. und dem 18.",
        "Wir melden uns zwischen dem 14. und 18.",
        "Nous reviendrons vers vous du 14 au 18 mars.",
        "Nous reviendrons vers vous entre le 14 et le 18.",
        "Te contestaremos del 14 al 18 de marzo.",
        "Te contestaremos entre el 14 y el 18.",
    ],
)
def test_a_range_of_days_is_its_later_end(text: str) -> None:
    written = datetime(2027, 3, 8, 10, 0, tzinfo=BERLIN)  # Monday 8 March 2027
    assert day_read(text, written, BusinessCalendar(BERLIN), country="DE") == date(2027, 3, 18)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A day of the month at the end of a Spanish sentence is still a day ("el 18.").
        ("Te contestaremos el 18.", date(2027, 3, 18)),
        ("Te contestaremos antes del 18.", date(2027, 3, 18)),
        ("Te contestaremos entre el 14 y el 18.", date(2027, 3, 18)),
        ("Te contestaremos el 18.03.", date(2027, 3, 18)),
        ("Te llamaremos mañana a las 18:00.", date(2027, 3, 9)),
    ],
)
def test_a_spanish_day_of_the_month_ends_a_sentence(text: str, expected: date) -> None:
    written = datetime(2027, 3, 8, 10, 0, tzinfo=ZoneInfo("Europe/Madrid"))
    assert day_read(text, written, BusinessCalendar(ZoneInfo("Europe/Madrid")), country="ES") == expected


# -- a weekday beside an explicit date -----------------------------------------------------------------


def weekday_and_date(language: str, weekday: int, day: date) -> str:
    name = WEEKDAYS[language][weekday]
    if language == "en":
        return f"{name} {day.month}/{day.day}"
    if language == "de":
        return f"am {name}, {day.day:02}.{day.month:02}."
    if language == "fr":
        return f"{name} {day.day} {MONTHS['fr'][day.month - 1]}"
    return f"el {name} {day.day} de {MONTHS['es'][day.month - 1]}"


@settings(deadline=None, max_examples=200)
@given(
    language=st.sampled_from(LANGUAGES),
    written=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2040, 12, 31)),
    ahead=st.integers(min_value=1, max_value=300),
    shift=st.integers(min_value=0, max_value=6),
)
def test_an_explicit_date_wins_over_a_weekday_beside_it(
    language: str, written: datetime, ahead: int, shift: int
) -> None:
    # The US writes month/day ("Thursday 3/18"); the others write the day first.
    zone, country = (NEW_YORK, "US") if language == "en" else (BERLIN, "DE")
    moment = written.replace(tzinfo=zone)
    day = moment.date() + timedelta(days=ahead)
    weekday = (day.weekday() + shift) % 7  # shift 0: they agree
    text = PROMISE[language].format(weekday_and_date(language, weekday, day))
    assert day_read(text, moment, BusinessCalendar(zone), country=country) == day, text


@pytest.mark.parametrize(
    ("text", "country", "zone", "expected"),
    [
        ("We will get back to you Thursday 3/18.", "US", NEW_YORK, date(2027, 3, 18)),
        ("We will get back to you Friday 3/18.", "US", NEW_YORK, date(2027, 3, 18)),
        ("Wir melden uns am Donnerstag, 18.03.", "DE", BERLIN, date(2027, 3, 18)),
        ("Wir melden uns am Freitag, 18.03.", "DE", BERLIN, date(2027, 3, 18)),
        ("Nous reviendrons vers vous jeudi 18 mars.", "FR", ZoneInfo("Europe/Paris"), date(2027, 3, 18)),
        ("Nous reviendrons vers vous vendredi 18 mars.", "FR", ZoneInfo("Europe/Paris"), date(2027, 3, 18)),
        ("Te contestaremos el jueves 18 de marzo.", "ES", ZoneInfo("Europe/Madrid"), date(2027, 3, 18)),
        ("Te contestaremos el viernes 18 de marzo.", "ES", ZoneInfo("Europe/Madrid"), date(2027, 3, 18)),
    ],
)
def test_the_issues_weekday_and_date_examples(text: str, country: str, zone: ZoneInfo, expected: date) -> None:
    written = datetime(2027, 3, 8, 10, 0, tzinfo=zone)  # a Monday; 18 March 2027 is a Thursday
    assert day_read(text, written, BusinessCalendar(zone), country=country) == expected


# -- business days are counted exactly ----------------------------------------------------------------


@settings(deadline=None, max_examples=150)
@given(
    language=st.sampled_from(LANGUAGES),
    n=st.integers(min_value=1, max_value=30),
    written=st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31), timezones=st.timezones()),
    holiday_offsets=st.frozensets(st.integers(min_value=0, max_value=60), max_size=12),
)
def test_business_days_are_counted_exactly_around_any_holidays(
    language: str, n: int, written: datetime, holiday_offsets: frozenset[int]
) -> None:
    local = written.date()
    calendar = calendar_with(BERLIN, local, holiday_offsets)
    single = BUSINESS_DAYS[language][1]
    day = day_read(PROMISE[language].format(single.format(b=n)), written, calendar)
    assert day is not None
    assert calendar.is_business_day(day)
    span = (local + timedelta(days=k) for k in range(1, (day - local).days + 1))
    assert sum(calendar.is_business_day(d) for d in span) == n


# -- unrelated words change nothing ----------------------------------------------------------------

SAID = [
    ("en", "We will get back to you by Friday."),
    ("en", "You'll hear from us within 5–7 business days."),
    ("en", "We'll decide by the end of next week."),
    ("en", "Expect our decision by 3/18."),
    ("de", "Wir melden uns bis Ende nächster Woche."),
    ("de", "Sie hören bis zum 18. März von uns."),
    ("de", "Wir geben Ihnen innerhalb von 5 Werktagen Bescheid."),
    ("fr", "Nous reviendrons vers vous d'ici vendredi."),
    ("fr", "Vous aurez une réponse d'ici la fin du mois."),
    ("fr", "Nous vous répondrons avant le 18 mars."),
    ("es", "Te contestaremos antes del viernes."),
    ("es", "Te escribiremos la semana que viene."),
    ("es", "Tendrás una respuesta antes del 18 de marzo."),
]
UNRELATED = {
    "en": ["Thanks again for your time.", "Best regards,", "It was great to meet you.", "Cheers"],
    "de": ["Vielen Dank für das Gespräch.", "Viele Grüße", "Es hat uns gefreut, Sie kennenzulernen."],
    "fr": ["Merci encore pour votre temps.", "Cordialement,", "Ce fut un plaisir de vous rencontrer."],
    "es": ["Gracias de nuevo por tu tiempo.", "Saludos,", "Fue un placer conocerte."],
}


@settings(deadline=None, max_examples=150)
@given(
    said=st.sampled_from(SAID),
    data=st.data(),
    written=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2040, 12, 31), timezones=st.just(BERLIN)),
    separator=st.sampled_from([" ", "\n", "\n\n"]),
)
def test_unrelated_sentences_around_a_promise_change_nothing(
    said: tuple[str, str], data: st.DataObject, written: datetime, separator: str
) -> None:
    language, sentence = said
    words = st.lists(st.sampled_from(UNRELATED[language]), max_size=3)
    before, after = data.draw(words), data.draw(words)
    calendar = BusinessCalendar(BERLIN)
    alone = day_read(sentence, written, calendar, country="DE")
    around = separator.join([*before, sentence, *after])
    assert day_read(around, written, calendar, country="DE") == alone


# -- a deadline for the candidate is no promise ------------------------------------------------------

DEADLINES = {
    "en": ("Please send {} by {}.", ["your references", "the signed form", "your portfolio"]),
    "de": ("Bitte schicken Sie uns {} bis {}.", ["Ihre Referenzen", "das unterschriebene Formular"]),
    "fr": ("Merci de nous envoyer {} avant {}.", ["vos références", "le formulaire signé"]),
    "es": ("Por favor, envíanos {} antes del {}.", ["tus referencias", "el formulario firmado"]),
}
DEADLINE_DAYS = {
    "en": ["Friday", "tomorrow", "the 18th", "3/18", "next Tuesday", "the end of the week", "18 March", "EOD"],
    "de": ["Freitag", "morgen", "zum 18. März", "Ende der Woche", "nächsten Dienstag", "18.03."],
    "fr": ["vendredi", "demain", "le 18 mars", "la fin de la semaine", "mardi prochain"],
    "es": ["viernes", "18 de marzo", "fin de semana", "martes que viene"],
}


@settings(deadline=None, max_examples=150)
@given(
    language=st.sampled_from(LANGUAGES),
    data=st.data(),
    written=st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2040, 12, 31), timezones=st.just(BERLIN)),
    from_user=st.booleans(),
)
def test_a_deadline_for_the_candidate_never_yields_a_day(
    language: str, data: st.DataObject, written: datetime, from_user: bool
) -> None:
    template, things = DEADLINES[language]
    text = template.format(data.draw(st.sampled_from(things)), data.draw(st.sampled_from(DEADLINE_DAYS[language])))
    assert day_read(text, written, BusinessCalendar(BERLIN), country="DE", from_user=from_user) is None, text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Could you send us your references by Friday?", None),
        ("Please confirm your attendance by Friday.", None),
        ("Bitte bestätigen Sie den Termin bis Freitag.", None),
        ("Pourriez-vous nous envoyer vos références d'ici jeudi ?", None),
        ("Confírmanos tu disponibilidad antes del viernes.", None),
        ("Let us know your availability by Thursday.", None),
        ("Können Sie uns Ihre Unterlagen bis Donnerstag schicken?", None),
        ("¿Podrías enviarnos tus referencias antes del jueves?", None),
        # A deadline for the candidate, then the employer's own promise: the promise's day.
        ("Please send your references by Friday; we'll decide by the 18th.", date(2027, 3, 18)),
        ("Envíanos tus referencias antes del viernes; decidiremos antes del 18 de marzo.", date(2027, 3, 18)),
        ("Bitte senden Sie uns Ihre Referenzen bis Freitag, wir entscheiden bis zum 18. März.", date(2027, 3, 18)),
        ("Merci d'envoyer vos références avant vendredi ; nous déciderons d'ici le 18 mars.", date(2027, 3, 18)),
    ],
)
def test_a_deadline_for_the_candidate_beside_a_promise(text: str, expected: date | None) -> None:
    written = datetime(2027, 3, 8, 10, 0, tzinfo=BERLIN)  # Monday 8 March 2027
    assert day_read(text, written, BusinessCalendar(BERLIN), country="DE") == expected


# -- the same input, the same answer ------------------------------------------------------------------


@settings(deadline=None, max_examples=100)
@given(text=texts, written=moments, holiday_offsets=offsets, from_user=st.booleans())
def test_reading_is_deterministic(
    text: str, written: datetime, holiday_offsets: frozenset[int], from_user: bool
) -> None:
    calendar = calendar_with(BERLIN, written.date(), holiday_offsets)
    first = read_promise(text, written, calendar, from_user=from_user)
    assert read_promise(text, written, calendar, from_user=from_user) == first
    # A fresh calendar with the same holidays reads it the same way too.
    assert (
        read_promise(text, written, calendar_with(BERLIN, written.date(), holiday_offsets), from_user=from_user)
        == first
    )
