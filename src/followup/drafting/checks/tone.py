"""`pushy` and `asks-if-filled`: phrases that put pressure on the reader.

The playbook: show interest without pressure, and a thank-you does not ask
whether the job is filled (that question waits for the status check). Each
pushy phrase comes with a gentler way to say what it means; "just checking in"
is only mild (info).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup.drafting.checks.text import Doc
from followup.drafting.model import DraftKind, Finding, Severity

_I = re.IGNORECASE
_PUSHY = (
    (r"\bI (?:really |badly |desperately )?need (?:this|the) (?:job|position|role)\b", Severity.WARNING,
     "say why you want the role rather than that you need it"),
    (r"\bdesperate(?:ly)?\b", Severity.WARNING, "show steady interest instead of urgency"),
    (r"\bASAP\b|\bas soon as possible\b|\burgent(?:ly)?\b", Severity.WARNING,
     "ask for an update without setting them a deadline"),
    (r"\bI (?:still )?(?:haven[’']?t|have not|didn[’']?t|did not) (?:yet )?(?:heard(?: back| anything)?(?: from you)?"
     r"|(?:received|gotten|got) (?:a|any) (?:reply|response|answer))\b", Severity.WARNING,
     "leave out the reproach and simply ask whether there is an update"),
    (r"\bwhy (?:haven[’']?t|have(?:n't)? you not|didn[’']?t|has(?:n[’']?t)? no one)\b", Severity.WARNING,
     "ask what the timeline is rather than why there was no answer"),
    (r"\b(?:I am|I[’']m|I have been|I[’']ve been) (?:still )?waiting\b|\bstill waiting\b", Severity.WARNING,
     "say you remain interested instead of that you are waiting"),
    (r"\b(?:as )?per my (?:last|previous|earlier) (?:email|e-mail|message|note)\b", Severity.WARNING,
     "mention your earlier email neutrally, e.g. “I wrote on Monday about …”"),
    (r"\bfollowing up (?:again|once more|one more time|yet again)\b|\bfollow(?:ing)?[ -]up for the "
     r"(?:second|third|fourth|last) time\b", Severity.WARNING, "one friendly follow-up reads better than a count"),
    (r"\b(?:please (?:respond|reply)(?: (?:soon|quickly|promptly|now))?|I expect (?:a|an|your) "
     r"(?:response|reply|answer|decision))\b", Severity.WARNING, "ask, don't demand: “I'd be grateful for an update”"),
    (r"\b(?:you (?:owe|ignored)|being ignored|waste of (?:my )?time|last chance|final (?:notice|warning))\b",
     Severity.WARNING, "keep it gracious; bitterness closes the door"),
    (r"\bjust (?:checking|touching base|following up|bumping)\b|\bbump(?:ing)? this\b", Severity.INFO,
     "say why you write, e.g. “I remain very interested in the … role”"),
)  # fmt: skip
_PATTERNS = tuple((re.compile(p, _I), severity, advice) for p, severity, advice in _PUSHY)
_BANGS = re.compile(r"[!?]*!{2,}[!?]*|\?+!+[!?]*|!+\?+[!?]*")

THANKING = (DraftKind.THANK_YOU_EMAIL, DraftKind.THANK_YOU_LETTER)
_FILLED = re.compile(
    r"\b(?:position|role|job|vacancy|opening|post)\b[^.?!\n]{0,40}?\b(?:(?:been |already |yet )*(?:filled|taken)"
    r"|still (?:open|available|vacant))\b"
    r"|\bfilled the (?:position|role|job|vacancy|opening|post)\b"
    r"|\b(?:hired|chosen|selected|picked|found|offered (?:it|the (?:position|role|job)) to) (?:someone|somebody|anyone"
    r"|anybody|a candidate|another candidate|the successful candidate)\b",
    _I,
)
_DECISION = re.compile(
    r"\b(?:made|reached|come to) (?:a|your|the|any) (?:final )?(?:decision|choice)\b|\bdecided\b", _I
)
_ASKING = re.compile(r"\b(?:whether|if|wonder(?:ing|ed)?)\b", _I)
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")


def check_pushy(doc: Doc) -> Iterator[Finding]:
    for pattern, severity, advice in _PATTERNS:
        for match in pattern.finditer(doc.text):
            message = f"“{match.group()}” can read as pressure; {advice}."
            yield doc.finding("pushy", severity, message, match.start(), match.end())
    for match in _BANGS.finditer(doc.text):
        yield doc.finding(
            "pushy", Severity.WARNING, "Several “!” in a row read as pushy; one at most.", match.start(), match.end()
        )
    singles = [m.start() for m in re.finditer("!", doc.text)]
    if len(singles) > 2 and not _BANGS.search(doc.text):
        third = singles[2]
        yield doc.finding(
            "pushy", Severity.WARNING, "Three or more “!” read as pushy; keep one at most.", third, third + 1
        )


def check_asks_if_filled(doc: Doc) -> Iterator[Finding]:
    if doc.context.kind not in THANKING:
        return
    for sentence in _SENTENCE.finditer(doc.text):
        text = sentence.group()
        if not (text.rstrip().endswith("?") or _ASKING.search(text)):
            continue  # "Have you decided?" asks; "once you have decided, ..." does not
        match = _FILLED.search(text) or _DECISION.search(text)
        if match is not None:
            start = sentence.start() + match.start()
            yield doc.finding(
                "asks-if-filled",
                Severity.ERROR,
                "A thank-you should not ask whether the job is filled or decided; keep that for the status check.",
                start,
                sentence.start() + match.end(),
            )
