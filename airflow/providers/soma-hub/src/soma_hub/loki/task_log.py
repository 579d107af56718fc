"""Airflow 3's hook for shipping task logs as they are written: the ``REMOTE_TASK_LOG`` of the logging config module,
whose ``processors`` run in the structlog chain that writes each task's log file, and whose ``upload`` runs when the
task ends.

Under an executor the chain runs twice per line: in the task process, which forwards the line to its supervisor, and
in the supervisor, which writes the file. Only the supervisor ships: it also sees the task's stdout and its own lines,
outlives a crashed task, and calls ``upload`` at the end, where the batch is flushed.
"""

from __future__ import annotations

import sys
from typing import Any

from soma_hub.loki.entries import task_entry
from soma_hub.loki.shipper import LokiShipper


def _in_task_process() -> bool:
    runner = sys.modules.get("airflow.sdk.execution_time.task_runner")
    return getattr(runner, "SUPERVISOR_COMMS", None) is not None


class LokiTaskLog:
    def __init__(self, shipper: LokiShipper, flush_seconds: float = 5.0):
        self.shipper = shipper
        self._flush_seconds = flush_seconds
        # A supervisor runs one task at a time; its own lines (and the task's stdout) carry no ids, so they get
        # those of the task it last heard from.
        self._current: dict[str, Any] = {}

    @property
    def processors(self) -> tuple:
        return (self._ship,)

    def _ship(self, logger: Any, method_name: str, event_dict: dict) -> dict:
        try:
            if not _in_task_process():
                if event_dict.get("dag_id") and event_dict.get("task_id"):
                    self._current = {k: event_dict.get(k) for k in ("dag_id", "task_id", "run_id", "try_number")}
                context = {**self._current, **event_dict}
                self.shipper.offer(
                    task_entry(
                        dag_id=context.get("dag_id"),
                        task_id=context.get("task_id"),
                        level=str(event_dict.get("level") or method_name),
                        logger=str(event_dict.get("logger") or getattr(logger, "name", "") or "task"),
                        message=str(event_dict.get("event", "")),
                        context=context,
                    )
                )
        except Exception:  # noqa: BLE001 - a log line must never fail the task
            self.shipper.counts.dropped += 1
        return event_dict

    def upload(self, path: Any, ti: Any = None) -> None:
        """The task ended: send what is still buffered (bounded; the task's result never waits on Loki for long)."""
        self.shipper.flush(self._flush_seconds)
        self._current = {}

    def read(self, relative_path: str, ti: Any):
        # Reading back from Loki is Grafana's job; the UI goes on showing the local file.
        return [f"Also shipped to Loki at {self.shipper.push_url}"], []
