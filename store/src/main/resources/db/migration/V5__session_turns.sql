-- The turns of conversation sessions. Written to run unchanged on PostgreSQL and on H2 in PostgreSQL mode.

-- One row per turn: the user's message and the assistant's reply, recorded by the worker's turn activity once the
-- provider answered (a retried attempt finds the row and does not ask again), read by GET /v1/sessions/{id} as the
-- transcript, and by a conversation's next run after continue-as-new as its context.
CREATE TABLE session_turns (
    session_id   VARCHAR(100) NOT NULL,
    turn         INTEGER NOT NULL,
    tenant       VARCHAR(200) NOT NULL,
    content      VARCHAR(1048576) NOT NULL,
    model        VARCHAR(200) NOT NULL,
    provider     VARCHAR(100) NOT NULL,
    reply        VARCHAR(1048576) NOT NULL,
    completed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (session_id, turn)
);
