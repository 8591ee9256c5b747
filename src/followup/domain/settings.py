"""The user's settings as plain values. Reading and writing the file is the shell's job."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import time


@dataclass(frozen=True)
class Timings:
    """The playbook's default timings table; every number is the user's to change."""

    prepare_days_before: int = 2
    recruiter_debrief_hours: int = 3
    thank_you_email_hours: int = 24
    thank_you_letter_business_days: int = 2
    capture_details_days: int = 1
    reference_heads_up_business_days: int = 1
    status_check_min_business_days: int = 3
    status_check_default_days: int = 7
    status_check_time: time = time(9, 0)
    status_check_grace_business_days: int = 2
    follow_up_call_after_business_days: int = 3
    follow_up_call_min_days: int = 7
    follow_up_call_time: time = time(10, 0)
    follow_up_call_grace_business_days: int = 3
    move_on_after_business_days: int = 5
    thank_recruiter_business_days: int = 2
    respond_business_days: int = 1
    keep_searching_idle_days: int = 7
    interview_minutes: int = 60


TIMING_HELP = {
    "prepare_days_before": "days before an interview to start preparing",
    "recruiter_debrief_hours": "hours after an interview to call the recruiter",
    "thank_you_email_hours": "hours after an interview to send a thank-you email",
    "thank_you_letter_business_days": "business days after an interview to mail a thank-you letter",
    "capture_details_days": "days after an interview to fill in missing details",
    "reference_heads_up_business_days": "business days to tell references they may be called",
    "status_check_min_business_days": "never check on status sooner than this many business days",
    "status_check_default_days": "days after an interview to check on status when no date was given",
    "status_check_time": "time of day a status check is suggested",
    "status_check_grace_business_days": "business days before a status check is late",
    "follow_up_call_after_business_days": "business days after an unanswered status check to call",
    "follow_up_call_min_days": "days after an interview before a follow-up call",
    "follow_up_call_time": "time of day a follow-up call is suggested",
    "follow_up_call_grace_business_days": "business days before a follow-up call is late",
    "move_on_after_business_days": "business days after an unanswered call to move on",
    "thank_recruiter_business_days": "business days to thank the recruiter after the process ends",
    "respond_business_days": "business days to answer a reply that asks for something",
    "keep_searching_idle_days": "days without a new application before a nudge to apply",
    "interview_minutes": "length of an interview when none is given",
}


@dataclass(frozen=True)
class Profile:
    """Who the user is, for signatures and letters (drafting fills these in)."""

    name: str = ""
    email: str = ""
    phone: str = ""
    postal_address: str = ""
    signature: str = ""


@dataclass(frozen=True)
class Drafting:
    """Limits and choices for drafts."""

    thank_you_words: int = 250
    letter_words: int = 350
    status_check_words: int = 150
    voicemail_words: int = 80
    other_words: int = 250
    paper: str = "A4"
    templates_dir: str = ""


DRAFTING_HELP = {
    "thank_you_words": "longest thank-you email, in words, before a draft is flagged",
    "letter_words": "longest thank-you letter, in words",
    "status_check_words": "longest status-check email, in words",
    "voicemail_words": "longest voicemail script, in words",
    "other_words": "longest other message, in words",
    "paper": "paper size for letters: A4 or letter",
    "templates_dir": "folder with your own templates (default: templates/ beside the settings file)",
}


@dataclass(frozen=True)
class Settings:
    timezone: str = "UTC"
    country: str = "US"
    subdivision: str | None = None
    active_applications_wanted: int = 3
    timings: Timings = field(default_factory=Timings)
    profile: Profile = field(default_factory=Profile)
    drafting: Drafting = field(default_factory=Drafting)

    def engine_fingerprint(self) -> str:
        """Changes whenever a setting that moves due dates changes."""
        parts = [
            self.timezone,
            self.country,
            self.subdivision or "",
            str(self.active_applications_wanted),
        ]
        parts += [f"{f.name}={getattr(self.timings, f.name)}" for f in fields(self.timings)]
        return "|".join(parts)
