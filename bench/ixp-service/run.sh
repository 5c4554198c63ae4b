#!/usr/bin/env bash
# Benchmark of ixp-service: generates a realistic PeeringDB snapshot and a year of monthly archive dumps,
# imports them through the real service (jar, private PostgreSQL, local OIDC issuer), then COPYs the same
# rows into the same tables and prints both. Usage: bench/ixp-service/run.sh  (from anywhere; needs JDK 17+)
# BENCH_JAVA_OPTS=-Dixp.bench.hold=/tmp/stop keeps the database up before the COPY part, for EXPLAIN.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
cd "$root"
mkdir -p "$out"
./mvnw -B -q -o -pl ixp-service -am package -DskipTests
# The bench's classpath: test-support (LocalPostgres, LocalIssuer) with its dependencies, and the JDBC
# driver and Jackson the service ships; compiled with javac so that nothing is installed into ~/.m2.
./mvnw -B -q -o -pl test-support dependency:build-classpath -Dmdep.outputFile="$out/test-support.cp" \
  -Dmdep.includeScope=runtime >/dev/null
lib="$root/ixp-service/target/quarkus-app/lib/main"
cp="$root/test-support/target/classes:$(cat "$out/test-support.cp")"
for jar in "$lib"/org.postgresql.postgresql-*.jar "$lib"/com.fasterxml.jackson.core.jackson-*.jar; do cp="$cp:$jar"; done
rm -rf "$out/classes" "$out/archive"
javac -d "$out/classes" -cp "$cp" $(find "$here/src/main/java" -name '*.java')
java -Xmx3g ${BENCH_JAVA_OPTS:-} -cp "$out/classes:$cp" \
  -Dixp.bench.jar="$root/ixp-service/target/quarkus-app/quarkus-run.jar" \
  -Dixp.bench.out="$out" org.observatory.bench.ixp.IxpBenchmark "$@"
rm -rf "$out/archive"
