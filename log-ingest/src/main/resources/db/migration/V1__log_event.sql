-- One row per stream transfer: what one client received of one stream in one logging period.
-- The natural key (log_time, block_key, stream_id) makes re-posting a log, or an overlapping one, store each
-- transfer once. block_key is a keyed hash of the block's client, protocol, client id and times.
-- Plain PostgreSQL: range-partitioned by log_time, monthly partitions created on demand by the service
-- (PlainPostgresDialect). With TimescaleDB installed in the database, the same table becomes a hypertable in V2.
DO $$
DECLARE
    ddl text := $ddl$
        CREATE TABLE log_event (
            log_time     timestamptz NOT NULL,
            connect_time timestamptz NOT NULL,
            block_key    uuid        NOT NULL,
            stream_id    text        NOT NULL,
            network      text        NOT NULL,
            station      text        NOT NULL,
            location     text        NOT NULL,
            channel      text        NOT NULL,
            band         text,
            source       text,
            subsource    text,
            bytes        bigint      NOT NULL CHECK (bytes >= 0),
            packets      bigint      NOT NULL CHECK (packets >= 0),
            protocol     text        NOT NULL,
            agent        text        NOT NULL,
            client_hash  text        NOT NULL,
            country      text,
            city         text,
            geohash      text,
            PRIMARY KEY (log_time, block_key, stream_id)
        )$ddl$;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        EXECUTE ddl;
    ELSE
        EXECUTE ddl || ' PARTITION BY RANGE (log_time)';
    END IF;
END
$$;

-- Hours touched by committed ingests, per consumer ('rollup', 'stats'): an invalidation log. A consumer
-- deletes the hours it recomputes in the same transaction, so a crash or a concurrent ingest never loses one.
-- mark changes on every re-invalidation, so that a consumer that cannot delete in its own transaction
-- (TimescaleDB's refresh runs outside one) deletes only the marks it has seen.
CREATE SEQUENCE log_dirty_mark;
CREATE TABLE log_dirty_hour (
    consumer text        NOT NULL,
    hour     timestamptz NOT NULL,
    mark     bigint      NOT NULL DEFAULT nextval('log_dirty_mark'),
    PRIMARY KEY (consumer, hour)
);

-- Scheduled jobs' progress: the watermark is the time up to which every committed ingest is reflected.
CREATE TABLE log_job_state (
    job        text PRIMARY KEY,
    watermark  timestamptz NOT NULL,
    last_run   timestamptz NOT NULL,
    last_count bigint      NOT NULL DEFAULT 0
);
