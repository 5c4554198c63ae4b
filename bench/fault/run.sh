#!/usr/bin/env bash
# Fault run: writes to a real service while its database restarts and while the service itself is killed
# with SIGKILL, then counts what was acknowledged against what is stored. Starts a private PostgreSQL and
# the real instance-registry jar (anonymous Indico registrations are its writes), stops both at the end.
#
# Usage: bench/fault/run.sh [writes] [clients]
# Ports (all overridable): FAULT_PG_PORT (58432), FAULT_HTTP_PORT (38082), management = HTTP + 1000.
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ -f instance-registry/target/quarkus-app/quarkus-run.jar ]] \
  || ./mvnw -B -q -pl instance-registry -am package -DskipTests
exec python3 bench/fault/fault_run.py "$@"
