"""What intake would make of one email, touching no mailbox, archive or warehouse.

The email is run through the same Processor as a real run, against a throwaway in-memory
warehouse and archive, so the answer is the one a first-time delivery would get.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from jinxiao.config import default_sender_registry, load_campaign
from jinxiao.domain.outcomes import MessageResult, SubmissionResult
from jinxiao.intake.archive import Archive, sha256
from jinxiao.intake.senders import load_sender_registry
from jinxiao.jobs.processor import Front, Processor
from jinxiao.warehouse.connection import WarehouseConfig, open_warehouse
from jinxiao.warehouse.load import PendingMessage


def _rows(sub: SubmissionResult) -> list[dict]:
    if sub.table is None:
        return []
    frame = sub.table.frame.drop(columns=["county_codes"])
    return [
        {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in rec.items()}
        for rec in frame.astype(object).where(frame.notna(), None).to_dict("records")
    ]


def _describe(result: MessageResult) -> dict:
    email = result.email
    return {
        "message_id": email.message_id if email else None,
        "sender": email.sender if email else None,
        "subject": email.subject if email else None,
        "received_at": result.received_at.isoformat(),
        "city": result.city_name,
        "outcome": result.outcome,
        "reason_class": result.reason_class,
        "reason_detail": result.reason_detail,
        "attachments": [
            {
                "filename": a.filename,
                "content_type": a.content_type,
                "size": a.size,
                "path": a.path,
            }
            for a in (email.attachments if email else ())
        ],
        "submissions": [
            {
                "filename": s.attachment.filename,
                "form": s.form,
                "outcome": s.outcome,
                "reason_class": s.reason_class,
                "reason_detail": s.reason_detail,
                "errors": [p.message_zh for p in s.errors],
                "warnings": [p.message_zh for p in s.warnings],
                "rows": _rows(s),
                "held": [
                    {
                        "sheet": h.sheet,
                        "excel_row": h.excel_row,
                        "raw": h.raw,
                        "cells": [c.__dict__ for c in h.cells],
                    }
                    for h in s.held
                ],  # fmt: skip
                "contacts": [c.__dict__ for c in s.contacts],
            }
            for s in result.submissions
        ],
    }


def inspect_email(raw: bytes, sender_registry: Path | None = None) -> dict:
    campaign = load_campaign()
    registry_path = sender_registry or Path(
        os.environ.get("AIRFLOW_VAR_SENDER_REGISTRY") or default_sender_registry()
    )
    registry = load_sender_registry(registry_path, campaign)
    with tempfile.TemporaryDirectory(prefix="jx-inspect-") as tmp:
        engine = open_warehouse(
            WarehouseConfig("sqlite", path=str(Path(tmp) / "inspect.db")), campaign
        )
        archive = Archive(Path(tmp) / "archive")
        digest, path = archive.put(raw, ".eml")
        pending = PendingMessage(digest, str(path), "inspect", "inspect", None)
        processor = Processor(engine, archive, registry, campaign)
        result = processor.triage(pending, Front.of(raw))
        processor.validate([result])
        if result.submissions:
            # Final outcome as commit would settle it, without writing anything real.
            for sub in result.submissions:
                if sub.outcome == "pending":
                    sub.outcome = "rejected"
            result.settle_outcome()
        elif result.outcome is None:
            result.settle_outcome()
        engine.dispose()
    out = _describe(result)
    out["sha256"] = sha256(raw)
    return out
