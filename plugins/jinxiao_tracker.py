"""Airflow 3 plugin: the submission tracker (报送情况) at /jinxiao/ with a link in the UI's nav.

The pages come from jinxiao.tracker.app; this file only wires them to Airflow: the `warehouse`
connection (read per request through jinxiao_airflow.settings(), the engine cached per
warehouse) and Airflow's own authentication on every route; a browser that is not signed in
is sent to Airflow's login page and back. Importing it connects to nothing.
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
    return TrackerSource(_engine_for(s.warehouse), s.archive_dir)


def _auth_dependencies() -> list:
    """Any signed-in Airflow user may look (the same check as the UI's own pages)."""
    from airflow.api_fastapi.auth.managers.models.resource_details import AccessView
    from airflow.api_fastapi.core_api.security import requires_access_view
    from fastapi import Depends

    return [Depends(requires_access_view(AccessView.WEBSITE))]


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
