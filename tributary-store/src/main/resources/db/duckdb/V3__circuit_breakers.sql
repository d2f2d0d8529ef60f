-- circuit-breaker states of sources, so a breaker that opened in one process still skips the
-- source in the next run until its probe time (see CircuitLedger)
CREATE TABLE tributary.circuit_breakers (
    source     VARCHAR PRIMARY KEY,
    state      VARCHAR NOT NULL,
    failures   INTEGER NOT NULL,
    opened_at  TIMESTAMPTZ,
    updated_at TIMESTAMPTZ NOT NULL
);
