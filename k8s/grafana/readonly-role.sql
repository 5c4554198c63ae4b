-- The role Grafana reads with: SELECT only, read-only transactions, a statement timeout, in the log-ingest and
-- perf-archive databases. Run as the owner of the databases (psql -d logingest -f, then -d perfarchive -f);
-- set the password afterwards from the Secret: ALTER ROLE grafana_reader PASSWORD '...'.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'grafana_reader') THEN
        CREATE ROLE grafana_reader LOGIN;
    END IF;
END
$$;
ALTER ROLE grafana_reader SET default_transaction_read_only = on;
ALTER ROLE grafana_reader SET statement_timeout = '30s';
DO $$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO grafana_reader', current_database());
END
$$;
GRANT USAGE ON SCHEMA public TO grafana_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO grafana_reader;
-- Tables the services create later (new partitions, rollups) are readable too.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO grafana_reader;
-- Except what could help guess a credential: perf-archive's API key hashes.
DO $$
BEGIN
    IF to_regclass('ps_api_key') IS NOT NULL THEN
        REVOKE ALL ON ps_api_key FROM grafana_reader;
    END IF;
END
$$;
