"""VictoriaLogs query answers (one JSON entry a line) on stdin as readable lines: TIME APP LEVEL [IDS] MESSAGE.

Used by `./hub logs`; --reverse prints the entries in the opposite order (the query asks for the newest first).
"""

import json
import sys

IDS = ("function", "session_id", "workflow_id", "activity_type", "request_id", "trace_id")


def line(entry: dict) -> str:
    time = entry.get("_time", "")[:23].replace("T", " ")
    app = entry.get("app", "-").removeprefix("soma-hub-")
    ids = " ".join(f"{key}={entry[key]}" for key in IDS if entry.get(key))
    return f"{time} {app:<9} {entry.get('level', '-'):<5} {('[' + ids + '] ') if ids else ''}{entry.get('_msg', '')}"


def main() -> None:
    entries = (json.loads(text) for text in sys.stdin if text.strip())
    if "--reverse" in sys.argv:
        entries = reversed(list(entries))
    try:
        for entry in entries:
            print(line(entry), flush=True)
    except (BrokenPipeError, KeyboardInterrupt):
        pass


if __name__ == "__main__":
    main()
