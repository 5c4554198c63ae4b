-- Points and summaries share one table family, keyed by series (metadata, event type, summary, window) and time.
-- Columns by value kind: integers in v_int, floats (and average sums) in v_float with v_count, percentages
-- in v_num/v_den, histograms, subintervals and json in v_json; statistics summaries keep their merged
-- histogram in v_json and the statistics computed on ingest in v_stats.
--
-- Two storage dialects, chosen by the presence of the timescaledb extension in this database:
--  * plain PostgreSQL: LIST partitions per event type, each RANGE-partitioned by month; retention per event
--    type drops whole monthly partitions (PartitionedStorage creates them on demand through
--    ps_ensure_partition and drops them in the retention job).
--  * TimescaleDB 2.x: a hypertable on ts with 7-day chunks, space-partitioned by event type (TimescaleStorage).

CREATE TABLE ps_partition (
    event_type text        NOT NULL,
    month      date        NOT NULL,
    table_name text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_type, month)
);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        CREATE TABLE ps_value (
            series_id  bigint      NOT NULL,
            event_type text        NOT NULL,
            ts         timestamptz NOT NULL,
            v_int      bigint,
            v_float    double precision,
            v_count    bigint,
            v_num      bigint,
            v_den      bigint,
            v_json     jsonb,
            v_stats    jsonb,
            PRIMARY KEY (series_id, ts, event_type)
        );
        PERFORM create_hypertable('ps_value', 'ts', chunk_time_interval => INTERVAL '7 days');
        PERFORM add_dimension('ps_value', 'event_type', number_partitions => 8);
    ELSE
        CREATE TABLE ps_value (
            series_id  bigint      NOT NULL,
            event_type text        NOT NULL,
            ts         timestamptz NOT NULL,
            v_int      bigint,
            v_float    double precision,
            v_count    bigint,
            v_num      bigint,
            v_den      bigint,
            v_json     jsonb,
            v_stats    jsonb,
            PRIMARY KEY (series_id, ts, event_type)
        ) PARTITION BY LIST (event_type);
    END IF;
END
$$;

-- Creates the event type's LIST partition and its month's RANGE partition if missing; serialised by an
-- advisory lock so that concurrent writers do not race on the DDL.
CREATE FUNCTION ps_ensure_partition(p_event_type text, p_month date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    parent text := 'ps_value_' || substr(md5(p_event_type), 1, 12);
    child  text := parent || '_' || to_char(p_month, 'YYYYMM');
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('ps_value_partitions'));
    IF to_regclass(parent) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF ps_value FOR VALUES IN (%L) PARTITION BY RANGE (ts)',
                       parent, p_event_type);
    END IF;
    IF to_regclass(child) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', child, parent,
                       (p_month::timestamp AT TIME ZONE 'UTC'),
                       ((p_month + INTERVAL '1 month')::timestamp AT TIME ZONE 'UTC'));
        INSERT INTO ps_partition (event_type, month, table_name) VALUES (p_event_type, p_month, child)
        ON CONFLICT DO NOTHING;
    END IF;
END
$$;

-- Bucket-wise sum of two histograms; buckets that sum to 0 disappear (a re-sent point subtracts its old
-- histogram with negative counts before adding the new one).
CREATE FUNCTION ps_hist_add(a jsonb, b jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT COALESCE(jsonb_object_agg(key, total), '{}'::jsonb)
    FROM (SELECT key, sum(value::numeric) AS total
          FROM (SELECT * FROM jsonb_each_text(COALESCE(a, '{}'::jsonb))
                UNION ALL
                SELECT * FROM jsonb_each_text(COALESCE(b, '{}'::jsonb))) e
          GROUP BY key) s
    WHERE total <> 0
$$;
