"""Spanish cues: (label, weight, pattern); weights as in patterns_en."""

# Long rows stay whole: a regex split mid-alternation is harder to read than a long line.
# ruff: noqa: E501

from __future__ import annotations

PATTERNS: tuple[tuple[str, float, str], ...] = (
    # rejection
    ("rejection", 3, r"\b(?:continuar|seguir|avanzar|quedarnos|optado\s+por|elegido\s+a|seleccionado\s+a)\s+(?:con\s+)?(?:otra\s+persona|otro\s+perfil|otra\s+candidatura)|\botra\s+persona\s+(?:cuyo|que|con)"
     r"|\b(?:congelad[oa]|pausad[oa]|suspendid[oa]|paralizad[oa])\s+(?:por\s+tiempo\s+indefinido|indefinidamente|hasta\s+nuevo\s+aviso)|\bhasta\s+nuevo\s+aviso|\bpor\s+tiempo\s+indefinido"
     r"|\b(?:cerramos|finalizamos|damos\s+por\s+(?:cerrado|finalizado))\s+(?:el|este|tu|su)\s+proceso|\bno\s+(?:continuarás|continuará|seguirás|seguirá|avanzarás|avanzará|pasarás|pasará)\b"
     r"|\bno\s+(?:has|ha)\s+resultado\s+seleccionad|\b(?:desestimad|descartad)[oa]|\b(?:vacante|puesto|posición|plaza)\s+(?:de\s+[\w/]+\s+(?:[\w/]+\s+)?)?(?:ha\s+sido|fue|queda)\s+(?:cancelad|anulad|suprimid|eliminad)|\bno\s+(?:vamos\s+a|podremos|podemos)\s+cubrir"),
    ("rejection", 2, r"\b(?:se\s+ajusta|encaja|encajan)\s+mejor|\bmás\s+acorde|\bguardaremos\s+(?:su|tu)\s+(?:currículum|cv|perfil|candidatura)|\bbase\s+de\s+datos\s+para\s+futur"),
    ("rejection", 3, r"\b(?:otr[oa]s?)\s+(?:candidat[oa]s?|perfil(?:es)?)\b|\bno\s+(?:ha\s+)?(?:sido|has\s+sido|"
     r"fue)\s+seleccionad"),
    ("rejection", 3, r"\bno\s+(?:hemos\s+podido|podemos|podremos|vamos\s+a|continuaremos|seguiremos|avanzaremos)\s+"
     r"(?:avanzar|continuar|seguir|con\s+tu|con\s+su)|\bhemos\s+decidido\s+no\b|\bpuesto\s+(?:ya\s+)?"
     r"(?:ha\s+sido|fue)\s+cubierto"),
    ("rejection", 2, r"\bse\s+ajusta(?:n)?\s+más|\bmás\s+(?:adecuad|alineado)"),
    ("rejection", 1, r"\blamentablemente\b|\blamentamos\b|\bdesafortunadamente\b|\bsentimos\s+comunicar"),
    ("rejection", 1, r"\bfuturas?\s+(?:oportunidades|vacantes|procesos)|\béxito\s+en\s+(?:tu|su)\s+búsqueda"),
    ("rejection", 3, r"\bno\s+(?:podemos|podremos|vamos\s+a|hemos\s+podido)\s+ofrecer|\bpuesto\s+(?:ya\s+)?se\s+ha\s+cubierto"
     r"|\bno\s+(?:has|ha)\s+(?:pasado|superado)|\b(?:la\s+respuesta\s+es|es\s+un)\s+no\b|\bhan\s+(?:elegido|optado\s+por|seleccionado\s+a)\s+otr"
     r"|\bno\s+seguir\s+adelante|\b(?:vacante|puesto|posición|proceso)\s+(?:ha\s+sido|fue|queda)\s+(?:cancelad|anulad|suprimid|congelad[oa]\s+indefinidamente)|\bcerrar\s+(?:tu|su)\s+candidatura"),
    # next_round
    ("next_round", 3, r"\b(?:elige|reserva|selecciona)\s+(?:tu|un)\s+(?:horario|hueco|turno)\s+(?:para\s+la\s+)?(?:entrevista)?"),
    ("next_round", 3, r"\binvitar(?:te|le)?\s+a\s+una\b|\b(?:segunda|nueva|siguiente|última|próxima)\s+entrevista"
     r"|\bsiguiente\s+(?:fase|etapa)"),
    ("next_round", 2, r"\b(?:agendar|programar|coordinar|concertar)\s+una\s+(?:entrevista|llamada|reunión|videollamada)"
     r"|\b(?:elige|elegir|reserva|reservar)\s+(?:un|una)\s+(?:horario|hora|fecha)|\btu\s+disponibilidad\s+para"),
    ("next_round", 2, r"\bprueba\s+técnica\b|\bcaso\s+práctico\b|\bconocerte\s+(?:mejor|en\s+persona)"),
    ("next_round", 3, r"\bvolver\s+a\s+(?:verte|vernos|reunirnos|hablar|entrevistarte)|\bsegunda\s+(?:reunión|conversación|llamada|ronda|charla)"
     r"|\b(?:has|ha)\s+pasado\s+a\b|\bentrevistarte\b"),
    ("next_round", 2, r"\bqué\s+día\s+te\s+(?:viene|va)\s+bien|\bcuándo\s+(?:tienes|tendrías)\s+disponibilidad|\bte\s+(?:viene|va)\s+bien\s+el\b"),
    ("next_round", 3, r"\bnos\s+gustaría\s+que\s+(?:conocieras|hablaras|te\s+reunieras|vinieras|pasaras|charlaras)|\bte\s+propongo\s+una\s+(?:llamada|reunión|entrevista|videollamada|charla)"
     r"|\bseguir\s+adelante\s+con\s+(?:tu|su)\s+candidatura|\bseguimos\s+(?:adelante\s+)?con\s+el\s+proceso\s+contigo"),
    ("next_round", 2, r"\bte\s+(?:vendría|iría)\s+bien\b|\bvideollamada\b"),
    # offer
    ("offer", 3, r"\bofrecer(?:te|le)\s+el\s+puesto|\boferta\s+(?:de\s+trabajo|de\s+empleo|laboral|formal)"
     r"|\bcarta\s+(?:de\s+)?oferta|\bnos\s+complace\s+(?:ofrecer|comunicar(?:te|le)?\s+que\s+has\s+sido\s+seleccionad)"),
    ("offer", 1, r"\bcontrato\b|\bbienvenid[oa]\s+al\s+equipo|\bfecha\s+de\s+incorporación"),
    ("offer", 3, r"\bofrecer(?:te|le)\s+(?:el|este)\s+(?:\w+\s+){0,3}?puesto|\bpuesto\s+es\s+(?:tuyo|suyo)"
     r"|\bhas\s+sido\s+seleccionad[oa]\s+para\s+(?:el|ocupar)|\bhacerte\s+una\s+(?:oferta|propuesta)"),
    ("offer", 2, r"\bbienvenid[oa]\s+a\s+bordo|\benhorabuena\b.{0,40}\b(?:puesto|oferta)"),
    # info_request
    ("info_request", 2, r"\bpodrías?\s+(?:enviar|mandar|compartir|facilitar|indicar|confirmar|adjuntar)\w*|\bpuedes\s+"
     r"(?:enviar|mandar)|\bpor\s+favor,?\s+(?:envía|envíanos|manda|adjunta)"),
    ("info_request", 2, r"\b(?:pretensiones|expectativas?)\s+salarial|\bpreaviso\b|\bfecha\s+de\s+disponibilidad"),
    ("info_request", 1.5, r"\b(?:referencias|certificados?|títulos?|documentación|portafolio)\b"),
    ("info_request", 2, r"\b(?:salario|sueldo|preaviso|disponibilidad\s+para\s+incorporarte|incorpor\w+|referencias|cv|portafolio)\b[^.!?\n]{0,100}\?"),
    # still_deciding
    ("still_deciding", 3, r"\b(?:seguimos|estamos|continuamos)\s+(?:revisando|evaluando|valorando|en\s+(?:el\s+)?proceso)"
     r"|\b(?:todavía|aún)\s+no\s+(?:hemos\s+tomado|tenemos)\s+una\s+decisión|\btardando\s+más|\bretras"),
    ("still_deciding", 2, r"\bnos\s+pondremos\s+en\s+contacto|\bte\s+(?:mantendremos|informaremos)|\bpaciencia\b"),
    ("still_deciding", 3, r"\b(?:puesto|proceso|vacante)\s+(?:está\s+)?(?:en\s+pausa|congelad[oa]|paralizad[oa]|suspendid[oa])"
     r"|\b(?:todavía|aún)\s+no\s+(?:hay|sabemos|hemos\s+decidido)|\bsin\s+novedades"
     r"|\bseguimos\s+con\s+el\s+proceso(?!\s+contigo)|\bte\s+daremos\s+(?:una\s+)?respuesta"),
    # auto_reply
    ("auto_reply", 4, r"\bfuera\s+de\s+la\s+oficina|\brespuesta\s+automática|\bestoy\s+(?:de\s+vacaciones|ausente|"
     r"fuera)|\bde\s+vuelta\s+el\b"),
    ("auto_reply", 3.5, r"\bhemos\s+recibido\s+(?:correctamente\s+|con\s+éxito\s+|bien\s+)?(?:tu|su)\s+(?:solicitud|candidatura|cv|postulación)"
     r"|\bacuse\s+de\s+recibo"),
    ("auto_reply", 2, r"\bmensaje\s+automático|\bno\s+responda"),
    ("auto_reply", 3.5, r"\b(?:tu|su)\s+candidatura\s+(?:ha\s+sido|fue)\s+(?:recibida|registrada)|\bconfirmamos\s+(?:la\s+)?recepción"),
    ("auto_reply", 2, r"\bgenerado\s+automáticamente|\benviado\s+automáticamente|\bno\s+respondas\b"),
    # other: envíos masivos (darse de baja, alertas), contacto en frío, avisos de la cuenta
    ("other", 2, r"\bdar(?:se|te)\s+de\s+baja|\bdate\s+de\s+baja|\bdejar\s+de\s+recibir|\bno\s+deseas\s+recibir|\btu\s+alerta\b"
     r"|\balerta\s+de\s+empleo|\b(?:ofertas|empleos|avisos)\s+(?:nuevas?|nuevos|similares)|\bnuevas\s+ofertas\b"
     r"|\bte\s+pueden\s+interesar|\bver\s+(?:todas\s+las\s+ofertas|todos\s+los\s+empleos|empleos|mis\s+postulaciones)"),
    ("other", 3, r"\bhe\s+(?:visto|encontrado|revisado)\s+tu\s+perfil|\btu\s+perfil\s+encaja|\buno\s+de\s+mis\s+clientes\b"
     r"|\bproceso\s+confidencial|\bcomunidad\s+de\s+talento|\bopen\s+day\b|\bencuesta\b|\bcontraseña\b"),
    # After blind5 (scored once): "come and meet us", a paused process, a newsletter.
    ("next_round", 3, r"\bvenir\s+(?:\w+\s+){0,3}?a\s+conocernos\b|\bconocernos\s+(?:en\s+persona|mejor)\b"),
    ("next_round", 2, r"\bconocernos\b|¿\s*te\s+(?:apetece|viene\s+bien|va\s+bien|cuadra)"),
    ("still_deciding", 3, r"\b(?:en\s+pausa|pausad[oa]|suspendid[oa]|congelad[oa])\s+temporalmente|\bquedado\s+en\s+pausa\b(?!\s+(?:por\s+tiempo\s+indefinido|indefinidamente|hasta))"
     r"|\bcandidatura\s+sigue\s+(?:activa|en\s+(?:el\s+)?proceso|vigente)"),
    ("other", 3, r"\bboletín\b|\ben\s+este\s+número\b|\bleer\s+online\b"),
    # From dev8: someone else taken, said casually; an incomplete application.
    ("rejection", 3, r"\b(?:hemos|han)\s+(?:cogido|elegido|contratado|escogido|seleccionado)\s+a\s+otra\s+persona\b"),
    ("info_request", 3, r"\bsolicitud\s+(?:está\s+)?incompleta\b|\bfalta\s+(?:indicar|adjuntar|completar|enviar)\b"),
    # After blind6: the candidate's own decision acknowledged; a trial day.
    ("other", 4, r"\b(?:lamentamos|respetamos|entendemos)\s+(?:tu|su)\s+decisión\b"),
    ("next_round", 3, r"\b(?:día|turno|jornada)\s+de\s+prueba\b"),
)  # fmt: skip
