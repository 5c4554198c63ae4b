-- IXPs, networks and their membership history. History is derived from the stored monthly snapshots
-- (membership_snapshot), never from the order in which months were imported.

CREATE TABLE ixp (
    id           bigint PRIMARY KEY,            -- PeeringDB ix.id
    name         text        NOT NULL,
    name_long    text,
    city         text,
    country      char(2)     NOT NULL,
    website      text,
    org_id       bigint,
    created      timestamptz,
    updated      timestamptz,
    -- the month whose snapshot last wrote the attributes above: an older month never overwrites a newer one
    source_month date        NOT NULL,
    active       boolean     NOT NULL DEFAULT false
);
CREATE INDEX ixp_country ON ixp (country);
CREATE INDEX ixp_lower_name ON ixp (lower(name));

CREATE TABLE network (
    asn            bigint PRIMARY KEY,
    peeringdb_id   bigint,
    name           text,
    info_type      text,
    policy_general text,
    created        timestamptz,
    updated        timestamptz,
    source_month   date
);

-- The months whose snapshot is stored, with where each came from.
CREATE TABLE import_month (
    month       date PRIMARY KEY CHECK (extract(day FROM month) = 1),
    source      text        NOT NULL,
    source_day  date,
    imported_at timestamptz NOT NULL DEFAULT now()
);

-- One row per (IXP, ASN) present in a month's snapshot; several netixlan rows are already folded in
-- (rs_peer OR-ed, speed summed, earliest created). A re-run of a month replaces its rows.
CREATE TABLE membership_snapshot (
    month   date    NOT NULL REFERENCES import_month (month),
    ixp_id  bigint  NOT NULL,
    asn     bigint  NOT NULL,
    rs_peer boolean NOT NULL,
    speed   bigint  NOT NULL CHECK (speed >= 0),
    created timestamptz,
    PRIMARY KEY (ixp_id, asn, month)
);
CREATE INDEX membership_snapshot_month ON membership_snapshot (month);

-- Periods derived from membership_snapshot; rebuilt for the pairs an import can change.
CREATE TABLE membership_period (
    id          bigserial PRIMARY KEY,
    ixp_id      bigint  NOT NULL,
    asn         bigint  NOT NULL,
    start_date  date    NOT NULL,
    end_date    date,
    rs_peer     boolean NOT NULL,
    speed       bigint  NOT NULL,
    created     timestamptz,
    first_month date    NOT NULL,
    last_month  date    NOT NULL
);
CREATE INDEX membership_period_pair ON membership_period (ixp_id, asn);
CREATE INDEX membership_period_asn ON membership_period (asn);

-- ASN registration from the RIRs' delegated-extended files (one row per ASN).
CREATE TABLE asn_registration (
    asn      bigint PRIMARY KEY,
    registry text NOT NULL,
    country  char(2),
    status   text NOT NULL,
    reg_date date
);
CREATE INDEX asn_registration_country ON asn_registration (country) WHERE status IN ('assigned', 'allocated');
CREATE TABLE routed_asn (asn bigint PRIMARY KEY);
CREATE TABLE asn_customer (
    provider_asn bigint NOT NULL,
    customer_asn bigint NOT NULL,
    PRIMARY KEY (provider_asn, customer_asn)
);
CREATE TABLE manrs_participant (asn bigint PRIMARY KEY);
CREATE TABLE asn_registry_load (
    id         bigserial PRIMARY KEY,
    as_of      date        NOT NULL,
    loaded_at  timestamptz NOT NULL DEFAULT now(),
    counts     jsonb       NOT NULL
);

CREATE TABLE ixp_monthly_stats (
    ixp_id                                    bigint           NOT NULL,
    month                                     date             NOT NULL,
    country                                   char(2)          NOT NULL,
    active                                    boolean          NOT NULL,
    members                                   integer          NOT NULL,
    rs_peers                                  integer          NOT NULL,
    capacity                                  double precision NOT NULL,
    rs_peering_rate                           double precision NOT NULL,
    local_asns_members_rate                   double precision NOT NULL,
    local_routed_asns_members_rate            double precision NOT NULL,
    local_routed_asns_members_customers_rate  double precision NOT NULL,
    members_joined_last_12_months             integer          NOT NULL,
    members_left_last_12_months               integer          NOT NULL,
    monthly_members_change                    integer          NOT NULL,
    monthly_members_change_percent            double precision NOT NULL,
    computed_at                               timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (ixp_id, month)
);
CREATE INDEX ixp_monthly_stats_month ON ixp_monthly_stats (month);

CREATE TABLE country_monthly_stats (
    country                                 char(2)          NOT NULL,
    month                                   date             NOT NULL,
    ixp_count                               integer          NOT NULL,
    asn_count                               integer          NOT NULL,
    routed_asn_count                        integer          NOT NULL,
    member_count                            integer          NOT NULL,
    asns_ixp_member_rate                    double precision NOT NULL,
    routed_asns_ixp_member_rate             double precision NOT NULL,
    routed_asns_ixp_member_customers_rate   double precision NOT NULL,
    total_capacity                          double precision NOT NULL,
    computed_at                             timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (country, month)
);

CREATE TABLE import_run (
    id            bigserial PRIMARY KEY,
    kind          text        NOT NULL,   -- api | archive | upload
    month         date,
    source        text,
    status        text        NOT NULL,   -- running | succeeded | failed
    phase         text,
    progress      text,
    requested_by  text,
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz,
    duration_ms   bigint,
    error         text,
    report        jsonb
);
CREATE INDEX import_run_started ON import_run (started_at DESC);
