"""The translation catalogues: extract the interface's messages, update and compile catalogues.

``python -m matchmaker.catalogues update`` extracts every message from the package and the
templates into ``translations/messages.pot``, merges it into each language's ``messages.po``
(new messages arrive empty, for a translator; removed ones are dropped) and fills the English
catalogue from the source. ``python -m matchmaker.catalogues compile`` writes the ``.mo`` files
the app reads; ``make run`` and the tests do it.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from matchmaker.config import PROJECT_ROOT
from matchmaker.i18n import LOCALES

TRANSLATIONS = Path(__file__).parent / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
SOURCES = ("matchmaker", "templates")
METHODS = [
    ("matchmaker/**/demo/**.py", "ignore"),
    ("**.py", "python"),
    ("**.html", "jinja2"),
    ("**.txt", "jinja2"),
    ("**.ics", "jinja2"),
]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "_l": None,
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
    "lazy_pgettext": ((1, "c"), 2),
}
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}
TEMPLATE_OPTIONS = {"**.html": JINJA_OPTIONS, "**.txt": JINJA_OPTIONS, "**.ics": JINJA_OPTIONS}


def po_path(locale: str) -> Path:
    """Where a language's catalogue lives: in the folder of Babel's name for it, which is
    where Flask-Babel looks ("zh_TW" is "zh_Hant_TW")."""
    return TRANSLATIONS / str(Locale.parse(locale)) / "LC_MESSAGES" / "messages.po"


def extract() -> Catalog:
    """Every message of the package's Python modules and of the templates."""
    catalog = Catalog(project="matchmaker", msgid_bugs_address="", charset="utf-8")
    for source in SOURCES:
        directory = PROJECT_ROOT / source
        method_map = [(pattern.removeprefix(f"{source}/"), kind) for pattern, kind in METHODS]
        for filename, line, message, comments, context in extract_from_dir(
            str(directory), method_map, options_map=TEMPLATE_OPTIONS, keywords=KEYWORDS
        ):
            catalog.add(
                message,
                None,
                [(f"{source}/{filename}", line)],
                auto_comments=comments,
                context=context,
            )
    return catalog


def read(locale: str) -> Catalog:
    """A language's catalogue as it is on disk."""
    with po_path(locale).open("rb") as handle:
        return read_po(handle, locale=locale)


def update() -> None:
    """Write the template and bring every language's catalogue in line with the source."""
    template = extract()
    TRANSLATIONS.mkdir(exist_ok=True)
    with TEMPLATE.open("wb") as handle:
        write_po(handle, template, sort_output=True, omit_header=True, width=100)
    for locale in LOCALES:
        path = po_path(locale)
        if path.exists():
            catalog = read(locale)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(
                locale=locale,
                project="matchmaker",
                charset="utf-8",
                fuzzy=False,
                header_comment=f"# matchmaker in {Locale.parse(locale).english_name}.",
            )
        # Catalog.update adopts the template's message objects: give it a copy of its own.
        catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)
        if locale == "en":
            for message in catalog:
                if message.id:
                    message.string = message.id
        with path.open("wb") as handle:
            write_po(
                handle, catalog, sort_output=True, ignore_obsolete=True, no_location=True, width=100
            )


def compile_all() -> None:
    """Write each language's ``.mo`` where it is missing or older than its catalogue."""
    for locale in LOCALES:
        source = po_path(locale)
        target = source.with_suffix(".mo")
        if not source.exists():
            continue
        if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
            continue
        with target.open("wb") as handle:
            write_mo(handle, read(locale))


if __name__ == "__main__":
    commands = {"update": update, "compile": compile_all}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit("usage: python -m matchmaker.catalogues update|compile")
    commands[sys.argv[1]]()
