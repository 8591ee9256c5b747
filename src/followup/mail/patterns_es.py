"""Spanish cues: (label, weight, pattern); weights as in patterns_en."""

# Long rows stay whole: a regex split mid-alternation is harder to read than a long line.
# ruff: noqa: E501

from __future__ import annotations

PATTERNS: tuple[tuple[str, float, str], ...] = (
    # rejection
    ("rejection", 3, r"\b(?:otr[oa]s?)\s+(?:candidat[oa]s?|perfil(?:es)?)\b|\bno\s+(?:ha\s+)?(?:sido|has\s+sido|"
     r"fue)\s+seleccionad"),
    ("rejection", 3, r"\bno\s+(?:hemos\s+podido|podemos|vamos\s+a|continuaremos|seguiremos|avanzaremos)\s+"
     r"(?:avanzar|continuar|seguir|con\s+tu|con\s+su)|\bhemos\s+decidido\s+no\b|\bpuesto\s+(?:ya\s+)?"
     r"(?:ha\s+sido|fue)\s+cubierto"),
    ("rejection", 2, r"\bse\s+ajusta(?:n)?\s+más|\bmás\s+(?:adecuad|alineado)"),
    ("rejection", 1, r"\blamentablemente\b|\blamentamos\b|\bdesafortunadamente\b|\bsentimos\s+comunicar"),
    ("rejection", 1, r"\bfuturas?\s+(?:oportunidades|vacantes|procesos)|\béxito\s+en\s+(?:tu|su)\s+búsqueda"),
    # next_round
    ("next_round", 3, r"\binvitar(?:te|le)?\s+a\s+una\b|\b(?:segunda|nueva|siguiente|última|próxima)\s+entrevista"
     r"|\bsiguiente\s+(?:fase|etapa)"),
    ("next_round", 2, r"\b(?:agendar|programar|coordinar|concertar)\s+una\s+(?:entrevista|llamada|reunión|videollamada)"
     r"|\b(?:elige|elegir|reserva|reservar)\s+(?:un|una)\s+(?:horario|hora|fecha)|\btu\s+disponibilidad\s+para"),
    ("next_round", 2, r"\bprueba\s+técnica\b|\bcaso\s+práctico\b|\bconocerte\s+(?:mejor|en\s+persona)"),
    # offer
    ("offer", 3, r"\bofrecer(?:te|le)\s+el\s+puesto|\boferta\s+(?:de\s+trabajo|de\s+empleo|laboral|formal)"
     r"|\bcarta\s+(?:de\s+)?oferta|\bnos\s+complace\s+(?:ofrecer|comunicar(?:te|le)?\s+que\s+has\s+sido\s+seleccionad)"),
    ("offer", 1, r"\bcontrato\b|\bbienvenid[oa]\s+al\s+equipo|\bfecha\s+de\s+incorporación"),
    # info_request
    ("info_request", 2, r"\bpodrías?\s+(?:enviar|enviarnos|mandar|mandarnos|compartir|facilitar)|\bpuedes\s+"
     r"(?:enviar|mandar)|\bpor\s+favor,?\s+(?:envía|envíanos|manda|adjunta)"),
    ("info_request", 2, r"\b(?:pretensiones|expectativas?)\s+salarial|\bpreaviso\b|\bfecha\s+de\s+disponibilidad"),
    ("info_request", 1.5, r"\b(?:referencias|certificados?|títulos?|documentación|portafolio)\b"),
    # still_deciding
    ("still_deciding", 3, r"\b(?:seguimos|estamos|continuamos)\s+(?:revisando|evaluando|valorando|en\s+(?:el\s+)?proceso)"
     r"|\b(?:todavía|aún)\s+no\s+(?:hemos\s+tomado|tenemos)\s+una\s+decisión|\btardando\s+más|\bretras"),
    ("still_deciding", 2, r"\bnos\s+pondremos\s+en\s+contacto|\bte\s+(?:mantendremos|informaremos)|\bpaciencia\b"),
    # auto_reply
    ("auto_reply", 4, r"\bfuera\s+de\s+la\s+oficina|\brespuesta\s+automática|\bestoy\s+(?:de\s+vacaciones|ausente|"
     r"fuera)|\bde\s+vuelta\s+el\b"),
    ("auto_reply", 3.5, r"\bhemos\s+recibido\s+(?:tu|su)\s+(?:solicitud|candidatura|cv|postulación)"
     r"|\bacuse\s+de\s+recibo"),
    ("auto_reply", 2, r"\bmensaje\s+automático|\bno\s+responda"),
)  # fmt: skip
