-- What a session did, step by step, for GET /v1/sessions/{id}/events. Written to run unchanged on PostgreSQL and on
-- H2 in PostgreSQL mode.

-- One row per event the worker's model activities write as they go: a model call started, each piece of the reply as
-- the provider streams it, the call's end. Numbered per session from 3 (1 and 2, accepted and moderated, are implied
-- by the session's existence), so a client resumes after the last number it saw. Rows older than the retention are
-- deleted by the worker's sweeper.
CREATE TABLE session_events (
    session_id  VARCHAR(100) NOT NULL,
    seq         INTEGER NOT NULL,
    tenant      VARCHAR(200) NOT NULL,
    kind        VARCHAR(50) NOT NULL,
    data        VARCHAR(65536) NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (session_id, seq)
);

CREATE INDEX session_events_recorded_at ON session_events (recorded_at);
