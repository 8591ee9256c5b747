"""The words around a day that say whether it is a promise: cues of news to come, days set for
the candidate, closures, negations, the past, ranges, and days counted from another day.
English, German, French and Spanish side by side, as a sentence may mix them."""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Sentence ends, but not the dot of a German ordinal ("5. Dezember"), an abbreviation or a decimal.
_SENTENCE_END = re.compile(
    r"(?<![0-9])(?<!\b[A-Za-z])(?<!\bca)(?<!\bvs)(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bFr)(?<!\bHr)(?<!\bMag)(?<!\bProf)(?<!\bDipl)(?<!\bIng)[.!?]+(?:\s+|$)|\n\s*\n|[;•]"
    # After a number only before a capital that starts no month: "by January 4. We'll …", but
    # not "am 5. Dezember".
    r"|(?<=[0-9])(?<!\.[0-9])(?<!\.[0-9]{2})[.!?]\s+(?=(?!(?i:jan|jän|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec|déc|févr|avr|juil)\w*\b)"
    r"[A-ZÄÖÜÉÈ])"
)
# A comma ends a clause unless a date goes on after it ("Monday, November 30"), but not before a
# word that only starts like a month ("…, decision by 9/11").
_CLAUSE_END = re.compile(
    r",(?!\s*(?:[0-9]|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|den\b|dem\b|le\b|el\b))|\s[-–—]\s|\s?:\s|\b(?:as|because|since|while|but|"
    r"aber|mais|pero|daher|deshalb|donc|so\s+(?:that\s+)?(?:we|they|i|you|the))\b",
    _I,
)


# "Jan. 5", "Feb. 29th": the dot of a month's abbreviation before its day ends no sentence.
_MONTH_DOT = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.(?=\s*[0-9])", _I)


def _joined(text: str) -> str:
    joined = re.sub(r"(?<!\n)\n(?!\n)", " ", text)  # undo hard wrapping at ~72 columns
    return _MONTH_DOT.sub(r"\1", joined)


def sentences(text: str) -> list[str]:
    joined = _joined(text)
    return [s.strip() for s in _SENTENCE_END.split(joined) if s and s.strip()]


_TAG = re.compile(
    r"[,\s]\s*¿?\s*(?:dale|vale|ok(?:ay)?|right|alright|yeah|sí|oder|gell|ja|ne|d'accord|ça\s+(?:marche|te\s+va|vous\s+va)|"
    r"n'est-ce\s+pas|okey|va)\s*$",
    _I,
)


def questions(text: str) -> set[str]:
    """The sentences of `text` (as `sentences` gives them) that end in a question mark: a time
    proposed to the candidate ("Are you free on Monday?") promises no news."""
    joined = _joined(text)
    asked = set()
    start = 0
    for m in _SENTENCE_END.finditer(joined):
        # "Te confirmamos el martes, ¿dale?", "We'll call Friday, ok?": a tag asks nothing.
        if "?" in m[0] and not _TAG.search(joined, start, m.start()):
            asked.add(joined[start : m.start()].strip())
        start = m.end()
    return asked


def clause_around(sentence: str, position: int) -> tuple[int, int]:
    start, end = 0, len(sentence)
    for m in _CLAUSE_END.finditer(sentence):
        if m.end() <= position:
            start = m.end()
        elif m.start() >= position:
            end = m.start()
            break
    return start, end


# "… and …" joining two parts of a sentence, each with its own verb: not a range of days
# ("Thursday and Friday", "between the 3rd and the 5th" join days, not parts).
JOINED = re.compile(
    r"\s(?:and|und|y|et|e)\s+(?!(?:the\s+|le\s+|el\s+|den\s+|dem\s+|on\s+|am\s+)?(?:[0-9]|mon|tue|wed|thu|fri|sat|sun|"
    r"lun|mar|mer|jeu|ven|sam|dim|die|mit|don|fre|son|mié|jue|vie|sáb|dom|next|nächst|prochain|próxim|early|end|ende|"
    r"fin|mitte|mid|jan|feb|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|avr|mai|juin|juil|août|sept|déc|ene|abr|ago|"
    r"dic|mär|okt|dez|the\s+(?:[0-9]|day|week|end)))",
    _I,
)
# News to come for the candidate: an answer, a call, an update, an offer.
CUE = re.compile(
    r"\b(?:decision|decide|decid|hear\w*|revert|get(?:ting)?\s+back|be\s+in\s+touch|updat\w*|come\s+back|feedback|back\b|"
    r"let\s+(?:you|him|her|them|everyone|candidates|applicants|all\s+\w+)\s+know|return|away|out\s+of\s+(?:the\s+)?office|"
    r"until|till|respond|reply|contact\w*|(?:will|'ll|to|shall)\s+(?:\w+\s+)?(?:call|phone)|call\s+(?:you|u)\b|ring|news|answer|outcome|confirm\w*|expect\w*|circle\s+back|ping|"
    r"in\s+touch|anticipate|reach\w*\s+out|follow\w*\s+up|inform|know\b|notif\w*|offer|next\s+steps?|connect|touch\s+base|"
    r"tell\s+(?:you|everyone|all|candidates|applicants|them)\b|where\s+(?:you|they)\s+stand|announc\w*|"
    r"(?:will|shall)\s+be\s+(?:made|announced|notified|communicated|published)|publish\w*|publica\w*|releas\w*|publier\w*|publi\w+rons|veröffentlich\w*|estimamos|estiman|prevemos|al\s+tanto|"
    r"results?|resum\w*|restart\w*|choice|clarity|(?:will|'ll|shall)\s+shortlist|reopen|unfrozen|frozen|freeze|on\s+hold|paused|timeline|verdict|revisit|reconsider|clos\w*\s+the\s+loop|"
    r"wrap\w*|conclud\w*|review\w*|finali[sz]\w*|aim\w*|hop(?:e|ing)\s+to|plan\w*\s+to|approv\w*|receiv\w*|emailed|email\s+you|(?:get|have)\s+an?\s+(?:e-?mail|message|text|note|letter)\s+from|"
    r"tmrw|auf\s+sie\s+zu|circle\s+back|make\s+(?:the|a|our|their|its)\s+(?:\w+\s+)?(?:call|decision)|advis\w*|"
    r"text\s+(?:you|u)|message\s+(?:you|u)\b|flick\s+(?:you|u)\b|making\s+(?:the|a|our|their|its)\s+(?:\w+\s+)?(?:call|decision)|statu\w*|phone\s+you|get\s+a\s+call|a\s+call\s+from|reconnect|signs?\s+off|(?:have|get)\s+(?:it|them|this)\s+signed\s+off|drop\s+(?:you|u)\s+a\s+(?:line|note|message|mail|email)|(?:may|will|can|usually|typically)\s+take|te\s+digo|le\s+digo|"
    r"be\s+back\s+to\s+you|give\s+you\s+a\s+(?:bell|call|ring|shout)|shar\w*|allow\b|(?:usually|normally|typically)\s+takes?|"
    r"prononc\w*|au\s+courant|get\s+you\s+(?:a|an|the)\b|yes/no|"
    r"hör\w*|revien\w*|écri\w*|turnaround|making\s+calls|contamos|devoluci\w*|entscheid\w*|(?:wird|werden)\b[^.]{0,60}?\bentschieden|communiqu\w*|comunicar\w*|comunicaremos|tomará|llevará|tardar\w*|(?:on|je)\s+te\s+di[st]|comptez|vuelvo|regreso|je\s+rentre|dec(?:imos|iremos|ir)\b|diremos|cuento|contar\w*|contest\w*|"
    r"not\s+in\s+the\s+office|nicht\s+im\s+büro|pas\s+au\s+bureau|fuera\s+de\s+la\s+oficina|"
    r"send\w*|email\s+you|write\s+to\s+you|speak|talk|for\s+you\b|to\s+you\b|contract|paperwork|"
    r"entscheid|meld|rückmeld|bescheid|zurück|wieder|abwesend|urlaub|spätestens|informier|ergebnis|zusage|absage|"
    r"antwort|nachricht|hören|kontakt|erwarten|klarheit|feedback|erhalten|bekommen|schick|ruf|vertrag|angebot|"
    r"décision|décid|redi[st]\b|reviendr|reviens|retour|revenir|nouvelles|inform|tiendr|absente?|jusqu|réponse|recontact|"
    r"répond|appel|rappel|reven|contacter|résultat|recev|envo|contrat|proposition|fixé|retom|reprend|"
    r"decisión|decidir|definici|volver|volvere|vuelta|regres|reincorpor|contact|noticias|ausente|hasta|respuesta|resolución|"
    r"responder|respond|avis|informar|comunicar|novedades|resultado|llam|confirm|propuesta|oferta|escrib|recib|mand|"
    r"envi|contrato|retroaliment|retorn)",
    _I,
)
# Absence alone ("out until Friday", "im Urlaub bis …"): ranked after news and after a return day.
ABSENCE_ONLY = re.compile(
    r"^(?:away|until|till|out\s+of\s+(?:the\s+)?office|urlaub|abwesend|absente?|ausente|jusqu|hasta|"
    r"not\s+in\s+the\s+office|nicht\s+im\s+büro|pas\s+au\s+bureau|fuera\s+de\s+la\s+oficina)$",
    _I,
)
# Cue words that speak of the employer's own process, not of news for the candidate.
PROCESS_CUE = re.compile(
    r"^(?:decid\w*|decision|review\w*|wrap\w*|conclud\w*|finali[sz]\w*|aim\w*|hop(?:e|ing)\s+to|plan\w*\s+to)$", _I
)
# Words about the employer's own process ("final interviews wrap up tomorrow"): a sentence with
# only these comes after one that speaks of news to the candidate.
PROCESS_ONLY = re.compile(
    r"\b(?:wrap\w*|conclud\w*|finali[sz]\w*|selection|shortlist\w*|sign[\s-]off|approv\w*|meets?|interview\w*|"
    r"rencontr\w*|candidats|comité|gremium|tagt|interviews|entrevist\w*|review\w*|takes?|réuni\w*|reúne)\b",
    _I,
)
# The writer's own return day ("me reincorporo el lunes 24").
RETURN = re.compile(
    r"\breincorpor\w*|\bde\s+(?:vuelta|retour)\b|\bwieder\s+(?:im\s+büro|da|erreichbar)\b"
    r"|\b(?:i'm|i\s+am|i'll\s+be|i\s+will\s+be|will\s+be|i'll\s+return|i\s+return)\s+back\b|\bback\s+(?:in\s+(?:the\s+)?office|at\s+(?:my\s+desk|work))\b|\bbin\s+ich\s+wieder\b|"
    r"\bretornar\w*|\bde\s+retour\b|\bbin\s+(?:\S+\s+){0,5}?zurück\b|\bestaré\s+de\s+vuelta|\bserai\s+de\s+retour|"
    r"\b(?:i\s+will|i'll|will)\s+return\b|\breturning\s+(?:on\s+)?|\bwieder\s+im\s+(?:büro|haus)\b"
    # "… from 22 December and back on 12 January", "Vuelvo el lunes 18", "je rentre le 4".
    r"|\band\s+back\s+(?:on|from)\b|\bvuelvo\b|\bregreso\s+el\b|\bje\s+rentre\b|\bzurück\s+(?:am|ab)\b",
    _I,
)
# Someone coming back, whoever it is: "vuelve el 3 de marzo", "ab Montag wieder da", "back on the 20th".
COMING_BACK = re.compile(
    r"\b(?:vuelve|regresa|se\s+reincorpora|back\s+(?:on|from|in)|(?:who|he|she|they)(?:'s|\s+is|'re|\s+are)\s+back|returns?\s+(?:on|from)|wieder\s+(?:da|im\s+(?:büro|haus)|erreichbar)"
    r"|zurück|de\s+retour|rentre|revient"
    r"|(?:away|out|off|on\s+leave|abwesend|im\s+urlaub|absente?|ausente)\s+(?:\w+\s+)?(?:until|till|bis|jusqu|hasta))\b",
    _I,
)
# A promise for the moment someone is back, with no day of its own: "Sie meldet sich dann bei
# Ihnen", "Ahí te escribe", "she'll get back to you then", "il vous recontactera à son retour".
THEN = re.compile(
    r"\b(?:dann|danach|ahí|entonces|alors|à\s+ce\s+moment(?:-là)?|then|at\s+that\s+point|on\s+(?:her|his|their)\s+return"
    r"|à\s+son\s+retour|a\s+su\s+(?:regreso|vuelta)|nach\s+(?:seiner|ihrer)\s+rückkehr)\b",
    _I,
)
# "They won't decide before Friday" names no day of news.
NEGATED_CUE = re.compile(
    r"\b(?:won't|will\s+not|not|cannot|can't|unlikely\s+to|nicht|kein\w*|pas|no)\s+(?:\w+\s+){0,3}?"
    r"(?:decide|decision|hear|update|news|answer|know|finali[sz]e|entscheid|melden|décid|nouvelles|decid|noticias)"
    r"(?!\w*\s+(?:\w+\s+){0,3}?(?:until|till|bis|avant|hasta|before\s+(?:the\s+)?(?:end|christmas|holidays|new)))",
    _I,
)
# Someone else's absence ("the director is away until the 8th") promises no news on that day.
THIRD_PERSON_AWAY = re.compile(
    r"\b(?:(?:est|ist|sind|está|están)\s+(?:\S+\s+){0,6}?(?:en\s+congés?|en\s+vacances|absente?|im\s+urlaub|abwesend|verreist|krank|"
    r"de\s+vacaciones|fuera)\b"
    r"|(?:regresa|vuelve|kommt\s+\S+\s+(?:\S+\s+)?zurück)\b)|"
    r"\b(?:he|she|they|manager|director|lead|partner|recruiter|team|ceo|cto|founder|[A-Z][a-z]+)(?:\s+is|\s+are|'s|’s|\s+'s)\s+"
    r"(?:currently\s+)?(?:on\s+(?:holiday|vacation|leave|annual\s+leave)|away|out(?:\s+of\s+(?:the\s+)?office)?|travell?ing)\b"
    r"|\b(?:isn't|is\s+not|aren't|are\s+not|won't\s+be)\s+back\b|\b(?:she|he|they)(?:'s|'re|\s+is|\s+are)\s+back\b|['’]s\s+return\b|\b(?:only\s+)?(?:gets|comes)\s+back\b|\breturns\b|"
    r"\bist\s+(?:\S+\s+){0,7}?zurück\b|\b(?:il|elle)\s+(?:rentre|revient)\b(?!\s+vers)|\b(?:regresa|vuelve)\b|\b(?:has|have)\s+been\s+(?:away|travell?ing|on\s+(?:holiday|vacation|leave))\b"
    r"(?![^.]*\b(?:so|therefore|which\s+means)\b)",
    _I,
)
PAST = re.compile(
    # Not "will be emailed", "has to be sent": those are still to come.
    r"(?<!\bbe\s)\b(?:was|were|had|did|met|spoke|enjoyed|yesterday|thanks?\s+for|thank\s+you\s+for|last|ago|received|"
    # "all interviewed candidates": a word for who they are, not a past event.
    r"interviewed(?!\s+(?:candidates|applicants|people|finalists))|followed\s+up|applied|submitted|talked|emailed|sent|mandé|envié|hablé|tuve|suite\s+à|discussed|left|"
    r"tried|rejected|declined|(?<!-)called|phoned|rang|reviewed|done|chased|put\s+on\s+hold|besprochen|gesprochen|telefoniert|eu\s+lieu|tuvo\s+lugar|"
    r"war|hatten|gestern|letzte[nrs]?|était|hier|dernier|passée?s?|\w{2,}(?:aron|ieron)|m'a\s+(?:écrit|appelée?|répondu)|fue|ayer|pasado)\b",
    _I,
)
# A day the employer sets for the candidate: "please send your references by Friday".
_CANDIDATE_DOES = (  # matched as word starts: "return" also finds "returned"
    r"send|submit|complete|return|provide|upload|sign|confirm|reply|respond|get\s+back\s+to\s+(?:us|me)|fill|share|"
    r"forward|book|choose|select|pick|let\s+(?:us|me)\s+know|accept|review|finish|do|make|take|record|"
    r"erledig\w*|senden|schicken|reichen|übermitteln|geben|teilen|bestätigen|füllen|unterschreiben|laden|"
    r"envoyer|transmettre|renvoyer|confirmer|compléter|indiquer|faire\s+parvenir|retourner|"
    r"zuschicken|mitteilen|nennen|schick|"
    r"envía|envíe|envíanos|envíenos|manda|mande|completa|complete|confirma|confirme|responde|responda|enviar\w*"
)
# The candidate asked to do something, the verb after the day: "Können Sie uns Ihre Unterlagen bis
# Donnerstag schicken?", "could you send them over by Friday".
ASKS_YOU = re.compile(
    r"\b(?:bitte|können\s+sie|könnten\s+sie|kannst\s+du|could\s+you|can\s+you|would\s+you|pourriez[\s-]vous|"
    r"pouvez[\s-]vous|podrías|podría|puedes|puede)\b",
    _I,
)
VERB_AFTER = re.compile(r"^[^.;]{0,60}?\b(?:" + _CANDIDATE_DOES + r")\w*", _I)
# A new clause that starts over with the employer speaking: ", wir entscheiden …", "; we will …".
SPEAKER_AGAIN = re.compile(
    r"[,;:]\s+(?:and\s+|but\s+|then\s+|y\s+|et\s+|und\s+)?(?:wir|we|nous|nosotros|i|ich|je|yo|on)\b", _I
)
FOR_YOU = re.compile(
    r"(?:\b(?:please|kindly|could\s+you|can\s+you|would\s+you|you\s+(?:need|have|will\s+need)\s+to|you(?:'ll)?\s+must|"
    r"you\s+should|we\s+(?:require|ask\s+that\s+you)|make\s+sure\s+(?:you|to)|need\s+to|(?<!we\s)(?<!they\s)have\s+to|remember\s+to|to\s+do:?|must|à\s+faire|zu\s+erledigen|todo|por\s+hacer|pendiente:?|"
    r"bitte|sie\s+müssen|muss|müssen|können\s+sie|könnten\s+sie|kannst\s+du|merci\s+d(?:e|')|veuillez|pourriez[\s-]vous|il\s+faut|je\s+dois|por\s+favor|le\s+rogamos|"
    r"debes|debe|tengo\s+que|tienes\s+que|podrías|podría|puedes|puede|podéis|te\s+agradecer\w*\s+que|le\s+agradecer\w*\s+que)(?!\w)"
    r"(?:\W+\w+){0,3}?\W+(?:" + _CANDIDATE_DOES + r")\w*"
    r"|\b(?:ich\s+muss|muss\s+ich|soll(?:te)?\s+ich|ich\s+soll(?:te)?|nos\s+(?:envi|mand|hag|remit)\w*|que\s+nos\s+\w+)\b"
    r"|\blet\s+(?:us|me)\s+know\s+(?:your|if|whether|when|which)\b"
    r"|\b(?:wants?|needs?)\s+(?:a|an|your|the|my|our)\s+\w+"
    r"|\bmerci\s+d['’](?:" + _CANDIDATE_DOES + r")\w*"
    r"|\b(?:you\s+have\s+until|vous\s+avez\s+jusqu|tienes\s+hasta|tiene\s+hasta|sie\s+haben\s+bis|du\s+hast\s+bis|"
    r"gilt|gelten|valable|vaut)\b"
    r"|^\s*(?:mandar|enviar|completar|preparar|terminar|rellenar|send|submit|finish|prepare|complete|schicken|senden|"
    r"envoyer|préparer|finir|rendre)\b"
    # A start date: a day, but no news ("start date would be 1 March", "prise de poste le 1er juin").
    r"|(?<!confirm\syour\s)(?<!send\syour\s)\b(?:start\s+date|starting\s+date|(?:your|votre|ton|tu|su|ihr)\s+(?:first\s+day|premier\s+jour|primer\s+día|erster\s+(?:arbeits)?tag)|prise\s+de\s+poste|date\s+d'entrée(?:\s+en\s+fonction)?|entrée\s+en\s+fonction|dienstantritt|dienstbeginn|fecha\s+de\s+ingreso|arbeitsbeginn|starttermin|eintritt|fecha\s+de\s+incorporación|"
    # "Your start date will be Monday 1 March", "votre date de prise de poste est fixée au 4 janvier".
    r"starts?\s+on)(?:\s+(?:is|would\s+be|will\s+be|would|of|am|le|el|on|est|sera|fixée?|prévue?|au|ist|es|será))*\s*:?\s*"
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|lundi|mardi|mercredi|jeudi|vendredi|montag|dienstag|mittwoch|"
    r"donnerstag|freitag|lunes|martes|miércoles|jueves|viernes)\W{0,3})?$"
    # A vacancy's closing date: "Vacante cierra el 15", "applications close on 17 September".
    r"|\b(?:vacante|vacancy|vacancies|posting|applications?|postulaciones|convocatoria|candidatures|ausschreibung|bewerbungen)"
    r"\s+(?:\w+\s+){0,2}?(?:cierra|cierran|closes?|ferment?|ferme|endet|enden)\b(?=[^.]{0,20}$)"
    r"|\b(?:closing\s+date|fecha\s+de\s+cierre|date\s+de\s+clôture|bewerbungsschluss|bewerbungsfrist)\b(?=[^.]{0,25}$)"
    r"|\b(?:ouvertes\s+jusqu|abiertas\s+hasta)"
    r"|\b(?:need|want|require|need\s+to\s+have)\s+(?:your|you\s+to)\b|\bdeadline|\bvalid\b|\bexpires?\b|\bopen\s+until\b"
    r"|\b(?:fällig|frist|gültig|date\s+limite|valable|fecha\s+límite|plazo|válid[ao])\b|\bwir\s+bitten\s+um\b|\brücksendung\b"
    r"|\b(?:send\s+(?:us|me)|senden\s+sie|schicken\s+sie|nous\s+faire\s+parvenir)\b)[^.]*$",
    _I,
)
DECISION = re.compile(
    r"\b(?:decision|outcome|entscheidung|ergebnis|décision|résultat|decisión|resultado|answer|antwort|réponse|respuesta)\b",
    _I,
)
# Words right after a day that make it the day of a return: "ab dem 17.08. wieder im Büro".
BACK_AFTER = re.compile(r"^\W{0,3}(?:wieder|zurück)\b", _I)
# German perfect: "Wir haben Ihre Unterlagen am 3. Mai erhalten": the participle comes after the day.
PAST_AFTER = re.compile(
    r"^[^.]{0,40}?\b(?:erhalten|bekommen|geführt|gesprochen|besprochen|gesendet|geschickt|stattgefunden|eingegangen)\b",
    _I,
)
HAVE_BEFORE = re.compile(r"\b(?:haben|hat|habe|hatten|ist|sind)\b", _I)
# A note of what the user did that day: "heute beworben", "hoy mandé el CV", "candidature envoyée aujourd'hui".
DONE_THAT_DAY = re.compile(
    r"\b(?:beworben|abgeschickt|mandé|envié|apliqué|postulé|envoyée?s?|postulée?|chased|applied|sent|booked|had|"
    # "the board approved tonight": the employer's step done that day, not news to come.
    r"(?<!be\s)(?:approved|signed\s+off|agreed|genehmigt|approuvé|aprobó|aprobado))\b",
    _I,
)
# A clause that only goes on with the day: ", by 1/8", ", no later than Tuesday", ", spätestens am 3."
CONTINUES = re.compile(
    r"\s*(?:by|on|before|no\s+later\s+than|at\s+the\s+latest|latest|bis|spätestens|avant|au\s+plus\s+tard|d'ici|antes|hasta|"
    # "in Q4 - early Q4 realistically": a clause that names part of the period before it.
    r"early|mid|late|anfang|mitte|début|principios|mediados)\b",
    _I,
)
# An appointment already made ("your second interview is scheduled for Tuesday 6/30") is no news.
APPOINTMENT = re.compile(
    r"\b(?:interview|call|meeting|assessment|appointment|visit|onsite|start\s+date|entretien|gespräch|entrevista|slot|session)\w*\s+"
    r"(?:is\s+|will\s+be\s+|has\s+been\s+|ist\s+|est\s+|está\s+)?(?:scheduled|booked|confirmed|set|planned|fixed|am|le|el|"
    r"fixé|prévu|programmé|confirmé|geplant|angesetzt|vereinbart|bestätigt|programad[oa]|fijad[oa]|agendad[oa]|confirmad[oa])\b"
    r"|\b(?:interview|call|meeting)\s*\w*\s+(?:booked|scheduled|set)\s+(?:for|on)\b"
    r"|\b(?:interview|meeting|assessment)\s+will\s+take\s+place\b|"
    # "second interviews will be held on", "les entretiens auront lieu le", "das Gespräch findet am … statt",
    # "la entrevista se realizará el", "confirm your interview on", "Vorstellungsgespräch bei X am 19.8.",
    # "AMS-Termin 25.5.", "te esperamos el 1 de marzo": a day already set, no news.
    r"\b(?:interviews?|entretiens?|entrevistas?|assessments?|meetings?)\s+(?:\w+\s+)?(?:will\s+be\s+held|are\s+held|"
    r"is\s+held|takes?\s+place|auront?\s+lieu|se\s+(?:tiendr|realizar|llevar)\w*(?:\s+a\s+cabo)?|tendr\w+\s+lugar)\b|"
    r"\bconfirm\w*\s+(?:your|votre|su|tu|ihr\w*)\s+(?:\w+\s+)?(?:interview|appointment|assessment|entretien|rendez-vous|"
    r"entrevista|cita|termin|gespräch|vorstellungsgespräch)\w*\s+(?:on|for|at|le|el|am|is|:)|"
    r"\b\w*gespräch\w*\s+(?:\S+\s+){0,3}?am\b|\b(?:\w+-)?termin\s*:?\s*(?:am\s+)?$|"
    r"\b(?:te|le|los|las)\s+esperamos\b|\bnous\s+vous\s+attendons\b|\bwir\s+erwarten\s+(?:sie|dich)\b|"
    # A note of the user's own appointment, the day right after it: "intvw @ Oakridge tmrw 10am",
    # "entretien visio jeudi 14h", "call w/ recruiter Fri".
    r"^\W*(?:intvw|interview|entretien|entrevista|(?:vorstellungs)?gespräch|call|rdv|rendez-vous|termin)\b"
    r"(?:\s+(?:visio|vidéo|video|zoom|teams|tel|tél|téléphonique|phone|telefónica|online|virtual|virtuel))?"
    r"(?:\s*(?:@|at|w/|with|avec|chez|bei|mit|con)\s*[^,.;:\-–—]{1,40}?)?\s*$|"
    r"\bwe\s+look\s+forward\s+to\s+(?:seeing|welcoming|meeting)\s+you\b|\bdate\s+d'arrivée\b|\b(?:keep|hold)\s+your\s+(?:cv|resume|details)\s+on\s+file\b",
    _I,
)
# "Interviews take place in early September and we'll let you know by then": news by the day of
# the appointment after all.
BY_THEN = re.compile(r"\b(?:by\s+then|by\s+that\s+(?:day|date|time)|bis\s+dahin|d'ici\s+là|para\s+entonces)\b", _I)
# Opening hours name days that are no promise: "office hours are 9:30 to 6, Monday to Saturday".
OPENING_HOURS = re.compile(
    r"\b(?:office|opening|business|working)\s+hours\b|\bheures\s+d'ouverture\b|\böffnungszeiten\b"
    r"|\bhorario\s+de\s+(?:oficina|atención)\b",
    _I,
)
# "If the budget gets approved next week, we may reopen the role": a day inside a condition is
# no promise. ("If you haven't heard by Friday, call me" keeps its promise: see NOT_HEARD.)
CONDITION = re.compile(
    r"^\s*(?:if|unless|provided\s+that|wenn|falls|sofern|si|s'il)\b(?!.*\b(?:hear\w*|heard|entendu|gehört|noticias)\b)",
    _I,
)
# A condition that governs the clauses after it: "if we decide to move forward, we'll reach out by
# Friday", "should you be successful, …", "si su perfil avanza, lo contactaremos …", "falls es
# weitergeht, melden wir uns …": whatever the verb, news promised on a condition is no promise.
# Not a condition about not hearing ("if you haven't heard by Friday, call me"), about questions, or
# plain optimism ("if all goes well, we could have an offer for you by Friday" is a promise).
CONDITIONAL_CLAUSE = re.compile(
    r"(?:^|[,:]\s*|\b(?:and|und|et|y)\s+)(?:if|unless|should\s+(?:you|we|your|the|this|it|they)|in\s+(?:the\s+)?case|"
    r"once\s+we(?:'ve|\s+have)?\s+decided?|provided(?:\s+that)?|falls|wenn|sofern|sollten?\s+(?:sie|wir|ihre?|du)|"
    r"si|s'il|en\s+cas\s+de|au\s+cas\s+où|dans\s+le\s+cas\s+où|en\s+caso\s+de|de\s+(?:avanzar|ser|continuar|resultar|quedar))\b"
    r"(?![^,;]*\b(?:hear\w*|heard|entendu|gehört|noticias|nouvelles|questions?|fragen|preguntas|dudas|nichts|"
    r"goes\s+(?:well|to\s+plan|smoothly)|go\s+(?:well|to\s+plan)|all\s+being\s+well|alles\s+(?:gut|glatt)|klappt|"
    r"tout\s+(?:va|se\s+passe)\s+bien|todo\s+(?:va|sale)\s+bien)\b)"
    r"(?![^,;]*\b(?:not|nicht|pas|no)\b)",
    _I,
)
# "If funding comes through, we may reopen the role in Q2": a hedged main clause after a condition.
HEDGE = re.compile(
    r"\b(?:may|might|possibly|perhaps|maybe|vielleicht|eventuell|möglicherweise|peut-être"
    r"|quizás?|tal\s+vez)\b",
    _I,
)
# What someone said, reported after a past word: "spoke w/ recruiter, she said EOW", "Hablé con Raúl: el
# miércoles me dicen algo": the day is what was said, not when it was said.
REPORTED = re.compile(
    r"\b(?:said|says|told\s+(?:me|us)|mentioned|meinte|sagte|sagt|dijo|me\s+dijo|a\s+dit|m'a\s+dit)\b|:\s"
    # "spoke to recruiter, 'within a month'": what was said, quoted.
    r"|(?:^|\s)['\"‘“«„]",
    _I,
)
GERUND = re.compile(r"\s*\w+ing\b", _I)
FUTURE = re.compile(r"\b(?:will|'ll|shall|going\s+to|werden|wird|allons|vamos\s+a|\w{2,}(?:rán|remos|rons|ront))\b", _I)
# "El jueves me llamaron": a Spanish preterite right after the day makes it a day in the past.
PAST_RIGHT_AFTER = re.compile(r"^[^.,;]{0,15}?\b\w{2,}(?:aron|ieron)\b", _I)
# "… by Friday, please", "… by Friday at the latest so that we can …" stay with the candidate.
FOR_YOU_AFTER = re.compile(
    # "te esperamos el 1 de marzo, tu primer día": a first day named right after the day.
    r"\W{0,4}(?:(?:your|tu|su|votre|ton|ihr|dein)\s+(?:first\s+day|primer\s+día|premier\s+jour|erster\s+(?:arbeits)?tag)|"
    r"(?:first|primer|premier)\s+(?:day|día|jour))\b|"
    r"\s*(?:,\s*)?(?:please|if\s+possible|so\s+(?:that\s+)?we\s+can|bitte|s'il\s+vous\s+plaît|por\s+favor)\b"
    # "bis Mi an Fr. Kuhn schicken": an abbreviation's dot stays within the words between.
    r"|\s*(?:[\w.]+\s+){0,4}?(?:gültig|valable|válid[ao]|valid|erledigt|fertig|abgegeben|eingereicht|done|submitted|"
    r"zurücksenden|zurückschicken|zusenden|einreichen|nachreichen|abgeben|hochladen|ausfüllen|unterschreiben)\b"
    # A note's infinitive at its end is a task ("… an Fr. Kuhn schicken!"); "schicken können" is the employer.
    r"|\s*(?:[\w.]+\s+){0,4}?(?:schicken|senden)\s*!*$",
    _I,
)
CLOSURE = re.compile(
    r"\bzwischen\s+den\s+jahren\s+zu\b|\b(?:betriebsurlaub|vacaciones\s+colectivas|congés\s+collectifs|fermeture\s+annuelle|company\s+shutdown)\b|\b(?:closed|(?<!q[1-4]\s)(?<!quarter\s)closes|closure|reopens|shut\w*(?:\s+down)?|office\s+will\s+be|geschlossen|betriebsferien|fermée?s?|fermeture|cerrad[oa]s?|cerramos(?!\s+(?:el|este|nuestro)\s+proceso)|cierre\s+(?:de\s+la\s+oficina|por\s+vacaciones|de\s+fin\s+de\s+año)"
    # "we close for the summer break", "cierran por vacaciones hasta el 20".
    r"|close\s+(?:for|over)\s+the\b|cierran?\s+por\s+vacaciones)\b",
    _I,
)
# A cue that only says the office opens again ("reopening on 5 January"): no news with it.
REOPENING = re.compile(r"re-?open|réouv|reabr|wieder\s*(?:geöffnet|offen|da)", _I)
# "… closed over the holidays, so expect news in the week of 4 January" is a promise after all.
AFTER_CLOSURE = re.compile(
    r"\b(?:so|but|then|therefore|after\s+which|expect\w*|we(?:'ll|\s+will)(?!\s+be\s+(?:closed|shut))|you(?:'ll|\s+will)|i(?:'ll|\s+will)|(?:he|she|they)(?:'ll|\s+will)|mit\s+einer|deshalb|daher|danach|donc|ensuite|"
    r"por\s+lo\s+que|así\s+que|después|je\s+reviens|nous\s+revenons|on\s+revient)\b",
    _I,
)
# "Out until the 21st": the last day away, not the day back.
UNTIL_BEFORE = re.compile(
    r"(?:\buntil|\btill|\bthrough|\bfrom|\bstarting|\bbis(?:\s+einschließlich|\s+zum|\s+inklusive)?|\bab(?:\s+dem)?|\bjusqu'(?:au|à)|"
    r"\bà\s+partir\s+du|\bdès\s+le|\bhasta(?:\s+el)?|\bdesde(?:\s+el)?|\ba\s+partir\s+del|\bdu\b.*\bau)"
    r"\s*(?:(?:the|le|el|den|dem)\s+)?(?:\w+,?\s+)?$",
    _I,
)
# A first-person promise of news to the candidate: such a sentence beats one that only reports.
STRONG = re.compile(
    r"\b(?:i|we)(?:'ll|\s+will|\s+shall|'d|\s+aim\s+to|\s+hope\s+to|\s+expect\s+to|\s+plan\s+to)\b[^.]{0,40}?"
    r"\b(?:get\s+back|reach\s+out|be\s+in\s+touch|let\s+(?:you|everyone|all\s+\w+|candidates|applicants)\s+know|update\s+you|contact\s+you|call\s+you|"
    r"come\s+back\s+to\s+you|revert|send\s+you|inform\s+you|write\s+to\s+you|email\s+you|confirm|circle\s+back|"
    r"follow\s+up|ping\s+you|expect\s+(?:a|an|the|to\s+have\s+a)\s+(?:decision|answer|update|call|email|offer)|have\s+(?:an\s+answer|news|an\s+update|feedback)\s+for\s+you)"
    r"|\byou(?:'ll|\s+will|\s+should|'d|\s+would)\s+(?:hear|receive|get|have)\b"
    # "Expect to hear from us by 1/7", "hear back from me by Friday".
    r"|\bhear\s+(?:back\s+)?from\s+(?:us|me)\b"
    # "we'll phone successful candidates on the 4th", "we will contact all applicants by Friday".
    r"|\b(?:will|'ll|shall)\s+(?:call|phone|ring|contact|email|notify|inform)\s+(?:all\s+|the\s+)?"
    r"(?:successful|shortlisted|selected)?\s*(?:candidates|applicants|everyone)\b"
    r"|\bexpect\s+(?:a|an|the|our|their|to\s+have\s+a)\s+(?:decision|answer|update|call|email|offer|reply|response)\b"
    r"|\b(?:will|'ll|shall)\s+(?:\w+\s+){0,2}?(?:get\s+back\s+to\s+you|reach\s+out|let\s+you\s+know|contact\s+you|call\s+you|"
    r"phone\s+you|ring\s+you|text\s+(?:you|u)|email\s+you|be\s+in\s+touch|give\s+you\s+a\s+(?:bell|call|ring|shout)|"
    r"confirm|update\s+you|be\s+back\s+to\s+you|come\s+back\s+to\s+you|reconnect)\b"
    r"|\bdu\s+(?:bekommst|hörst|erhältst)\b"
    r"|\b(?:melden\s+uns|melde\s+mich|hören\s+sie|sie\s+hören|erhalten\s+sie|sie\s+erhalten|bekommen\s+sie|sie\s+bekommen|"
    r"geben\s+ihnen|werden\s+ihnen|wir\s+geben\s+ihnen)\b"
    r"|\b(?:nous\s+reviendrons|je\s+reviens|je\s+reviendrai|vous\s+recevrez|vous\s+aurez|nous\s+vous\s+\w+rons|je\s+vous\s+\w+rai|"
    r"vous\s+donner\s+une\s+réponse|vous\s+répondre|vous\s+rappeler|vous\s+recontacter|je\s+vous\s+appelle)\b"
    r"|\b(?:te|le|les|os)\s+(?:\w+remos|\w+ré)\b|\bnos\s+pondremos\b|\brecibirás\b|\btendrás\b"
    # "nous finalisons les entretiens et reviendrons vers vous …": a promise whose "nous" is left out.
    r"|\b(?:reviendr|recontacter|informer|rappeler|répondr|écrir)ons\b",
    _I,
)
RANGE_JOIN = re.compile(
    r"\s*,?\s*(?:or|to|and|-|–|—|through|thru|until|bis|oder|und|ou|au|à|et|o|y|al|a|hasta|no\s+later\s+than|"
    r"or\s+at\s+the\s+latest|at\s+the\s+latest\s+by|spätestens(?:\s+aber)?|au\s+plus\s+tard|a\s+más\s+tardar)?\s*"
    r"(?:by\s+|on\s+|the\s+|le\s+|el\s+|den\s+|am\s+)?",
    _I,
)
# "2 wks", "end of next wk": the shorthand of "week(s)", read as the word.
WEEK_SHORT = re.compile(r"\b(wk)(s?)\b", _I)
END_OF_DAY_BEFORE = re.compile(
    r"\b(?:the\s+)?(?:end\s+of\s+(?:the\s+)?(?:business\s+|working\s+)?day|eod|cob|close\s+of\s+business)\s+"
    r"(?=tomorrow\b|on\s+\w+day\b|\w+day\b)",
    _I,
)
_LONG = {"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_COUNT = {
    "a": 1,
    "vier": 4,
    "fünf": 5,
    "quatre": 4,
    "cinq": 5,
    "cuatro": 4,
    "cinco": 5,
    "seven": 7,
    "ten": 10,
    "zwei": 2,
    "drei": 3,
    "deux": 2,
    "trois": 3,
    "dos": 2,
    "tres": 3,
    "a couple": 2,
    "a couple of": 2,
    "a day or two": 2,
    "a few": 3,
    "a couple of days": 2,
    "one or two days": 2,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
}
DAY_AFTER = re.compile(
    # "the following Tuesday", "the Monday after" (not "the Monday after next"), "le mardi suivant",
    # "el martes siguiente", "am darauffolgenden Dienstag": the first such day after the other day.
    r"\bthe\s+following\s+(?P<nextwd>monday|tuesday|wednesday|thursday|friday)\b"
    r"|\bthe\s+(?P<nextwd2>monday|tuesday|wednesday|thursday|friday)\s+after\b(?!\s+(?:next|this|that\s+week))"
    r"|\ble\s+(?P<nextwd3>lundi|mardi|mercredi|jeudi|vendredi)\s+(?:suivant|d'après)\b"
    r"|\bel\s+(?P<nextwd4>lunes|martes|miércoles|miercoles|jueves|viernes)\s+(?:siguiente|posterior)\b"
    r"|\bam\s+(?:darauffolgenden|folgenden)\s+(?P<nextwd5>montag|dienstag|mittwoch|donnerstag|freitag)\b"
    # "references due back by the 8th, then allow 5 working days for the decision".
    r"|\bthen\s+(?:allow|give\s+(?:it|us|them)|wait|expect)\s+(?:up\s+to\s+|about\s+|around\s+)?(?P<nthen>[1-9]|10|one|two|three|four|five|seven|ten|a\s+few|a\s+couple\s+of)\s+(?P<bizthen>business\s+|working\s+)?days\b"
    # "within a fortnight of that".
    r"|\b(?:within\s+)?(?P<fortnight>a|one)\s+fortnight\s+(?:of|after|from)\s+(?:it|that|then|the\s+\w+(?:\s+date)?)\b|\b(?P<weekend>(?:by\s+)?(?:the\s+)?end\s+of\s+that\s+week|(?:in\s+|during\s+)?that\s+(?:same\s+)?week|cette\s+semaine-là|esa\s+(?:misma\s+)?semana)\b|\b(?P<weekafter>the\s+(?:following\s+)?week\s+after(?:\s+that)?|the\s+following\s+week|(?:in\s+)?der\s+woche\s+darauf|(?:in\s+)?der\s+folgenden\s+woche|la\s+semaine\s+(?:suivante|d'après)|la\s+semana\s+siguiente)\b(?!\s+next)"
    r"|\b(?:the\s+)?(?:day|morning|afternoon)\s+after(?!\s+(?:tomorrow|next|that\s+week))\b(?!\s+(?:the|our|your|my|christmas|new))"
    r"|\bthe\s+(?:following|next)\s+(?P<bizen>business\s+|working\s+)?day\b|\ba\s+day\s+later\b"
    r"|\b(?P<n>one|two|three|four|five|[1-5]|a\s+couple(?:\s+of)?|a\s+day\s+or\s+two|a\s+few)\s+(?P<biz>business\s+|working\s+)?(?:days?\s+)?(?:later|after(?:wards|\s+that)?|of\s+that)\b"
    r"|\b(?:within\s+)?(?P<n2>a\s+day\s+or\s+two|a\s+couple\s+of\s+days|one\s+or\s+two\s+days)\s+(?:of|after)\s+(?:that|it)\b"
    r"|\b(?:within\s+)?(?P<nwithin>[1-9]|one|two|three|four|five|seven|ten)\s+(?P<bizwithin>business\s+|working\s+)?days\s+of\s+(?:it|that|the\s+\w+|(?:his|her|their)\s+return|(?:receiving|getting|hearing\s+from)\s+\w+|(?:us\s+|our\s+|the\s+office\s+)?\w+ing)\b"
    r"|\b(?:within\s+)?(?P<nweeks>a|one|two|three|four|[1-4])\s+weeks?\s+(?:of|after|from)\s+(?:it|that|then|the\s+\w+(?:\s+date)?)\b"
    r"|\b(?:the\s+)?(?:next\s+morning|morning\s+after)\b"
    r"|\b(?P<nlong>six|seven|eight|nine|ten|[6-9]|10)\s+(?P<bizlong>business\s+|working\s+)?days\s+(?:after|of|from)\s+(?:it|that|the\s+\w+)\b"
    r"|\b(?P<week1>(?:une|one|a|eine|una)\s+(?:semaine|week|woche|semana)\s+(?:après|later|after|später|danach|después))\b"
    r"|\bam\s+(?:tag\s+(?:danach|darauf)|folgetag|darauffolgenden\s+tag|nächsten\s+tag)\b|\btags\s+darauf\b"
    r"|\b(?P<nde>zwei|drei|[1-5])\s+(?P<bizde>werk|arbeits)?tage\s+(?:später|danach)\b"
    r"|\ble\s+lendemain\b|\ble\s+jour\s+suivant\b|\b(?P<nfr>deux|trois|[1-5])\s+jours(?P<bizfr>\s+ouvrés|\s+ouvrables)?\s+(?:plus\s+tard|après)\b"
    r"|\bal\s+día\s+siguiente\b|\bel\s+día\s+(?:después|siguiente)\b|\b(?P<nes>dos|tres|[1-5])\s+días(?P<bizes>\s+hábiles|\s+laborables)?\s+(?:después|más\s+tarde)\b"
    # "innerhalb von zwei Wochen nach Fristende", "dans les deux semaines qui suivent la clôture",
    # "dentro de los dos días hábiles siguientes": counted from the day named before.
    r"|\b(?P<nwfor>zwei|drei|vier|deux|trois|quatre|dos|tres|cuatro|[1-4])\s+(?:wochen\s+(?:nach|danach)|semaines\s+(?:qui\s+suivent|suivantes|suivant|après)|semanas\s+(?:siguientes|posteriores|después))\b"
    r"|\b(?P<ndfor>zwei|drei|fünf|deux|trois|cinq|dos|tres|cinco|[1-9])\s+(?:(?P<bizfor>werk|arbeits)tage\s+(?:nach|danach)|jours(?P<bizfor2>\s+ouvrés|\s+ouvrables)?\s+(?:qui\s+suivent|suivants|suivant)|días(?P<bizfor3>\s+hábiles|\s+laborables)?\s+(?:siguientes|posteriores))\b",
    _I,
)

# Any span followed by a word that counts it from another day ("within a fortnight of applications
# closing", "binnen einer Woche danach", "dentro de los 10 días hábiles posteriores", "within 2
# working days post the interview"), whatever the noun after the word: the span counts from the
# day the message names before it. Not "from now", "of receipt of your documents", "after next".
SPAN_FROM = re.compile(
    r"\s*(?:of|after|following|from|since|post|thereafter|afterwards|danach|darauf|nach|später|après|suivant\w*|"
    r"qui\s+suiv\w+|suite\s+à|à\s+compter\s+d\w*|plus\s+tard|después|posterior\w*|siguientes?|a\s+partir\s+d\w*|tras|"
    r"más\s+tarde)\b(?!\s+(?:now|today|heute|jetzt|hoy|ahora|maintenant|aujourd|receipt|réception|recepción|erhalt|eingang|"
    r"your|you|ihrer|ihres|votre|vos|su|sus|tu|tus|next|nächst\w*|prochain\w*|próxim\w*|this|diesem|dieser|ce|cette|este|esta))",
    _I,
)
# A weekday counted from another day: "am Montag darauf", "le lundi d'après", "el lunes posterior".
WEEKDAY_FROM = re.compile(r"\s*(?:darauf|danach|d'après|suivant|siguiente|posterior|after\s+that)\b", _I)
# A span after words that count from the day named before: "Abschlussgespräch am 15.2. Danach gibt's
# Bescheid innert 3 Arbeitstagen", "Psicotécnico el 12/8. Después de eso, en una semana me dan la respuesta".
FROM_THEN_BEFORE = re.compile(
    r"\b(?:after\s+that|thereafter|afterwards|danach|darauf(?:hin)?|anschließend|ensuite|après\s+(?:cela|ça|quoi)|"
    r"después(?:\s+de\s+eso)?|tras\s+eso|a\s+partir\s+de\s+ahí)\b[^.;]{0,60}$",
    _I,
)


def next_weekday(m: re.Match[str]) -> str | None:
    """The weekday of "the following Tuesday", "the Monday after", "le mardi suivant", as written."""
    return m["nextwd"] or m["nextwd2"] or m["nextwd3"] or m["nextwd4"] or m["nextwd5"]


def days_after(m: re.Match[str]) -> tuple[int, bool]:
    """(days, counted in business days) for a DAY_AFTER match."""
    if m["weekend"] or next_weekday(m):
        return 0, False
    if m["fortnight"]:
        return 14, False
    if m["nthen"]:
        then = " ".join(m["nthen"].lower().split())
        count = int(then) if then.isdecimal() else _COUNT[then]
        return count, bool(m["bizthen"]) or then in ("a few", "a couple of")
    if m["weekafter"]:
        return 7, False
    if m["week1"]:
        return 7, False
    if m["nweeks"]:
        weeks = m["nweeks"].lower()
        return 7 * (int(weeks) if weeks.isdecimal() else _COUNT[weeks]), False
    if m["nwfor"]:
        weeks = m["nwfor"].lower()
        return 7 * (int(weeks) if weeks.isdecimal() else _COUNT[weeks]), False
    if m["ndfor"]:
        days = m["ndfor"].lower()
        return (int(days) if days.isdecimal() else _COUNT[days]), bool(m["bizfor"] or m["bizfor2"] or m["bizfor3"])
    if m["nlong"]:
        long = m["nlong"].lower()
        return (int(long) if long.isdecimal() else _LONG[long]), bool(m["bizlong"])
    word = m["n"] or m["n2"] or m["nwithin"] or m["nde"] or m["nfr"] or m["nes"]
    if word is None:
        return 1, bool(m["bizen"])
    key = " ".join(word.lower().split())
    count = int(key) if key.isdecimal() else _COUNT[key]
    # Estimates ("a couple of days after") are thought of in working days, as everywhere else.
    business = any(m[g] for g in ("biz", "bizwithin", "bizde", "bizfr", "bizes"))
    return count, business or key in (
        "a couple",
        "a couple of",
        "a day or two",
        "a few",
        "a couple of days",
        "one or two days",
    )
