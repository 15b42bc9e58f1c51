"""What every route of the web app shares: the clients, the login store, the templates, and the dependencies that say
who is asking (``Member``) and that a form came from our page (``CsrfChecked``)."""

# No `from __future__ import annotations`: FastAPI resolves the Annotated dependencies at runtime.

import dataclasses
import gettext
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

import anyio.to_thread
import httpx
import jinja2
from authlib.integrations.base_client import OAuthError
from authlib.integrations.starlette_client import StarletteOAuth2App
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from jinja2_fragments import render_block

from app.auth import AuthError, IdentityProviderUnavailable, Principal, TokenVerifier
from app.common.activity import ActivityStore, ProcessStore
from app.errors import ApiError
from app.manifests import ProjectIdentity
from app.settings import Settings
from app.web.clients import FilesClient, RuntimeClient
from app.web.decodes import DecodeSlots, default_max_decodes
from app.web.i18n import LANGUAGES, request_language, use_translations
from app.web.runs import RunLog
from app.web.session import LOGIN_KEY, Login, LoginStore, csrf_token, require_csrf

REFRESH_MARGIN_S = 30
"""Refresh the access token when it has less than this left, so a call that starts with it does not fail midway."""


@dataclass(frozen=True)
class ModelChoice:
    """A model of the module the app may send photos to, and who may."""

    name: str
    description: str
    groups: tuple[str, ...]
    view: str = "generic"
    """The result page the module manifest declares for the model: ``generic`` or ``receipt``."""
    description_translations: tuple[tuple[str, str], ...] = ()
    """(language, description) pairs from the module manifest (a tuple: the choice stays hashable)."""

    def description_in(self, language: str) -> str:
        """The description in ``language`` where the manifest gives one, else as declared."""
        return dict(self.description_translations).get(language, self.description)


@dataclass
class WebState:
    settings: Settings
    models: tuple[ModelChoice, ...]
    logins: LoginStore
    oidc: StarletteOAuth2App
    verifier: TokenVerifier
    files: FilesClient
    runtime: RuntimeClient
    runs: RunLog
    templates: jinja2.Environment
    catalogs: Mapping[str, gettext.NullTranslations]
    project: ProjectIdentity
    """The manifests' name for the project: the header, the session cookie's name."""
    admin_groups: tuple[str, ...] = ()
    """The API manifest's admin groups: who may browse the monitoring pages."""
    activity: ActivityStore = dataclasses.field(default_factory=ProcessStore)
    """Where this app's own log lines go (RECEIPT_MONITORING_STORE: the store every service and replica shares)."""
    decodes: DecodeSlots = dataclasses.field(default_factory=lambda: DecodeSlots(default_max_decodes(), 3.0))
    """The bound on documents decoded at once (RECEIPT_WEB_MAX_DECODES)."""

    def is_admin(self, principal: Principal) -> bool:
        return bool(self.admin_groups) and principal.in_any_group(self.admin_groups)

    def is_member(self, principal: Principal) -> bool:
        """May use one of the module's models: the ``Member`` pages (upload, history, stats) are theirs, and only
        then does the header link to them."""
        return bool(self.models_for(principal))

    def models_for(self, principal: Principal) -> list[ModelChoice]:
        """The manifest's models this person may use and the runtime serves (all of them while it cannot say)."""
        served = self.runtime.served_models()
        return [
            model
            for model in self.models
            if principal.in_any_group(model.groups) and (served is None or model.name in served)
        ]


def web_state(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def chosen_model(request: Request, login: Login, wanted: object) -> str:
    """The model a form or a stored result names when this person may use it, else their first one."""
    names = [choice.name for choice in web_state(request).models_for(login.principal)]
    if not names:
        raise NoAccess(login)
    return wanted if isinstance(wanted, str) and wanted in names else names[0]


class SignInRequired(ApiError):  # noqa: N818 - a condition, not a fault
    """No login in this session, or it ended (refresh refused): the person must sign in again."""

    def __init__(self) -> None:
        super().__init__(401, "sign in first")


class AdminsOnly(ApiError):  # noqa: N818 - a condition, not a fault
    """Signed in, but not in the API manifest's admin groups (or the runtime says so)."""

    def __init__(self, login: Login) -> None:
        super().__init__(403, f"{login.principal.username} is in none of the admin groups")
        self.login = login


class NoAccess(ApiError):  # noqa: N818 - a condition, not a fault
    """Signed in, but in none of the groups that may use a model."""

    def __init__(self, login: Login) -> None:
        super().__init__(403, f"{login.principal.username} is in none of the groups that may use a model")
        self.login = login


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    block: str | None = None,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """The whole page, or only ``block`` of it when htmx asks (the same route serves both)."""
    state = web_state(request)
    language = request_language(request)
    use_translations(state.catalogs[language])
    login: Login | None = getattr(request.state, "login", None)
    values = {
        "request": request,
        "language": language,
        "languages": LANGUAGES,
        "csrf_token": csrf_token(request),
        "user": login.principal if login else None,
        "member": login is not None and state.is_member(login.principal),
        "admin": login is not None and state.is_admin(login.principal),
        **(context or {}),
    }
    if block is not None and is_htmx(request):
        html = render_block(state.templates, template, block, **values)
    else:
        html = state.templates.get_template(template).render(values)
    response = HTMLResponse(html, status_code=status_code, headers=dict(headers or {}))
    response.headers["Vary"] = "HX-Request, Accept-Language, Cookie"
    return response


async def _refreshed(state: WebState, login_id: str, login: Login) -> Login:
    """A new access token from the refresh token; SignInRequired when there is none or the provider refuses it."""
    if login.refresh_token is None:
        raise SignInRequired
    try:
        token = await state.oidc.fetch_access_token(grant_type="refresh_token", refresh_token=login.refresh_token)
        principal = await anyio.to_thread.run_sync(state.verifier.verify, token["access_token"])
    except (OAuthError, AuthError, KeyError) as error:
        raise SignInRequired from error
    except httpx.HTTPError as error:
        raise IdentityProviderUnavailable(f"cannot refresh at the identity provider: {error}") from error
    fresh = login_from_token(token, principal, previous=login)
    state.logins.replace(login_id, fresh)
    return fresh


def login_from_token(token: Mapping[str, Any], principal: Principal, previous: Login | None = None) -> Login:
    """A Login from a token endpoint answer; a refresh answer may leave out the refresh and ID tokens."""
    return Login(
        access_token=token["access_token"],
        refresh_token=token.get("refresh_token") or (previous.refresh_token if previous else None),
        id_token=token.get("id_token") or (previous.id_token if previous else None),
        expires_at=float(token.get("expires_at") or principal.claims.get("exp") or 0),
        principal=principal,
    )


async def optional_login(request: Request) -> Login | None:
    """The session's login with a fresh access token, or None when nobody is signed in."""
    state = web_state(request)
    login_id = request.session.get(LOGIN_KEY)
    login = state.logins.get(login_id if isinstance(login_id, str) else None)
    if login is None or not isinstance(login_id, str):
        return None
    if login.expires_within(REFRESH_MARGIN_S):
        try:
            login = await _refreshed(state, login_id, login)
        except SignInRequired:
            state.logins.remove(login_id)
            request.session.pop(LOGIN_KEY, None)
            return None
        except IdentityProviderUnavailable:
            return login  # keep the session; the services will say whether the old token still works
    request.state.login = login
    return login


async def signed_in(login: Annotated[Login | None, Depends(optional_login)]) -> Login:
    if login is None:
        raise SignInRequired
    return login


async def member(request: Request, login: Annotated[Login, Depends(signed_in)]) -> Login:
    """The signed-in person, when in a group that may use one of the module's models."""
    if not web_state(request).is_member(login.principal):
        raise NoAccess(login)
    return login


async def admin(request: Request, login: Annotated[Login, Depends(signed_in)]) -> Login:
    """The signed-in person, when in the API manifest's admin groups; the runtime checks it again on every call."""
    if not web_state(request).is_admin(login.principal):
        raise AdminsOnly(login)
    return login


MaybeSignedIn = Annotated[Login | None, Depends(optional_login)]
Member = Annotated[Login, Depends(member)]
Admin = Annotated[Login, Depends(admin)]
CsrfChecked = Depends(require_csrf)
