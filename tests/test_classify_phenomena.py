"""Phenomena a blind set showed the reader lacked, each written anew here in another language or
wording than the set's message (none is copied from a labelled set): the label a person gives it."""

from __future__ import annotations

import pytest

from followup.mail.parse import parse_message
from followup.reading.classify import classify

DATE = "Tue, 17 Nov 2026 10:05:00 +0000"


def label_of(body: str, subject: str, sender: str = "someone@company.example") -> str:
    raw = f"From: {sender}\nSubject: {subject}\nDate: {DATE}\n\n{body}".encode()
    return classify(parse_message(raw)).label


@pytest.mark.parametrize(
    ("body", "subject", "label"),
    [
        # The interviewer cancels tomorrow's meeting and proposes new times: the interview moves, no "no".
        (
            "Liebe Frau Brandt,\n\nich muss unser Gespräch am Donnerstag leider absagen, weil ich kurzfristig "
            "verreisen muss. Können wir es auf nächste Woche verschieben? Mittwoch 10 Uhr wäre möglich.\n\n"
            "Viele Grüße\nK. Wolf",
            "Unser Termin am Donnerstag",
            "next_round",
        ),
        (
            "Hi Sam, so sorry, something came up and I need to reschedule our interview tomorrow. "
            "Would Friday at 2pm or Monday at 11am work instead?\n\nThanks, Dana",
            "Tomorrow",
            "next_round",
        ),
        # Come and meet us, said casually.
        (
            "Hola Marta:\n\nnos ha encantado tu propuesta. ¿Te viene bien venir el martes a la oficina a conocernos? "
            "Dime a qué hora te va mejor.\n\nUn abrazo,\nLuis",
            "Tu propuesta",
            "next_round",
        ),
        # Through to the final round, with the dates still to come.
        (
            "Hi Ade,\n\nGood news: you're through to the final stage! We're lining up the panel for early March "
            "and I'll come back to you with times next week.\n\nBest,\nRuth",
            "Final stage",
            "next_round",
        ),
        # An interview confirmed by an agency, with whom the candidate will meet.
        (
            "Hi Tom,\n\nAs discussed on the phone, I can confirm your interview with my client on Thursday at 2.30pm "
            "at their Leeds office. You'll meet the Head of Sales and the HR Director.\n\nGood luck!\nJess",
            "Interview confirmed",
            "next_round",
        ),
        # A hiring pause while the budget is voted: still deciding, the application stays active.
        (
            "Dear Ms Perez,\n\nRecruitment for the Policy Officer role has been suspended until the supplementary "
            "budget is approved. Your application remains under consideration and we will contact you as soon as "
            "the process resumes.\n\nHuman Resources",
            "Policy Officer recruitment",
            "still_deciding",
        ),
        (
            "Bonjour Madame,\n\nLe recrutement du poste de responsable qualité est temporairement suspendu suite à "
            "une réorganisation. Votre candidature reste à l'étude et nous reviendrons vers vous dès sa reprise.\n\n"
            "Le service RH",
            "Votre candidature",
            "still_deciding",
        ),
        # A written test failed: a rejection without the usual words.
        (
            "Dear Mr Ito,\n\nWe regret that you did not pass the written examination for the Legal Officer "
            "competition. You scored 48/100; the pass mark was 60.\n\nSelection Office",
            "Result of your written examination",
            "rejection",
        ),
        (
            "Madame,\n\nNous vous informons que vous n'êtes pas admise à l'épreuve orale : votre note est inférieure "
            "au seuil de réussite.\n\nLe jury",
            "Résultat de l'épreuve écrite",
            "rejection",
        ),
        # An offer said plainly by a small employer, with a document to bring.
        (
            "Priya, we talked it over and we want you for the office manager job. $26/hr, full benefits after 60 days. "
            "Can you start on the 4th? Bring your ID on the first day.\n\nBob",
            "The job",
            "offer",
        ),
        # Events for many and a cold approach: nothing about this application.
        (
            "Liebe Frau Kurz,\n\ndie Jobmesse Nord öffnet am 3. März ihre Türen – über 80 Arbeitgeber, Vorträge und "
            "erste Gespräche direkt am Stand. Holen Sie sich jetzt Ihr kostenloses Ticket!\n\nIhr Messeteam",
            "Einladung zur Jobmesse Nord",
            "other",
        ),
        (
            "Hi Lee,\n\nI'm working with a fast-growing fintech that is hiring a Head of Data. They have finished "
            "first interviews and want two more strong people for the final stage. Interested? Send me your CV.\n\nMo",
            "Head of Data - fintech",
            "other",
        ),
        # A small team's auto-reply that does not say "automatic".
        (
            "Thanks for your note! This inbox is checked twice a week, so please allow a few days for a reply.\n\n"
            "The Pine Street Bakery team",
            "Re: Baker role",
            "auto_reply",
        ),
        # Questions about the application, sent from a tracking system.
        (
            "Hi Noor,\n\nThe hiring team has a few questions about your application for Sound Designer:\n"
            "1. Can you share a reel of your recent work?\n2. Which middleware have you used?\n\nReply here.",
            "A few questions about your application",
            "info_request",
        ),
        # Tracking systems' shapes: a new time to choose, an incomplete application, a step "in review".
        (
            "Hi Kim,\n\nYour interviewer is no longer available at the agreed time. Please pick a new time for "
            "your Technical Interview in the portal.\n\nRecruiting team",
            "Reschedule request: Technical Interview",
            "next_round",
        ),
        (
            "Hallo Jan,\n\nanbei wie besprochen die Kalendereinladung für unser Gespräch am Dienstag. Bitte melden "
            "Sie sich am Empfang.\n\nGrüße\nE. Roth",
            "Einladung: Vorstellungsgespräch",
            "next_round",
        ),
        (
            "Dear Applicant,\n\nYour application for Data Engineer is incomplete. The following documents are "
            "missing: a copy of your degree certificate. Please sign in to upload them.\n\n"
            "This message was generated automatically.",
            "Missing information in your application",
            "info_request",
        ),
        (
            "Hola Ana:\n\nTu solicitud está incompleta: falta indicar tu disponibilidad para trabajar los fines de "
            "semana. Complétala en el portal.\n\nEste mensaje se ha generado automáticamente.",
            "Completa tu solicitud",
            "info_request",
        ),
        (
            'Dear Lena,\n\nYour application for Analyst has moved to the "In Review" step. The hiring team will '
            "review your candidacy over the coming weeks.\n\nThis email was sent from an unmonitored mailbox.",
            "Your application is in review",
            "still_deciding",
        ),
        (
            "hola Pedro, al final han contratado a otra persona, lo siento mucho. suerte!!\n\nEnviado desde mi móvil",
            "Re: puesto de cocinero",
            "rejection",
        ),
    ],
)
def test_the_label_a_person_gives(body: str, subject: str, label: str) -> None:
    assert label_of(body, subject) == label
