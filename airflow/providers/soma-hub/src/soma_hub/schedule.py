"""What the hub's DAGs share: hourly, no catch-up after a pause, one run at a time, each task bounded."""

from __future__ import annotations

from datetime import datetime, timedelta

HOURLY = {
    "schedule": "@hourly",
    "start_date": datetime(2025, 1, 1),
    "catchup": False,
    "max_active_runs": 1,
}

# A hub call takes seconds; five minutes covers the hook's own retries (at most 5 attempts of 30 s, 1+2+4+8 s apart).
TASK_TIMEOUT = timedelta(minutes=5)
