"""The capabilities the DAGs of this folder call the hub with. Airflow's token holds these and nothing more."""

MEMORY_REFRESH = "memory:refresh"
SESSIONS_WRITE = "sessions:write"

DAG_CAPABILITIES = frozenset({MEMORY_REFRESH, SESSIONS_WRITE})
