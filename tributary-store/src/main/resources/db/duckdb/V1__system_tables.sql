-- Tributary's system tables, in schema "tributary" (Flyway creates the schema and its history table).
-- Stream tables live in one schema per pipeline and are created at run time, not here.

CREATE TABLE tributary.runs (
    id                  VARCHAR PRIMARY KEY,
    pipeline            VARCHAR NOT NULL,
    "trigger"           VARCHAR NOT NULL,
    status              VARCHAR NOT NULL,
    started_at          TIMESTAMPTZ NOT NULL,
    finished_at         TIMESTAMPTZ,
    records_read        BIGINT NOT NULL DEFAULT 0,
    records_written     BIGINT NOT NULL DEFAULT 0,
    records_unchanged   BIGINT NOT NULL DEFAULT 0,
    records_duplicates  BIGINT NOT NULL DEFAULT 0,
    records_quarantined BIGINT NOT NULL DEFAULT 0,
    records_filtered    BIGINT NOT NULL DEFAULT 0,
    streams             JSON,
    error               VARCHAR,
    options             JSON,
    heartbeat_at        TIMESTAMPTZ
);

-- the last committed connector state per stream, written in the same transaction as the records
CREATE TABLE tributary.state (
    pipeline   VARCHAR NOT NULL,
    stream     VARCHAR NOT NULL,
    state      JSON NOT NULL,
    run_id     VARCHAR,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (pipeline, stream)
);

-- rejected inputs and records, with why they were rejected
CREATE TABLE tributary.quarantine (
    id       BIGINT PRIMARY KEY,
    run_id   VARCHAR,
    pipeline VARCHAR NOT NULL,
    stream   VARCHAR NOT NULL,
    stage    VARCHAR NOT NULL,
    rule     VARCHAR,
    field    VARCHAR,
    reason   VARCHAR NOT NULL,
    origin   VARCHAR,
    payload  VARCHAR,
    "at"     TIMESTAMPTZ NOT NULL
);

-- API quota counters shared by every pipeline using this store
CREATE TABLE tributary.quota_usage (
    bucket       VARCHAR NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    used         BIGINT NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

-- which record field each stream-table column holds; differs from the column name only when two
-- fields differ just in letter case (DuckDB identifiers are case-insensitive) or a field is named
-- like a system column
CREATE TABLE tributary.stream_columns (
    table_schema VARCHAR NOT NULL,
    table_name   VARCHAR NOT NULL,
    field        VARCHAR NOT NULL,
    column_name  VARCHAR NOT NULL,
    PRIMARY KEY (table_schema, table_name, field)
);
