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


def test_both_dags_are_there_hourly_with_one_task_each(dagbag):
    assert set(dagbag.dag_ids) == {"memory_refresh", "soma_session_warmup"}
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
