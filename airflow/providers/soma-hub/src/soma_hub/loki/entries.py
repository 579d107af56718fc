"""Turns one task log event into a Loki entry: few labels (app, dag_id, task_id), everything per run or per try in
the JSON line and in structured metadata, so the number of streams stays that of the DAGs' tasks."""

from __future__ import annotations

import json
import time
from typing import Any

from soma_hub.loki.shipper import LokiEntry

APP = "airflow"
UNKNOWN = "unknown"
# Per run or per try: structured metadata (and in the line), never labels.
METADATA_KEYS = ("run_id", "try_number", "map_index", "ti_id")


def task_entry(
    *, dag_id: Any, task_id: Any, level: str, logger: str, message: str, context: dict[str, Any]
) -> LokiEntry:
    metadata = {key: str(context[key]) for key in METADATA_KEYS if context.get(key) is not None}
    line = {"level": level, "logger": logger, "message": message, **metadata}
    return LokiEntry(
        labels=(("app", APP), ("dag_id", str(dag_id or UNKNOWN)), ("task_id", str(task_id or UNKNOWN))),
        timestamp_ns=time.time_ns(),
        line=json.dumps(line, default=str),
        metadata=metadata,
    )
