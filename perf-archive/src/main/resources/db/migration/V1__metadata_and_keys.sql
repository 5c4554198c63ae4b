-- Metadata as esmond keeps it: a subject (flattened), free-form parameters, and the series it declares.

CREATE TABLE ps_metadata (
    id                bigserial PRIMARY KEY,
    metadata_key      text        NOT NULL UNIQUE,
    -- SHA-256 over the canonical subject, parameters and series: the same POST finds the same record.
    checksum          text        NOT NULL UNIQUE,
    subject_type      text        NOT NULL,
    source            text        NOT NULL,
    destination       text,
    measurement_agent text,
    tool_name         text,
    input_source      text,
    input_destination text,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ps_metadata_source ON ps_metadata (source);
CREATE INDEX ps_metadata_destination ON ps_metadata (destination);
CREATE INDEX ps_metadata_agent ON ps_metadata (measurement_agent);
CREATE INDEX ps_metadata_tool ON ps_metadata (tool_name);

CREATE TABLE ps_metadata_parameter (
    metadata_id bigint NOT NULL REFERENCES ps_metadata (id) ON DELETE CASCADE,
    name        text   NOT NULL,
    value       text   NOT NULL,
    PRIMARY KEY (metadata_id, name)
);
CREATE INDEX ps_metadata_parameter_lookup ON ps_metadata_parameter (name, value);

-- One series = one event type of one metadata with one summary ('base' with window 0 for raw points).
-- Its id keys every stored point and summary row.
CREATE TABLE ps_series (
    id             bigserial PRIMARY KEY,
    metadata_id    bigint      NOT NULL REFERENCES ps_metadata (id) ON DELETE CASCADE,
    event_type     text        NOT NULL,
    summary_type   text        NOT NULL,
    summary_window bigint      NOT NULL,
    time_updated   timestamptz,
    UNIQUE (metadata_id, event_type, summary_type, summary_window)
);
CREATE INDEX ps_series_event ON ps_series (event_type, summary_type, summary_window);
CREATE INDEX ps_series_updated ON ps_series (time_updated);

-- Write credentials for esmond clients (Authorization: Token <key> / ApiKey <user>:<key>).
-- Only a SHA-256 of the key is kept: keys are random 160-bit secrets, so a slow hash adds nothing.
CREATE TABLE ps_api_key (
    id          bigserial PRIMARY KEY,
    username    text        NOT NULL,
    key_hash    text        NOT NULL UNIQUE,
    description text,
    roles       text[]      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);
