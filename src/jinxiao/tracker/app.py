"""The submission tracker (报送情况跟踪): city × form grid and per-submission drill-down.

A FastAPI app factory that the Airflow plugin (plugins/jinxiao_tracker.py) mounts; the SQL is in
queries.py and the HTML in pages.py (Jinja2 templates). Nothing here imports Airflow: the plugin
hands in how to get an engine and which auth dependencies to apply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine
from starlette.exceptions import HTTPException as StarletteHTTPException

from jinxiao.config import Campaign
from jinxiao.domain.forms import FORMS
from jinxiao.tracker.pages import render_city_form, render_grid, render_submission
from jinxiao.tracker.queries import (
    file_archive,
    grid,
    message_archive,
    submission,
    submissions_for,
    today,
    unfiled,
)
from jinxiao.tracker.questions import open_questions
from jinxiao.tracker.review import SendBack, Viewer, add_review_routes


@dataclass(frozen=True)
class TrackerSource:
    """What the app reads: an engine and the archive root downloads must lie under."""

    engine: Engine
    archive_root: Path | str | None = None  # a folder, or an object-storage URL (s3://...)


def create_app(
    source: Callable[[], TrackerSource],
    dependencies: Sequence[Any] = (),
    *,
    campaign: Campaign,
    login_url: Callable[[Request], str] | None = None,
    viewer: Callable[..., Viewer] | None = None,
    send_back: SendBack | None = None,
    csrf_secret: bytes | None = None,
) -> FastAPI:
    """The tracker as a FastAPI app; `source` is called per request (cache it if costly).

    `dependencies` (FastAPI Depends objects) guard every route: the plugin passes Airflow's
    authentication there. `login_url(request)`, when given, is where a browser that is not
    signed in is sent instead of a 401 (API clients, which do not ask for HTML, keep the 401).
    `viewer` (a FastAPI dependency) says who is looking and whether they may resolve items of
    the 待核实 queue; without it the queue is read-only. `send_back` queues the reply that
    returns a file to its city; `csrf_secret` keys the queue forms' tokens (random if None).
    """
    camp = campaign
    app = FastAPI(title="报送情况跟踪", dependencies=list(dependencies), docs_url=None,
                  redoc_url=None, openapi_url=None)  # fmt: skip

    if login_url is not None:
        _redirect_browsers_to_login(app, login_url)

    def base(request: Request) -> str:
        # Links carry the mount prefix (e.g. /jinxiao), whatever Airflow mounted us under.
        return request.scope.get("root_path", "").rstrip("/")

    @app.get("/", response_class=HTMLResponse)
    def grid_page(request: Request, as_of: dt.date | None = None) -> str:
        src = source()
        day = as_of or today(camp)
        return render_grid(
            grid(src.engine, day), unfiled(src.engine), camp, day, base(request),
            questions=open_questions(src.engine),
        )  # fmt: skip

    @app.get("/city/{city_name}/{form}", response_class=HTMLResponse)
    def city_form_page(
        request: Request, city_name: str, form: str, as_of: dt.date | None = None
    ) -> str:
        if form not in FORMS or city_name not in {c.name for c in camp.cities}:
            raise HTTPException(404, "没有这个城市或表格")
        src = source()
        day = as_of or today(camp)
        cell = next(
            (c for c in grid(src.engine, day) if c.city_name == city_name and c.form == form),
            None,
        )
        subs = submissions_for(src.engine, city_name, form)
        return render_city_form(city_name, form, cell, subs, camp, base(request))

    @app.get("/submission/{submission_id}", response_class=HTMLResponse)
    def submission_page(request: Request, submission_id: int) -> str:
        found = submission(source().engine, submission_id)
        if found is None:
            raise HTTPException(404, "没有这份报送文件")
        return render_submission(found, camp, base(request))

    _add_archive_routes(app, source)
    add_review_routes(app, lambda: source().engine, camp, viewer, send_back=send_back,
                      secret=csrf_secret)  # fmt: skip
    return app


def _redirect_browsers_to_login(app: FastAPI, login_url: Callable[[Request], str]) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def unauthenticated(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 401 and _wants_html(request):
            return RedirectResponse(login_url(request), status_code=303)
        return await http_exception_handler(request, exc)


def _add_archive_routes(app: FastAPI, source: Callable[[], TrackerSource]) -> None:
    """Downloads of what the city sent, byte for byte, from the archive."""

    @app.get("/archive/message/{message_key}")
    def message_download(message_key: str) -> Response:
        src = source()
        data = message_archive(src.engine, message_key, src.archive_root)
        if data is None:
            raise HTTPException(404, "没有这封邮件的存档")
        return _download(data, "message/rfc822", f"{message_key}.eml")

    @app.get("/archive/file/{submission_id}")
    def file_download(submission_id: int) -> Response:
        src = source()
        found = file_archive(src.engine, submission_id, src.archive_root)
        if found is None:
            raise HTTPException(404, "没有这份文件的存档")
        data, filename = found
        return _download(data, "application/octet-stream", filename)


def _download(data: bytes, media_type: str, filename: str) -> Response:
    """The bytes as an attachment under the city's own file name (RFC 6266's filename*)."""
    disposition = f"attachment; filename*=utf-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers={"content-disposition": disposition})


def _wants_html(request: Request) -> bool:
    """A browser's navigation asks for text/html; curl, httpx and fetch() default to */*."""
    return "text/html" in request.headers.get("accept", "").lower()
