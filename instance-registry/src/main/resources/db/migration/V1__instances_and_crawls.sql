-- One row per registered server. The owner's columns (url .. registered) are written through the
-- Indico API; the crawler's columns only by the crawler, so neither overwrites the other.
CREATE TABLE instance (
    id                   bigserial PRIMARY KEY,
    -- The uuid is the owner's secret for PATCH/GET /api/instance/{uuid}: never listed publicly.
    uuid                 uuid        NOT NULL UNIQUE,
    url                  text        NOT NULL,
    -- Normalised form of url (no scheme, lower-case host without www. or trailing dot, no default
    -- port, no trailing slash): one server is one instance.
    url_key              text        NOT NULL UNIQUE,
    contact              text        NOT NULL,
    email                text        NOT NULL,
    organization         text        NOT NULL,
    enabled              boolean     NOT NULL DEFAULT true,
    registered           timestamptz NOT NULL DEFAULT now(),

    crawled              jsonb       NOT NULL DEFAULT '{}'::jsonb,
    last_crawl           timestamptz,
    last_success         timestamptz,
    -- 'ok' or 'failed' for the last attempt; null before the first one.
    crawl_status         text CHECK (crawl_status IN ('ok', 'failed')),
    crawl_error          text,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    -- Per-instance claim: a replica crawls an instance only while it holds an unexpired lease on it.
    crawl_lease_until    timestamptz,

    country_code         text,
    country_name         text,
    latitude             double precision,
    longitude            double precision
);

CREATE INDEX instance_registered_idx ON instance (registered);
CREATE INDEX instance_country_idx ON instance (country_code);
CREATE INDEX instance_last_crawl_idx ON instance (last_crawl NULLS FIRST);

-- One row per crawl attempt of one instance, whatever its outcome: why a crawl failed stays visible.
CREATE TABLE crawl_record (
    id          bigserial PRIMARY KEY,
    instance_id bigint      NOT NULL REFERENCES instance (id) ON DELETE CASCADE,
    started     timestamptz NOT NULL,
    finished    timestamptz NOT NULL,
    status      text        NOT NULL CHECK (status IN ('ok', 'failed')),
    -- A short machine-readable reason for failures (timeout, http_status, not_json, too_large,
    -- refused_address, ...), and the human-readable error.
    reason      text,
    error       text,
    http_status integer
);

CREATE INDEX crawl_record_instance_idx ON crawl_record (instance_id, id DESC);
