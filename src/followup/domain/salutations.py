"""How a draft greets a person: the salutation line, from their name, the title the user entered,
the form the user chose for them (or the company's style) and their language.

Titles and gendered forms come only from what the user entered, never from a guess at a name:
"Sehr geehrte Frau Weiß," needs the title "Frau" (or "Ms", "Mme", "Sra.", which say the same);
with no title, or a title that says nothing of gender ("Dr"), the greeting is the language's
neutral one ("Guten Tag Dr. Weiß,"). "Title and surname" without a title entered greets by
the full name: a surname alone ("Dear Weiß,") is rude in every one of these languages.

English keeps the title as the user wrote it ("Dr", "Prof.", or even "Frau"); the other
languages write it their way ("Dr." in German, "Sra." in Spanish), since the user entered
the person's title, not its spelling in another language.
"""

from __future__ import annotations

from followup.domain.model import CompanyStyle, Language, Salutation

# The titles that say whether to write "Frau" or "Herr", "Madame" or "Monsieur", "Estimada" or
# "Estimado", by the key of the title as entered (case and full stops ignored).
FEMALE = frozenset({"ms", "mrs", "miss", "frau", "mme", "madame", "mlle", "mademoiselle", "sra", "señora", "srta"})
MALE = frozenset({"mr", "herr", "m", "monsieur", "sr", "señor"})
# "Dra." is a doctor's title in Spanish that also says she is a woman.
_FEMALE_DOCTOR = "dra"
# Words that open a name rather than belong to it ("Dr. Ann Lee" is greeted as Ann and Lee).
HONORIFICS = frozenset(
    {"dr", "dra", "mr", "mrs", "ms", "mx", "miss", "prof", "sir", "dame", "herr", "frau", "mme", "mlle", "sra", "sr"}
)
# Words that belong to the surname that follows them: "van der Berg", "Ní Bhriain", "de la Cruz".
_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "des", "le", "la", "ten", "ter", "zu"}
    | {"dos", "das", "ní", "nic", "ó", "ua", "mac", "bin", "al", "el"}
)
# How each language writes the academic titles in a greeting ("Dr" entered, "Dr." in German).
_ACADEMIC = {
    Language.DE: {"dr": "Dr.", "dra": "Dr.", "prof": "Prof."},
    Language.FR: {"dr": "Dr", "dra": "Dr", "prof": "Pr"},
    Language.ES: {"dr": "Dr.", "dra": "Dra.", "prof": "Prof."},
}

# Every word the greetings write besides the person's name and title: the words of a German, French
# or Spanish salutation are the app's own, and an English spelling check has no business with them.
WORDS = frozenset(
    {"Dear", "Sehr", "geehrte", "geehrter", "Frau", "Herr", "Guten", "Tag", "Hallo", "Dr", "Prof"}
    | {"Madame", "Monsieur", "Bonjour", "Pr", "Estimada", "Estimado", "Sra", "Sr", "Srta", "Dra", "Hola"}
    | {"Buenos", "días"}
)


def _key(word: str) -> str:
    return word.casefold().strip(".")


def _words(name: str) -> list[str]:
    """The name's words in their natural order ("Lee, Ann" is Ann Lee), without a leading title."""
    name = " ".join(name.split())
    if "," in name:
        last, _, first = name.partition(",")
        name = f"{first.strip()} {last.strip()}".strip()
    words = name.split()
    while len(words) > 1 and _key(words[0]) in HONORIFICS:
        words = words[1:]
    return words


def first_name(name: str) -> str:
    """'Zoë O'Brien' → 'Zoë'; 'Dr. Ann Lee' → 'Ann'; 'Lee, Ann' → 'Ann'."""
    words = _words(name)
    return words[0] if words else ""


def surname(name: str) -> str:
    """'Zoë Müller-O'Brien' → 'Müller-O'Brien'; 'Jan van der Berg' → 'van der Berg'; 'Lee, Ann' → 'Lee'.

    The last word and the particles before it; a name of one word is its own surname. A surname
    of two words without a particle ("García Lorca") cannot be told from a middle name: the user
    chooses the full name for them.
    """
    words = _words(name)
    if not words:
        return ""
    start = len(words) - 1
    while start > 1 and _key(words[start - 1]) in _PARTICLES:
        start -= 1
    return " ".join(words[start:])


def full_name(name: str) -> str:
    """The name in its natural order, on one line: 'Lee, Ann' → 'Ann Lee'."""
    name = " ".join(name.split())
    if "," in name:
        last, _, first = name.partition(",")
        return f"{first.strip()} {last.strip()}".strip()
    return name


def form(setting: Salutation, style: CompanyStyle, honorific: str | None, unsaid: Salutation) -> Salutation:
    """The form a draft uses: the user's setting; for "default", the company's style (traditional:
    title and surname; modern: first name), or `unsaid` (the draft's own habit) when the style is
    unknown (itself "default" when the caller decides later). Title and surname without a title
    entered is the full name."""
    chosen = setting
    if chosen is Salutation.DEFAULT:
        chosen = {CompanyStyle.TRADITIONAL: Salutation.TITLE, CompanyStyle.MODERN: Salutation.FIRST_NAME}.get(
            style, unsaid
        )
    if chosen is Salutation.TITLE and not (honorific or "").strip():
        return Salutation.FULL_NAME
    return chosen


def gender(honorific: str | None) -> str | None:
    """'f' or 'm' when the title the user entered says so ("Frau Dr.", "Mme", "Sr."), else None."""
    keys = {_key(word) for word in (honorific or "").split()}
    if keys & FEMALE or _FEMALE_DOCTOR in keys:
        return "f"
    if keys & MALE:
        return "m"
    return None


def _other_titles(honorific: str, language: Language) -> str:
    """The entered title without its gendered word, as `language` writes it: 'Frau Dr' → 'Dr.' in German."""
    spelled = _ACADEMIC.get(language, {})
    kept = [spelled.get(_key(word), word) for word in honorific.split() if _key(word) not in FEMALE | MALE]
    return " ".join(kept)


def greeting(
    name: str,
    honorific: str | None,
    chosen: Salutation,
    language: Language | None,
    *,
    hello: str = "Dear",
) -> str:
    """The salutation line, punctuation included: 'Dear Dr Weiß,', 'Sehr geehrte Frau Dr. Weiß,',
    'Hola Zoë:'. `chosen` is a form already resolved by `form`; `hello` is the English greeting word
    of the draft ("Dear", "Hi", "Hello"), used when no other language is set and the form is not
    the title's."""
    honorific = " ".join((honorific or "").split())
    if chosen is Salutation.DEFAULT or (chosen is Salutation.TITLE and not honorific):
        chosen = Salutation.FULL_NAME
    first, last, full = first_name(name), surname(name), full_name(name)
    sex = gender(honorific)
    if language is None or language is Language.EN:
        if chosen is Salutation.TITLE:
            return f"Dear {honorific} {last},"  # a title is formal: never "Hi Dr Weiß,"
        return f"{hello} {first if chosen is Salutation.FIRST_NAME else full},"
    if chosen is Salutation.FIRST_NAME:
        return {Language.DE: f"Hallo {first},", Language.FR: f"Bonjour {first},", Language.ES: f"Hola {first}:"}[
            language
        ]
    if chosen is Salutation.TITLE:
        return _titled(last, honorific, sex, language)
    return {Language.DE: f"Guten Tag {full},", Language.FR: f"Bonjour {full},", Language.ES: f"Buenos días, {full}:"}[
        language
    ]


def _line(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def _titled(last: str, honorific: str, sex: str | None, language: Language) -> str:
    rest = _other_titles(honorific, language)
    if language is Language.DE:
        if sex is not None:
            return _line("Sehr geehrte Frau" if sex == "f" else "Sehr geehrter Herr", rest, f"{last},")
        return _line("Guten Tag", rest, f"{last},")
    if language is Language.FR:
        # French greets formally without the name: "Madame," and "Monsieur," are the whole line.
        if sex is not None:
            return "Madame," if sex == "f" else "Monsieur,"
        return _line("Bonjour", rest, f"{last},")
    # Spanish: an academic title takes the place of Sra./Sr. ("Estimada Dra. Weiß:").
    if sex is not None:
        dear = "Estimada" if sex == "f" else "Estimado"
        if rest:
            doctor = _ACADEMIC[Language.ES].get(_key(rest.split()[0]))
            if doctor == "Dr." and sex == "f":
                rest = "Dra." + rest[len(rest.split()[0]) :]
            return _line(dear, rest, f"{last}:")
        plain = "Srta." if "srta" in {_key(w) for w in honorific.split()} else ("Sra." if sex == "f" else "Sr.")
        return f"{dear} {plain} {last}:"
    return _line("Buenos días,", rest, f"{last}:")


def previews(name: str, honorific: str | None, language: Language | None) -> dict[Salutation, str]:
    """What each setting greets this person with, for the contact form's choices: 'Dear Zoë,'."""
    return {
        chosen: greeting(name, honorific, chosen, language)
        for chosen in (Salutation.FIRST_NAME, Salutation.TITLE, Salutation.FULL_NAME)
    }
