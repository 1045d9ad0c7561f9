"""待回复: the cities' questions (mail from a registered sender with no table, not an
auto-reply) that staff have not marked answered yet. Its own query and template partial
(_questions.html), so the grid's other sections change without touching it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, text

from jinxiao.domain.times import as_time, to_db_time

QUESTIONS_LIMIT = 100


@dataclass(frozen=True)
class QuestionView:
    message_key: str
    city_name: str
    sender: str
    subject: str | None
    received_at: dt.datetime | None


def open_questions(engine: Engine, limit: int = QUESTIONS_LIMIT) -> list[QuestionView]:
    """Questions waiting for an answer, oldest first (the one waiting longest on top)."""
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT message_key, city_name, sender, subject, received_at FROM question "
                "WHERE answered_at IS NULL ORDER BY received_at, message_key LIMIT :n"
            ),
            {"n": limit},
        ).all()
    return [QuestionView(r[0], r[1], r[2], r[3], as_time(r[4])) for r in rows]


def mark_answered(engine: Engine, message: str, by: str | None = None) -> list[str]:
    """Mark the open question(s) whose message_key starts with `message` answered."""
    now = to_db_time(dt.datetime.now(dt.UTC))
    with engine.begin() as conn:
        keys = [
            r[0]
            for r in conn.execute(
                text(
                    "SELECT message_key FROM question WHERE answered_at IS NULL "
                    "AND message_key LIKE :p"
                ),
                {"p": message.replace("%", "").replace("_", "") + "%"},
            )
        ]
        if len(keys) != 1:
            return [] if len(keys) > 1 else keys  # a prefix must name one question
        conn.execute(
            text("UPDATE question SET answered_at = :t, answered_by = :b WHERE message_key = :k"),
            {"t": now, "b": by, "k": keys[0]},
        )
    return keys
