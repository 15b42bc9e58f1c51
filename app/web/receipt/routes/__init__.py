"""The receipt view's routes, one router for the web app to include: the reading flow and its pages
(``reading``), the person's checks of repaired values (``checking``), what the person takes away (``exports``), and
the history (``history``)."""

from fastapi import APIRouter

from app.web.receipt.routes import checking, exports, history, reading

router = APIRouter()
for part in (reading, checking, exports, history):
    router.include_router(part.router)
