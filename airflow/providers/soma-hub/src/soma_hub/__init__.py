"""The Soma Agent Hub provider for Airflow: calls to the hub's gateway (hook, operators, sensors and their triggers),
and Airflow's task logs shipped to Loki."""

__version__ = "0.2.0"
