"""The reply labels' look-alikes, one test per confusion, with made-up messages (none from a labelled set).

- mail about no application's outcome (a newsletter, a job alert, a job board's notice, a
  recruiter's cold approach, an account notice) vs a rejection or an invitation;
- an automatic acknowledgement vs an invitation sent by a tracking system;
- an information request vs an out-of-office;
- a paused role or a hiring freeze (still deciding) vs a role closed for good (rejection).
"""

from __future__ import annotations

import pytest

from followup.mail.parse import parse_message
from followup.reading.classify import classify, rule_verdict
from followup.reading.quoting import strip_quoted

DATE = "Tue, 17 Nov 2026 10:05:00 +0000"
LIST = "List-Unsubscribe: <https://mail.example/u/42>\nPrecedence: bulk\n"
ATS = "Auto-Submitted: auto-generated\n"


def mail(body: str, subject: str, sender: str = "someone@company.example", headers: str = "") -> bytes:
    return f"From: {sender}\nSubject: {subject}\nDate: {DATE}\n{headers}\n{body}".encode()


@pytest.mark.parametrize(
    ("raw", "label"),
    [
        # A careers newsletter quoting a rejection in its tips, sent to a list.
        (
            mail(
                "In this month's issue:\n- Heard 'we have decided to move forward with other candidates'? "
                "What to do next\n- Your first job offer: five questions to ask\n\nRead it online.\n"
                "Unsubscribe | Manage your preferences",
                "Career notes, March issue",
                "newsletter@careersmag.example",
                LIST,
            ),
            "other",
        ),
        # A job board's alert whose listings say "interviewing now".
        (
            mail(
                "Hi Sam,\n\n8 new jobs matching 'payroll officer' near Leeds:\nPayroll Officer - Fenwick Mills - "
                "interviewing now\nPayroll Assistant - Harbour Care\n\nSee all jobs\n"
                "You are receiving this email because you created a job alert.",
                "8 new payroll jobs for you",
                "alerts@jobsboard-mail.example",
                LIST,
            ),
            "other",
        ),
        # A recruiter's cold approach about another role, asking for a call.
        (
            mail(
                "Hi Priya,\n\nI came across your profile and thought of a Lead Analyst role I'm recruiting for "
                "with a logistics firm in Rotterdam. Would you be open to a quick call on Thursday?",
                "Lead Analyst - Rotterdam",
                "bart@searchpartners.example",
            ),
            "other",
        ),
        (
            mail(
                "Hallo Frau Brandt,\n\nich bin auf Ihr Profil gestoßen und suche für einen Versicherer in Köln "
                "eine Teamleitung Controlling. Hätten Sie Zeit für ein unverbindliches Telefonat?",
                "Teamleitung Controlling in Köln",
                "m.ahrens@personalwerk.example",
            ),
            "other",
        ),
        (
            mail(
                "Bonjour Hugo,\n\nJ'ai découvert votre profil et je me permets de vous contacter pour un poste "
                "de chef de projet à Lille. Seriez-vous disponible pour un échange cette semaine ?",
                "Chef de projet – Lille",
                "claire@cabinet-nord.example",
            ),
            "other",
        ),
        (
            mail(
                "Hola Inés:\n\nHe visto tu perfil en LinkedIn y tu experiencia encaja en un proceso confidencial "
                "que llevamos en Sevilla. ¿Hablamos 10 minutos el jueves?",
                "Proceso confidencial en Sevilla",
                "pablo@talento-sur.example",
            ),
            "other",
        ),
        # A portal's account notice from a no-reply address.
        (
            mail(
                "Hello,\n\nSomeone asked to reset your password for the candidate portal. If it was you, use the "
                "link below; your applications are not affected.\n\nThis is an automated message, do not reply.",
                "Reset your password",
                "no-reply@talentportal.example",
                ATS,
            ),
            "other",
        ),
        # German and Spanish job alerts.
        (
            mail(
                "Guten Tag,\n\nzu Ihrem Suchauftrag 'Buchhaltung, Bremen' gibt es 3 neue Stellenangebote.\n"
                "Alle Jobs anzeigen\n\nNewsletter abbestellen",
                "Neue Stellenangebote für Sie",
                "jobalarm@stellenportal.example",
                LIST,
            ),
            "other",
        ),
        (
            mail(
                "Hola Marta,\n\nNuevas ofertas para tu alerta: Técnica de nóminas – entrevistas esta semana.\n"
                "Ver todas las ofertas\n\nSi no deseas recibir estos correos, date de baja aquí.",
                "Tienes 4 ofertas nuevas",
                "alertas@empleos-mail.example",
                LIST,
            ),
            "other",
        ),
    ],
)
def test_mail_about_no_outcome_is_other(raw: bytes, label: str) -> None:
    assert classify(parse_message(raw)).label == label


def test_mail_to_many_says_so_and_still_carries_an_outcome_when_it_has_one() -> None:
    # The header is the rules' evidence when nothing else is said...
    notice = parse_message(mail("Our offices move to Dock Street on 1 March.", "We're moving", headers=LIST))
    verdict = rule_verdict(notice, strip_quoted(notice.text))
    assert (verdict.label, verdict.evidence) == ("other", "List-Unsubscribe")
    # ...but tracking systems send one-to-one outcomes with Precedence: bulk too.
    rejection = mail(
        "Dear Alex,\n\nThank you for your interest. Unfortunately we have decided not to progress your application "
        "for the Data Analyst role any further.",
        "Your application",
        "jobs@company.example",
        "Precedence: bulk\n",
    )
    assert classify(parse_message(rejection)).label == "rejection"
    # An agency recruiter speaks of "my client" about the candidate's own application.
    invitation = mail(
        "Hi Alex, great news: my client would like to invite you to a second interview next Tuesday.",
        "Re: Data Analyst",
        "kim@agency.example",
    )
    assert classify(parse_message(invitation)).label == "next_round"


@pytest.mark.parametrize(
    ("body", "subject", "label"),
    [
        (
            "Dear Jo,\n\nThank you for applying for the Lab Technician role. The hiring manager has reviewed your "
            "application and would like to interview you. Please select an interview time in the candidate portal.\n\n"
            "This is an automated message. Replies are not monitored.",
            "Lab Technician: next step",
            "next_round",
        ),
        (
            "Dear Jo,\n\nThank you for applying for the Lab Technician role. We have received your application and "
            "will review it shortly.\n\nThis is an automated message. Replies are not monitored.",
            "Lab Technician: application received",
            "auto_reply",
        ),
        (
            "Guten Tag Herr Lorenz,\n\nvielen Dank für Ihre Bewerbung. Die Fachabteilung möchte Sie gerne "
            "kennenlernen: bitte wählen Sie über Ihr Bewerberportal einen passenden Termin.\n\n"
            "Dies ist eine automatisch generierte Nachricht.",
            "Ihre Bewerbung: nächster Schritt",
            "next_round",
        ),
        (
            "Bonjour Claire,\n\nMerci pour votre candidature. Nous vous proposons un entretien en visio : "
            "réservez votre créneau sur notre page.\n\nCeci est un message automatique.",
            "Votre candidature",
            "next_round",
        ),
    ],
)
def test_automatic_acknowledgement_or_invitation(body: str, subject: str, label: str) -> None:
    raw = mail(body, subject, "no-reply@careers-portal.example", ATS)
    assert classify(parse_message(raw)).label == label


def test_an_invitation_to_dear_applicant_from_a_tracking_system() -> None:
    # The rules are sure (two strong invitation cues) and saw no "no": the model's reading of the
    # generic "Dear applicant" of tracking systems' rejections does not overrule them.
    raw = mail(
        "Dear applicant,\n\nThank you for applying for the Data Analyst role. The hiring manager has reviewed your "
        "application and would like to interview you. Please select an interview time in the candidate portal.\n\n"
        "This is an automated message. Replies to this address are not monitored.",
        "Data Analyst: next step",
        "no-reply@careers-portal.example",
        ATS,
    )
    assert classify(parse_message(raw)).label == "next_round"


@pytest.mark.parametrize(
    ("body", "headers", "label"),
    [
        (
            "Dear Sam,\n\nThank you for applying. Before the panel meets we need the following, which were missing "
            "from your form:\n- your notice period\n- the dates of your last role\n\nPlease reply with the details.",
            "",
            "info_request",
        ),
        ("Hello,\n\nI am out of the office until Monday 23 November with limited access to email.", "", "auto_reply"),
        (
            "Hi,\n\nThanks for your message. I'm on annual leave this week and will reply when I'm back.",
            "Auto-Submitted: auto-replied\n",
            "auto_reply",
        ),
        (
            "Hi Sam,\n\nCould you send me your references and your salary expectations before Friday?",
            "",
            "info_request",
        ),
    ],
)
def test_information_request_or_out_of_office(body: str, headers: str, label: str) -> None:
    assert classify(parse_message(mail(body, "Re: Support Officer", headers=headers))).label == label


def test_an_answer_to_the_candidates_out_of_office_is_what_it_says() -> None:
    # "Re: Out of office": a person answering the candidate's own auto-reply, with a request.
    raw = mail(
        "Hi Dana,\n\nGot your auto-reply, no rush at all. Once you're back, could you send us a copy of your "
        "driving licence and the name of a second referee?",
        "Re: Out of office",
        "tom@company.example",
    )
    message = parse_message(raw)
    assert rule_verdict(message, strip_quoted(message.text)).label == "info_request"
    assert classify(message).label == "info_request"
    # The autoresponder's own subject still counts.
    auto = parse_message(mail("Back on Monday.", "Out of office: Re: Support Officer", "tom@company.example"))
    assert rule_verdict(auto, strip_quoted(auto.text)).label == "auto_reply"


@pytest.mark.parametrize(
    ("body", "label"),
    [
        (
            "Dear Lee,\n\nThank you for interviewing with us. A hiring freeze has just been announced, so we can't "
            "make a decision on the role for now. We have not closed the process and will keep your application "
            "open; I'll update you after the budget review in March.",
            "still_deciding",
        ),
        (
            "Dear Lee,\n\nThe role is on hold for a few weeks while the budget is confirmed. Nothing has been "
            "decided and you are still very much in the running.",
            "still_deciding",
        ),
        (
            "Dear Lee,\n\nI'm sorry to say the role has been cancelled and we are closing the process, so we won't "
            "be hiring for it. Thank you for your time.",
            "rejection",
        ),
    ],
)
def test_paused_role_or_closed_role(body: str, label: str) -> None:
    assert classify(parse_message(mail(body, "Re: Marketing Lead"))).label == label
