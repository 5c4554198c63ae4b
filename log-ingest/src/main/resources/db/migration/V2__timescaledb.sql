-- TimescaleDB path (TimescaleDB 2.x, written against the 2.28 documentation): applied only when the extension
-- is installed in this database. Hypertable, continuous aggregates per hour, day and month with refresh
-- policies, compression and retention. The aggregates carry the same names and columns as the plain rollup
-- tables of V3, so the query API reads either the same way.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        RETURN;
    END IF;
    PERFORM create_hypertable('log_event', by_range('log_time', INTERVAL '1 day'));

    EXECUTE $v$
        CREATE MATERIALIZED VIEW log_rollup_hour WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS
        SELECT time_bucket(INTERVAL '1 hour', log_time) AS bucket,
               network, station, location, channel, country, client_hash, protocol,
               sum(bytes)::bigint AS bytes, sum(packets)::bigint AS packets, count(*)::bigint AS events
        FROM log_event
        GROUP BY 1, network, station, location, channel, country, client_hash, protocol
        WITH NO DATA$v$;
    EXECUTE $v$
        CREATE MATERIALIZED VIEW log_rollup_day WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS
        SELECT time_bucket(INTERVAL '1 day', bucket) AS bucket,
               network, station, location, channel, country, client_hash, protocol,
               sum(bytes)::bigint AS bytes, sum(packets)::bigint AS packets, sum(events)::bigint AS events
        FROM log_rollup_hour
        GROUP BY 1, network, station, location, channel, country, client_hash, protocol
        WITH NO DATA$v$;
    EXECUTE $v$
        CREATE MATERIALIZED VIEW log_rollup_month WITH (timescaledb.continuous, timescaledb.materialized_only = true) AS
        SELECT time_bucket(INTERVAL '1 month', bucket) AS bucket,
               network, station, location, channel, country, client_hash, protocol,
               sum(bytes)::bigint AS bytes, sum(packets)::bigint AS packets, sum(events)::bigint AS events
        FROM log_rollup_day
        GROUP BY 1, network, station, location, channel, country, client_hash, protocol
        WITH NO DATA$v$;

    -- Policies keep recent buckets current; late logs are refreshed by the service from log_dirty_hour.
    PERFORM add_continuous_aggregate_policy('log_rollup_hour', start_offset => INTERVAL '3 days',
            end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes');
    PERFORM add_continuous_aggregate_policy('log_rollup_day', start_offset => INTERVAL '7 days',
            end_offset => INTERVAL '1 day', schedule_interval => INTERVAL '1 hour');
    PERFORM add_continuous_aggregate_policy('log_rollup_month', start_offset => INTERVAL '3 months',
            end_offset => INTERVAL '1 month', schedule_interval => INTERVAL '1 day');

    ALTER TABLE log_event SET (timescaledb.compress,
            timescaledb.compress_segmentby = 'network, station',
            timescaledb.compress_orderby = 'log_time DESC');
    PERFORM add_compression_policy('log_event', INTERVAL '14 days');
    -- Raw transfers are kept for two years; the rollups outlive them.
    PERFORM add_retention_policy('log_event', INTERVAL '730 days');
END
$$;
