-- Plain PostgreSQL path: rollup tables kept current by the service's scheduled, replica-safe refresh
-- (RollupRefresher) from log_dirty_hour. Same names and columns as the continuous aggregates of V2.
-- Unknown country stays NULL, as it does in a continuous aggregate's GROUP BY.
DO $$
DECLARE
    resolution text;
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        RETURN;
    END IF;
    FOREACH resolution IN ARRAY ARRAY['hour', 'day', 'month'] LOOP
        EXECUTE format($t$
            CREATE TABLE %I (
                bucket      timestamptz NOT NULL,
                network     text        NOT NULL,
                station     text        NOT NULL,
                location    text        NOT NULL,
                channel     text        NOT NULL,
                country     text,
                client_hash text        NOT NULL,
                protocol    text        NOT NULL,
                bytes       bigint      NOT NULL,
                packets     bigint      NOT NULL,
                events      bigint      NOT NULL
            )$t$, 'log_rollup_' || resolution);
        EXECUTE format('CREATE INDEX %I ON %I (bucket, network, station)',
                'log_rollup_' || resolution || '_bucket', 'log_rollup_' || resolution);
    END LOOP;
END
$$;
