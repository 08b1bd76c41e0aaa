"""Find user-facing text that does not go through the translation functions.

Run as ``python tests/web/i18n/literals.py [paths...]`` to list what is left; the test in
``test_translatable.py`` asserts that the list is empty.

Templates: every piece of text between tags, and the attributes people read (title,
placeholder, alt, aria-label, value of buttons) must come from ``_()``/``{% trans %}``; a string
constant handed to a macro that starts with a capital and a small letter (``"Save"``) too.
Python: a string literal that reads as prose (a capital and a small letter, then more words, or
a single capitalised word given to a form field, a flash or a validator) outside ``gettext``,
``lazy_gettext``, ``ngettext`` and friends, docstrings, logging and programmer errors.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

from jinja2 import Environment, nodes

from matchmaker.catalogues import KEYWORDS

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = ROOT / "templates"
PACKAGE = ROOT / "matchmaker"
# Modules of data, not interface: the demo's organisations and programme are content in the
# language they were written in (events' own texts are translated by organisers, not here).
# Not interface text: the demo's content (events' own texts are translated by organisers);
# the country aliases spreadsheets contain (matched, never shown); the OpenAPI document and the
# re-plan benchmark, written for developers in English like the API's field names.
NOT_INTERFACE = (
    "matchmaker/demo/",
    "matchmaker/organiser/countries.py",
    "matchmaker/api/openapi.py",
    "matchmaker/live/commands.py",
    "matchmaker/auth/countries.py",  # English names from Debian's iso-codes; others from CLDR
)

# The functions the catalogues' extraction reads: text given to any other is not extracted.
TRANSLATION_CALLS = frozenset(KEYWORDS)
# Jinja calls whose string arguments are names, not text.
TEMPLATE_NAME_CALLS = {"url_for", "static_url", "config", "get", "startswith", "endswith"}
READ_ATTRIBUTES = {"title", "placeholder", "alt", "aria-label", "aria-description", "label"}
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
PROSE = re.compile(r"^[A-Z][a-z']+(?:[ ,:;.!?-]+\w+)+[ .!?:…]*$|^[A-Z][a-z]+[^\n]* [a-z]+")
CAPITALISED = re.compile(r"^[A-Z][a-z]")
# Python strings that look capitalised but are names: headers, zones, fonts, SQL, formats.
NOT_TEXT = re.compile(
    r"^(?:[A-Z][a-z]+(?:-[A-Z][A-Za-z]+)+"  # headers: Content-Type, Message-ID
    r"|[A-Z][A-Za-z_]+/[A-Za-z_/+-]+"  # time zones: Europe/Berlin
    r"|[A-Z][a-z]+[A-Z]\w*"  # CamelCase identifiers
    r"|[A-Z]\w+\.\w+"  # model attributes in relationships: Event.id
    r"|Bearer .*"  # WWW-Authenticate challenges
    r"|[A-Z0-9]+"  # codes and formats: K7QM2XPA, CSV
    r"|Excel|(?i:[·\s]*matchmaker)"  # a file format's and the product's names
    r"|\(?[…\s]*\.\w+\)?"  # file names and extensions: ….ics, (.csv)
    r"|(?:SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|BEGIN)\b.*"
    r")$",
    re.DOTALL,
)
PROGRAMMER_ERRORS = {
    "ValueError",
    "TypeError",
    "RuntimeError",
    "AssertionError",
    "KeyError",
    "LookupError",
    "NotImplementedError",
    "AttributeError",
    "SystemExit",
}
LOGGING = {"debug", "info", "warning", "error", "exception", "critical", "log"}


JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%-?\s*(\w+).*?%\}|\{#.*?#\}", re.DOTALL)
TRANS_BLOCK = re.compile(r"\{%-?\s*trans\b.*?\{%-?\s*endtrans\s*-?%\}", re.DOTALL)
PLACEHOLDER = "\u2060"  # stands in for an expression, so tags stay whole around it


class _TextParser(HTMLParser):
    """Collects the text and read attributes of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skip += 1
        for name, value in attrs:
            readable = name in READ_ATTRIBUTES or (
                name == "value" and tag == "input" and ("type", "submit") in attrs
            )
            shown = value.replace(PLACEHOLDER, "") if value else ""
            if readable and LETTER.search(shown) and not NOT_TEXT.match(shown):
                self.found.append((self.getpos()[0], f'{name}="{value}"'))

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.found.append((self.getpos()[0], data.strip()))


def _blank(match: re.Match[str]) -> str:
    """The match replaced by one placeholder and as many newlines, keeping line numbers."""
    return PLACEHOLDER + "\n" * match.group(0).count("\n")


def _template_texts(source: str) -> Iterator[tuple[int, str]]:
    env = Environment(extensions=["jinja2.ext.i18n"])
    tree = env.parse(source)
    html = JINJA_TAG.sub(_blank, TRANS_BLOCK.sub(_blank, source))
    parser = _TextParser()
    parser.feed(html)
    for line, text in parser.found:
        bare = " ".join(text.replace(PLACEHOLDER, " ").split())
        if LETTER.search(bare) and not NOT_TEXT.match(bare):
            yield line, text.replace(PLACEHOLDER, "…")
    names: set[int] = set()
    for node in tree.find_all((nodes.Call, nodes.Compare, nodes.Getitem, nodes.Test)):
        if isinstance(node, nodes.Call):
            name = _jinja_call_name(node.node)
            if name not in TRANSLATION_CALLS and name not in TEMPLATE_NAME_CALLS:
                continue
        under = node.arg if isinstance(node, nodes.Getitem) else node
        names.update(id(const) for const in under.find_all(nodes.Const))
    for const in tree.find_all(nodes.Const):
        value = const.value
        if (
            id(const) not in names
            and isinstance(value, str)
            and CAPITALISED.match(value)
            and not NOT_TEXT.match(value)
        ):
            yield const.lineno, value


def _jinja_call_name(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return node.attr
    return ""


def template_findings(paths: list[Path]) -> list[str]:
    """Every untranslated text in the given templates, as ``path:line: text``."""
    findings = []
    for path in paths:
        source = path.read_text(encoding="utf-8")
        for line, text in _template_texts(source):
            findings.append(f"{path.relative_to(ROOT)}:{line}: {text[:80]!r}")
    return findings


def _call_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


class _PythonScanner(ast.NodeVisitor):
    def __init__(self) -> None:
        self.found: list[tuple[int, str]] = []
        self._ignored: set[int] = set()

    def _ignore(self, node: ast.AST) -> None:
        for child in ast.walk(node):
            self._ignored.add(id(child))

    def visit_Module(self, node: ast.Module) -> None:
        self._ignore_docstring(node)
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._ignore_docstring(node)
        self.generic_visit(node)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._ignore_docstring(node)
        self.generic_visit(node)

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def _ignore_docstring(self, node: ast.Module | ast.ClassDef | ast.FunctionDef) -> None:
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            self._ignore(body[0])

    def visit_Call(self, node: ast.Call) -> None:
        name = _call_name(node.func)
        logging_call = (
            name in LOGGING
            and isinstance(node.func, ast.Attribute)
            and (_call_name(node.func.value) in {"logger", "log", "logging", "_log", "LOG"})
        )
        if name in TRANSLATION_CALLS or name in PROGRAMMER_ERRORS or logging_call:
            self._ignore(node)
        self.generic_visit(node)

    def visit_Raise(self, node: ast.Raise) -> None:
        if isinstance(node.exc, ast.Call) and _call_name(node.exc.func) in PROGRAMMER_ERRORS:
            self._ignore(node)
        self.generic_visit(node)

    def visit_Expr(self, node: ast.Expr) -> None:
        # A string on its own is a docstring (of a module, class, function or attribute).
        if isinstance(node.value, ast.Constant):
            self._ignore(node)
        self.generic_visit(node)

    def visit_keyword(self, node: ast.keyword) -> None:
        # Command-line --help texts stay English, like the commands' docstrings and Flask's own.
        if node.arg == "help":
            self._ignore(node)
        self.generic_visit(node)

    def visit_Assert(self, node: ast.Assert) -> None:
        self._ignore(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        self._ignore(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self._ignore(node.slice)
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if id(node) in self._ignored or not isinstance(node.value, str):
            return
        text = node.value.strip()
        if PROSE.match(text) and not NOT_TEXT.match(text):
            self.found.append((node.lineno, text))

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        if id(node) in self._ignored:
            return
        head = node.values[0] if node.values else None
        if isinstance(head, ast.Constant) and isinstance(head.value, str):
            text = head.value.strip()
            if CAPITALISED.match(text) and " " in text and not NOT_TEXT.match(text):
                self.found.append((node.lineno, "f" + repr(text)))


def python_findings(paths: list[Path]) -> list[str]:
    """Every untranslated prose literal in the given Python modules, as ``path:line: text``."""
    findings = []
    for path in paths:
        scanner = _PythonScanner()
        scanner.visit(ast.parse(path.read_text(encoding="utf-8")))
        for line, text in scanner.found:
            findings.append(f"{path.relative_to(ROOT)}:{line}: {text[:80]!r}")
    return findings


def all_findings(paths: list[Path] | None = None) -> list[str]:
    """Untranslated text under the given paths (default: the templates and the package)."""
    roots = paths or [TEMPLATES, PACKAGE]
    templates: list[Path] = []
    modules: list[Path] = []
    for root in roots:
        files = [root] if root.is_file() else sorted(root.rglob("*"))
        templates += [f for f in files if f.suffix in {".html", ".txt", ".ics"}]
        modules += [
            f
            for f in files
            if f.suffix == ".py" and not f.relative_to(ROOT).as_posix().startswith(NOT_INTERFACE)
        ]
    return template_findings(templates) + python_findings(modules)


if __name__ == "__main__":
    found = all_findings([Path(arg).resolve() for arg in sys.argv[1:]] or None)
    print("\n".join(found))
    print(f"{len(found)} untranslated", file=sys.stderr)
