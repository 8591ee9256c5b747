"""The words and choices of an application's page: how stored values read, and what each form offers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from followup.domain.labels import EXCITEMENT_WORDS, excitement_stars

STATUS_WORDS = {"overdue": "Late", "due": "Due", "upcoming": "Coming up"}
STATUS_OPTIONS = [
    ("wishlist", "Wishlist (not applied yet)"),
    ("active", "Open"),
    ("offer", "Offer"),
    ("rejected", "Rejected"),
    ("withdrawn", "Withdrawn"),
    ("closed_no_response", "Closed without response"),
]
STYLE_OPTIONS = [
    ("unknown", "Not sure"),
    ("traditional", "Traditional, formal (a mailed letter suits them)"),
    ("modern", "Modern, informal"),
]
SOURCE_OPTIONS = [("direct", "Directly, with the employer"), ("recruiter", "Through a recruiter or agency")]
ROLE_OPTIONS = [
    ("interviewer", "Interviewer"),
    ("hiring_manager", "Hiring manager"),
    ("recruiter", "Recruiter"),
    ("reference", "Reference (someone vouching for you)"),
]
PREFERRED_OPTIONS = [
    ("unknown", "Not known yet"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("letter", "Letter"),
]
CHANNEL_OPTIONS = [
    ("email", "Email"),
    ("phone", "Phone call"),
    ("voicemail", "Voicemail"),
    ("letter", "Letter"),
    ("in_person", "In person"),
    ("fax", "Fax"),
    ("other", "Other"),
]
KIND_OPTIONS = [
    ("", "Work it out (a reply when they contacted you)"),
    ("thank_you", "Thank-you"),
    ("status_check", "Status check"),
    ("follow_up_call", "Follow-up call"),
    ("recruiter_debrief", "Debrief with the recruiter"),
    ("reference_heads_up", "Heads-up to a reference"),
    ("thank_recruiter", "Thanks to the recruiter"),
    ("response", "Answer to their question"),
    ("application", "The application itself"),
    ("reply", "Their reply"),
    ("other", "Something else"),
]
REPLY_OUTCOME_OPTIONS = [
    ("rejection", "They turned me down"),
    ("next_round", "They invited me to another interview"),
    ("offer", "They made me an offer"),
    ("info_request", "They asked for something"),
    ("still_deciding", "They are still deciding"),
    ("auto_reply", "Automatic reply"),
    ("other", "Something else"),
]
CALL_OUTCOME_OPTIONS = [
    ("reached", "I reached them"),
    ("voicemail", "I left a voicemail"),
    ("no_answer", "Nobody answered"),
    ("evasive", "They would not give a clear answer"),
]
INTERVIEW_KIND_OPTIONS = [
    ("other", "Not noted"),
    ("phone", "Phone"),
    ("video", "Video"),
    ("onsite", "On site"),
    ("panel", "Panel"),
    ("technical", "Technical"),
]
WORDS: dict[str, Mapping[Any, str]] = {
    "kind": {value: text for value, text in KIND_OPTIONS if value} | {"other": "Message"},
    "channel": {
        "email": "by email",
        "phone": "by phone",
        "voicemail": "by voicemail",
        "letter": "by letter",
        "in_person": "in person",
        "fax": "by fax",
        "other": "",
    },
    "outcome": dict(REPLY_OUTCOME_OPTIONS) | dict(CALL_OUTCOME_OPTIONS),
    "role": dict(ROLE_OPTIONS) | {"reference": "Reference"},
    "preferred": {"email": "Email", "phone": "Phone", "letter": "Letter", "unknown": "Not known yet"},
    "interview_kind": dict(INTERVIEW_KIND_OPTIONS) | {"other": ""},
    "style": {"unknown": "", "traditional": "Traditional style", "modern": "Modern style"},
    "excitement": EXCITEMENT_WORDS,
}
# Presets for "Log a call or message": the fields a quick choice fills in.
PRESETS = {
    "called": {"direction": "sent", "channel": "phone", "kind": "follow_up_call"},
    "emailed": {"direction": "sent", "channel": "email"},
    "replied": {"direction": "received", "channel": "email"},
    "they_called": {"direction": "received", "channel": "phone"},
}
APP_FIELDS = [
    "company",
    "role",
    "job_url",
    "applied_on",
    "source",
    "company_style",
    "status",
    "notes",
    "location",
    "salary",
    "excitement",
    "description",
]
# How much the user wants the job, most first; the stars say it at a glance.
EXCITEMENT_OPTIONS = [("", "Not said")] + [
    (str(level), f"{excitement_stars(level)} {words}") for level, words in reversed(EXCITEMENT_WORDS.items())
]
CONTACT_FIELDS = [
    "name",
    "role",
    "title",
    "email",
    "phone",
    "postal_address",
    "preferred_channel",
    "organisation",
    "notes",
    "honorific",
    "salutation",
    "language",
]
FACT_FIELDS = [
    "starts_at",
    "kind",
    "next_steps",
    "timeline_text",
    "decision_date",
    "main_points",
    "forgot_to_mention",
    "to_clarify",
]
TOUCHPOINT_FIELDS = [
    "direction",
    "channel",
    "occurred_at",
    "contact_id",
    "kind",
    "outcome",
    "promised_date",
    "subject",
    "message_id",
    "notes",
]
