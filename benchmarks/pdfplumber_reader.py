"""The PDF reader narrator used before issue 16: pdfplumber (pdfminer, pure Python) for the
characters and its table finder for the ruled tables, fed to the same reading-order rebuild
(``narrator.extract.pdftext.page_text``).  Kept as the reference that the PDFium reader is
timed against (``benchmarks/speed.py --pdf``) and compared with (``tests/test_pdf_reader.py``).
"""

from __future__ import annotations

import io

from narrator.extract.pdftext import PdfText, join_pages, page_text


def pdfplumber_text(raw: bytes) -> PdfText:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(raw)) as pdf:
        pages = [page_text(page.chars, [(t.bbox, t.extract()) for t in page.find_tables()]) for page in pdf.pages]
    return join_pages(pages)
