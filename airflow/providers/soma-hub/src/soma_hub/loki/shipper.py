"""Batches log lines in memory and POSTs them to Loki from a background thread. Offering a line never blocks and
never raises: when the buffer is full or Loki is down past the retries, lines are dropped and counted."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

Labels = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class LokiEntry:
    labels: Labels
    timestamp_ns: int
    line: str
    metadata: dict[str, str]


@dataclass
class ShipperCounts:
    sent: int = 0
    dropped: int = 0
    send_errors: int = 0


class LokiShipper:
    def __init__(
        self,
        push_url: str,
        *,
        batch_lines: int = 500,
        batch_wait_seconds: float = 1.0,
        buffer_lines: int = 20_000,
        timeout_seconds: float = 5.0,
        send_attempts: int = 3,
        send_backoff_seconds: float = 0.5,
        post: Callable[[str, bytes, float], int] | None = None,
    ):
        self.push_url = push_url
        self._batch_lines = batch_lines
        self._batch_wait = batch_wait_seconds
        self._buffer_lines = buffer_lines
        self._timeout = timeout_seconds
        self._send_attempts = send_attempts
        self._send_backoff = send_backoff_seconds
        self._post = post or _post
        self.counts = ShipperCounts()
        self._last_complaint = 0.0
        self._reset()
        # A forked child (LocalExecutor workers, task processes) inherits no running thread and maybe a held lock.
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self):
        self._lock = threading.Condition()
        self._buffer: deque[LokiEntry] = deque()
        self._in_flight = 0
        self._thread: threading.Thread | None = None

    def offer(self, entry: LokiEntry) -> bool:
        with self._lock:
            if len(self._buffer) >= self._buffer_lines:
                self.counts.dropped += 1
                return False
            self._buffer.append(entry)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="loki-shipper", daemon=True)
                self._thread.start()
            if len(self._buffer) >= self._batch_lines:
                self._lock.notify_all()
        return True

    def flush(self, timeout_seconds: float = 5.0) -> bool:
        """Waits until every offered line is sent or dropped; False when that took longer than the timeout."""
        deadline = time.monotonic() + timeout_seconds
        with self._lock:
            self._lock.notify_all()
            while self._buffer or self._in_flight:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(min(remaining, 0.05))
        return True

    def _run(self):
        while True:
            with self._lock:
                if not self._buffer:
                    self._lock.wait(self._batch_wait)
                if self._buffer and len(self._buffer) < self._batch_lines:
                    # Let a batch fill for a moment, unless someone flushes or it fills up.
                    self._lock.wait(self._batch_wait)
                batch = [self._buffer.popleft() for _ in range(min(len(self._buffer), self._batch_lines))]
                self._in_flight = len(batch)
            if batch:
                self._send(batch)
            with self._lock:
                self._in_flight = 0
                self._lock.notify_all()

    def _send(self, batch: list[LokiEntry]):
        payload = push_payload(batch)
        for attempt in range(1, self._send_attempts + 1):
            try:
                status = self._post(self.push_url, payload, self._timeout)
            except Exception as error:  # noqa: BLE001 - any failure of the transport is a failed send
                status, reason = None, f"{type(error).__name__}: {error}"
            else:
                reason = f"HTTP {status}"
            if status is not None and 200 <= status < 300:
                self.counts.sent += len(batch)
                return
            self.counts.send_errors += 1
            # 4xx other than 429: Loki refuses this batch as it is (too old, too big); another try cannot help.
            if status is not None and 400 <= status < 500 and status != 429:
                break
            if attempt < self._send_attempts:
                time.sleep(self._send_backoff * 2 ** (attempt - 1))
        self.counts.dropped += len(batch)
        self._complain(f"dropped {len(batch)} log lines for Loki ({reason}); {self.counts.dropped} dropped so far")

    def _complain(self, message: str):
        # Not through logging: these lines would come back here.
        now = time.monotonic()
        if now - self._last_complaint >= 60:
            self._last_complaint = now
            print(f"soma_hub.loki: {message}", file=sys.stderr)


def push_payload(batch: list[LokiEntry]) -> bytes:
    """Loki's JSON push body: one stream per label set; values [ns, line, structured metadata]."""
    streams: dict[Labels, list] = {}
    for entry in batch:
        value = [str(entry.timestamp_ns), entry.line]
        if entry.metadata:
            value.append(entry.metadata)
        streams.setdefault(entry.labels, []).append(value)
    body = {"streams": [{"stream": dict(labels), "values": values} for labels, values in streams.items()]}
    return json.dumps(body, default=str).encode("utf-8")


def _post(url: str, payload: bytes, timeout: float) -> int:
    request = urllib.request.Request(url, data=payload, method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
