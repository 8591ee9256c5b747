"""French cues: (label, weight, pattern); weights as in patterns_en."""

# Long rows stay whole: a regex split mid-alternation is harder to read than a long line.
# ruff: noqa: E501

from __future__ import annotations

PATTERNS: tuple[tuple[str, float, str], ...] = (
    # rejection
    ("rejection", 3, r"\bpas\s+(?:(?!de\b|tout\b)\w+\s+)?(?:donner\s+(?:une\s+)?)?suite\b|\b(?:retenu|choisi|préféré|privilégié|sélectionné|opté\s+pour)\s+(?:un|une)\s+(?:autre\s+)?(?:personne|profil|candidat\w*)"
     r"|\bne\s+(?:sera|serez|sont)\s+pas\s+retenue?s?|\bposte\s+(?:a\s+été\s+|est\s+)?(?:supprimé|annulé|gelé\s+(?:indéfiniment|jusqu'à\s+nouvel\s+ordre))|\bjusqu'à\s+nouvel\s+ordre"
     r"|\b(?:mettons|mettre)\s+fin\s+(?:au|à\s+(?:la|votre))\s+(?:processus|candidature|recrutement)|\bclôtur(?:ons|er)\s+(?:le|ce)\s+processus"),
    ("rejection", 2, r"\bcorrespond\w*\s+(?:davantage|mieux|plus)|\bplus\s+en\s+adéquation|\bconserv\w+\s+(?:vos\s+coordonnées|votre\s+cv|votre\s+candidature|votre\s+profil)|\bgarde\w*\s+(?:ton|votre)\s+(?:profil|cv)"
     r"|\bdésolée?\b|\bn'avons\s+pas\s+(?:pu\s+)?retenir"),
    ("rejection", 3, r"\bne\s+(?:pas|pouvons\s+pas|pourrons\s+pas)\s+(?:donner\s+(?:une\s+)?suite|retenir)"
     r"|\bpas\s+(?:pu\s+)?(?:donner\s+(?:une\s+)?suite|été\s+retenue?)|\bsuite\s+défavorable"),
    ("rejection", 3, r"\b(?:un|une|d'autres|autre)s?\s+(?:autre\s+)?(?:candidat|profil)s?\s+(?:dont|qui|plus)"
     r"|\bposte\s+(?:a\s+été|est)\s+(?:déjà\s+)?pourvu"),
    ("rejection", 3, r"\bne\s+poursuivrons\s+pas|\bpas\s+(?:pouvoir\s+)?poursuivre|\bnous\s+avons\s+(?:le\s+)?regret"),
    ("rejection", 1, r"\bmalheureusement\b|\bregrett"),
    ("rejection", 1, r"\bopportunités?\s+futures?|\bfutures?\s+opportunités|\bbonne\s+continuation\b|\bplein\s+succès"),
    ("rejection", 3, r"\b(?:avec|pour|retenu|choisi|sélectionné|privilégié)\s+(?:un|une|d'autres|l'autre|les\s+autres)\s+(?:autres?\s+)?(?:candidat|candidature|profil)"
     r"|\bpas\s+en\s+mesure\s+de\s+(?:donner|vous\s+proposer|poursuivre|retenir)|\bne\s+(?:retiendrons|retenons|donnerons)\s+pas"
     r"|\bréponse\s+(?:est\s+)?négative|\b(?:clore|clôturer|clôturons)\s+votre\s+candidature|\bavons\s+pourvu\s+le\s+poste"),
    ("rejection", 2, r"\bne\s+correspond\s+pas|\bpas\s+(?:\w+\s+)?(?:pouvoir\s+)?retenir\s+(?:votre|ta)\s+candidature|\bpas\s+(?:été\s+)?sélectionnée?"),
    # next_round
    ("next_round", 3, r"\bnous\s+vous\s+proposons\s+un\s+entretien|\b(?:réservez|choisir|choisissez)\s+(?:votre|un)\s+créneau"),
    ("next_round", 3, r"\bvous\s+(?:inviter|convier|rencontrer)\b|\binvitation\s+à\s+un\s+entretien"
     r"|\b(?:second|deuxième|prochain|nouvel|dernier)\s+entretien"),
    ("next_round", 2, r"\bprochaine\s+étape\b|\b(?:convenir|fixer|choisir|réserver)\s+(?:d'un|un|une)\s+"
     r"(?:rendez-vous|créneau|date|horaire)|\bvos\s+disponibilités"),
    ("next_round", 2, r"\bcandidature\s+a\s+été\s+retenue\s+pour\b|\bétude\s+de\s+cas\b|\btest\s+technique\b"),
    ("next_round", 3, r"\bvous\s+revoir\b|\b(?:second|deuxième|nouvel|prochain|dernier)\s+(?:échange|rendez-vous|tour)"
     r"|\bétape\s+suivante\b|\bpassez\s+(?:à|au)\s+(?:l'étape|tour)"),
    ("next_round", 2, r"\bquand\s+(?:seriez|êtes)-vous\s+disponible|\b(?:lundi|mardi|mercredi|jeudi|vendredi)\b[^.!?\n]{0,40}\bvous\s+convien"),
    ("next_round", 3, r"\bvous\s+proposer\s+un\s+(?:nouvel\s+|second\s+|deuxième\s+|dernier\s+|autre\s+)?(?:entretien|échange|rendez-vous)"
     r"|\bpoursuivre\s+(?:le\s+processus|l'aventure|les\s+échanges|nos\s+échanges)\s+avec\s+vous|\bvous\s+faire\s+rencontrer"),
    ("next_round", 2, r"\bseriez-vous\s+disponible|\b(?:vous\s+)?conviendrait-il|\bpoursuivre\s+le\s+processus"),
    # offer
    ("offer", 3, r"\bvous\s+(?:proposer|offrir)\s+le\s+poste|\boffre\s+(?:d'emploi|d'embauche|formelle)"
     r"|\bpromesse\s+d'embauche|\bproposition\s+d'embauche|\bproposition\s+de\s+contrat"),
    ("offer", 3, r"\bcandidature\s+a\s+été\s+retenue\s+pour\s+le\s+poste|\bavons\s+le\s+plaisir\s+de\s+vous\s+"
     r"(?:proposer|offrir|annoncer\s+que\s+(?:vous|votre))(?!\s+(?:un|une)\s+(?:\w+\s+)?(?:entretien|échange|rendez-vous|rencontre))"),
    ("offer", 1, r"\bcontrat\s+de\s+travail|\bbienvenue\s+dans\s+l'équipe|\bdate\s+d'arrivée"),
    ("offer", 3, r"\bvous\s+(?:proposer|offrir)\s+(?:le|ce)\s+(?:[\w-]+\s+){0,3}?poste|\bposte\s+est\s+à\s+vous|\bvous\s+faire\s+une\s+(?:offre|proposition)"
     r"|\bété\s+retenue?\s+pour\s+le\s+poste"),
    ("offer", 2, r"\bbienvenue\s+à\s+bord\b|\bfélicitations\b.{0,40}\b(?:poste|offre)"),
    # info_request
    ("info_request", 2, r"\bpourriez-vous\s+(?:nous\s+|me\s+|m')?(?:envoyer|transmettre|faire\s+parvenir|communiquer|"
     r"fournir)|\bmerci\s+de\s+(?:nous\s+|me\s+|m')?(?:envoyer|transmettre|faire\s+parvenir|communiquer)"),
    ("info_request", 2, r"\bprétentions\s+salariales|\bpréavis\b|\bdate\s+de\s+disponibilité"),
    ("info_request", 1.5, r"\b(?:références|diplômes?|justificatifs?|pièces?\s+justificatives?|portfolio)\b"),
    ("info_request", 2, r"\b(?:salaire|rémunération|préavis|disponibilité|références|cv|portfolio|prétentions)\b[^.!?\n]{0,100}\?"),
    ("info_request", 1.5, r"\bpièce\s+d'identité|\bbulletins?\s+de\s+salaire|\bcopie\s+de\s+votre|\bcasier\s+judiciaire|\bRIB\b"),
    # still_deciding
    ("still_deciding", 3, r"\battend\w*\s+encore\b|\ben\s+attente\s+(?:de|d'|du)\b|\bvous\s+donner\s+une\s+réponse\s+(?:sous|d'ici|avant|dans)|\bvalidation\s+(?:budgétaire|de\s+la\s+direction)"),
    ("still_deciding", 3, r"\bpas\s+encore\s+(?:pris|de)\s+(?:notre\s+|de\s+|une\s+)?décision|\bprend\s+plus\s+de\s+temps"
     r"|\btoujours\s+en\s+cours|\ben\s+cours\s+d'(?:évaluation|examen|étude)|\bretard\b"),
    ("still_deciding", 2, r"\b(?:reviendrons|reviendrai)\s+vers\s+vous|\bvous\s+tiendr(?:ons|ai)\s+informée?"
     r"|\bpatience\b|\b(?:reviens|revenons)\s+vers\s+vous|\bvous\s+informer(?:ons)?\s+(?:d'ici|avant|dès)"),
    ("still_deciding", 3, r"\b(?:poste|recrutement|processus)\s+(?:est\s+)?(?:actuellement\s+|temporairement\s+)?(?:suspendu|gelé|en\s+pause|en\s+attente)"
     r"|\bgel\s+des\s+recrutements|\b(?:rencontrons|recevons|voyons|auditionnons)\s+encore\b|\bdécision\s+(?:finale\s+)?sera\s+prise|\brien\s+n'est\s+(?:encore\s+)?décidé|\bpas\s+encore\s+de\s+(?:nouvelles|retour)"),
    # auto_reply
    ("auto_reply", 4, r"\babsente?\s+du\s+bureau|\bréponse\s+automatique|\bje\s+suis\s+(?:actuellement\s+)?"
     r"(?:absente?|en\s+congés?|en\s+vacances)|\bde\s+retour\s+le\b"),
    ("auto_reply", 3.5, r"\baccusé\s+de\s+réception|\b(?:bien\s+)?reçu\s+votre\s+candidature"
     r"|\bvotre\s+candidature\s+a\s+(?:bien\s+)?été\s+(?:reçue|enregistrée)"),
    ("auto_reply", 2, r"\bmessage\s+automatique|\bne\s+pas\s+répondre"),
    ("auto_reply", 3.5, r"\baccus(?:ons|é|er)\s+réception|\bcandidature\s+nous\s+est\s+(?:bien\s+)?parvenue|\bcandidature\s+a\s+bien\s+été\s+prise\s+en\s+compte"),
    ("auto_reply", 2, r"\bgénéré\s+automatiquement|\benvoyé\s+automatiquement|\bmerci\s+de\s+ne\s+pas\s+répondre"),
    # other : envois en nombre (désabonnement, alertes), approche directe, avis sur le compte
    ("other", 2, r"\bse\s+désabonner|\bse\s+désinscrire|\bdésinscri|\bgérer\s+(?:mes|vos)\s+alertes|\bpour\s+ne\s+plus\s+recevoir"
     r"|\bvous\s+recevez\s+cet\s+e-?mail|\bvotre\s+alerte\b|\bnouvelles\s+offres\b|\boffres\s+(?:qui\s+)?correspond\w*"
     r"|\boffres\s+similaires|\bvoir\s+(?:toutes\s+)?les\s+offres|\bvotre\s+lettre\b|\bau\s+sommaire\b"),
    ("other", 3, r"\bvotre\s+profil\s+(?:linkedin\s+)?(?:a\s+retenu\s+mon|m'a)|\bj'ai\s+(?:découvert|vu|remarqué)\s+votre\s+profil"
     r"|\bun\s+de\s+mes\s+clients\b|\bje\s+me\s+permets\s+de\s+vous\s+contacter|\bj'accompagne\b"
     r"|\bmot\s+de\s+passe\b"),
    # After blind5 (scored once): a paused hiring with words between, an interview confirmed, a test failed.
    ("still_deciding", 3, r"\bsuspendu\w*\s+dans\s+l'attente|\bcandidature\s+reste\s+(?:à\s+l'étude|active|en\s+cours|d'actualité)"
     r"|\b(?:recrutement|processus|poste)\s+(?:[\w'()-]+\s+){0,8}?est\s+(?:temporairement\s+|momentanément\s+)?(?:suspendu|gelé|en\s+pause)"),
    ("next_round", 3, r"\bconfirme\s+(?:votre|ton|notre)\s+(?:entretien|rendez-vous|rencontre)\b|\bvous\s+rencontrerez\b|\btu\s+rencontreras\b"),
    ("rejection", 3, r"\b(?:pas|non)\s+réussi\b|\bseuil\s+de\s+réussite\b|\bnon\s+admis\w*\b|\bn'êtes\s+pas\s+admis"),
    # From dev8: the invitation to the interview attached, a question about the application.
    ("next_round", 3, r"\binvitation\s*:\s*entretien\b|\binvitation\s+(?:pour|à)\s+votre\s+entretien\b"),
    ("info_request", 3, r"\bune\s+question\s+(?:\w+\s+){0,3}?concernant\s+votre\s+candidature\b"),
    # After blind6: the candidate's own decision acknowledged; a portal's new document; a trial day.
    ("other", 4, r"\b(?:regrettons|respectons|prenons\s+acte\s+de)\s+(?:votre|ta)\s+décision\b|\bnouveau\s+document\s+(?:est\s+)?disponible\b"),
    ("next_round", 3, r"\bjournée\s+d'(?:essai|immersion)\b|\bessai\s+(?:rémunéré|d'une\s+journée)\b"),
)  # fmt: skip
