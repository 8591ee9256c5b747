"""Templates render into drafts a reader would send: every kind and tone, with and without the optional facts."""

from __future__ import annotations

import difflib
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from followup.drafting import render as rendering
from followup.drafting.errors import TemplateError
from followup.drafting.model import DraftFacts, DraftKind, Person, Tone
from followup.drafting.render import available_tones, context, html_body, render, template_names

DOCS = (Path(__file__).parent.parent / "docs" / "templates.md").read_text(encoding="utf-8")
THANK_YOUS = (DraftKind.THANK_YOU_EMAIL, DraftKind.THANK_YOU_LETTER)
THREADED = (DraftKind.STATUS_CHECK_EMAIL, DraftKind.APPLICATION_CHECK_EMAIL, DraftKind.REPLY, DraftKind.REJECTION_REPLY)
DATED = (*THANK_YOUS, DraftKind.STATUS_CHECK_EMAIL, DraftKind.CALL_SCRIPT, DraftKind.VOICEMAIL_SCRIPT)

ZOE = Person("Zoë O'Brien", title="Head of Data", email="zoe.obrien@societe.example", phone="+33 1 42 14 20 00")
JOSE = Person("José Ñúñez", email="jose@oreilly.example")
RECRUITER = Person("Marie-Hélène Dubois", title="Senior Recruiter", email="mh@agency.example", phone="020 7946 0958")
REFERENCE = Person("Jürgen Müller-Lüdenscheidt", email="juergen@former.example")
SENDER = Person("Siobhán Ní Bhriain", email="siobhan@example.org", phone="+49 170 1234567")


def scenario(name: str) -> dict[str, object]:
    """Three realistic applications: everything recorded, a few facts, and almost nothing."""
    if name == "everything":
        return {
            "sender": SENDER,
            "signature": "Siobhán Ní Bhriain\n+49 170 1234567",
            "company": "Société Générale",
            "role": "Senior Data Analyst",
            "recipient": ZOE,
            "applied_date": date(2026, 11, 2),
            "interview_date": date(2026, 11, 18),
            "interview_kind": "video",
            "interview_round": 2,
            "interviewers": ("Zoë O'Brien", "José Ñúñez", "Ann Lee"),
            "main_points": "SQL modelling and the sales dashboards.",
            "forgot_to_mention": "my three years of dbt experience",
            "to_clarify": "my notice period is one month, not three",
            "next_steps": "a team debrief, then references",
            "decision_date": date(2026, 11, 20),
            "status_check_date": date(2026, 11, 23),
            "recruiter": RECRUITER,
            "reply_date": date(2026, 11, 24),
            "reply_summary": "two references and my availability next week",
            "thread_subject": "RE: Re: Interview – Senior Data Analyst",
            "thread_message_id": "<b2@societe.example>",
            "thread_references": ("<a1@societe.example>", "<b2@societe.example>"),
        }
    if name == "some":
        return {
            "sender": SENDER,
            "signature": "Siobhán Ní Bhriain",
            "company": "O'Reilly & Sons",
            "role": "Account Manager",
            "recipient": JOSE,
            "applied_date": date(2026, 12, 1),
            "interview_date": date(2027, 1, 4),
            "interviewers": ("José Ñúñez",),
            "thread_subject": "Your application",
            "thread_message_id": "c3@oreilly.example",
        }
    return {"sender": SENDER, "signature": "", "company": "ACME Inc.", "role": "Engineer", "recipient": None}


def facts(kind: DraftKind, tone: Tone, name: str = "everything") -> DraftFacts:
    values = scenario(name)
    if values["recipient"] is not None:  # the person each kind is really for
        if kind in (DraftKind.RECRUITER_DEBRIEF, DraftKind.THANK_RECRUITER):
            values["recipient"] = RECRUITER
        elif kind is DraftKind.REFERENCE_HEADS_UP:
            values["recipient"] = values["reference"] = REFERENCE
    return DraftFacts(kind=kind, tone=tone, today=date(2026, 11, 25), **values)  # type: ignore[arg-type]


def words(text: str) -> int:
    """Counted as the length check counts them: a lone hyphen between spoken digit groups is no word."""
    return len(re.findall(r"\S*[^\W_]\S*", text))


PRODUCT = [(k, t, s) for k in DraftKind for t in Tone for s in ("everything", "some", "nothing")]


@pytest.mark.parametrize(("kind", "tone", "name"), PRODUCT, ids=[f"{k}-{t}-{s}" for k, t, s in PRODUCT])
def test_every_draft_reads_correctly(kind: DraftKind, tone: Tone, name: str) -> None:
    f = facts(kind, tone, name)
    draft = render(f)
    text = f"{draft.subject}\n\n{draft.body}"

    # Nothing of the template machinery, and nothing a checker would take for a placeholder.
    for leftover in ("{{", "}}", "{%", "%}", "{", "}", "[", "]", "<", ">", "None"):
        assert leftover not in text, leftover
    # Tidy: no trailing spaces, no doubled blank lines or spaces, no space before punctuation.
    assert all(line == line.rstrip() for line in text.split("\n"))
    assert "\n\n\n" not in draft.body
    assert draft.body == draft.body.strip()
    assert "  " not in text
    assert not re.search(r" [,.;:!?]", text)
    assert not re.search(r"\.\.(?!\.)|,[.,]", text)
    assert not re.search(r"^(Dear|Hi|Hello) ,|^Dear,", draft.body, flags=re.MULTILINE)  # a name left out

    assert f.role in draft.body
    if f.recipient:
        assert rendering.first_name(f.recipient.name) in draft.body  # spelled exactly as stored
        if tone is Tone.FORMAL:
            assert f.recipient.name in draft.body
        assert draft.to == (f.recipient,)
    else:
        assert draft.to == ()
    if kind.medium != "script":
        assert f.company in draft.body
        assert draft.subject
        assert "\n" not in draft.subject
        assert f.sender.name in draft.body  # signed
    else:
        assert draft.subject == ""
    if kind in DATED and f.interview_date:
        assert rendering.shortdate(f.interview_date) in draft.body
    if kind in THANK_YOUS:
        assert "filled" not in text.lower()
        for note in (f.forgot_to_mention, f.to_clarify):
            assert note is None or note in draft.body
        if f.recipient and f.recipient.title and tone is not Tone.BRIEF:
            assert f.recipient.title in draft.body
        for other in f.interviewers[1:]:
            assert other in draft.body
    if kind is DraftKind.STATUS_CHECK_EMAIL:
        assert words(draft.body) < 150
        assert f.sender.phone
        assert f.sender.phone in draft.body
        assert f.sender.email
        assert f.sender.email in draft.body
    if kind is DraftKind.APPLICATION_CHECK_EMAIL:
        # Short: the role, the day of the application, the interest that continues, and how to reach you.
        assert words(draft.body) < 100
        assert "interview" not in draft.body.lower()  # the subject may be a thread's
        assert "interest" in draft.body or "excited" in draft.body
        if f.applied_date:
            assert rendering.shortdate(f.applied_date) in draft.body
        assert f.sender.phone
        assert f.sender.phone in draft.body
        assert f.sender.email
        assert f.sender.email in draft.body
    if kind is DraftKind.VOICEMAIL_SCRIPT:
        assert words(draft.body) <= 80
        assert "1 7 0" in draft.body  # the call-back number, digit by digit
    if kind is DraftKind.CALL_SCRIPT:
        assert "1 7 0" in draft.body
    if kind in (DraftKind.CALL_SCRIPT, DraftKind.VOICEMAIL_SCRIPT) and f.status_check_date:
        assert rendering.shortdate(f.status_check_date) in draft.body  # the earlier email
    if kind is DraftKind.REFERENCE_HEADS_UP and f.main_points:
        assert f.main_points.rstrip(".") in draft.body
    if kind is DraftKind.RECRUITER_DEBRIEF:
        assert draft.body.count("\n- ") >= 4  # talking points
        for note in (f.main_points, f.to_clarify, f.next_steps):
            assert note is None or note.rstrip(".") in draft.body


@pytest.mark.parametrize("kind", list(THREADED))
def test_replies_answer_in_the_thread(kind: DraftKind) -> None:
    for tone in Tone:
        draft = render(facts(kind, tone))
        assert draft.subject == "Re: Interview – Senior Data Analyst"
        assert draft.in_reply_to == "<b2@societe.example>"
        assert draft.references == ("<a1@societe.example>", "<b2@societe.example>")
        other = render(facts(kind, tone, "some"))
        assert other.subject == "Re: Your application"
        assert other.references == ("c3@oreilly.example",)  # the parent's id always ends the list
        fresh = render(facts(kind, tone, "nothing"))
        assert not fresh.subject.startswith("Re:")
        assert fresh.in_reply_to is None
        assert fresh.references == ()


def test_status_check_subject_without_a_thread_names_the_role_and_date() -> None:
    f = replace(facts(DraftKind.STATUS_CHECK_EMAIL, Tone.FORMAL), thread_subject=None, thread_message_id=None)
    draft = render(f)
    assert draft.subject == "Following up: Senior Data Analyst interview on 18 November"
    assert draft.in_reply_to is None


def test_a_thank_you_starts_its_own_conversation() -> None:
    draft = render(facts(DraftKind.THANK_YOU_EMAIL, Tone.WARM))
    assert not draft.subject.startswith("Re:")
    assert draft.in_reply_to is None
    assert draft.references == ()
    assert draft.html
    assert draft.html.startswith("<p>Dear Zoë,</p>")


def test_letters_have_a_formal_body_and_no_html() -> None:
    draft = render(facts(DraftKind.THANK_YOU_LETTER, Tone.FORMAL))
    assert draft.body.startswith("Dear Zoë O'Brien,\n\n")
    assert "Yours sincerely," in draft.body
    assert draft.body.endswith("Siobhán Ní Bhriain\n+49 170 1234567\nsiobhan@example.org")  # full contact details
    assert draft.html is None


@pytest.mark.parametrize("kind", list(DraftKind))
@pytest.mark.parametrize("name", ["everything", "nothing"])
def test_the_three_tones_are_really_different(kind: DraftKind, name: str) -> None:
    bodies = {tone: render(facts(kind, tone, name)).body for tone in Tone}
    for a, b in (("formal", "warm"), ("formal", "brief"), ("warm", "brief")):
        similarity = difflib.SequenceMatcher(None, bodies[Tone(a)], bodies[Tone(b)]).ratio()
        assert similarity < 0.7, (a, b, similarity)


def test_several_interviewers_without_a_recipient() -> None:
    f = replace(facts(DraftKind.THANK_YOU_EMAIL, Tone.FORMAL, "nothing"), interviewers=("Ann Lee", "Bob Stone"))
    draft = render(f)
    assert draft.body.startswith("Dear Hiring Team,")
    assert "Ann Lee and Bob Stone" in draft.body


def test_the_context_holds_plain_values_only() -> None:
    def plain(value: object) -> bool:
        if value is None or type(value) in (str, int):
            return True
        if type(value) is tuple:
            return all(type(v) is str for v in value)
        if type(value) is dict:
            return all(type(k) is str and (v is None or type(v) is str) for k, v in value.items())
        return False

    variables = context(facts(DraftKind.STATUS_CHECK_EMAIL, Tone.FORMAL))
    assert [name for name, value in variables.items() if not plain(value)] == []
    assert variables["interview_date"] == "2026-11-18"
    assert variables["main_points"] == "SQL modelling and the sales dashboards"
    assert variables["other_interviewers"] == ("José Ñúñez", "Ann Lee")


def test_every_variable_and_filter_is_documented() -> None:
    variables = context(facts(DraftKind.REPLY, Tone.WARM))
    assert [v for v in variables if f"| `{v}` |" not in DOCS] == []
    assert [f for f in rendering.FILTERS if f"| `{f}` |" not in DOCS] == []
    for field in ("name", "title", "email", "phone", "organisation", "postal_address"):
        assert f"`{field}`" in DOCS


def test_template_listing() -> None:
    assert len(template_names()) == 33
    assert "status_check_email/warm.j2" in template_names()
    assert available_tones() == (Tone.FORMAL, Tone.WARM, Tone.BRIEF)
    assert available_tones(DraftKind.REPLY) == (Tone.FORMAL, Tone.WARM, Tone.BRIEF)


# Filters


def test_date_filters() -> None:
    assert rendering.longdate("2026-11-18") == "Wednesday 18 November 2026"
    assert rendering.longdate(date(2027, 1, 4)) == "Monday 4 January 2027"
    assert rendering.shortdate("2026-11-18") == "18 November"
    assert rendering.weekday("2026-11-20") == "Friday"
    with pytest.raises(TypeError, match="longdate filter needs a date"):
        rendering.longdate(None)


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("Zoë O'Brien", "Zoë"),
        ("Jürgen Müller-Lüdenscheidt", "Jürgen"),
        ("Dr. Ann Lee", "Ann"),
        ("Lee, Ann", "Ann"),
        ("Madonna", "Madonna"),
        ("Mr", "Mr"),
        ("", ""),
        ({"name": "José Ñúñez"}, "José"),
    ],
)
def test_first_name(name: object, first: str) -> None:
    assert rendering.first_name(name) == first


def test_join_names() -> None:
    assert rendering.join_names(()) == ""
    assert rendering.join_names(("Ann",)) == "Ann"
    assert rendering.join_names(("Ann", "Bob")) == "Ann and Bob"
    assert rendering.join_names(("Ann", "Bob", "Carla")) == "Ann, Bob and Carla"
    assert rendering.join_names(["Ann", {"name": "Zoë O'Brien"}], "or") == "Ann or Zoë O'Brien"


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Interview", "Re: Interview"),
        ("Re: Interview", "Re: Interview"),
        ("RE: re:Re : Interview", "Re: Interview"),
        ("AW: Re[2]: Termin", "Re: Termin"),
        ("Regarding your CV", "Re: Regarding your CV"),
    ],
)
def test_reply_subject_never_doubles_re(subject: str, expected: str) -> None:
    assert rendering.reply_subject(subject) == expected


@pytest.mark.parametrize(
    ("number", "spoken"),
    [
        ("+49 170 1234567", "plus 4 9 - 1 7 0 - 1 2 3 - 4 5 6 7"),
        ("020 7946 0958", "0 2 0 - 7 9 4 6 - 0 9 5 8"),
        ("(555) 010-4477", "5 5 5 - 0 1 0 - 4 4 7 7"),
        ("01701234567", "0 1 7 - 0 1 2 - 3 4 5 - 6 7"),
        ("1234567", "1 2 3 - 4 5 6 7"),
        ("call reception", "call reception"),
    ],
)
def test_spoken_number(number: str, spoken: str) -> None:
    assert rendering.spoken_number(number) == spoken


def test_html_body_escapes_and_keeps_paragraphs() -> None:
    html = html_body("Dear Zoë O'Brien,\n\nR&D <team>\nsecond line\n\n\nBest,\nMe")
    assert html == "<p>Dear Zoë O&#39;Brien,</p>\n<p>R&amp;D &lt;team&gt;<br>\nsecond line</p>\n<p>Best,<br>\nMe</p>"


def test_notes_ending_in_a_full_stop_and_companies_ending_in_one_read_well() -> None:
    f = replace(facts(DraftKind.THANK_YOU_EMAIL, Tone.FORMAL, "nothing"), main_points="pricing.  ")
    body = render(f).body
    assert "discussion of pricing," in body
    assert "ACME Inc." in body
    assert ".." not in body


# The user's own templates


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_users_template_wins(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "status_check_email/warm.j2",
        "{% block subject %}Any news, {{ recipient|first_name }}?{% endblock %}\n"
        "{% block body %}\nHi {{ recipient.name }}, {{ interviewers|join_names }} met me on "
        "{{ interview_date|longdate }}.   \n\n\n\n{{ contact_signature }}\n{% endblock %}\n",
    )
    draft = render(facts(DraftKind.STATUS_CHECK_EMAIL, Tone.WARM), user_dir=str(tmp_path))
    assert draft.template == str(path)
    assert draft.subject == "Any news, Zoë?"
    assert draft.body == (
        "Hi Zoë O'Brien, Zoë O'Brien, José Ñúñez and Ann Lee met me on Wednesday 18 November 2026.\n\n"
        "Siobhán Ní Bhriain\n+49 170 1234567\nsiobhan@example.org"
    )
    builtin = render(facts(DraftKind.STATUS_CHECK_EMAIL, Tone.FORMAL), user_dir=str(tmp_path))
    assert builtin.template.endswith("templates/status_check_email/formal.j2")
    assert builtin.template != str(path)


def test_an_override_added_later_is_picked_up(tmp_path: Path) -> None:
    f = facts(DraftKind.REJECTION_REPLY, Tone.WARM)
    assert "templates/rejection_reply/warm.j2" in render(f, user_dir=str(tmp_path)).template
    write(tmp_path, "rejection_reply/warm.j2", "{% block subject %}S{% endblock %}{% block body %}Mine{% endblock %}")
    assert render(f, user_dir=str(tmp_path)).body == "Mine"


def test_the_example_in_the_docs_works(tmp_path: Path) -> None:
    example = re.search(r"```jinja\n(.*?)```", DOCS, flags=re.DOTALL)
    assert example
    write(tmp_path, "status_check_email/brief.j2", example.group(1))
    for name in ("everything", "nothing"):
        draft = render(facts(DraftKind.STATUS_CHECK_EMAIL, Tone.BRIEF, name), user_dir=str(tmp_path))
        assert draft.subject.startswith("Re: ") if name == "everything" else draft.subject.startswith("Checking in")
        assert "siobhan@example.org" in draft.body
        assert "{" not in draft.body


BROKEN = [
    ("syntax", "{% block subject %}Hi{% endblock %}\n{% block body %}\nHello\n{% if role %}\n{% endblock %}\n", 5),
    (
        "unknown variable",
        "{% block subject %}Hi{% endblock %}\n{% block body %}\nHello\n{{ intervew_date }}\n{% endblock %}",
        4,
    ),
    ("unknown filter", "{% block subject %}Hi{% endblock %}\n{% block body %}\n\n{{ role|shout }}\n{% endblock %}", 4),
    ("unknown field", "{% block subject %}{{ recipient.nickname }}{% endblock %}\n{% block body %}x{% endblock %}", 1),
    ("bad date", "{% block subject %}Hi{% endblock %}\n{% block body %}\n\n\n{{ role|longdate }}\n{% endblock %}", 5),
]


@pytest.mark.parametrize(("text", "line"), [(t, n) for _, t, n in BROKEN], ids=[b[0] for b in BROKEN])
def test_a_broken_template_names_its_file_and_line(tmp_path: Path, text: str, line: int) -> None:
    path = write(tmp_path, "thank_you_email/brief.j2", text)
    with pytest.raises(TemplateError) as caught:
        render(facts(DraftKind.THANK_YOU_EMAIL, Tone.BRIEF), user_dir=str(tmp_path))
    error = caught.value
    assert error.exit_code == 9
    assert (error.path, error.line) == (str(path), line)
    assert f"{path}, line {line}: " in str(error)
    assert "docs/templates.md" in str(error)


def test_error_messages_say_what_is_wrong(tmp_path: Path) -> None:
    def problem(text: str) -> str:
        write(tmp_path, "reply/formal.j2", text)
        with pytest.raises(TemplateError) as caught:
            render(facts(DraftKind.REPLY, Tone.FORMAL), user_dir=str(tmp_path))
        return caught.value.problem

    body = "{% block subject %}S{% endblock %}{% block body %}"
    assert problem(body + "{{ nope }}{% endblock %}") == "unknown variable: 'nope' is undefined"
    assert (
        problem(body + "{{ intervew_date|longdate }}{% endblock %}") == "unknown variable: 'intervew_date' is undefined"
    )
    assert "longdate filter needs a date" in problem(body + "{{ recipient.title|longdate }}{% endblock %}")
    assert problem(body + "{{ role|shout }}{% endblock %}") == "unknown filter: no filter named 'shout'."
    assert problem(body + "{% if %}{% endblock %}").startswith("syntax error: ")
    assert problem("{% block subject %}S{% endblock %}") == "it has no {% block body %}, so there is nothing to send"
    assert "subject" in problem("{% block subject %} {% endblock %}{% block body %}B{% endblock %}")
    assert "does not exist" in problem(body + '{% include "missing.j2" %}{% endblock %}')


def test_an_included_file_with_an_error_is_the_one_named(tmp_path: Path) -> None:
    write(
        tmp_path,
        "reply/formal.j2",
        '{% block subject %}S{% endblock %}{% block body %}\n{% include "_p.j2" %}\n{% endblock %}',
    )
    part = write(tmp_path, "_p.j2", "fine\nfine\n{{ oops }}\n")
    with pytest.raises(TemplateError) as caught:
        render(facts(DraftKind.REPLY, Tone.FORMAL), user_dir=str(tmp_path))
    assert (caught.value.path, caught.value.line) == (str(part), 3)


def test_a_template_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "reply" / "warm.j2"
    path.parent.mkdir()
    path.write_bytes("{% block body %}Zoë{% endblock %}".encode("latin-1"))
    with pytest.raises(TemplateError, match="not UTF-8"):
        render(facts(DraftKind.REPLY, Tone.WARM), user_dir=str(tmp_path))


ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ facts.__class__ }}",
    "{{ sender.__class__.__base__.__subclasses__() }}",
    "{{ role.__class__ }}",
    "{{ interviewers.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__.os }}",
    "{{ role.format.__self__ }}",
    "{% set x = sender.update({'name': 'Mallory'}) %}{{ x }}",
    "{{ 'x' * 100000000 }}",
    "{{ 10 ** 100000000 }}",
    "{{ range(10**9)|list }}",
]


@pytest.mark.parametrize("expression", ESCAPES)
def test_the_sandbox_keeps_templates_to_their_variables(tmp_path: Path, expression: str) -> None:
    path = write(
        tmp_path,
        "reply/brief.j2",
        "{% block subject %}S{% endblock %}\n{% block body %}\n" + expression + "\n{% endblock %}",
    )
    with pytest.raises(TemplateError) as caught:
        render(facts(DraftKind.REPLY, Tone.BRIEF), user_dir=str(tmp_path))
    assert caught.value.path == str(path)
    assert caught.value.line == 3


def test_a_missing_user_folder_falls_back_to_the_built_in_templates(tmp_path: Path) -> None:
    draft = render(facts(DraftKind.REPLY, Tone.BRIEF), user_dir=str(tmp_path / "nowhere"))
    assert draft.template.endswith("templates/reply/brief.j2")
