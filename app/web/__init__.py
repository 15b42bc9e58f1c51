"""The web app (``receipt-extractor serve web``): what end users see, a client of the file service and the module API.

main.py      the app: settings checks, session cookie, CSP, templates, static files, error pages
state.py     what routes share: clients, login store, ``render`` (page or htmx block), ``Member``/``CsrfChecked``
login.py     sign-in with authorization code + PKCE through the realm (authlib), RP-initiated logout, language switch
session.py   tokens kept server-side by login id; the CSRF token of a session
generic.py   the result page any module gets: upload a file, show the outputs the model declares
history.py   the generic history (``/results``): the person's files, the model and outcome of each, delete
runs.py      the run log behind it: which model ran on which file, in memory or Redis beside the sign-ins
stats.py     the runtime's stats API as tables and an inline SVG chart
clients.py   the file service and the module API over HTTP with the person's token; failures as ``ServiceError``
decodes.py   the bound on documents decoded at once (previews, images), held until each sandbox child has ended
receipt/     the receipt view, the only web code that imports ``model/`` (a fork deletes it with its templates):
  routes/      reading.py (upload → preview → store → read → confirm, image proxy), exports.py (payment QR,
               JSON/CSV), history.py (history, delete); one ``router``
  result.py    what a receipt's page shows: problems, before/after images, details with checks, the QR or why not
  history.py   the history's rows: summaries read from the stored results, search
  preview.py   preprocessing preview with ``model.preprocess``; the result stored inside the processed PNG
  payment.py   field labels, GOST R 56042-2014 payload and QR (SVG, PNG), fiscal check, JSON/CSV exports
  checks.py    live checks: edited details through the module's own rules (``model.resolve``) again
  wording.py   the module's explanations (steps, checks) in the page's language
i18n.py      gettext catalogs from frontend/locales, language negotiation
sample.py    the keycloak-js sample page (frontend/keycloak-sample) with its config.json and CSP
"""
