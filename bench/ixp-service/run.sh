#!/usr/bin/env bash
# Benchmark of ixp-service: generates a realistic PeeringDB snapshot and a year of monthly archive dumps,
# imports them through the real service (jar, private PostgreSQL, local OIDC issuer), then COPYs the same
# rows into the same tables and prints both. Usage: bench/ixp-service/run.sh  (from anywhere; needs JDK 17+)
# BENCH_JAVA_OPTS=-Dixp.bench.hold=/tmp/stop keeps the database up before the COPY part, for EXPLAIN.
# MVN_OFFLINE=-o builds offline.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
cd "$root"
mkdir -p "$out"
# Maven: MVN_OFFLINE=-o builds offline; unset, Maven gets no extra argument at all.
mvn=(./mvnw -B -q)
if [[ -n "${MVN_OFFLINE:-}" ]]; then mvn+=("$MVN_OFFLINE"); fi
# The service's jar and the benchmark, from this reactor (profile bench); target/classpath lists its jars.
"${mvn[@]}" -Pbench -pl ixp-service,bench/ixp-service -am package -DskipTests
# BENCH_JAVA_OPTS holds JVM options separated by spaces.
read -r -a java_opts <<<"${BENCH_JAVA_OPTS:-}"
rm -rf "$out/archive"
java -Xmx3g "${java_opts[@]}" -cp "$here/target/classes:$(cat "$here/target/classpath")" \
  -Dixp.bench.jar="$root/ixp-service/target/quarkus-app/quarkus-run.jar" \
  -Dixp.bench.out="$out" org.observatory.bench.ixp.IxpBenchmark "$@"
rm -rf "$out/archive"
