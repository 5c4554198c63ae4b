-- Results of the statistics plugins, one row per plugin, period and rank; cells in the plugin's columns.
CREATE TABLE stats_row (
    plugin       text        NOT NULL,
    period_start timestamptz NOT NULL,
    period_stop  timestamptz NOT NULL,
    rank         integer     NOT NULL,
    cells        jsonb       NOT NULL,
    computed_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    PRIMARY KEY (plugin, period_start, rank)
);
CREATE INDEX stats_row_computed ON stats_row (computed_at);

-- Plugins that have been built once; a plugin missing here (new, or its rows lost) is rebuilt over its look-back.
CREATE TABLE stats_plugin (
    name     text PRIMARY KEY,
    built_at timestamptz NOT NULL
);
