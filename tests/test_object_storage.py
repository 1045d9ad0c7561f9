"""The archive and the outputs in object storage: moto's S3 server on loopback.

Same rules as on a disk: keyed by SHA-256, stored before the warehouse records anything,
never written twice; outputs a task writes are in the bucket when it ends, and a later task
(on any host) finds what it needs of them there.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from s3_server import s3_endpoint_fixture, s3_server_fixture  # noqa: F401
from sqlalchemy import text

from jinxiao.config import DEFAULT_SENDER_REGISTRY, load_campaign
from jinxiao.intake.archive import ObjectArchive, open_archive, read_archived
from jinxiao.intake.mailbox import MailboxConfig, write_maildir_message
from jinxiao.jobs import settings as settings_mod
from jinxiao.jobs.demo import demo_mails
from jinxiao.jobs.settings import Settings
from jinxiao.jobs.storage import outputs
from jinxiao.jobs.tasks import collect_mail, open_warehouse, process_messages, write_rollup
from jinxiao.samples.mail import delivery_time
from jinxiao.tracker.app import TrackerSource, create_app
from jinxiao.warehouse.connection import WarehouseConfig

pytestmark = pytest.mark.integration


def test_object_archive_is_content_addressed_and_never_rewritten(s3_server):
    arc = open_archive(s3_server.url("archive"))
    assert isinstance(arc, ObjectArchive)
    raw = "From: swj@taiyuan.sx.example\r\n\r\n附件2".encode()
    digest, url = arc.put(raw, ".eml")
    assert digest == hashlib.sha256(raw).hexdigest()
    assert url == s3_server.url(f"archive/{digest[:2]}/{digest[2:4]}/{digest}.eml")
    assert arc.get(digest) == raw == read_archived(url)
    fs = s3_server.fs()
    first = fs.info(url)["LastModified"]
    arc.put(raw, ".eml")
    assert fs.info(url)["LastModified"] == first  # the same bytes are not sent again
    # An object of the wrong size (not from a PUT of these bytes) is replaced.
    fs.pipe_file(url, raw[:5])
    arc.put(raw, ".eml")
    assert arc.get(digest) == raw
    assert arc.clean_orphans() == 0


def test_a_local_location_is_the_disk_archive(tmp_path):
    assert open_archive(tmp_path).root == tmp_path
    assert open_archive(f"file://{tmp_path}").root == tmp_path


def test_folder_settings_take_a_url(monkeypatch, tmp_path):
    monkeypatch.setenv("JINXIAO_VAR_DIR", str(tmp_path))
    monkeypatch.setenv("ARCHIVE_DIR", "s3://bucket/jinxiao/archive/")
    monkeypatch.setenv("OUTPUT_DIR", str(tmp_path / "out"))
    assert settings_mod._location("ARCHIVE_DIR", tmp_path / "a") == (
        tmp_path / "a",
        "s3://bucket/jinxiao/archive",
    )
    assert settings_mod.output_dir() == tmp_path / "out"
    assert settings_mod._location("OUTPUT_DIR", tmp_path)[1] is None


def _settings(root: Path, s3) -> Settings:
    maildir = root / "Maildir"
    for mail in demo_mails()[:6]:
        raw = mail.build()
        write_maildir_message(maildir, raw, delivered_at=delivery_time(raw))
    return Settings(
        mailbox=MailboxConfig("maildir", path=str(maildir)),
        warehouse=WarehouseConfig("sqlite", path=str(root / "warehouse.db")),
        sender_registry=DEFAULT_SENDER_REGISTRY,
        output_dir=root / "unused-output",
        archive_dir=root / "unused-archive",
        archive_url=s3.url("archive"),
        output_url=s3.url("output"),
    )


def test_intake_archives_to_s3_and_reads_back_from_there(tmp_path, s3_server):
    settings = _settings(tmp_path, s3_server)
    collect_mail(settings, "s3")
    outcomes = process_messages(settings, "s3")
    assert outcomes.get("accepted", 0) >= 3
    engine = open_warehouse(settings)
    with engine.connect() as conn:
        paths = [r[0] for r in conn.execute(text("SELECT archive_path FROM message"))]
        files = [
            r[0]
            for r in conn.execute(text("SELECT archive_path FROM submission WHERE sha256 <> ''"))
        ]
    engine.dispose()
    assert len(paths) == 6 and files
    fs = s3_server.fs()
    for url in paths + files:
        assert url.startswith(s3_server.url("archive/"))
        assert fs.exists(url)
    assert not (tmp_path / "unused-archive").exists()
    # A worker with no local disk in common: the bytes come back from the bucket.
    assert b"From:" in read_archived(paths[0])
    # The tracker's downloads (on the api-server's host) come from the bucket too, and only
    # from under the archive's own prefix.
    engine = open_warehouse(settings)
    with engine.connect() as conn:
        key, eml_url = conn.execute(text("SELECT message_key, archive_path FROM message")).first()
        sid, file_url, name = conn.execute(
            text("SELECT submission_id, archive_path, filename FROM submission WHERE sha256 <> ''")
        ).first()
    campaign = load_campaign()
    client = TestClient(
        create_app(lambda: TrackerSource(engine, settings.archive_url), campaign=campaign)
    )
    got = client.get(f"/archive/message/{key}")
    assert got.status_code == 200 and got.content == fs.cat_file(eml_url)
    file = client.get(f"/archive/file/{sid}")
    assert file.status_code == 200 and file.content == fs.cat_file(file_url)
    assert quote(name) in file.headers["content-disposition"]
    elsewhere = TrackerSource(engine, s3_server.url("elsewhere"))
    refused = TestClient(create_app(lambda: elsewhere, campaign=campaign))
    assert refused.get(f"/archive/message/{key}").status_code == 404
    engine.dispose()


def test_outputs_are_uploaded_and_later_tasks_find_earlier_ones(tmp_path, s3_server):
    import datetime as dt

    settings = _settings(tmp_path, s3_server)
    collect_mail(settings, "s3")
    process_messages(settings, "s3")
    day = dt.datetime(2021, 4, 30, 12, tzinfo=dt.UTC)
    first = write_rollup(settings, day)
    assert first.startswith(s3_server.url("output/")) and first.endswith(".xlsx")
    fs = s3_server.fs()
    assert fs.exists(first) and fs.exists(first.removesuffix(".xlsx") + ".json")
    # The next day's roll-up sees the first in the bucket: same content, no second file.
    assert write_rollup(settings, day + dt.timedelta(days=1)) == first
    with outputs(settings, ("*_rollup_*",)) as out:
        assert sorted(out.fetched) == sorted(Path(u).name for u in (first, first[:-5] + ".json"))
        (out.dir / "note.txt").write_text("x")
    assert fs.cat_file(s3_server.url("output/note.txt")) == b"x"
    assert not (tmp_path / "unused-output").exists()
