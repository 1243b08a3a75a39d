"""Demo drafts: a one-page administrative document in the Decree 30/2020 App. I layout, rendered by WeasyPrint,
with room for the signature image between the signer's position and name (as a drafting unit would prepare it)."""

from __future__ import annotations

from html import escape

_HTML = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 20mm 20mm 20mm 30mm }}
body {{ font-family: 'Liberation Serif', 'Times New Roman'; font-size: 13pt; line-height: 1.3 }}
table.head {{ width: 100%; border-collapse: collapse; font-size: 12pt }}
table.head td {{ vertical-align: top; text-align: center }}
.caps {{ text-transform: uppercase }} .b {{ font-weight: bold }} .c {{ text-align: center }}
.sign {{ margin-left: 50%; text-align: center }} .space {{ height: 28mm }}
p {{ text-align: justify; margin: 0 0 6pt }}
</style></head><body>
<table class="head"><tr>
<td style="width:40%"><div class="caps">{parent}</div><div class="caps b">{agency}</div>
<div>Số: &nbsp;&nbsp;&nbsp;/{notation}</div></td>
<td><div class="b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="b">Độc lập - Tự do - Hạnh phúc</div>
<div><i>{place}, ngày &nbsp;&nbsp; tháng &nbsp;&nbsp; năm {year}</i></div></td></tr></table>
<p class="c b caps" style="margin-top:10mm">{type_name}</p>
<p class="c">{subject}</p>
{body}
<div class="sign"><div class="b caps">{competence}</div><div class="b caps">{position}</div>
<div class="space"></div><div class="b">{full_name}</div></div>
</body></html>"""


def draft_pdf(
    *,
    agency: str,
    parent: str = "",
    notation: str,
    place: str,
    year: int,
    type_name: str,
    subject: str,
    paragraphs: list[str],
    position: str,
    full_name: str,
    competence: str = "",
) -> bytes:
    from weasyprint import HTML

    html = _HTML.format(
        parent=escape(parent),
        agency=escape(agency),
        notation=escape(notation),
        place=escape(place),
        year=year,
        type_name=escape(type_name),
        subject=escape(subject),
        body="".join(f"<p>{escape(text)}</p>" for text in paragraphs),
        competence=escape(competence),
        position=escape(position),
        full_name=escape(full_name),
    )
    return HTML(string=html).write_pdf()
