#!/usr/bin/env bash
# Benchmark of log-ingest: one generated day of TX logs through the HTTP API, then COPY of the same parsed rows
# into the same table. Starts a private PostgreSQL, a local OIDC issuer and the real service jar; stops them all.
# Usage: bench/log-ingest/run.sh [clients] [streams] [full-feed clients] [files] [concurrent requests]
# MVN_OFFLINE=-o builds offline.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
# Maven: MVN_OFFLINE=-o builds offline; unset, Maven gets no extra argument at all.
mvn=(./mvnw -B -q)
if [[ -n "${MVN_OFFLINE:-}" ]]; then mvn+=("$MVN_OFFLINE"); fi
# The service's jar and the benchmark, from this reactor (profile bench); target/classpath lists its jars.
"${mvn[@]}" -Pbench -pl log-ingest,bench/log-ingest -am package -DskipTests
exec java -Xmx1g -cp "bench/log-ingest/target/classes:$(cat bench/log-ingest/target/classpath)" org.observatory.bench.logingest.LogIngestBench "$ROOT" "$@"
