"""Each check on its own: at least one draft it must flag and one it must leave alone, with exact
ids and, for a few, exact positions."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from followup.drafting.checks import check, check_draft
from followup.drafting.model import CheckContext, DraftKind, Finding, Person, Severity

ME = Person("Maria Kowalski", email="maria.kowalski@example.com", phone="+49 151 2345 6789")
ACME = CheckContext(
    recipient="Ann Lee",
    company="ACME Corp",
    role="Data Analyst",
    interview_date=date(2026, 11, 18),
    known_names=("ACME Corp", "Ann Lee", "Bob Stone", "Jürgen Müller", "Zoë O'Brien"),
    sender=ME,
)
SIGNATURE = "\n\nBest regards,\nMaria Kowalski\n+49 151 2345 6789\nmaria.kowalski@example.com\n"


def ids(text: str, context: CheckContext = ACME) -> list[str]:
    return [f.id for f in check(text, context)]


def only(text: str, check_id: str, context: CheckContext = ACME) -> list[Finding]:
    return [f for f in check(text, context) if f.id == check_id]


def covered(text: str, finding: Finding) -> str:
    return text[finding.start : finding.end]


# unfilled-placeholder


@pytest.mark.parametrize(
    "placeholder",
    [
        "{{ first_name }}", "{% if company %}", "{name}", "$company", "${role}", "%s", "%(name)s", "[Name]",
        "[Company]", "[your phone number]", "<Job Title>", "(Hiring Manager)", "(company name)", "(insert date)",
        "XXX", "TBD", "___", "INSERT", "<<Role>>",
    ],
)  # fmt: skip
def test_a_placeholder_left_in_is_an_error_at_its_exact_place(placeholder):
    text = f"Dear Ann,\n\nThank you for the interview for {placeholder} last week."
    found = only(text, "unfilled-placeholder")
    assert len(found) == 1
    assert covered(text, found[0]) == placeholder
    assert found[0].severity is Severity.ERROR
    assert (found[0].line, found[0].column) == (3, 33)


def test_brackets_that_are_not_placeholders_pass():
    text = (
        "Ann Lee <ann.lee@acme.example> sent the deck (see attached) as promised [1]. The notes are at "
        "<https://acme.example/notes>, see [the agenda](https://acme.example/a). Prices rose 50% since 2020 and "
        "cost $100 more; he said it was, [sic], 'fine'. My 3 xx-small shirts."
    )
    assert only(text, "unfilled-placeholder") == []


# name-misspelt, company-misspelt


@pytest.mark.parametrize(
    ("written", "check_id", "severity"),
    [
        ("Ann Lea", "name-misspelt", Severity.ERROR),
        ("Jurgen", "name-misspelt", Severity.ERROR),
        ("Jürgen Mueller", "name-misspelt", Severity.ERROR),
        ("Zoe O'Brien", "name-misspelt", Severity.ERROR),
        ("Zoë OBrien", "name-misspelt", Severity.ERROR),
        ("ann lee", "name-misspelt", Severity.WARNING),
        ("Acme Inc", "company-misspelt", Severity.ERROR),
        ("ACME Inc", "company-misspelt", Severity.ERROR),
        ("Acne Corp", "company-misspelt", Severity.ERROR),
        ("acme corp", "company-misspelt", Severity.WARNING),
    ],
)
def test_a_stored_name_written_differently_is_reported_with_the_stored_spelling(written, check_id, severity):
    text = f"It was good to talk to {written} about the dashboards."
    found = [f for f in check(text, ACME) if f.id in ("name-misspelt", "company-misspelt")]
    assert [(f.id, f.severity, covered(text, f)) for f in found] == [(check_id, severity, written)]
    assert found[0].column == 24


def test_jon_for_john_is_caught_in_the_greeting_and_in_a_sentence():
    context = replace(ACME, recipient="John Smith", known_names=("John Smith", "ACME Corp"))
    text = "Hi Jon,\n\nThank you. I enjoyed meeting Jon and the team."
    found = only(text, "name-misspelt", context)
    assert [(f.start, f.end, f.line, f.column) for f in found] == [(3, 6, 1, 4), (38, 41, 3, 30)]
    assert "John" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "Dear Ann,\n\nThank you. Ann Lee, Bob Stone, Jürgen Müller and Zoë O’Brien made ACME Corp feel welcoming.",
        "Ann's team at ACME Corporation impressed me; Zoë's and Bob Stone's questions were sharp.",
        "Let me know. Data matters. The Stone Age. Store the files. Bob and Ann. Anna from HR said hi.",
        "I enjoyed ACME. Leo and Annette joined the call. See you, and thanks.",
        "Best regards,\nMaria Kowalski",  # the sender's own name
        "Mariah and Kowalsky wrote the deck.",  # close to the sender's own name: never reported
    ],
)
def test_correct_names_and_ordinary_capitalised_words_pass(text):
    assert [f for f in check(text, ACME) if f.id in ("name-misspelt", "company-misspelt")] == []


def test_personal_words_and_role_words_are_never_taken_for_misspelt_names():
    context = replace(ACME, personal_words=frozenset({"Anne"}), role="Jurgen Analyst")
    assert only("Anne and Jurgen were there.", "name-misspelt", context) == []


def test_a_sentence_opening_capital_on_a_particle_is_english_not_a_misspelling():
    context = replace(ACME, known_names=("Pieter van der Berg",))
    assert only("Van der Berg was there.", "name-misspelt", context) == []
    inside = "I met Pieter Van der Berg."
    found = only(inside, "name-misspelt", context)
    assert [(covered(inside, f), f.severity) for f in found] == [("Pieter Van der Berg", Severity.WARNING)]


# wrong-salutation


@pytest.mark.parametrize(
    "greeting",
    ["Dear Ann,", "Dear Ms. Lee,", "Dear Ms Lee,", "Dear Dr. Ann Lee,", "Hi Ann!", "Hello Ann and Bob,", "Hallo Ann,"],
)
def test_greeting_the_recipient_by_first_last_or_full_name_passes(greeting):
    assert only(f"{greeting}\n\nThank you for your time.", "wrong-salutation") == []


def test_greeting_someone_else_is_an_error_on_the_greeting():
    text = "Subject line\n\nDear Mr. Smith,\n\nThank you for your time."
    found = only(text, "wrong-salutation")
    assert [(covered(text, f), f.severity, f.line, f.column) for f in found] == [
        ("Dear Mr. Smith", Severity.ERROR, 3, 1)
    ]
    assert "Ann Lee" in found[0].message


def test_greeting_another_stored_person_names_them():
    found = only("Dear Bob,\n\nThank you.", "wrong-salutation")
    assert len(found) == 1
    assert "not Bob Stone" in found[0].message


def test_a_generic_greeting_is_fine_without_a_recipient_and_a_warning_with_one():
    text = "Dear Hiring Team,\n\nThank you for your time."
    assert only(text, "wrong-salutation", replace(ACME, recipient=None, kind=DraftKind.THANK_YOU_EMAIL)) == []
    found = only(text, "wrong-salutation", replace(ACME, kind=DraftKind.THANK_YOU_EMAIL))
    assert [f.severity for f in found] == [Severity.WARNING]


def test_a_misspelt_recipient_in_the_greeting_is_a_spelling_problem_not_the_wrong_person():
    assert ids("Dear Anne Lea,\n\nThank you.") == ["name-misspelt"]


# missing-thanks, missing-role, missing-interview-date, missing-call-to-action

STATUS = replace(
    ACME,
    kind=DraftKind.STATUS_CHECK_EMAIL,
    now=datetime(2026, 11, 30, 10, tzinfo=UTC),
    earliest_status_check=datetime(2026, 11, 23, 9, tzinfo=UTC),
)
GOOD_STATUS = (
    "Dear Ann,\n\nThank you again for meeting me on 18 November about the Data Analyst role. I am still keen on it. "
    "Could you let me know if there is an update on the timeline?" + SIGNATURE
)


def test_a_complete_status_check_passes():
    assert check(GOOD_STATUS, STATUS) == []


@pytest.mark.parametrize(
    ("remove", "replacement", "check_id", "severity"),
    [
        ("Thank you again for meeting", "I met you", "missing-thanks", Severity.ERROR),
        ("the Data Analyst role", "the opening", "missing-role", Severity.WARNING),
        ("on 18 November", "recently", "missing-interview-date", Severity.WARNING),
        (
            "Could you let me know if there is an update on the timeline?",
            "",
            "missing-call-to-action",
            Severity.WARNING,
        ),
        ("\n+49 151 2345 6789", "", "missing-contact-details", Severity.WARNING),
    ],
)
def test_a_status_check_missing_a_required_part_is_reported(remove, replacement, check_id, severity):
    text = GOOD_STATUS.replace(remove, replacement)
    assert [(f.id, f.severity) for f in check(text, STATUS)] == [(check_id, severity)]


# a note about an application: missing-role, missing-application-date, missing-call-to-action

APPLICATION = replace(
    ACME, kind=DraftKind.APPLICATION_CHECK_EMAIL, interview_date=None, applied_date=date(2026, 11, 16), recipient=None
)
GOOD_NOTE = (
    "Dear Hiring Manager,\n\nI applied for the Data Analyst role on 16 November and am still very interested. "
    "Could you let me know where my application stands?" + SIGNATURE
)


def test_a_complete_note_about_an_application_passes_without_thanks_or_an_interview_date():
    assert check(GOOD_NOTE, APPLICATION) == []


@pytest.mark.parametrize(
    ("remove", "replacement", "check_id"),
    [
        ("the Data Analyst role", "the opening", "missing-role"),
        ("on 16 November", "recently", "missing-application-date"),
        ("Could you let me know where my application stands?", "", "missing-call-to-action"),
        ("\nmaria.kowalski@example.com", "", "missing-contact-details"),
    ],
)
def test_a_note_about_an_application_missing_a_part_is_warned_about(remove, replacement, check_id):
    text = GOOD_NOTE.replace(remove, replacement)
    assert [(f.id, f.severity) for f in check(text, APPLICATION)] == [(check_id, Severity.WARNING)]


def test_the_missing_application_date_names_the_day_and_points_at_the_opening():
    text = GOOD_NOTE.replace(" on 16 November", "")
    found = only(text, "missing-application-date", APPLICATION)
    assert [(f.message, f.line) for f in found] == [
        ("Mention when you applied (Monday 16 November), so they can find your application at once.", 1)
    ]
    # Any usual way of writing the day will do; another day will not.
    assert only(GOOD_NOTE.replace("16 November", "Nov 16th"), "missing-application-date", APPLICATION) == []
    assert len(only(GOOD_NOTE.replace("16 November", "9 November"), "missing-application-date", APPLICATION)) == 1


def test_the_application_date_is_asked_of_no_other_kind_of_message():
    text = GOOD_NOTE.replace(" on 16 November", "")
    assert only(text, "missing-application-date", replace(APPLICATION, kind=DraftKind.STATUS_CHECK_EMAIL)) == []


def test_missing_thanks_points_at_the_opening_and_ignores_the_subject():
    found = check_draft(
        "Thank you", "Dear Ann,\n\nI enjoyed the interview." + SIGNATURE, replace(ACME, kind=DraftKind.THANK_YOU_EMAIL)
    )
    assert [(f.id, f.start, f.end, f.line, f.column) for f in found] == [("missing-thanks", 11, 20, 3, 1)]


@pytest.mark.parametrize(
    "when", ["18 November", "November 18th", "Nov. 18", "the 18th of November", "18/11", "18.11.2026", "11/18",
             "2026-11-18", "Wednesday", "18. November"],
)  # fmt: skip
def test_the_interview_date_may_be_written_in_any_usual_way(when):
    assert only(GOOD_STATUS.replace("18 November", when), "missing-interview-date", STATUS) == []


def test_another_date_is_not_the_interview_date():
    assert len(only(GOOD_STATUS.replace("18 November", "17 November"), "missing-interview-date", STATUS)) == 1


def test_a_long_role_title_may_lose_one_word_and_its_gender_marker():
    context = replace(STATUS, role="Senior Data Analyst (m/w/d)")
    assert only(GOOD_STATUS, "missing-role", context) == []
    assert len(only(GOOD_STATUS, "missing-role", replace(STATUS, role="Marketing Manager"))) == 1


@pytest.mark.parametrize(
    "ask",
    ["Please let me know if you need anything else.", "I am happy to provide references.",
     "I would be grateful for a brief update.", "Is there any news on where things stand?"],
)  # fmt: skip
def test_any_polite_ask_or_offer_is_a_call_to_action(ask):
    text = GOOD_STATUS.replace("Could you let me know if there is an update on the timeline?", ask)
    assert only(text, "missing-call-to-action", STATUS) == []


# missing-contact-details


def test_the_phone_number_counts_in_any_format_and_a_voicemail_needs_only_the_phone():
    reformatted = GOOD_STATUS.replace("+49 151 2345 6789", "0151 23456789")
    assert only(reformatted, "missing-contact-details", STATUS) == []
    voicemail = replace(ACME, kind=DraftKind.VOICEMAIL_SCRIPT)
    message = "Hello Ann, this is Maria Kowalski about the Data Analyst role. Please call me on 0151 2345 6789."
    assert only(message, "missing-contact-details", voicemail) == []
    found = only(message.replace(" on 0151 2345 6789", ""), "missing-contact-details", voicemail)
    assert len(found) == 1
    assert "phone" in found[0].message
    assert "email" not in found[0].message


def test_contact_details_are_not_required_without_a_sender_or_for_a_reference():
    assert only("Dear Ann,\n\nThanks!", "missing-contact-details", replace(STATUS, sender=None)) == []
    heads_up = replace(ACME, kind=DraftKind.REFERENCE_HEADS_UP)
    assert only("Hi Carla,\n\nThanks for vouching for me.", "missing-contact-details", heads_up) == []


# asks-if-filled

THANKS = replace(ACME, kind=DraftKind.THANK_YOU_EMAIL)


@pytest.mark.parametrize(
    "question",
    ["Has the position been filled yet?", "Is the role still open?", "Have you made a decision?",
     "Please let me know if you have hired someone.", "I wonder whether the job is already taken."],
)  # fmt: skip
def test_a_thank_you_that_asks_whether_the_job_is_filled_is_an_error(question):
    text = f"Dear Ann,\n\nThank you for the interview. {question}" + SIGNATURE
    found = only(text, "asks-if-filled", THANKS)
    assert [f.severity for f in found] == [Severity.ERROR]
    assert found[0].line == 3


def test_a_thank_you_may_look_forward_and_a_status_check_may_ask():
    text = "Dear Ann,\n\nThank you. Once you have decided, I look forward to hearing about the next steps." + SIGNATURE
    assert only(text, "asks-if-filled", THANKS) == []
    assert only("Dear Ann,\n\nThank you. Has the position been filled?", "asks-if-filled", STATUS) == []


# too-early


def test_a_status_check_before_it_is_polite_says_when_it_will_be():
    early = replace(STATUS, now=datetime(2026, 11, 19, 16, tzinfo=UTC))
    found = check_draft("Data Analyst interview", GOOD_STATUS, early)
    assert [(f.id, f.severity, f.start, f.line, f.column) for f in found] == [("too-early", Severity.ERROR, 0, 1, 1)]
    assert "Monday 23 November at 09:00" in found[0].message
    assert only(GOOD_STATUS, "too-early", replace(STATUS, kind=DraftKind.THANK_YOU_EMAIL, now=early.now)) == []


def test_too_early_compares_naive_and_aware_moments_without_failing():
    naive = replace(STATUS, now=datetime(2026, 11, 19, 16), earliest_status_check=datetime(2026, 11, 23, 9, tzinfo=UTC))
    assert ids(GOOD_STATUS, naive) == ["too-early"]


# too-long


def test_too_long_starts_at_the_first_word_over_the_limit():
    body = "Dear Ann,\n\n" + " ".join(["Thank you for the lovely chat."] * 30)
    found = only(body, "too-long", replace(THANKS, word_limit=100))
    assert len(found) == 1
    assert body[found[0].start :].split()[0] == body.split()[100]
    assert found[0].end == len(body)
    assert "182 words" in found[0].message


def test_default_limits_depend_on_the_kind_and_short_drafts_pass():
    text = " ".join(["word"] * 100)
    assert only(text, "too-long", replace(ACME, kind=DraftKind.VOICEMAIL_SCRIPT)) != []
    assert only(text, "too-long", replace(ACME, kind=DraftKind.THANK_YOU_EMAIL)) == []
    assert only(text, "too-long", ACME) == []  # no kind, no limit


# pushy


@pytest.mark.parametrize(
    ("phrase", "severity"),
    [("I really need this job.", Severity.WARNING), ("I am desperate to hear.", Severity.WARNING),
     ("Send it ASAP.", Severity.WARNING), ("Answer as soon as possible.", Severity.WARNING),
     ("I haven't heard back from you.", Severity.WARNING), ("Why haven't you replied?", Severity.WARNING),
     ("I am still waiting.", Severity.WARNING), ("Per my last email, here it is.", Severity.WARNING),
     ("I am following up again.", Severity.WARNING), ("Just checking in on this.", Severity.INFO),
     ("Any news!!", Severity.WARNING), ("Really?!", Severity.WARNING)],
)  # fmt: skip
def test_pushy_phrases_are_reported_with_a_gentler_suggestion(phrase, severity):
    found = only(phrase, "pushy")
    assert [f.severity for f in found] == [severity]
    assert ";" in found[0].message


def test_three_single_exclamation_marks_are_one_finding_on_the_third():
    text = "Thanks! Great chat! See you! Bye."
    found = only(text, "pushy")
    assert [(f.start, f.end) for f in found] == [(27, 28)]


def test_calm_interest_is_not_pushy():
    text = "I remain very interested in the role and would be glad of an update. I can start immediately. Thanks!"
    assert only(text, "pushy") == []


# doubled-word


def test_doubled_words_are_found_across_lines_and_cases():
    text = "Thank you for the the chat.\nIt was great great.\nThe\nthe team was kind."
    found = only(text, "doubled-word")
    assert [(covered(text, f), f.line, f.column) for f in found] == [
        ("the the", 1, 15),
        ("great great", 2, 8),
        ("The\nthe", 3, 1),
    ]


def test_grammatical_doubles_and_paragraph_breaks_pass():
    text = "He had had enough. I knew that that was right. What they do do is good.\n\nGood. Word\n\nword"
    assert only(text, "doubled-word") == []


# spelling


def test_a_misspelt_word_gets_up_to_three_suggestions():
    found = only("I look forward to recieve your reply.", "spelling")
    assert [(f.start, f.end, f.severity) for f in found] == [(18, 25, Severity.WARNING)]
    assert "“receive”" in found[0].message


def test_spelling_skips_names_acronyms_addresses_and_british_spellings():
    text = (
        "I realised the colour of the organisation's programme centres on analytics. Tableau, SQL, LinkedIn, "
        "3rd, 2pm, maria.kowalski@example.com, www.kowalski.example. Zoë and Siobhán met Kowalczyk and Ann Lee. "
        "Dashboards and datasets rock."
    )
    assert only(text, "spelling", replace(ACME, known_names=("Kowalczyk",))) == []


def test_personal_words_are_accepted_case_insensitively():
    text = "Databricks pipelines were mentioned."
    assert len(only(text, "spelling")) == 1
    assert only(text, "spelling", replace(ACME, personal_words=frozenset({"databricks"}))) == []


def test_a_misspelt_name_is_not_also_a_spelling_mistake():
    assert ids("Jurgen was there.") == ["name-misspelt"]


# empty-subject


def test_an_email_needs_a_subject_but_a_script_does_not():
    found = check_draft("", "Dear Ann,\n\nThank you." + SIGNATURE, THANKS)
    assert [(f.id, f.start, f.end, f.line, f.column) for f in found] == [("empty-subject", 0, 0, 1, 1)]
    assert check_draft("  ", "Dear Ann,\n\nThank you." + SIGNATURE, THANKS)[0].end == 2
    voicemail = replace(ACME, kind=DraftKind.VOICEMAIL_SCRIPT)
    assert only_ids(check_draft("", "Hello Ann, this is Maria.", voicemail), "empty-subject") == []
    assert only_ids(check_draft("Thanks", "Dear Ann,", THANKS), "empty-subject") == []


def test_check_draft_positions_refer_to_subject_and_body_joined_by_a_blank_line():
    subject, body = "Thank you, Jurgen", "Dear Ann,\n\nThank you, Jurgen." + SIGNATURE
    found = only_ids(check_draft(subject, body, THANKS), "name-misspelt")
    joined = f"{subject}\n\n{body}"
    assert [(joined[f.start : f.end], f.line, f.column) for f in found] == [("Jurgen", 1, 12), ("Jurgen", 5, 12)]


def only_ids(findings: list[Finding], check_id: str) -> list[Finding]:
    return [f for f in findings if f.id == check_id]


def test_findings_are_sorted_by_position():
    text = "Dear Bob,\n\nthe the {{ x }} I need this job. Recieve."
    found = check(text, THANKS)
    assert len(found) >= 5
    assert [(f.start, f.end) for f in found] == sorted((f.start, f.end) for f in found)


# the user's own data is trusted (issue #13)

CAFE = CheckContext(
    kind=DraftKind.THANK_YOU_EMAIL,
    recipient="Zoe Weiß",
    company="Café",
    role="iOS Developer",
    known_names=("Café", "Zoe Weiß", "José Núñez", "Marie-Hélène van der Berg"),
    sender=Person("Zoë Müller-O'Brien", email="zoe@example.org", phone="+49 170 1234567"),
    user_texts=("Dashboards für den Vertrieb, SQL performance, café loyalty data", "Müller-O'Brien", "Weiß"),
)


def test_a_word_of_the_users_notes_is_never_a_misspelt_company_or_a_spelling_mistake():
    text = (
        "Dear Zoe,\n\nThank you; I valued our talk about café loyalty data and my dbt models.\n\n"
        "Best regards,\nZoë Müller-O'Brien\n+49 170 1234567\nzoe@example.org\n"
    )
    assert [f.id for f in check(text, replace(CAFE, user_texts=()))] == ["spelling"]  # "dbt" is in no dictionary
    notes = replace(CAFE, user_texts=(*CAFE.user_texts, "three years of dbt experience"))
    assert check(text, notes) == []


@pytest.mark.parametrize(("company", "sentence"), [("Apple", "an apple a day"), ("Target", "the target market"),
                                                   ("Notion", "the notion of ownership")])  # fmt: skip
def test_a_company_that_is_an_english_word_may_be_written_as_that_word(company, sentence):
    context = replace(ACME, company=company, known_names=(company, "Ann Lee"))
    assert only(f"Dear Ann,\n\nThank you; I liked {sentence}.", "company-misspelt", context) == []


def test_a_company_written_small_with_its_legal_form_is_still_reported():
    assert len(only("Dear Ann,\n\nThank you for the visit to acme corp.", "company-misspelt")) == 1


def test_a_first_name_the_user_shares_with_a_stored_contact_greets_that_contact():
    without_recipient = replace(CAFE, recipient=None)
    assert only("Dear Zoe,\n\nThank you.", "wrong-salutation", without_recipient) == []
    assert only("Dear Zoe,\n\nThank you.", "wrong-salutation", CAFE) == []
    nobody_else = replace(without_recipient, known_names=("Café", "José Núñez"))
    assert len(only("Dear Zoe,\n\nThank you.", "wrong-salutation", nobody_else)) == 1


def test_dear_is_not_a_misspelt_particle_of_the_recipients_name():
    text = "Dear Marie-Hélène,\n\nThank you."
    assert only(text, "name-misspelt", replace(CAFE, recipient="Marie-Hélène van der Berg", user_texts=())) == []


def test_stored_texts_collects_every_text_of_the_records_the_draft_was_made_from():
    from followup.drafting.checks.stored import stored_texts
    from followup.drafting.model import DraftFacts, Tone

    facts = DraftFacts(
        kind=DraftKind.THANK_YOU_EMAIL,
        tone=Tone.WARM,
        sender=ME,
        signature="Maria",
        company="Café",
        role="iOS Developer",
        today=date(2026, 11, 25),
        recipient=Person("Zoë Weiß", title="Head of Data"),
        interviewers=("Zoë Weiß", "José Núñez"),
        main_points="café loyalty data",
    )
    texts = stored_texts(facts, {"tags": ["remote-first"]})
    assert {"Café", "iOS Developer", "Zoë Weiß", "Head of Data", "José Núñez", "café loyalty data"} <= set(texts)
    assert "remote-first" in texts
    assert len(texts) == len(set(texts))


def test_a_name_with_a_doubled_word_is_no_doubled_word():
    context = replace(ACME, recipient="Wei Wei Chen", known_names=("ACME Corp", "Wei Wei Chen"))
    assert only("Dear Wei Wei,\n\nThank you.", "doubled-word", context) == []
    assert len(only("Dear Wei Wei,\n\nThank you you.", "doubled-word", context)) == 1
    assert len(only("Dear Ann,\n\nThank you. Wei Wei said so.", "doubled-word")) == 1
