"""The provider as Airflow discovers it: get_provider_info valid against Airflow's own schema, and the installed
distribution registered through its entry point with the soma_hub connection type and its hook."""

from importlib.metadata import PackageNotFoundError, distribution

import pytest
from airflow.providers_manager import ProvidersManager, _create_provider_info_schema_validator
from airflow.sdk.providers_manager_runtime import ProvidersManagerTaskRuntime

from soma_hub import __version__
from soma_hub.get_provider_info import get_provider_info

DISTRIBUTION = "soma-hub-airflow-provider"


def test_the_provider_info_is_valid_for_airflow_and_names_importable_modules():
    info = get_provider_info()
    _create_provider_info_schema_validator().validate(info)
    assert info["package-name"] == DISTRIBUTION and info["versions"] == [__version__]
    for section in ("hooks", "operators", "sensors", "triggers"):
        for module in info[section][0]["python-modules"]:
            __import__(module)


def test_the_installed_distribution_registers_the_provider_and_its_connection_type():
    try:
        installed = distribution(DISTRIBUTION)
    except PackageNotFoundError:
        pytest.fail(f"{DISTRIBUTION} is not installed in this virtualenv: ./hub install puts it there")
    assert installed.version == __version__, "the installed provider is older than this checkout: ./hub install"
    assert [(e.group, e.value) for e in installed.entry_points] == [
        ("apache_airflow_provider", "soma_hub.get_provider_info:get_provider_info")
    ]
    assert DISTRIBUTION in ProvidersManager().providers
    hook = ProvidersManagerTaskRuntime().hooks["soma_hub"]
    assert (hook.hook_class_name, hook.connection_id_attribute_name) == ("soma_hub.hook.SomaHubHook", "soma_hub_conn_id")
