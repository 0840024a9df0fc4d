"""What each translation still lacks: the report `python -m generator translations` prints.

One line per missing text, `FILE:LINE: FIELD`, pointing at the English text to translate,
so a translator (or an editor) can jump straight to it.
"""

from __future__ import annotations

from .i18n import catalogue, catalogue_path
from .multilingual import ui_messages
from .translations import TRANSLATIONS_DIR, Content, Translation


def missing_ui(code: str) -> list[str]:
    """The generator's own strings not yet in generator/locales/<code>.yml."""
    strings = catalogue(code)
    return [msgid for msgid in ui_messages() if msgid not in strings]


def language_report(translation: Translation) -> list[str]:
    language = translation.language
    done = translation.total - len(translation.missing)
    lines = [
        f"{language.code}  {language.name} ({language.direction}), {language.status}: "
        f"{done} of {translation.total} texts translated, {len(translation.missing)} missing"
    ]
    lines += [f"  {m.file}:{m.line}: {m.field}" for m in translation.missing]
    ui = missing_ui(language.code)
    where = f"generator/locales/{catalogue_path(language.code).name}"
    total = len(ui_messages())
    if ui:
        lines.append(f"  {where}: {len(ui)} of {total} UI strings missing")
        lines += [f"  {where}: missing {msgid!r}" for msgid in ui]
    else:
        lines.append(f"  {where}: all {total} UI strings translated")
    return lines


def report(content: Content, only: str | None = None) -> str:
    translations = [t for t in content.translations if only in (None, t.language.code)]
    if not content.translations:
        return (
            f"No translations yet. To start one, create {TRANSLATIONS_DIR}/<lang>/language.yml "
            "(see TRANSLATING.md)."
        )
    lines = [f"Source language: {content.source.code} ({content.source.name})."]
    for translation in translations:
        lines += ["", *language_report(translation)]
    missing = sum(len(t.missing) for t in translations)
    lines += ["", f"{len(translations)} language(s), {missing} text(s) missing in all."]
    return "\n".join(lines)
