-- Issue 12. Numbered 12 so that migrations written meanwhile on other branches (V5...) keep their numbers.
--
-- 1. Partitions (plain PostgreSQL only). No ingest ever runs DDL: a replica-safe job (StorageJobs, JobLock)
--    creates the monthly partitions of every month an ingest may accept (from the raw-data retention horizon to a
--    few months ahead). Rows of a month the job has not created yet land in the DEFAULT partition instead of
--    failing or waiting; the job later moves them into their own partition. New partitions are built as plain
--    tables and ATTACHed, which takes only SHARE UPDATE EXCLUSIVE on log_event: it never waits for, nor blocks,
--    the ROW EXCLUSIVE locks that ingests hold.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        RETURN;
    END IF;
    CREATE TABLE log_event_default PARTITION OF log_event DEFAULT;

    -- Ensures the partition of the month that starts at m (UTC): 'exists', 'created' or 'created, moved N rows'.
    CREATE FUNCTION log_event_ensure_month(m timestamptz) RETURNS text LANGUAGE plpgsql AS $f$
    DECLARE
        lo    timestamptz := date_trunc('month', m AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
        hi    timestamptz := (date_trunc('month', m AT TIME ZONE 'UTC') + INTERVAL '1 month') AT TIME ZONE 'UTC';
        part  text := 'log_event_' || to_char(m AT TIME ZONE 'UTC', 'YYYYMM');
        moved bigint := 0;
    BEGIN
        IF to_regclass(part) IS NOT NULL THEN
            RETURN 'exists';
        END IF;
        EXECUTE format('CREATE TABLE %I (LIKE log_event INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
        -- The CHECK lets ATTACH skip scanning the new table.
        EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (log_time >= %L AND log_time < %L)',
                part, part || '_range', lo, hi);
        IF EXISTS (SELECT 1 FROM log_event_default WHERE log_time >= lo AND log_time < hi) THEN
            EXECUTE format('WITH gone AS (DELETE FROM log_event_default WHERE log_time >= $1 AND log_time < $2 RETURNING *) '
                    || 'INSERT INTO %I SELECT * FROM gone', part) USING lo, hi;
            GET DIAGNOSTICS moved = ROW_COUNT;
        END IF;
        EXECUTE format('ALTER TABLE log_event ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
        EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', part, part || '_range');
        RETURN CASE WHEN moved > 0 THEN 'created, moved ' || moved || ' rows' ELSE 'created' END;
    END
    $f$;

    -- Retention: drops the monthly partitions that end at or before the horizon, and older rows of the default.
    CREATE FUNCTION log_event_drop_before(horizon timestamptz) RETURNS text LANGUAGE plpgsql AS $f$
    DECLARE
        part    record;
        dropped int := 0;
        deleted bigint;
    BEGIN
        FOR part IN
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'log_event'::regclass AND c.relname ~ '^log_event_[0-9]{6}$'
              AND (to_date(substr(c.relname, 11), 'YYYYMM') + INTERVAL '1 month') AT TIME ZONE 'UTC' <= horizon
            ORDER BY c.relname
        LOOP
            EXECUTE format('DROP TABLE %I', part.relname);
            dropped := dropped + 1;
        END LOOP;
        DELETE FROM log_event_default WHERE log_time < horizon;
        GET DIAGNOSTICS deleted = ROW_COUNT;
        RETURN 'dropped ' || dropped || ' partitions, ' || deleted || ' rows of the default partition';
    END
    $f$;
END
$$;

-- 2. JSON Lines as ringserver 4 writes them: the protocol version and the authenticated user name, when given.
ALTER TABLE log_event ADD COLUMN protocol_version text, ADD COLUMN username text;

-- 3. What the storage jobs last did (plain PostgreSQL, and manual triggers on TimescaleDB).
CREATE TABLE log_storage_job (
    job           text PRIMARY KEY,
    last_started  timestamptz NOT NULL,
    last_finished timestamptz,
    outcome       text        NOT NULL,
    detail        text        NOT NULL DEFAULT ''
);
