"""The capabilities the provider calls the hub with. Airflow's token holds some of these and nothing more: a token
granting anything else is refused before it is sent (credentials.py)."""

MEMORY_REFRESH = "memory:refresh"
SESSIONS_WRITE = "sessions:write"
SESSIONS_READ = "sessions:read"
# GET /v1/campaigns/{id} asks for campaigns:write (the hub has no campaigns:read), so only a token minted for the
# CampaignSensor should hold it.
CAMPAIGNS_WRITE = "campaigns:write"

# What this repository's DAGs call with (airflow/dags): the token ./hub token mints for them.
DAG_CAPABILITIES = frozenset({MEMORY_REFRESH, SESSIONS_WRITE, SESSIONS_READ})

# What any operator or sensor of the provider may call with: the most a token in Airflow may grant.
PROVIDER_CAPABILITIES = DAG_CAPABILITIES | {CAMPAIGNS_WRITE}
