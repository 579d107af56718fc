"""The Idempotency-Key of a hub call made by a task of a DAG run."""

from __future__ import annotations

import hashlib


def idempotency_key(dag_id: str, run_id: str, task_id: str) -> str:
    """
    One key per DAG run and task, the same for every try of the task (retries and clears of the run), different for
    another run. Hashed, because a run id may hold characters or a length the header does not allow (the hub takes
    1..255 visible ASCII characters); the unit separator keeps ("a:b", "c") apart from ("a", "b:c").
    """
    for name, value in (("dag_id", dag_id), ("run_id", run_id), ("task_id", task_id)):
        if not isinstance(value, str) or not value:
            raise ValueError(f"an idempotency key needs a non-empty {name}, got {value!r}")
    digest = hashlib.sha256("\x1f".join((dag_id, run_id, task_id)).encode("utf-8")).hexdigest()
    return f"airflow-{digest}"
