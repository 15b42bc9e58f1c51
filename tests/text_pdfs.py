"""PDFs with a text layer drawn for the tests, as an accounting program or a bank's site saves a document."""

from __future__ import annotations

import io


def text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose pages carry ``pages``' lines in a text layer, one line under another."""
    import matplotlib
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    matplotlib.use("Agg")
    matplotlib.rcParams["pdf.fonttype"] = 42
    buffer = io.BytesIO()
    with PdfPages(buffer) as pdf:
        for lines in pages:
            figure = plt.figure(figsize=(8.27, 11.69))
            for index, line in enumerate(lines):
                figure.text(0.05, 0.95 - index * 0.03, line, fontsize=7)
            pdf.savefig(figure)
            plt.close(figure)
    return buffer.getvalue()
