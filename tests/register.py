"""Spanish register: the Spanish edition addresses its reader as "usted", as UN and NGO
Spanish texts do. What gives away the familiar "tú" in this site's kind of text."""

from __future__ import annotations

import re

# Pronouns, possessives and verb forms that only "tú" uses, anywhere.
_FAMILIAR = (
    r"tu|tus|te|ti|tuyo|tuya|tuyos|tuyas|contigo|puedes|quieres|necesitas|tienes|sabes|dile"
    r"|cópialo|escríbele|pídele|pregúntale|infórmate|averigua|elige|envía"
)
# Verbs whose familiar imperative is also the third person ("el tratado pide"): familiar
# only where a sentence, a list item or a title starts with them.
_AMBIGUOUS = r"escribe|pide|comparte|actúa|lee|completa|consulta|busca|ten|di|usa|pregunta|añade"
INFORMAL = re.compile(
    rf"(?<!\w)(?:{_FAMILIAR})(?!\w)"
    rf"|(?:\A|(?<=[.!?¡¿]\s)|(?<=\n\n)|(?<=\n-\s)|(?<=\A-\s))(?:{_AMBIGUOUS})(?!\w)",
    re.IGNORECASE,
)


def informal(text: str) -> list[str]:
    """The familiar forms in `text`; [] when it is all "usted"."""
    return INFORMAL.findall(text)
