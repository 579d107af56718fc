"""The logging config of Airflow with task logs shipped to Loki:

    AIRFLOW__LOGGING__LOGGING_CONFIG_CLASS=soma_hub.loki_logging.LOGGING_CONFIG
    LOKI_URL=http://loki.observability.svc.cluster.local:3100   (or a push URL, e.g. VictoriaLogs')

It extends Airflow's default config instead of replacing it (Airflow refuses a config whose airflow.task logger
lacks the ``task`` handler), adding a Loki handler to airflow.task, and exposes REMOTE_TASK_LOG, which Airflow 3
runs on every line of every task log it writes. Without LOKI_URL it is Airflow's default config unchanged.
"""

from __future__ import annotations

import copy
import os
from urllib.parse import urlsplit, urlunsplit

from airflow.config_templates.airflow_local_settings import DEFAULT_LOGGING_CONFIG

from soma_hub.loki.handler import LokiHandler
from soma_hub.loki.shipper import LokiShipper
from soma_hub.loki.task_log import LokiTaskLog

LOGGING_CONFIG = copy.deepcopy(DEFAULT_LOGGING_CONFIG)
REMOTE_TASK_LOG = None

_PUSH_PATH = "/loki/api/v1/push"


def push_url(loki_url: str) -> str:
    """Loki's base URL gets the push path; a push URL (under a prefix, with the store's options, as VictoriaLogs'
    ``/insert/loki/api/v1/push?_msg_field=message``) is kept: the rule the hub's processes follow for LOKI_URL."""
    parts = urlsplit(loki_url.strip())
    if parts.path.rstrip("/").endswith(_PUSH_PATH):
        return urlunsplit(parts)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + _PUSH_PATH))


_LOKI_URL = os.environ.get("LOKI_URL", "").strip()
if _LOKI_URL:
    _SHIPPER = LokiShipper(push_url(_LOKI_URL))
    LOGGING_CONFIG["handlers"]["loki"] = {
        "()": LokiHandler,
        "shipper": _SHIPPER,
        "filters": ["mask_secrets_core"],
    }
    LOGGING_CONFIG["loggers"]["airflow.task"]["handlers"].append("loki")
    REMOTE_TASK_LOG = LokiTaskLog(_SHIPPER)
