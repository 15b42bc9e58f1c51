"""The web app (``receipt-extractor serve web``): what end users see, a client of the file service and the module API.

main.py      the app: settings checks, session cookie, CSP, templates, static files, error pages
state.py     what routes share: clients, login store, ``render`` (page or htmx block), ``Member``/``CsrfChecked``
login.py     sign-in with authorization code + PKCE through the realm (authlib), RP-initiated logout, language switch
session.py   tokens kept server-side by login id; the CSRF token of a session
receipts.py  upload → preview → store → read → confirm, exports, payment QR, history, image proxy
stats.py     the runtime's stats API as tables and an inline SVG chart
clients.py   the file service and the module API over HTTP with the person's token; failures as ``ServiceError``
receipt/     the receipt-specific part, the only web code that imports ``model/`` (a fork replaces it):
  preview.py   preprocessing preview with ``model.preprocess``; the result stored inside the processed PNG
  payment.py   field labels, GOST R 56042-2014 payload and QR (SVG, PNG), fiscal check, JSON/CSV exports
  checks.py    live checks: edited details through the module's own rules (``model.resolve``) again
i18n.py      gettext catalogs from frontend/locales, language negotiation
sample.py    the keycloak-js sample page (frontend/keycloak-sample) with its config.json and CSP
"""
