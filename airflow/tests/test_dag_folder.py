"""The DAG folder as Airflow's DAG processor loads it."""

from pathlib import Path

import pytest
from airflow.dag_processing.dagbag import DagBag
from airflow.sdk.exceptions import ParamValidationError

DAGS = Path(__file__).resolve().parents[1] / "dags"


@pytest.fixture(scope="module")
def dagbag():
    return DagBag(dag_folder=str(DAGS))


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}


def test_the_hourly_dags_are_there_with_one_task_each(dagbag):
    assert set(dagbag.dag_ids) == {"memory_refresh", "soma_session_warmup", "soma_session_run"}
    for dag_id, task_id in [("memory_refresh", "refresh_campaign_memory"), ("soma_session_warmup", "trigger_warmup_session")]:
        dag = dagbag.dags[dag_id]
        assert dag.timetable.expression == "0 * * * *"
        assert [t.task_id for t in dag.tasks] == [task_id]
        assert dag.catchup is False and dag.max_active_runs == 1


def test_memory_refresh_takes_the_campaign_from_its_params(dagbag):
    params = dagbag.dags["memory_refresh"].params
    assert params["campaign"] == "fall_launch" and params["force"] is False
    campaign = params.get_param("campaign")
    assert campaign.resolve("spring_sale") == "spring_sale"
    for bad in ["", "x" * 201, 42]:
        with pytest.raises(ParamValidationError):
            campaign.resolve(bad)


def test_the_session_run_starts_a_session_then_waits_for_it_deferred_in_the_triggerer(dagbag):
    dag = dagbag.dags["soma_session_run"]
    assert type(dag.timetable).__name__ == "NullTimetable", "triggered on demand only"
    start, wait = dag.get_task("start_session"), dag.get_task("wait_for_session")
    assert wait.upstream_task_ids == {"start_session"}
    assert type(start).__name__ == "StartSessionOperator" and not start.wait_for_completion
    assert type(wait).__name__ == "SessionSensor" and wait.deferrable and wait.timeout == 65 * 60
    assert dag.params.get_param("prompt").resolve("x") == "x"
