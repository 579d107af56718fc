"""What Airflow's ProvidersManager reads through the ``apache_airflow_provider`` entry point (pyproject.toml): the
connection type ``soma_hub`` and its hook, and where the operators, sensors and triggers live. Checked against
Airflow's own provider_info.schema.json by tests/test_provider.py."""

from __future__ import annotations

from soma_hub import __version__

INTEGRATION = "Soma Agent Hub"


def get_provider_info() -> dict:
    return {
        "package-name": "soma-hub-airflow-provider",
        "name": INTEGRATION,
        "description": "Sessions, memory refreshes and campaigns of the Soma Agent Hub, from Airflow.",
        "versions": [__version__],
        "integrations": [{"integration-name": INTEGRATION, "tags": ["service"]}],
        "hooks": [{"integration-name": INTEGRATION, "python-modules": ["soma_hub.hook"]}],
        "operators": [{"integration-name": INTEGRATION, "python-modules": ["soma_hub.operators"]}],
        "sensors": [{"integration-name": INTEGRATION, "python-modules": ["soma_hub.sensors"]}],
        "triggers": [{"integration-name": INTEGRATION, "python-modules": ["soma_hub.triggers"]}],
        "connection-types": [
            {
                "connection-type": "soma_hub",
                "hook-class-name": "soma_hub.hook.SomaHubHook",
                "hook-name": "Soma Agent Hub",
                "ui-field-behaviour": {
                    "hidden-fields": ["login"],
                    "relabeling": {"host": "Gateway host or base URL", "password": "Token"},
                    "placeholders": {
                        "host": "api.soma-hub.example.com",
                        "extra": '{"token_file": "/var/run/secrets/soma-hub/token"}',
                    },
                },
            }
        ],
    }
