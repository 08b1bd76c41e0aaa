"""The outcomes report as a PDF (fpdf2): the headline figures, results, and the tables by
delegation, country and sector, with a bar beside each count.

Written with the PDF core fonts, so text is reduced to Latin-1 (a dash or the euro sign
become their ASCII forms); the HTML report keeps every character.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from flask_babel import gettext as _

from matchmaker.outcomes.exports import group_header, group_row, is_rate, summary_rows
from matchmaker.outcomes.kpis import Kpis
from matchmaker.outcomes.labels import RESULT_LABELS

if TYPE_CHECKING:
    from fpdf import FPDF

ASCII_FORMS = {"–": "-", "—": "-", "€": "EUR ", "’": "'", "“": '"', "”": '"', "…": "..."}
ACCENT = (26, 86, 184)


def latin1(text: object) -> str:
    """`text` as the core fonts can write it."""
    value = str(text)
    for char, form in ASCII_FORMS.items():
        value = value.replace(char, form)
    return value.encode("latin-1", "replace").decode("latin-1")


def shown(value: object, rate: bool) -> str:
    """A figure as the report prints it: shares as percentages."""
    if rate and isinstance(value, float):
        return f"{value * 100:.1f}%"
    return latin1(value)


def _title(pdf: FPDF, text: str) -> None:
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 8, latin1(text), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)


def _bars(pdf: FPDF, values: dict[str, int]) -> None:
    top = max(values.values(), default=0)
    for label, value in values.items():
        pdf.cell(70, 6, latin1(label))
        pdf.cell(15, 6, str(value), align="R")
        width = 90 * value / top if top else 0
        if width:
            pdf.set_fill_color(*ACCENT)
            pdf.rect(pdf.get_x() + 3, pdf.get_y() + 1.5, width, 3.5, style="F")
        pdf.ln(6)


def _table(pdf: FPDF, rows: Sequence[Sequence[object]]) -> None:
    widths = (50, 15, 18, 14, 15, 18, 16, 24, 20)
    pdf.set_font("Helvetica", "B", 8)
    for index, (width, value) in enumerate(zip(widths, rows[0], strict=True)):
        pdf.cell(width, 6, latin1(value), border="B", align="L" if index == 0 else "R")
    pdf.ln(6)
    pdf.set_font("Helvetica", "", 8)
    rates = [is_rate(str(label)) for label in rows[0]]
    for row in rows[1:]:
        for index, (width, value) in enumerate(zip(widths, row, strict=True)):
            text = shown(value, rates[index])[:34]
            pdf.cell(width, 5, text, align="L" if index == 0 else "R")
        pdf.ln(5)
    pdf.set_font("Helvetica", "", 10)


def report_pdf(title: str, delegation: str | None, kpis: Kpis) -> bytes:
    """The report of `kpis` as PDF bytes."""
    # Imported here: fpdf2 (with fontTools and Pillow) costs every web process about 30 MB.
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(latin1(title))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.multi_cell(0, 8, latin1(_("Outcomes: %(name)s", name=title)), new_x="LMARGIN", new_y="NEXT")
    if delegation:
        pdf.set_font("Helvetica", "", 11)
        pdf.cell(
            0, 7, latin1(_("Delegation: %(name)s", name=delegation)), new_x="LMARGIN", new_y="NEXT"
        )
    _title(pdf, _("Key figures"))
    for label, value in summary_rows(kpis):
        pdf.cell(80, 6, latin1(label))
        pdf.cell(30, 6, shown(value, is_rate(label)), align="R", new_x="LMARGIN", new_y="NEXT")
    _title(pdf, _("Participants by type"))
    _bars(pdf, kpis.by_type)
    _title(pdf, _("Meetings by result"))
    _bars(pdf, {str(RESULT_LABELS[r]): n for r, n in kpis.results.items()})
    _title(pdf, _("Ratings given"))
    _bars(pdf, {f"{r}/5": n for r, n in kpis.ratings.items()})
    for name, label in (
        ("delegation", _("By delegation")),
        ("country", _("By country")),
        ("sector", _("By sector")),
    ):
        _title(pdf, label)
        _table(pdf, [list(group_header()), *(group_row(g) for g in kpis.groups[name])])
    return bytes(pdf.output())
