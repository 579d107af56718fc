-- Per-tenant rate limits. Written to run unchanged on PostgreSQL and on H2 in PostgreSQL mode.

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
