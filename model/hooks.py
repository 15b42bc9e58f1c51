"""What the receipt module adds to the platform (``app.hooks``): its commands and Tesseract's language data check."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer


class ReceiptHooks:
    """Found by the platform as ``model.platform_hooks``, from the Module manifest's entrypoint ``model.inference``."""

    def commands(self, cli: typer.Typer) -> None:
        """``extract``, ``demo`` and ``bench`` (``model.commands``)."""
        from model.commands import register

        register(cli)

    def prerequisites(self) -> list[str]:
        """The Tesseract model cannot serve without rus and eng traineddata: the message says what to install."""
        from model.tesseract import TesseractUnavailableError, tessdata_dir

        try:
            tessdata_dir()
        except TesseractUnavailableError as error:
            return [str(error)]
        return []

    def unservable(self, model_key: str) -> str | None:
        """The Indra models need the opt-in ``indra`` extra (its weights' license keeps it out of the demo)."""
        if model_key in ("indra", "pooled"):
            from model.indra import unavailable_reason

            return unavailable_reason()
        return None


platform_hooks = ReceiptHooks()
