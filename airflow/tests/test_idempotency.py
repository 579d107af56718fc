import re

import pytest

from soma_hub.idempotency import idempotency_key


def test_the_same_run_and_task_always_give_the_same_key():
    run = ("memory_refresh", "scheduled__2026-11-25T10:00:00+00:00", "refresh_campaign_memory")
    assert idempotency_key(*run) == idempotency_key(*run)


def test_another_run_task_or_dag_gives_another_key():
    base = idempotency_key("memory_refresh", "scheduled__2026-11-25T10:00:00+00:00", "refresh")
    others = {
        idempotency_key("memory_refresh", "scheduled__2026-11-25T11:00:00+00:00", "refresh"),
        idempotency_key("memory_refresh", "manual__2026-11-25T10:00:00+00:00", "refresh"),
        idempotency_key("memory_refresh", "scheduled__2026-11-25T10:00:00+00:00", "other_task"),
        idempotency_key("soma_session_warmup", "scheduled__2026-11-25T10:00:00+00:00", "refresh"),
    }
    assert base not in others and len(others) == 4


def test_parts_cannot_be_shifted_between_fields():
    assert idempotency_key("a:b", "c", "d") != idempotency_key("a", "b:c", "d")


def test_any_run_id_gives_a_header_the_hub_accepts():
    key = idempotency_key("dag", "manual__ünïcode run id with spaces " + "x" * 500, "task")
    assert re.fullmatch(r"[\x21-\x7e]{1,255}", key)


@pytest.mark.parametrize("parts", [("", "r", "t"), ("d", "", "t"), ("d", "r", ""), ("d", None, "t")])
def test_an_empty_part_is_refused(parts):
    with pytest.raises(ValueError, match="non-empty"):
        idempotency_key(*parts)
