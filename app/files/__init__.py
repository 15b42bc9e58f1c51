"""The file service: users' uploads (images, PDFs) in object storage, behind the realm's bearer tokens.

``app.files.main.create_files_app(settings, manifests)`` builds it; ``receipt-extractor serve files`` runs it.
``app.files.service.FileService`` holds its rules (owner prefixes, allowed types), which the module runtime reuses
to read file references.
"""
