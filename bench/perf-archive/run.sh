#!/usr/bin/env bash
# Benchmark of perf-archive: a generated perfSONAR mix (latency histograms every minute with their summaries,
# throughput every 4 hours for a year) through the esmond HTTP API in bulk PUTs, then COPY of the same rows into
# the same table, and read latencies of one day and one year of a series. Starts a private PostgreSQL, a local
# OIDC issuer and the real service jar; stops them all.
# Usage: bench/perf-archive/run.sh [latency metadata] [latency days] [throughput metadata] [concurrent clients]
#    or: bench/perf-archive/run.sh ps5 [hours of the day] [hosts] [concurrent clients, 60] [measured runs, 5] [least warm-up rounds, 15]
#        (a perfSONAR 5 mesh through pScheduler's http archiver endpoint; see Ps5MixBench)
# MVN_OFFLINE=-o builds offline.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
# Maven: MVN_OFFLINE=-o builds offline; unset, Maven gets no extra argument at all.
mvn=(./mvnw -B -q)
if [[ -n "${MVN_OFFLINE:-}" ]]; then mvn+=("$MVN_OFFLINE"); fi
# The service's jar and the benchmark, from this reactor (profile bench); target/classpath lists its jars.
"${mvn[@]}" -Pbench -pl perf-archive,bench/perf-archive -am package -DskipTests
# BENCH_HEAP: the load generator holds every request in memory (a whole day of the ps5 mesh needs about 4g).
exec java -Xmx"${BENCH_HEAP:-1g}" -cp "bench/perf-archive/target/classes:$(cat bench/perf-archive/target/classpath)" org.observatory.bench.perfarchive.PerfArchiveBench "$ROOT" "$@"
