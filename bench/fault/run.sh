#!/usr/bin/env bash
# Fault run: writes to a real service while its database restarts and while the service itself is killed
# with SIGKILL, then counts what was acknowledged against what is stored. Starts a private PostgreSQL and
# the real instance-registry jar (anonymous Indico registrations are its writes), stops both at the end.
#
# Usage: bench/fault/run.sh [writes] [clients]
# Ports (all overridable): FAULT_PG_PORT (58432), FAULT_HTTP_PORT (38082), management = HTTP + 1000.
set -euo pipefail
cd "$(dirname "$0")/../.."
# Builds the service when its jar is missing (./mvnw -pl instance-registry -am package rebuilds it after a change).
# MVN_OFFLINE=-o builds offline; unset, Maven gets no extra argument at all.
if [[ ! -f instance-registry/target/quarkus-app/quarkus-run.jar ]]; then
  mvn=(./mvnw -B -q)
  if [[ -n "${MVN_OFFLINE:-}" ]]; then mvn+=("$MVN_OFFLINE"); fi
  "${mvn[@]}" -pl instance-registry -am package -DskipTests
fi
exec python3 bench/fault/fault_run.py "$@"
