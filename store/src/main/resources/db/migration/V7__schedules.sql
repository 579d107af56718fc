-- The limit on schedules per tenant. Written to run unchanged on PostgreSQL and on H2 in PostgreSQL mode.

-- One row per schedule, in one of its tenant's numbered seats (0 up to the limit): creating a schedule inserts its row
-- into the first free seat, and the primary key decides between concurrent creates on any number of instances, so a
-- tenant never holds more seats than the limit. The schedule itself is a Temporal Schedule; deleting it frees its seat.
CREATE TABLE schedule_seats (
    tenant      VARCHAR(200) NOT NULL,
    seat        INTEGER NOT NULL,
    schedule_id VARCHAR(100) NOT NULL UNIQUE,
    claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, seat)
);
