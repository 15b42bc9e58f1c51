"""The project's identity, read from the manifests: its name, display name, images, bucket, realm and prefixes.

A fork renames its project by editing ``manifests/`` only; everything that shows or derives a name (the web app's
header, the API documents' title, metric and cookie names, the images CI builds, compose's bucket) asks here.
``receipt-extractor manifests get FIELD`` prints one field for the Makefile, CI and compose.

Two names are the platform's and stay whatever the module: the ``RECEIPT_`` prefix of the services' settings
(``ENV_PREFIX``: the Dockerfile, compose and the Kubernetes objects set those variables for every module) and the
``receipt-extractor`` command.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.manifests.models import ModuleManifest, StorageManifest
from app.settings import ENV_PREFIX

SERVICE_SUFFIXES = {"module": "", "files": "-files", "web": "-web"}
"""Image name of each service, after the module image's name: receipt-extractor, receipt-extractor-files, ..."""


@dataclass(frozen=True)
class ProjectIdentity:
    name: str
    """metadata.name of the Module manifest, e.g. receipt-extractor."""
    display_name: str
    """What people read in the web app and the API documents, e.g. Receipt extractor."""
    image_repository: str
    """spec.image.repository without the tag, e.g. harbor.example/pu-gallery/receipt-extractor."""
    bucket: str
    """The storage manifest's bucket."""
    realm: str
    """The identity provider's realm: issuers end in /realms/<realm>."""
    prefix: str
    """Of metric names, the session cookie and shared-store keys, e.g. receipt."""
    display_name_translations: dict[str, str] = field(default_factory=dict)

    @property
    def image_name(self) -> str:
        """The last part of the image repository: what CI pushes under its registry project."""
        return self.image_repository.rsplit("/", 1)[-1]

    def image_of(self, service: str) -> str:
        """The image name of ``service`` (module, files or web); KeyError for another."""
        return self.image_name + SERVICE_SUFFIXES[service]

    @property
    def metric_prefix(self) -> str:
        """Of every runtime metric: ``<prefix>_runtime_requests_total`` and its siblings."""
        return f"{self.prefix}_runtime"

    @property
    def session_cookie(self) -> str:
        return f"{self.prefix}_session"

    @property
    def login_key_prefix(self) -> str:
        """Of the web app's sign-ins in a shared Redis: ``<prefix>-web:login:<id>``."""
        return f"{self.prefix}-web:login:"

    @property
    def runs_key_prefix(self) -> str:
        """Of the generic history's run log in a shared Redis: ``<prefix>-web:runs:<owner>``."""
        return f"{self.prefix}-web:runs:"

    @property
    def monitoring_key_prefix(self) -> str:
        """Of the request log, publications and log lines every service shares: ``<prefix>:monitoring:<kind>``."""
        return f"{self.prefix}:monitoring:"

    def brand_arguments(self) -> list[str]:
        """The dev identity provider's options that put this name above its pages (deploy/dev-idp/server.mjs)."""
        arguments = ["--brand", self.display_name]
        for language, name in sorted(self.display_name_translations.items()):
            arguments += ["--brand-translation", f"{language}={name}"]
        return arguments

    def display_name_in(self, language: str) -> str:
        """The display name in ``language``, or the plain one where the manifest gives no translation."""
        return self.display_name_translations.get(language, self.display_name)

    def fields(self) -> dict[str, str]:
        """What ``manifests get`` prints, by field name."""
        return {
            "name": self.name,
            "display-name": self.display_name,
            "image": self.image_name,
            "image-repository": self.image_repository,
            "files-image": self.image_of("files"),
            "web-image": self.image_of("web"),
            "bucket": self.bucket,
            "realm": self.realm,
            "prefix": self.prefix,
            "metric-prefix": self.metric_prefix,
            "session-cookie": self.session_cookie,
            "env-prefix": ENV_PREFIX,
        }


UNNAMED_PROJECT = ProjectIdentity(
    name="module", display_name="Module", image_repository="module", bucket="uploads", realm="module", prefix="module"
)
"""The identity of a service built without manifests (a runtime embedded or under test): generic names only."""


def identity_of(module: ModuleManifest, storage: StorageManifest) -> ProjectIdentity:
    """The identity the two manifests declare, each field absent from ``spec.project`` derived from the name."""
    name = module.metadata.name
    project = module.spec.project
    return ProjectIdentity(
        name=name,
        display_name=project.display_name or name,
        image_repository=module.spec.image.repository,
        bucket=storage.spec.bucket,
        realm=project.realm or name,
        prefix=project.prefix or name.replace("-", "_"),
        display_name_translations=dict(project.display_name_translations),
    )


def project_identity(manifests_dir: Path) -> ProjectIdentity:
    """The identity of the manifests in ``manifests_dir``, read without importing the module (cheap: for the CLI,
    the Makefile and CI). ManifestError naming the file and line when the Module or Storage manifest is wrong."""
    from app.manifests.loader import shape_checked  # the loader builds its Manifests.project from identity_of

    return identity_of(shape_checked(manifests_dir, ModuleManifest), shape_checked(manifests_dir, StorageManifest))
