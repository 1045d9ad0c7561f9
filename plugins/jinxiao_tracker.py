"""Airflow 3 plugin: the submission tracker (报送情况) at /jinxiao/ with a link in the UI's nav.

The pages come from jinxiao.tracker.app; this file only wires them to Airflow: the `warehouse`
connection (read per request through jinxiao_airflow.settings(), the engine cached per
warehouse) and Airflow's own authentication on every route; a browser that is not signed in
is sent to Airflow's login page and back. The 待核实 queue's writes are for roles that may edit
Variables (_viewer). Importing it connects to nothing.
"""

from __future__ import annotations

import functools

from airflow.plugins_manager import AirflowPlugin

URL_PREFIX = "/jinxiao"


@functools.lru_cache(maxsize=4)
def _engine_for(warehouse):
    # One pool per warehouse config (a frozen dataclass), migrated once like every task does,
    # so a fresh warehouse shows an empty grid instead of an error.
    from jinxiao.config import load_campaign
    from jinxiao.normalise.values import county_table
    from jinxiao.warehouse.connection import connect, migrate

    engine = connect(warehouse)
    migrate(engine, load_campaign(), county_table())
    return engine


def _source():
    from jinxiao.tracker.app import TrackerSource
    from jinxiao_airflow import settings

    s = settings()
    return TrackerSource(_engine_for(s.warehouse), s.archive_url or s.archive_dir)


def _auth_dependencies() -> list:
    """Any signed-in Airflow user may look (the same check as the UI's own pages)."""
    from airflow.api_fastapi.auth.managers.models.resource_details import AccessView
    from airflow.api_fastapi.core_api.security import requires_access_view
    from fastapi import Depends

    return [Depends(requires_access_view(AccessView.WEBSITE))]


def _viewer():
    """Who is looking, and whether they may resolve the 待核实 queue: those the auth manager
    lets edit Variables (SimpleAuthManager: op and admin; FAB: Op and Admin), not viewers."""
    from airflow.api_fastapi.app import get_auth_manager
    from airflow.api_fastapi.core_api.security import get_user
    from fastapi import Depends

    from jinxiao.tracker.review import Viewer

    def viewer(user=Depends(get_user)):  # noqa: B008 - FastAPI's dependency idiom
        can_edit = get_auth_manager().is_authorized_variable(method="PUT", user=user)
        return Viewer(user.get_name(), bool(can_edit))

    return viewer


def _send_back(engine, submission_id: int, note: str) -> None:
    """Queue the mail that returns a file to its city (sent with the other replies)."""
    from jinxiao.config import load_campaign
    from jinxiao.jobs.tasks import mail_addresses
    from jinxiao.mail.send_back import queue_send_back
    from jinxiao_airflow import settings

    campaign = load_campaign()
    from_addr, _ops = mail_addresses(settings(), campaign)
    queue_send_back(engine, submission_id, note, campaign, from_addr)


def _csrf_secret() -> bytes:
    # Derived from the API's JWT secret: the same in every api-server worker.
    import hashlib

    from airflow.configuration import conf

    secret = conf.get("api_auth", "jwt_secret", fallback="") or ""
    return hashlib.sha256(b"jinxiao-queue-csrf:" + secret.encode()).digest()


def _login_url(request) -> str:
    """Airflow's own login route, which brings the browser back here once signed in."""
    from urllib.parse import urlencode

    from airflow.api_fastapi.app import API_ROOT_PATH

    # /api/v2/auth/login checks `next` and forwards to the configured auth manager's page.
    return f"{API_ROOT_PATH}api/v2/auth/login?{urlencode({'next': str(request.url)})}"


class _LazyApp:
    """An ASGI app built on first request, so that loading plugins stays cheap and offline."""

    def __init__(self) -> None:
        self._app = None

    async def __call__(self, scope, receive, send) -> None:
        if self._app is None:
            from jinxiao.config import load_campaign
            from jinxiao.tracker.app import create_app

            self._app = create_app(
                _source,
                dependencies=_auth_dependencies(),
                campaign=load_campaign(),
                login_url=_login_url,
                viewer=_viewer(),
                send_back=_send_back,
                csrf_secret=_csrf_secret(),
            )
        await self._app(scope, receive, send)


class JinxiaoTrackerPlugin(AirflowPlugin):
    name = "jinxiao_tracker"
    fastapi_apps = [{"app": _LazyApp(), "url_prefix": URL_PREFIX, "name": "报送情况跟踪"}]
    external_views = [
        {
            "name": "报送情况",
            "href": f"{URL_PREFIX}/",
            "destination": "nav",
            "category": "browse",
            "url_route": "jinxiao_tracker",
        }
    ]
