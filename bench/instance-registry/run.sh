#!/usr/bin/env bash
# Benchmark of instance-registry: registers 10,000 generated instances through Indico's API, COPYs the same
# rows into the same table for comparison, then crawls all of them against a local server that answers with
# realistic /system-info JSON, some slowly, some never, some with errors. Starts a private PostgreSQL, a
# local OIDC issuer, the crawl target server and the real service jar; stops them all.
# Usage: bench/instance-registry/run.sh [instances] [crawl concurrency] [registration clients]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
./mvnw -B -q -o -pl instance-registry -am package -DskipTests
./mvnw -B -q -o -f bench/instance-registry/pom.xml package
CP="$(./mvnw -B -q -o -f bench/instance-registry/pom.xml dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=system):$(./mvnw -B -q -o -f bench/instance-registry/pom.xml dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
exec java -Xmx1g -cp "bench/instance-registry/target/classes:${CP}" org.observatory.bench.registry.RegistryBench "$ROOT" "$@"
