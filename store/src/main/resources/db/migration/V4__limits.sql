-- Per-tenant rate limits and quotas. Written to run unchanged on PostgreSQL and on H2 in PostgreSQL mode.

-- One token bucket per tenant, route class and limit (Bucket4j's JDBC layout): id names all three, so a changed
-- limit starts a bucket of its own; state is Bucket4j's serialized bucket; expires_at (epoch milliseconds) is when an
-- idle bucket would be full again plus a margin, after which the functions' housekeeping deletes the row. Every
-- instance of every function locks a bucket's row for the few statements of one check, so the limit holds across
-- instances.
CREATE TABLE rate_limit_buckets (
    id         VARCHAR(300) PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX rate_limit_buckets_by_expiry ON rate_limit_buckets (expires_at);

-- The quota on sessions running at once per tenant. A session holds a slot from the moment the gateway admits it
-- (before its workflow starts) until the worker sees its workflow closed; expires_at (the workflow's execution timeout
-- after the claim, and a margin) ends a slot nobody released, so it never outlives the longest a session can run.
CREATE TABLE session_slots (
    session_id VARCHAR(100) PRIMARY KEY,
    tenant     VARCHAR(200) NOT NULL,
    claimed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX session_slots_by_tenant ON session_slots (tenant, expires_at);
CREATE INDEX session_slots_by_claim ON session_slots (claimed_at);

-- One row per tenant that ever claimed a slot, locked by every claim of that tenant (SELECT ... FOR UPDATE): claims of
-- one tenant run one after the other on every instance, so two never take the tenant's last free slot.
CREATE TABLE session_slot_tenants (
    tenant VARCHAR(200) PRIMARY KEY
);
