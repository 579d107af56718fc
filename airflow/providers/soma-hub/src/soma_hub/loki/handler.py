"""A stdlib logging handler for the airflow.task logger: where a task runs in the process that configured logging
(``airflow dags test``, ``airflow tasks test``), its stdlib log records reach Loki through this."""

from __future__ import annotations

import logging

import structlog

from soma_hub.loki.entries import task_entry
from soma_hub.loki.shipper import LokiShipper


class LokiHandler(logging.Handler):
    def __init__(self, shipper: LokiShipper, level=logging.NOTSET):
        super().__init__(level)
        self.shipper = shipper

    def emit(self, record: logging.LogRecord) -> None:
        try:
            # The hook passes the task's ids as extra; the task runner binds them as structlog context variables.
            context = {**structlog.contextvars.get_contextvars(), **record.__dict__}
            self.shipper.offer(
                task_entry(
                    dag_id=context.get("dag_id"),
                    task_id=context.get("task_id"),
                    level=record.levelname.lower(),
                    logger=record.name,
                    message=record.getMessage(),
                    context=context,
                )
            )
        except Exception:  # noqa: BLE001 - a log line must never fail the task
            self.shipper.counts.dropped += 1

    def flush(self) -> None:
        self.shipper.flush()
