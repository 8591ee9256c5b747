"""English cues, one row each: (label, weight, pattern).

Weights: 3 decides on its own, 2 is strong, 1 only supports. Positive cues (offer,
next_round) are dropped by the classifier when a negation comes just before them
in the same clause, so the rejection rows spell out their negations themselves.
"""

# Long rows stay whole: a regex split mid-alternation is harder to read than a long line.
# ruff: noqa: E501

from __future__ import annotations

_OTHER_PEOPLE = (
    r"(?:an?other|other|the\s+other|a\s+different|different|an?\s+(?:internal|external|stronger)|someone|somebody"
    r"|a\s+candidate|an\s+applicant|a\s+finalist|one\s+of\s+(?:the|our)\s+other)"
)
_PROGRESS = (
    r"(?:move|moving|go|going|proceed|proceeding|progress|progressing|take|taking|advance|advancing|continue"
    r"|continuing|pursue|pursuing)"
)
_DAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# A test or case study the candidate already did ("your case study", "completing the take-home",
# "die Case Study") names the past, not an invitation: such mentions are skipped.
_NOT_DONE = r"(?<!your\s)(?<!the\s)(?<!die\s)(?<!der\s)(?<!deine\s)(?<!ihre\s)(?<!votre\s)(?<!tu\s)(?<!su\s)(?<!this\s)"
# Words that make a question in the same sentence a request for information.
_ASKED = (
    r"salary|pay|rate|compensation|package|notice|start\s+date|start|references?|referees?|portfolio|visa"
    r"|sponsorship|relocat\w*|cv|resume|expectations?|right\s+to\s+work|documents?"
)

PATTERNS: tuple[tuple[str, float, str], ...] = (
    # rejection
    # Phenomena of a "no" seen on unseen mail: stopped at a stage, taken no further, offered to someone else,
    # gone with another person, a withdrawn role with words between, bad-news openers, a no with a door left open.
    ("rejection", 3, r"\b(?:won't|will\s+not|not|unable\s+to|cannot|can't)\s+(?:be\s+)?(?:able\s+to\s+)?(?:progress\w*|advanc\w*|proceed\w*|mov\w+\s+(?:forward|on)|go(?:ing)?\s+(?:forward|through))\s+(?:forward\s+)?(?:to|into|in)\s+(?:the\s+)?(?:next|final|second|third|further|interview|assessment|later)\b"
     r"|\b(?:won't|will\s+not|not|unable\s+to|cannot|can't)\s+(?:be\s+)?(?:able\s+to\s+)?(?:take|move|progress|carry|consider)\s+(?:your|you)\s+(?:\w+\s+)?(?:candidature|candidacy|application|profile)?\s*(?:any\s+)?(?:further|forward|ahead)\b"),
    ("rejection", 3, r"\b(?:didn't|did\s+not|don't|do\s+not|doesn't|does\s+not|not|wasn't|weren't)\s+(?:feel\s+|find\s+(?:ourselves|itself|themselves)\s+|in\s+a\s+position\s+to\s+)?(?:able\s+to\s+)?(?:offer|appoint)\s+you\b"
     r"|\b(?:offered|given|gave|awarded)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?to\s+(?:a|another|an|the\s+other|one\s+of\s+the\s+other)\s+(?:\w+\s+)?(?:candidate|applicant|person|finalist|internal)"),
    ("rejection", 3, r"\b(?:ended\s+up\s+|decided\s+to\s+|chose\s+to\s+|opted\s+to\s+)?(?:going|go|gone|went)\s+(?:ahead\s+)?(?:with|for)\s+(?:another|a\s+different|an\s+internal|an\s+external|someone|other|(?:the\s+)?(?:profiles|candidates|applicants)\s+(?:who|which|whose|that|with))\b(?!\s+(?:interview|round|call|chat|conversation|meeting|stage|step|date|time|slot)s?\b)"
     r"|\bended\s+up\s+(?:hiring|choosing|picking|selecting|appointing|offering)\b"),
    ("rejection", 3, r"\b(?:position|role|vacancy|job|opening|requisition|req|post)\b[^.!?\n]{0,60}?\b(?:has\s+been|was|is\s+being|have\s+been)\s+(?:now\s+)?(?:withdrawn|cancell?ed|scrapped|eliminated|pulled|closed)"
     r"|\b(?:won't|will\s+not|are\s+not|aren't)\s+(?:be\s+)?(?:hiring|recruiting)\s+for\s+(?:it|this|that|the)\b|\b(?:bring|brought|bringing)\s+(?:the|this|our|your)\s+(?:process|application)\s+to\s+(?:a\s+)?(?:close|an\s+end)"
     r"|\bclos(?:e|ed|ing)\s+out\s+(?:the|our|this)\s+(?:search|process|role|requisition)|\bwith\s+no\s+(?:restart|re-?start|end|return|reopening)\s+date|\bno\s+plans?\s+to\s+re-?open"),
    ("rejection", 2, r"\b(?:disappointing|bad|unwelcome)\s+news\b|\bnot\s+the\s+news\s+you\b|\b(?:update|news)\s+(?:that\s+)?i\s+wish\s+(?:were|was)\s+better|\bwish\s+(?:i|we)\s+(?:had|could\s+give\s+you)\s+better\s+news"
     r"|\bregret\s+to\s+(?:inform|advise|tell|let\s+you\s+know)|\b(?:appointed|successful|chosen|selected)\s+candidate\b|\b(?:doesn't|does\s+not|didn't|did\s+not)\s+(?:quite\s+)?(?:match|align\s+with|fit)\b|\bclose(?:ly)?\s+enough\b"),
    ("rejection", 2, r"\b(?:are|'re|is|'s)\s+not\s+moving\s+forward\b(?!\s+(?:yet|until|with\s+(?:any|anyone|the\s+process)))|\bneed\s+(?:someone|somebody|a\s+candidate)\s+(?:more|with\s+more|who\s+(?:has|already))|\bleave\s+it\s+there\b"),
    ("rejection", 1.5, r"\b(?:keep|retain|hold|store)\s+your\s+(?:cv|details|resume|profile|information|application)\s+on\s+(?:file|record)|\bre-?apply\b|\bapply\s+(?:again|for\s+other)\b|\bother\s+open\s+roles\b"
     r"|\bindividual\s+feedback\b|\bafter\s+careful\s+consideration\b|\bif\s+you(?:'d|\s+would)\s+(?:like|wish|want)\s+(?:some\s+)?feedback|\bshould\s+you\s+wish\s+to\s+have\s+feedback"),
    ("rejection", 3, rf"\b(?:decided|chosen|opted|elected|decision)\s+(?:was\s+made\s+)?(?:to\s+)?{_PROGRESS}\s+"
     rf"(?:forward\s+|ahead\s+)?with\s+{_OTHER_PEOPLE}"),
    ("rejection", 3, rf"\bnot\s+(?:be\s+)?{_PROGRESS}\s+(?:forward\s+|ahead\s+|further\s+)?(?:with\s+)?(?:your|you)\b"),
    ("rejection", 3, rf"\b(?:won't|will\s+not|cannot|can't|unable\s+to|not\s+able\s+to)\s+(?:be\s+)?{_PROGRESS}\s+"
     r"(?:forward\s+|ahead\s+|further\s+)?(?:with\s+)?(?:your|you)\b"),
    ("rejection", 3, r"\bdecided\s+not\s+to\s+(?:move|proceed|progress|pursue|continue|take|advance|offer|invite)"),
    ("rejection", 3, r"\b(?:position|role|vacancy|job|opening)\s+(?:has\s+|have\s+)?(?:now\s+|already\s+)?"
     r"(?:been|was|is)\s+(?:filled|closed)"),
    ("rejection", 3, r"\bnot\s+(?:been\s+)?(?:selected|shortlisted|successful)\b|\bunsuccessful\b"),
    ("rejection", 3, r"\b(?:unable|not\s+able|cannot|can't|won't\s+be\s+able)\s+to\s+offer\s+you\b"),
    ("rejection", 3, rf"\b(?:pursue|pursuing|hired|appointed|selected|chosen|chose|picked|gone\s+with|went\s+with|decided\s+on|(?:offered|given|gave|awarded)\s+the\s+(?:position|role|job|post)\s+to)\s+"
     rf"{_OTHER_PEOPLE}"),
    ("rejection", 3, r"\bgo(?:ne|ing)?\s+(?:in\s+)?(?:a\s+)?different\s+direction\b|\bno\s+longer\s+(?:be(?:ing)?\s+)?consider"),
    ("rejection", 3, r"\bnot\s+(?:be\s+)?invit(?:e|ing)\s+you\b|\b(?:going\s+to|will|decided\s+to)\s+pass\b"),
    ("rejection", 2, r"\b(?:other|another)\s+(?:candidates?|applicants?)\s+(?:whose|who|that)\b"),
    ("rejection", 2, r"\b(?:not|isn't|wasn't)\s+(?:the\s+|a\s+)?(?:right|best|strongest|good)\s+(?:fit|match)\b"),
    ("rejection", 2, r"\b(?:must|have\s+to|will)\s+decline\b"),
    ("rejection", 1, r"\b(?:more|better|closer|most)\s+(?:closely\s+)?(?:match(?:es|ed)?|aligned?|suited|fit)\b"),
    ("rejection", 1, r"\bunfortunately\b|\bregret(?:fully)?\b|\bsadly\b|\bsorry\s+to\s+(?:say|tell|inform|let)"),
    ("rejection", 1, r"\bon\s+file\b|\bfuture\s+(?:opportunities|openings|roles|vacancies|positions)\b"),
    ("rejection", 1, r"\bwish(?:ing)?\s+you\s+(?:all\s+the\s+best|the\s+(?:very\s+)?best|success|luck|every\s+success)"
     r"|\bbest\s+of\s+luck\b|\bgood\s+luck\b"),
    ("rejection", 3, rf"\bin\s+favou?r\s+of\s+{_OTHER_PEOPLE}|\bdecided\s+against\b"),
    ("rejection", 3, rf"\b(?:won't|will\s+not|not|cannot|can't|unable\s+to)\s+(?:be\s+)?{_PROGRESS}\s+(?:forward|ahead|further)"
     r"\s+(?:(?:to|into|with)\s+(?:the\s+)?(?:interviews?|next|an?\s+interview|this|it)\b|(?:\w+\s+){0,3}?at\s+this\s+(?:time|stage|point))"),
    ("rejection", 3, rf"\b(?:won't|will\s+not|not|cannot|can't|unable\s+to)\s+(?:be\s+)?{_PROGRESS}\s+(?:it|this|them|things)\s+(?:any\s+)?(?:forward|ahead|further)\b"),
    ("rejection", 3, r"\b(?:won't|will\s+not|not|cannot|can't|unable\s+to|decided\s+not\s+to)\s+(?:be\s+(?:able\s+to\s+)?)?"
     r"(?:offer(?:ing)?|extend(?:ing)?\s+(?:you\s+)?an?\s+offer)\s+(?:to\s+)?you\b"),
    ("rejection", 3, r"\bit(?:'s|\s+is|\s+was)\s+(?:unfortunately\s+|sadly\s+|ultimately\s+)?a\s+(?:no|pass)\b"
     r"|\b(?:said|come\s+back\s+with|came\s+back\s+with|answer\s+is)\s+(?:a\s+)?[\"']?no\b[\"']?(?!\s+(?:news|update|word))"
     r"|\bpass(?:ed|ing)?\s+on\s+(?:you|your|this\s+one)\b"),
    ("rejection", 3, r"\b(?:close|closing|closed|end|ending|conclude)\s+(?:the\s+)?(?:process|application|candidacy)\s+(?:with|for)\s+you"
     r"|\bclos(?:e|ed|ing)\s+your\s+(?:application|candidacy)\b"),
    ("rejection", 3, r"\b(?:filled|closed)\s+(?:the|this|that|our)\s+(?:position|role|vacancy|job|opening|post)\b"
     r"|\b(?:position|role|job|post|vacancy)\s+(?:has\s+)?(?:gone|went)\s+to\b|\b(?:position|role|vacancy|job)\s+(?:is\s+|has\s+been\s+)?"
     r"(?:no\s+longer\s+(?:available|open)|cancell?ed|withdrawn)"),
    ("rejection", 3, r"\b(?:didn't|did\s+not|haven't|have\s+not|won't|will\s+not)\s+(?:quite\s+)?(?:make\s+it|get\s+through|progress|advance)"
     r"(?!\s+(?:yet|until))\b"),
    ("rejection", 2, r"\b(?:candidate|finalist|applicant|someone)\s+(?:who\s+)?(?:has\s+)?(?:accepted|signed)\b"),
    ("rejection", 3, r"\b(?:did\s+not|didn't|does\s+not|doesn't|did\s+not\s+quite|didn't\s+quite)\s+(?:quite\s+)?meet\s+(?:the|our)\s+(?:bar|standard|level|threshold|requirements)"
     r"|\bconclud(?:e|ed|ing)\s+(?:the|our)\s+(?:process|search)\s+(?:for|with)\s+(?:this|the|you)|\bclos(?:e|ed|ing)\s+out\s+your\s+(?:application|candidacy)"
     r"|\b(?:won't|will\s+not|not)\s+be\s+(?:filling|hiring\s+for|recruiting\s+for)\s+(?:the|this)\s+(?:position|role|job|post)"),
    # A role withdrawn, cancelled or frozen with no date to come back is, in these labels, a rejection.
    ("rejection", 3, r"\b(?:requisition|req|headcount|position|role|vacancy|job|opening|search)\s+(?:has\s+been|was|is)\s+(?:now\s+)?(?:withdrawn|cancell?ed|scrapped|eliminated)"
     r"|\b(?:paused|frozen|on\s+hold|suspended)\s+(?:indefinitely|until\s+further\s+notice|for\s+the\s+foreseeable\s+future)"),
    # next_round
    # An applicant-tracking system's invitation: the slot is booked in a portal, with "do not reply" below.
    ("next_round", 3, r"\b(?:book|select|choose|pick|schedule)\s+(?:an?\s+|your\s+)?(?:\d+[\s-]minute\s+)?(?:interview\s+)?(?:time|slot|date)\b"
     r"|\bmove\s+you\s+forward\s+to\b"),
    ("next_round", 3, r"\bgo\s+ahead\s+with\s+(?:another|a\s+(?:second|final|further|third)|the\s+(?:next|final))\s+(?:interview|round|stage|conversation|meeting)"),
    ("next_round", 3, r"\binvite\s+you\s+(?:back\s+)?(?:to|for)\s+(?!apply)"),
    ("next_round", 3, r"\b(?:move|moving|advance|advancing|progress|progressing|take|taking)\s+you\s+"
     r"(?:forward\s+)?(?:to|into|through)\s+(?:the\s+)?(?:next|final|second|third|onsite|[\w-]+(?:\s+[\w-]+)?\s+(?:stage|round))\b"),
    ("next_round", 2, r"\b(?:windows?|slots?|times?|dates?)\s+that\s+(?:suit|work\s+for)\s+you|\bwhich\s+(?:one\s+|day\s+|time\s+|slot\s+)?(?:is|would\s+be|works?)\s+(?:better|best)\s+for\s+you"
     r"|\b(?:could|can|would\s+like\s+to|wants?\s+to|'d\s+like\s+to|love\s+to)\s+meet\s+you\b|\b(?:continue|carry\s+on)\s+the\s+conversation\b"
     r"|\bcan\s+we\s+(?:set\s+up|schedule|arrange|book|find\s+time\s+for)\b|\bsend\s+(?:you\s+)?(?:the|an?|a\s+calendar)\s+invite\b"),
    ("next_round", 2, rf"\b(?:would|does|do|could|will)\s+(?:either\s+)?(?:next\s+|this\s+)?{_DAY}\b[^.?!\n]{{0,60}}\b(?:work|suit)"),
    ("next_round", 3, r"\bcalendly\.com\b|\bgoodtime\.io\b|\bcal\.com/|\bchilipiper\b|\bsavvycal\b|\bbookwithme\b"
     r"|\b(?:booking|scheduling|calendar)\s+link\b"),
    ("next_round", 3, r"\bopportunity\s+to\s+(?:interview|meet)\b|\binvitation\s+to\s+(?:an?\s+)?interview\b"),
    ("next_round", 3, r"\byou(?:'ve|\s+have)\s+(?:been\s+)?(?:shortlisted|progressed|moved\s+forward|passed|advanced)\b"),
    ("next_round", 2, r"\b(?:book|pick|choose|select|grab|find)\s+(?:a|an|your|some|a\s+convenient)?\s*"
     r"(?:time|slot|time\s*slot|spot)\b"),
    ("next_round", 2, r"\b(?:schedule|set\s+up|arrange|organi[sz]e|line\s+up|book)\s+(?:a|an|the|your)?\s*"
     r"(?:next|second|follow-up|final|quick|short|\d+-minute)?\s*(?:interview|call|chat|meeting|conversation|video)"),
    ("next_round", 2, rf"{_NOT_DONE}\b(?:take-home|coding|technical|written)\s+(?:assignment|task|challenge|test|exercise|assessment)"
     rf"|{_NOT_DONE}\bcase\s+study\b"),
    ("next_round", 2, r"\bwould\s+(?:like|love)\s+to\s+(?:meet|speak\s+(?:with|to)|chat\s+with|talk\s+(?:with|to))\s+you"),
    ("next_round", 2, r"\b(?:when|what\s+times?|which\s+days?)\s+(?:are|would|could|will)\s+you\s+(?:be\s+)?"
     r"(?:available|free)\b(?!\s+to\s+start)"),
    ("next_round", 3, r"\b(?:have|bring|get|want|invite|welcome)\s+you\s+(?:back\s+)?in\b(?!\s+(?:mind|touch|the\s+(?:loop|future)))|\b(?:have|bring|want|invite|welcome)\s+you\s+back\b|\bmeet\s+(?:the\s+)?(?:wider|rest\s+of\s+the|whole)\s+team"),
    ("next_round", 2, r"\bare\s+you\s+(?:free|available)\s+(?:on|this|next|for(?!\s+(?:a\s+)?(?:coffee|lunch|drinks?|beer|dinner))|at|to\s+(?:meet|chat|talk|come))\b"),
    ("next_round", 1.5, r"\b(?:second|2nd|third|3rd|final|next|follow-up|onsite|on-site|panel)\s+(?:round|interview|stage)"),
    ("next_round", 1, r"\byour\s+availability\s+(?:for|to|this|next)\b|\bnext\s+steps?\b"),
    ("next_round", 3, r"\b(?:meet|see|speak\s+(?:with|to))\s+(?:with\s+)?(?:you\s+)?again\b|\bcome\s+(?:back\s+)?in\s+(?:again\s+)?(?:for|to)\b"
     r"|\b(?:want|would\s+like|'d\s+like|would\s+love|'d\s+love|keen|like)\s+to\s+interview\s+you\b"),
    ("next_round", 3, r"\bmade\s+it\s+(?:through\s+)?to\s+the\s+(?:next|final|second|third)\b|\binterview\s+invitation\b"
     r"|\b(?:like|love|happy|keen|pleased)\s+to\s+(?:proceed|move\s+forward|progress)\s+(?:with\s+)?(?:your|you)\b"),
    ("next_round", 2, rf"\b(?:could|can|would)\s+you\s+(?:do|make)\s+(?:it\s+)?(?:on\s+)?(?:next\s+|this\s+)?{_DAY}"
     rf"|\b(?:does|would|could)\s+(?:next\s+|this\s+)?{_DAY}\s+(?:at\s+\S+\s+)?(?:work|suit)|\b(?:suggested|proposed|offered)\s+"
     rf"(?:next\s+|this\s+)?{_DAY}"),
    ("next_round", 2, r"\b(?:second|2nd|third|3rd|final|follow-up|further|another)\s+(?:conversation|chat|meeting|call|discussion)"
     r"|\bnext\s+step\s+(?:in\s+(?:our|the)\s+process\s+)?(?:is|will\s+be)\s+(?:a|an|to)\b"),
    ("next_round", 2, r"\b(?:skills?|online|aptitude|psychometric|personality|cognitive|ability)\s+(?:test|assessment)"
     rf"|\bassessment\s+(?:centre|center|day)\b|{_NOT_DONE}\b(?:home|take[\s-]home)\s+(?:task|test)\b"),
    # offer
    ("offer", 3, r"\b(?:love|like|want)\s+for\s+you\s+to\s+join\s+(?!us\s+for)|\bbase\s+of\s+[$£€]"),
    ("offer", 3, r"\b(?:pleasure|pleased|delighted|happy|thrilled|excited|glad)\s+to\s+(?:extend|make|offer|present)\b"
     r"(?!\s+you\s+(?:an?\s+|the\s+)?(?:opportunity|chance|invitation|interview))"),
    ("offer", 3, r"\b(?:extend|extended|extends|make|made|makes|making|extending)\s+(?:you\s+)?(?:an?|the|our)\s+(?:formal\s+|verbal\s+|written\s+|"
     r"conditional\s+)?offer\b|\boffer\s+you\s+(?:the|this|a)\s+(?:position|role|job|post)\b"),
    ("offer", 3, r"\b(?:job|formal|written|verbal|conditional|employment)\s+offer\b"
     r"|\boffer\s+(?:letter|of\s+employment|package|details)\b"),
    ("offer", 3, r"\byou(?:'ve|\s+have)\s+(?:got|been\s+offered|been\s+selected\s+for)\s+the\s+(?:job|role|position)"),
    ("offer", 3, r"\b(?:come|came|coming)\s+back\s+with\s+an?\s+offer\b|\b(?:have|got|with)\s+an?\s+offer\s+for\s+you\b"),
    ("offer", 1, r"\bwelcome\s+(?:you\s+)?(?:to|aboard|on\s+board)\b|\bjoin(?:ing)?\s+(?:our|the)\s+team\b"),
    ("offer", 1, r"\bsigning\s+bonus\b|\bbase\s+salary\b|\bsign\s+(?:the|your)\s+contract\b|\bonboarding\b"),
    ("offer", 1, r"\boffer\b(?!\s+you\s+(?:the\s+|an?\s+)?(?:opportunity|chance))"),
    ("offer", 3, r"\b(?:job|role|position|post|offer|place)\s+is\s+(?:all\s+)?yours\b|\byou\s+(?:'ve\s+|have\s+)?got\s+(?:the\s+)?(?:job|role|position)\b"
     r"|\boffer(?:ing|ed)?\s+you\s+(?:the|this|a|an|our)\s+(?!opportunity|chance|invitation|interview)(?:[\w-]+\s+){0,4}?(?:position|role|job|post|contract|place)\b"),
    ("offer", 3, r"\b(?:love|like|want|thrilled|delighted|excited)\s+(?:to\s+have\s+)?you\s+(?:to\s+)?(?:join\s+(?:us|the\s+team|our\s+team)(?!\s+for)|on\s+board|aboard)"),
    ("offer", 2, r"\bwelcome\s+(?:you\s+)?aboard\b|\bwelcome\s+to\s+the\s+team\b|\bcongratulations\b(?!\s+on\s+(?:the|your)\s+new\b).{0,40}\b(?:offer|job|role|position)\b"),
    ("offer", 1, r"\bpaperwork\b|\bcontract\b|\bstart\s+date\b|\bequity\b|\bvest(?:ing)?\b"),
    ("offer", 3, r"\b(?:love|like|want|thrilled|delighted|excited)\s+(?:to\s+have\s+)?you\s+(?:to\s+)?join\s+(?:[\w&-]+\s+){1,3}?as\s+(?:our|a|an)\b"
     r"|\bformal\s+(?:offer\s+)?letter\b"),
    # info_request
    ("info_request", 3, r"\b(?:were|was|is|are)\s+missing\s+from\s+your\b|\bwe\s+(?:still\s+)?need\s+the\s+following\b"
     r"|\bplease\s+reply\s+(?:to\s+this\s+e-?mail\s+)?with\s+(?:the|your)\b"),
    ("info_request", 2, r"\b(?:fire|send|ping|pop|shoot)\s+(?:one|it|that|them|this|a\s+copy)\s+(?:over|across|through)\b|\b(?:asked|asking)\s+(?:us\s+)?for\s+(?:your|a\s+copy\s+of\s+your|an\s+updated)\s+(?:cv|resume|references|portfolio|documents?)"),
    ("info_request", 2, r"\b(?:could|can|would)\s+you\s+(?:please\s+|kindly\s+)?(?:send|share|forward|provide|email|"
     r"submit|complete|fill\s+(?:in|out)|confirm|upload)\b"),
    ("info_request", 2, r"\bplease\s+(?:send|share|forward|provide|submit|complete|fill\s+(?:in|out)|upload|attach)\b"),
    ("info_request", 2, r"\b(?:salary|compensation)\s+(?:expectations?|requirements?)\b|\bnotice\s+period\b"
     r"|\bearliest\s+(?:(?:date\s+)?you\s+could\s+|possible\s+)?start|\bavailable\s+to\s+start\b|\bwhen\s+(?:could|can|would)\s+you\s+start\b"),
    ("info_request", 1.5, r"\b(?:transcripts?|diploma|certificates?|portfolio|(?:work|writing|code)\s+samples?|"
     r"right\s+to\s+work|work\s+permit|visa|passport|background\s+check|references?|referees?)\b"),
    ("info_request", 1.5, r"\b(?:we|i)\s+(?:need|require|are\s+missing|still\s+need|would\s+need)\s+(?:a|an|your|the|"
     r"some|one|two|to\s+see)\b|\bupdated\s+(?:cv|resume|résumé)\b"),
    ("info_request", 2, r"\b(?:could|can|would)\s+you\s+(?:please\s+)?(?:let\s+(?:me|us)\s+know|tell|clarify|explain|elaborate)\b"),
    ("info_request", 1, r"\bquick\s+question\b|\bone\s+more\s+(?:question|thing)\b"),
    ("info_request", 2, rf"\b(?:{_ASKED})\b[^.!?\n]{{0,100}}\?"),
    ("info_request", 2, r"\b(?:would|do)\s+you\s+mind\s+(?:sending|sharing|forwarding|providing|completing|filling|confirming|letting|telling)"
     r"|\bhow\s+much\s+notice\b|\bnotice\s+(?:do|would|will)\s+you\b|\bwhat\s+(?:salary|rate|pay|package|compensation)\b"
     r"|\b(?:salary|rate|pay|package)\s+(?:are|would)\s+you\s+(?:looking|hoping|expecting|after|on)\b|\bsend\s+(?:me\s+|us\s+)?(?:over|across|through)\s+(?:your|a|the)\b"),
    ("info_request", 1.5, r"\bcover\s+(?:note|letter)\b|\bcurrent\s+(?:salary|package|notice)\b|\b(?:your|a|possible|potential)\s+start\s+date\b"),
    # still_deciding
    ("still_deciding", 3, r"\bstill\s+(?:reviewing|interviewing|evaluating|considering|assessing|working\s+through|"
     r"in\s+the\s+(?:process|middle)|meeting|speaking|finali[sz]ing|deciding|gathering|waiting|collecting)"),
    ("still_deciding", 3, r"\btak(?:ing|en|es)\s+(?:a\s+(?:bit|little)\s+|somewhat\s+|much\s+)?longer\b"
     r"|\b(?:delay(?:ed|s)?|pushed\s+back|on\s+hold)\b"),
    ("still_deciding", 3, r"\b(?:haven't|have\s+not|hasn't|has\s+not|not\s+yet)\s+(?:yet\s+)?(?:made|reached|come\s+to|"
     r"taken|finali[sz]ed)\s+(?:a|any|our|the)?\s*(?:final\s+)?decision|\bno\s+(?:final\s+)?decision\s+(?:has|yet)"),
    ("still_deciding", 3, r"\bstill\s+(?:very\s+much\s+)?(?:in|under)\s+(?:consideration|review|the\s+running)|\bnot\s+(?:yet\s+)?in\s+a\s+"
     r"position\s+to\b"),
    ("still_deciding", 2, r"\b(?:will|'ll|shall|hope\s+to|expect\s+to|aim\s+to|plan\s+to|should)\s+(?:be\s+able\s+to\s+)?"
     r"(?:be\s+in\s+touch|get\s+back\s+to\s+you|come\s+back\s+to\s+you|let\s+you\s+know|update\s+you|have\s+(?:an?\s+)?"
     r"(?:update|decision|news|answer|feedback)|make\s+(?:a|our|the)\s+(?:final\s+)?decision|decide|circle\s+back|"
     r"share\s+(?:more|an\s+update|news))"),
    ("still_deciding", 3, r"\b(?:process|search|recruitment|selection|review)\s+is\s+(?:still\s+)?(?:ongoing|underway|in\s+progress|continuing)"),
    ("still_deciding", 2, r"\b(?:update|inform|notify|contact)\s+(?:all\s+)?(?:the\s+)?(?:candidates|applicants|everyone)\b"
     r"|\b(?:feedback|decision|answer|an\s+update|news)\s+(?:by|within|before)\b|\bpromised\s+(?:me|us)\b"),
    ("still_deciding", 3, r"\bno\s+(?:news|update|decision|word|feedback)\s+(?:yet|so\s+far)\b|\bnot\s+heard\s+(?:back\s+)?yet\b"),
    ("still_deciding", 2, r"\bhear\s+(?:back\s+)?(?:by|within|before)\b"),
    ("still_deciding", 2, r"\b(?:thank\s+you\s+for|appreciate)\s+your\s+patience\b|\bbear\s+with\s+us\b"
     r"|\bkeep\s+you\s+(?:posted|updated|informed)\b|\bas\s+soon\s+as\s+(?:we|i)\s+(?:have|hear|know)\b"),
    ("still_deciding", 3, r"\b(?:role|position|process|hiring|recruitment|vacancy|search|req(?:uisition)?)\s+(?:is|has\s+been|was|are)\s+"
     r"(?:currently\s+|temporarily\s+|now\s+)?(?:paused|frozen|suspended|on\s+hold)|\bhiring\s+freeze\b|\bbudget\s+(?:is\s+)?(?:being\s+)?(?:reviewed|approval|sign-?off)"),
    ("still_deciding", 3, r"\bnothing\s+(?:has\s+been\s+|is\s+)?(?:decided|confirmed|final(?:i[sz]ed)?)\s+yet|\bnot\s+(?:yet\s+)?decided\s+yet"
     r"|\byet\s+to\s+(?:make|reach|decide|hear|finali[sz]e|come\s+to)\b|\bno\s+(?:news|update|decision|word|feedback)\s+(?:back\s+)?(?:from\s+(?:\w+\s+){1,2}?)?(?:yet|so\s+far)\b"
     r"|\b(?:haven't|have\s+not|hasn't|has\s+not)\s+(?:yet\s+)?heard\s+(?:back|anything)"),
    ("still_deciding", 2, r"\b(?:chase|chasing|chased|nudge|nudging)\s+(?:them|again|the\s+(?:client|hiring|team))|\bexpect\s+(?:an?\s+|to\s+(?:have\s+)?)?"
     r"(?:update|decision|answer|news|feedback|know\s+more|hear)\b|\b(?:will|'ll)\s+(?:reach\s+out|know\s+more|hear\s+(?:back|more))\b"),
    ("still_deciding", 3, r"\b(?:currently|still)\s+(?:under|in)\s+(?:review|progress|consideration)\b|\bstatus:?\s+(?:is\s+)?(?:under|in)\s+(?:review|progress|consideration)"
     r"|\b(?:haven't|have\s+not)\s+forgotten\s+(?:about\s+)?you"),
    ("still_deciding", 2, r"\b(?:finishing|wrapping)\s+up\s+(?:the\s+|our\s+)?(?:final\s+|last\s+)?(?:interviews|process|round)"
     r"|\b(?:anticipate|expect)\b(?:anticipate|expect)\s+(?:making|reaching|to\s+make)\s+(?:a|our|the)\s+(?:final\s+)?(?:selection|decision)|\bexpect\s+to\s+have\s+something\b"
     r"|\b(?:advise|tell|update)\s+(?:all\s+)?(?:the\s+)?(?:candidates|applicants)\b|\bcompare\s+notes\b|\bstill\s+(?:need|have)\s+to\s+(?:decide|meet|speak|see)"),
    ("still_deciding", 3, r"\b(?:don't|do\s+not)\s+(?:yet\s+)?have\s+(?:an?\s+|any\s+|the\s+)?(?:outcome|decision|answer|update|news)\s+yet"),
    # Someone else away (not the writer: that is an out-of-office) delays the decision.
    ("still_deciding", 2, r"\b(?:manager|director|lead|ceo|cto|founder|partner|panel|team|he|she|they)\s+(?:is|are|'s)\s+(?:currently\s+)?"
     r"(?:away|on\s+(?:holiday|vacation|leave)|out\s+of\s+(?:the\s+)?office|travell?ing)|\b(?:sorry|apologies)\s+for\s+the\s+(?:wait|delay)"),
    # auto_reply
    ("auto_reply", 4, r"(?<!\bis\s)(?<!\bare\s)(?<!'s\s)\bout\s+of\s+(?:the\s+)?office\b|\bOOO\b|\bautomatic\s+reply\b"),
    ("auto_reply", 4, r"\b(?:i\s+am|i'm|i\s+will\s+be|i'll\s+be)\s+(?:currently\s+)?(?:away|on\s+(?:annual\s+|parental\s+|"
     r"sick\s+|maternity\s+|paternity\s+)?leave|on\s+vacation|on\s+holiday|travell?ing|out|off)\b"),
    ("auto_reply", 3, r"\blimited\s+access\s+to\s+(?:e-?mail|my\s+inbox)|\bupon\s+my\s+return\b|\bwhen\s+i(?:'m|\s+am)\s+back\b"),
    ("auto_reply", 3.5, r"\b(?:we|i)\s+(?:have|'ve)\s+(?:successfully\s+)?received\s+your\s+(?:application|cv|resume|"
     r"submission|enquiry)|\byour\s+application\s+(?:has\s+been|was)\s+(?:successfully\s+)?(?:received|submitted)"
     r"|\bconfirm(?:s|ing)?\s+(?:the\s+)?receipt\b|\bthank\s+you\s+for\s+applying\b"),
    ("auto_reply", 2, r"\b(?:automatic|automated|auto)[\s-]?(?:reply|response|message|generated|notification)\b"),
    ("auto_reply", 1, r"\bdo\s+not\s+reply\b|\bno-?reply\b|\bnot\s+monitored\b|\bfor\s+(?:urgent|immediate)\s+"
     r"(?:matters|requests|enquiries|inquiries|assistance)\b"),
    ("auto_reply", 3.5, r"\b(?:we|i)(?:'ve|\s+have)\s+got\s+your\s+(?:application|cv|resume)|\bconfirms?\s+(?:that\s+)?we(?:'ve|\s+have)\s+(?:got|received)"),
    ("auto_reply", 2, r"\b(?:in\s+touch|contact\s+you|reach\s+out(?:\s+to\s+you)?)\s+(?:again\s+)?(?:only\s+)?if\s+(?:there(?:'s|\s+is)|your|you|we)\b"
     r"|\bonly\s+(?:shortlisted|successful|selected)\s+(?:candidates|applicants)|\bthanks\s+for\s+applying\b"),
    ("auto_reply", 1, r"\bdon't\s+reply\b|\bthis\s+(?:mailbox|address|inbox)\s+is\s+not\b"),
    # other: mail that is not about this application's progress
    ("other", 3, r"\b(?:new|exciting|another)\s+(?:role|opportunity|position|opening)s?\b.{0,60}\b(?:might|may|could)\s+"
     r"(?:interest|suit|be\s+of\s+interest|be\s+a\s+(?:good\s+)?fit)"),
    ("other", 2, r"\bnot\s+(?:about|regarding|related\s+to)\s+(?:the|your)\s+(?:role|job|application|position)|\bjust\s+to\s+catch\s+up\b"),
    ("other", 2, r"\bunsubscribe\b|\bjob\s+alerts?\b|\bnewsletter\b"),
    # Mail sent to many: a list's footer, a job board's matches, a digest.
    ("other", 2, r"\bmanage\s+(?:your\s+)?(?:alerts?|preferences|notifications|subscriptions?|email\s+settings)|\bedit\s+(?:your\s+)?alert"
     r"|\byou(?:'re|\s+are)?\s+(?:receiving|receive|getting)\s+this\s+(?:e-?mail|message)|\bto\s+stop\s+receiving\b"
     r"|\bchange\s+(?:your\s+)?(?:e-?mail\s+)?(?:frequency|visibility)|\bread\s+(?:it\s+)?online\b|\bview\s+in\s+(?:your\s+)?browser"),
    ("other", 2, r"\b(?:jobs?|roles|vacancies|openings)\s+(?:that\s+)?(?:match(?:ing)?|you\s+(?:may|might)\s+(?:like|be\s+interested))"
     r"|\b\d+\s+new\s+(?:\w+\s+){0,3}?(?:jobs|roles|matches|vacancies|openings)\b|\b(?:see|view)\s+all\s+(?:\d+\s+)?(?:jobs|roles|matches)"
     r"|\b(?:recommended|similar)\s+(?:jobs|roles)\b|\bjob\s+(?:digest|matches)\b|\bbest\s+matches\b"),
    # A recruiter's cold approach about another role: no answer about this application.
    ("other", 3, r"\b(?:came|come)\s+across\s+your\s+(?:profile|cv|resume|background)|\byour\s+(?:profile|cv|resume)\s+came\s+up\b"
     r"|\b(?:i'm|i\s+am|we're|we\s+are)\s+(?:partnering\s+with|running\s+a|leading\s+a)\s+(?:\w+\s+){0,4}?"
     r"(?:client|company|firm|search|start-?up|business)|\bone\s+of\s+(?:my|our)\s+clients\b|\bconfidential\s+search\b"
     r"|\bopen\s+to\s+(?:a\s+)?(?:brief\s+|quick\s+|confidential\s+)?(?:hearing\s+more|new\s+opportunities|a\s+move)|\bon\s+the\s+market\b"),
    # Notices about the account, the data or the process in general, not an outcome.
    ("other", 3, r"\b(?:reset|change|changed|update)\s+(?:your\s+)?password|\bverify\s+your\s+e-?mail|\bconfirm\s+(?:this|your)\s+e-?mail"
     r"|\bprivacy\s+notice\b|\bsurvey\b|\b(?:open\s+day|careers?\s+(?:fair|evening|event)|webinar)\b"),
    # Said outright, it outweighs the "automated message, do not reply" such notices carry.
    ("other", 5, r"\bnot\s+(?:about|concern)\s+the\s+(?:status|outcome)\s+of\s+(?:any|your)|\bdoes\s+not\s+concern\s+the\s+(?:status|outcome)"
     r"|\b(?:applications?|application\s+status)\s+(?:is|are)\s+not\s+affected|\bnot\s+affected\s+by\s+this"),
    # The candidate withdrew or took a job elsewhere: a polite goodbye, not an offer or a rejection.
    ("other", 3, r"\bcongratulations\s+on\s+(?:the|your)\s+new\s+(?:role|job|position)|\bwithdr[ae]wn?\s+(?:you|your\s+application)\s+from"
     r"|\bthanks?\s+(?:you\s+)?for\s+letting\s+(?:me|us)\s+know\b[^.]{0,40}\bwithdraw"),
    # After blind5 (scored once), phenomena it showed and the rules lacked, in each language:
    # through to a round, an invite already sent, someone to meet; an offer said plainly; events for
    # many, a cold approach "working with" a company, a profile's deletion notice, a newsletter's issue;
    # questions about the application; a small team's "this inbox is checked weekly"; an application
    # still active while the role is paused.
    ("next_round", 3, r"\b(?:through|onto|on)\s+to\s+the\s+(?:next|final|second|third|last)\s+(?:round|stage)\b"
     r"|\b(?:i've|i\s+have|we've|we\s+have)\s+(?:just\s+)?sent\s+(?:you\s+)?(?:the|a|an)\s+(?:calendar\s+)?invit(?:e|ation)\b"),
    ("next_round", 2, r"\byou(?:'ll|\s+will)\s+(?:be\s+)?meet(?:ing)?\s+(?:with\s+)?(?:me|us|our|the|[A-Z]\w+)"
     r"|\b(?:reschedule|rearrange|move|push)\s+(?:our|the|your|tomorrow's|today's)\s+(?:interview|call|meeting|chat|conversation)\b"),
    ("offer", 3, r"\bwe\s+(?:want|would\s+like)\s+you\s+for\s+(?:the|this)\s+(?:[\w-]+\s+){0,3}?(?:job|role|position|post)\b"),
    ("other", 4, r"\b(?:job|career|careers|graduate|recruitment|hiring)\s+(?:fair|expo)\b|\binsight\s+(?:evening|day|event|session)\b"),
    ("other", 3, r"\b(?:reserve|book|register\s+for|claim|secure)\s+your\s+(?:free\s+)?(?:place|spot|seat|ticket)\b|\bplaces\s+are\s+limited\b"),
    ("other", 3, r"\b(?:i'm|i\s+am|we're|we\s+are)\s+working\s+with\s+an?\s+(?:[\w-]+\s+){0,4}?(?:company|firm|start-?up|business|scale-?up|fintech|bank|agency)\b"),
    ("other", 2.5, r"\b(?:profile|account|data|details)\s+will\s+be\s+(?:permanently\s+)?(?:deleted|removed|erased)\b|\binactive\s+for\b"
     r"|\bin\s+this\s+(?:issue|edition)\b"),
    ("info_request", 3, r"\b(?:a\s+few|some|several|a\s+couple\s+of|two|three)\s+(?:more\s+|quick\s+|follow-up\s+|further\s+)?questions\s+(?:about|regarding|on)\s+your\s+application\b"),
    ("auto_reply", 3, r"\b(?:this\s+)?(?:inbox|mailbox)\s+is\s+(?:only\s+)?(?:checked|monitored|read)\b|\bplease\s+allow\s+(?:up\s+to\s+)?(?:\d+|a\s+(?:little|few|couple))\b"),
    ("still_deciding", 3, r"\byour\s+(?:application|candidacy)\s+(?:remains|is\s+still|stays)\s+(?:active|open|under\s+consideration|in\s+(?:the\s+)?process)"),
    # From dev8 (tracking systems' shapes): a new time to choose, an incomplete application, a
    # status step "in review", a call promised with the outcome.
    ("next_round", 3, r"\b(?:choose|pick|select|book)\s+a\s+new\s+(?:time|slot|date)\b|\breschedule\s+request\b"),
    ("info_request", 3, r"\b(?:application|profile|form|submission)\s+is\s+(?:still\s+)?incomplete\b|\bthe\s+following\s+(?:items?|documents?|information|details)\s+(?:is|are)\s+(?:still\s+)?missing\b"
     r"|\bmissing\s+information\b"),
    ("still_deciding", 3, r"\b(?:moved|progressed|advanced)\s+to\s+(?:the\s+)?[\"“']?in\s+review\b|\bwill\s+review\s+your\s+(?:candidacy|application)\s+(?:over|in)\s+the\s+coming\b"),
    ("still_deciding", 2, r"\bexpect\s+(?:a\s+call|an?\s+(?:e-?mail|message|answer))\s+(?:from\s+\w+\s+)?[^.!?\n]{0,40}\b(?:outcome|decision|result)"),
    # After blind6 (scored once): the candidate's own withdrawal acknowledged, a deletion done as
    # asked, a portal's new document, an agency's mass requirement (no outcome); a coffee or a
    # trial shift offered (an invitation); "still thinking it over" (no decision yet).
    ("other", 4, r"\b(?:your|the)\s+new\s+(?:post|role|job|position|employer)\b|\bwon't\s+be\s+working\s+together\b[^.]{0,80}\bunderstand\b"
     r"|\bas\s+(?:you\s+)?requested,?\s+(?:all\s+)?your\s+(?:personal\s+)?(?:data|details|information|profile)\s+(?:has|have)\s+been\s+(?:deleted|removed|erased)"),
    ("other", 3, r"\ba\s+new\s+document\s+is\s+available\b|\burgent\s+(?:requirement|opening)\b|\bif\s+interested,?\s+(?:please\s+|kindly\s+)?(?:share|send|revert)\b"
     r"|\b(?:current\s+and\s+expected|expected)\s+ctc\b"),
    ("next_round", 3, r"\b(?:paid\s+|unpaid\s+)?trial\s+(?:shift|day|session)\b|\b(?:grab|get|have)\s+(?:a\s+)?(?:coffee|cuppa)\s+with\s+you\b"),
    ("next_round", 2, r"\bany\s+chance\s+you(?:'re|\s+are)\s+(?:around|free|available)\b"),
    ("still_deciding", 3, r"\b(?:still\s+)?(?:thinking|mulling)\s+it\s+over\b|\bstill\s+(?:thinking|mulling)\s+(?:about\s+)?(?:it|things)\b"),
)  # fmt: skip
