"""The receipt-specific part of the web app: payment details, their checks, the payment QR and the preprocessing
preview. The only web code that imports ``model/``; a fork with another module replaces this folder (and the
receipt templates) and keeps the rest of the web app."""

from app.web.receipt.checks import to_check
from app.web.receipt.payment import DIGIT_FIELDS, FIELDS, FISCAL_CHECK_URL
from app.web.receipt.wording import explained

ACCEPTED_UPLOADS = "image/*,application/pdf,.pdf,.heic,.heif"
"""The upload's ``accept``: photos and scans, and PDF (which ``image/*`` alone hides on phones); HEIC by name too, as
some browsers give it no type."""
TEMPLATE_GLOBALS = {
    "FIELDS": FIELDS,
    "DIGIT_FIELDS": DIGIT_FIELDS,
    "FISCAL_CHECK_URL": FISCAL_CHECK_URL,
    "ACCEPTED_UPLOADS": ACCEPTED_UPLOADS,
    "fields_to_check": to_check,
}
"""What the receipt templates need besides the page's context."""
TEMPLATE_FILTERS = {"explained": explained, "detail": explained}
"""``{{ step.detail | explained(language) }}``: the module's explanations in the page's language; ``detail``, a
refusal's technical detail on any page, gets the module's phrases too (why a file cannot be read)."""
