"""What the job trackers people leave call things: their column names and their status words.

The names come from the CSV exports of the popular trackers and from the
spreadsheet templates people copy (Huntr's stage column is `List`, Teal's role
is `Job Position` and it keeps an `Excitement` of one to five stars, LinkedIn's
own export says `Company Name` and `Job Url`, Notion and Google Sheets
templates say `Position`, `Stage`, `Link`); tests/data/README.md says where
each fixture's format comes from. Everything is compared after `words()`, so
"Date_Applied " and "date applied" are the same name.

A file is never refused for a word this table does not know: an unknown
status is imported as an open application with the word kept in its notes,
and an unknown column is kept in the notes, "Column: value".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from followup.domain.fields import tag_list
from followup.domain.model import ApplicationStatus

# What a column can be read as, in the order the import preview offers them.
FIELDS: dict[str, str] = {
    "company": "Company",
    "role": "Role",
    "status": "Status",
    "applied_on": "Date applied",
    "job_url": "Posting link",
    "location": "Location",
    "salary": "Salary",
    "excitement": "Excitement (1 to 5)",
    "tags": "Tags",
    "description": "Job description",
    "notes": "Notes",
    "contact": "Contact",
    "recruiter": "Recruiter",
    "source": "Source",
    "interview_on": "Interview date",
}
KEEP = "keep"  # the column goes into the notes, "Column: value"
IGNORE = "ignore"  # the column is left out: only ever the user's own choice
CHOICES: dict[str, str] = {**FIELDS, KEEP: "Keep in notes", IGNORE: "Leave out"}
NEEDED = ("company", "role")
# Fields that several columns may fill: their cells are joined (Teal's Min and Max Salary).
SEVERAL = frozenset({"salary", "tags", "notes", "description"})

# Our field -> the column names trackers and templates use for it, compared after `words()`.
COLUMNS: dict[str, tuple[str, ...]] = {
    "company": (
        "company", "employer", "organisation", "organization", "company name", "business", "firm",
        "employer name", "organisation name", "organization name",
    ),
    "role": (
        "role", "position", "job title", "title", "job", "job role", "job position", "job name",
        "position title", "role title", "job title position", "opening",
    ),
    "status": (
        "status", "stage", "list", "application status", "state", "pipeline", "pipeline stage",
        "job status", "current status", "progress",
    ),
    "applied_on": (
        "applied", "date applied", "applied on", "application date", "date", "applied date",
        "date of application", "applied at", "submitted", "submitted on", "date submitted",
    ),
    "job_url": (
        "link", "url", "job link", "posting", "job url", "job posting", "posting url", "job posting url",
        "posting link", "listing", "listing url", "job listing", "application link", "apply link",
        "job page", "job ad", "ad link",
    ),
    "location": ("location", "city", "job location", "work location", "office", "office location", "place"),
    "salary": (
        "salary", "pay", "compensation", "salary range", "min salary", "max salary", "salary min",
        "salary max", "minimum salary", "maximum salary", "pay range", "base salary", "rate", "wage",
        "expected salary", "comp",
    ),
    "excitement": ("excitement", "priority", "interest", "rating", "stars", "excitement level", "interest level"),
    "tags": ("tags", "tag", "labels", "label", "categories", "category", "keywords"),
    "description": ("description", "job description", "jd", "job details", "details", "posting text"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
    "contact": (
        "contact", "contact person", "contact name", "hiring manager", "point of contact", "contact email",
        "contacts",
    ),
    "recruiter": ("recruiter", "recruiter name", "recruiter contact"),
    "source": ("source", "found via", "found on", "where found", "channel", "job board", "platform", "via"),
    "interview_on": (
        "interview date", "interview", "next interview", "interview on", "interview at", "interview time",
        "interview date and time", "next interview date",
    ),
}  # fmt: skip
_FIELD_OF = {name: field for field, names in COLUMNS.items() for name in names}


@dataclass(frozen=True, slots=True)
class StatusWord:
    """What a tracker's status word means here."""

    status: ApplicationStatus
    # At an interview stage: the board shows an interview only when the file dates one.
    interviewing: bool = False
    # The word says more than our status does ("Negotiating" is an offer): kept in the notes.
    keep_word: bool = True


_W = ApplicationStatus
# Each status's words; the first ones (up to the "|") say nothing our status does not.
_STATUS_WORDS: dict[ApplicationStatus, tuple[str, ...]] = {
    _W.WISHLIST: (
        "wishlist", "wish list", "saved", "bookmarked", "|", "to apply", "interested", "planned", "applying",
        "not started", "not applied", "draft", "considering", "researching", "want to apply", "preparing",
        "prospect", "later",
    ),
    _W.ACTIVE: (
        "applied", "active", "submitted", "application sent", "sent", "|", "in progress", "open", "pending",
        "waiting", "under review", "in review", "awaiting response", "follow up", "followed up",
    ),
    _W.OFFER: ("offer", "offered", "offer received", "|", "negotiating", "negotiation", "accepted",
               "offer accepted", "hired", "verbal offer"),
    _W.REJECTED: (
        "rejected", "rejection", "not selected", "|", "no offer", "unsuccessful", "turned down",
        "not moving forward", "denied", "refused",
    ),
    _W.WITHDRAWN: (
        "withdrawn", "withdrew", "i withdrew", "|", "declined", "offer declined", "declined offer",
        "not interested", "no longer interested", "retracted",
    ),
    _W.CLOSED_NO_RESPONSE: (
        "closed no response", "closed without response", "ghosted", "no response", "no reply", "no answer",
        "|", "closed", "expired", "position closed", "posting closed", "job closed", "archived",
        "no longer available",
    ),
}  # fmt: skip
# Interview stages: open, and the board shows an interview only when the file dates one.
INTERVIEW_WORDS = (
    "interview", "interviewing", "interviews", "interview scheduled", "interviewed", "phone screen",
    "phone screening", "phone interview", "screening", "screen", "recruiter screen", "recruiter call",
    "hr interview", "video interview", "first interview", "second interview", "final interview",
    "assessment", "take home", "coding challenge", "case study", "technical interview", "technical",
    "onsite", "on site", "final round",
)  # fmt: skip


def _status_table() -> dict[str, StatusWord]:
    table: dict[str, StatusWord] = {}
    for status, listed in _STATUS_WORDS.items():
        cut = listed.index("|")
        for n, word in enumerate(w for w in listed if w != "|"):
            table[word] = StatusWord(status, keep_word=n >= cut)
    for word in INTERVIEW_WORDS:
        table[word] = StatusWord(ApplicationStatus.ACTIVE, interviewing=True)
    return table


STATUS_OF_WORD = _status_table()
RECRUITER_SOURCES = frozenset({"recruiter", "agency", "recruitment agency", "headhunter", "staffing agency"})

# Which tracker wrote a file, from names only its export has; used to word the notes
# ("Stage in Huntr: Interview") and the preview.
TRACKERS: tuple[tuple[str, tuple[frozenset[str], ...]], ...] = (
    ("Huntr", (frozenset({"list", "company"}), frozenset({"list", "title"}))),
    ("Teal", (frozenset({"job position", "excitement"}), frozenset({"job position", "date saved"}))),
    (
        "LinkedIn",
        (
            frozenset({"company name", "job url", "application date"}),
            frozenset({"company name", "job url", "saved date"}),
        ),
    ),
)


def words(text: str) -> str:
    """'Date_Applied ' -> 'date applied': how column names and status words are compared."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).replace("_", " ").split())


def field_of_column(name: str) -> str | None:
    return _FIELD_OF.get(words(name))


def status_word(text: str) -> StatusWord | None:
    """What a status cell means (open when blank), or None for a word no tracker here uses."""
    folded = words(text)
    if not folded:
        return StatusWord(ApplicationStatus.ACTIVE, keep_word=False)
    return STATUS_OF_WORD.get(folded)


def tracker_of(header: list[str]) -> str | None:
    names = {words(h) for h in header}
    return next((name for name, signs in TRACKERS if any(sign <= names for sign in signs)), None)


# A column saying when a job was saved: in a file with no status and no date applied
# (LinkedIn's Saved Jobs.csv), every row is a job saved for later.
SAVED_DATES = frozenset({"saved date", "date saved", "saved on", "saved at", "saved"})


def saved_list(header: list[str]) -> bool:
    return any(words(name) in SAVED_DATES for name in header)


def is_recruiter_source(text: str) -> bool:
    return words(text) in RECRUITER_SOURCES


_STARS = ("★", "⭐", "*")
_OUT_OF = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:/\s*5|of 5|out of 5|stars?)?", re.IGNORECASE)
_LEVELS = {
    "very high": 5, "highest": 5, "high": 4, "medium": 3, "normal": 3, "mid": 3, "low": 2, "very low": 1, "lowest": 1,
}  # fmt: skip


def excitement_of(text: str) -> int | None:
    """1 to 5 from "4", "4/5", "4 stars", "★★★★☆" or "high"; None for anything else."""
    text = text.strip()
    if not text:
        return None
    stars = sum(text.count(star) for star in _STARS)
    if stars and not re.sub(r"[★⭐*☆\s]", "", text):
        return stars if 1 <= stars <= 5 else None
    level = _LEVELS.get(words(text))
    if level is not None:
        return level
    number = _OUT_OF.fullmatch(text)
    if number is None:
        return None
    value = float(number.group(1).replace(",", "."))
    return int(value) if value.is_integer() and 1 <= value <= 5 else None


def tags_of(*cells: str) -> tuple[str, ...]:
    """The tags in some cells, which trackers separate with commas, semicolons, bars or line breaks;
    the rules are the tag field's (`tag_list`), whose FieldError says what is wrong."""
    return tag_list([re.sub(r"[;|\n]", ",", cell) for cell in cells])
