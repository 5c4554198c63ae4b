-- Runs received from pScheduler's http archiver: the whole result document (nothing esmond had no type for
-- is lost), and the run's uuid as the key that makes a retried run store nothing twice.
CREATE TABLE ps_pscheduler_run (
    run_id       uuid        PRIMARY KEY,
    test_type    text        NOT NULL,
    -- mapped: stored as the esmond archiver would have; raw: a known type whose result could not be mapped.
    status       text        NOT NULL,
    metadata_key text        NOT NULL,
    observer     text,
    received_at  timestamptz NOT NULL DEFAULT now(),
    document     jsonb       NOT NULL
);
CREATE INDEX ps_pscheduler_run_metadata ON ps_pscheduler_run (metadata_key);

-- Writes the archive refused (agents do not retry): the latest ones, trimmed to a bounded number of rows.
CREATE TABLE ps_ingest_failure (
    id          bigserial   PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    endpoint    text        NOT NULL,
    status      int         NOT NULL,
    reason      text        NOT NULL,
    agent       text,
    subject     text,
    detail      text
);
