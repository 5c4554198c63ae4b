#!/usr/bin/env bash
# Benchmark of instance-registry: registers 10,000 generated instances through Indico's API, COPYs the same
# rows into the same table for comparison, then crawls all of them against a local server that answers with
# realistic /system-info JSON, some slowly, some never, some with errors. Starts a private PostgreSQL, a
# local OIDC issuer, the crawl target server and the real service jar; stops them all.
# Usage: bench/instance-registry/run.sh [instances] [crawl concurrency] [registration clients]
# MVN_OFFLINE=-o builds offline.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
# Maven: MVN_OFFLINE=-o builds offline; unset, Maven gets no extra argument at all.
mvn=(./mvnw -B -q)
if [[ -n "${MVN_OFFLINE:-}" ]]; then mvn+=("$MVN_OFFLINE"); fi
# The service's jar and the benchmark, from this reactor (profile bench); target/classpath lists its jars.
"${mvn[@]}" -Pbench -pl instance-registry,bench/instance-registry -am package -DskipTests
exec java -Xmx1g -cp "bench/instance-registry/target/classes:$(cat bench/instance-registry/target/classpath)" org.observatory.bench.registry.RegistryBench "$ROOT" "$@"
