#!/usr/bin/env bash
# Benchmark of log-ingest: one generated day of TX logs through the HTTP API, then COPY of the same parsed rows
# into the same table. Starts a private PostgreSQL, a local OIDC issuer and the real service jar; stops them all.
# Usage: bench/log-ingest/run.sh [clients] [streams] [full-feed clients] [files] [concurrent requests]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
./mvnw -B -q -pl log-ingest -am package -DskipTests
# The service jar is a system dependency: recompile against the fresh one.
rm -rf bench/log-ingest/target/classes
./mvnw -B -q -o -f bench/log-ingest/pom.xml package
CP="$(./mvnw -B -q -o -f bench/log-ingest/pom.xml dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
mkdir -p bench/log-ingest/target
exec java -Xmx1g -cp "bench/log-ingest/target/classes:${CP}" org.observatory.bench.logingest.LogIngestBench "$ROOT" "$@"
