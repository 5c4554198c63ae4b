#!/usr/bin/env bash
# The gateway's cost on a proxied read, side by side in one run: the same anonymous read directly at ixp-service,
# through nginx as a plain reverse proxy to it, and through the gateway; then the same read with a bearer token
# through nginx (the service checks it) and through the gateway (checked there and again at the service). Prints
# requests/s, p99 and the CPU time per request of the process behind the port (service, nginx or gateway) for each,
# the gateway as a ratio of nginx, then a 1 GiB streamed upload through a second gateway process (to a sink that
# discards it) and that process's peak RSS before and after.
#
#   ./observatory up      (or any running suite; set GATEWAY_PORT, IXP_SERVICE_PORT, KEYCLOAK_PORT as it uses them)
#   bench/gateway/run.sh  [DURATION=30s CONNECTIONS=16 THREADS=2 NGINX_PORT=18090]
#
# Needs wrk and nginx (Debian packages). nginx runs as the current user from a config in a temporary folder.
set -euo pipefail
# Default ports: local/ports.env, as ./observatory reads them; a variable set in the environment wins.
while IFS='=' read -r key value; do
  [[ $key =~ ^[A-Z_]+$ ]] || continue
  if [[ -z "${!key:-}" ]]; then printf -v "$key" '%s' "$value"; fi
done <"$(dirname "$0")/../../local/ports.env"
GATEWAY=http://127.0.0.1:$GATEWAY_PORT
SERVICE=http://127.0.0.1:$IXP_SERVICE_PORT
ISSUER=http://127.0.0.1:$KEYCLOAK_PORT/realms/observatory
NGINX_PORT=${NGINX_PORT:-18090}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
READ=${READ:-/ixp/ixps?limit=10}

work=$(mktemp -d)
trap '[[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT
cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  upstream service { server ${SERVICE#http://}; keepalive 32; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { proxy_pass http://service; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
CONF
nginx -c "$work/nginx.conf"

token=$(curl -s -d grant_type=client_credentials -d client_id=measurement-agent -d client_secret=local-agent-secret \
  "$ISSUER/protocol/openid-connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/')

declare -A RPS P99   # by run name: requests/s, p99 in ms
pids_on() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u; }
cpu_ticks() { # user + system clock ticks of the processes listening on port $1, all their threads
  local total=0 pid
  for pid in $(pids_on "$1"); do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$total"
}
run() { # name url [header]: requests/s, p99, and the CPU the process behind the URL's port spent per request
  local name=$1 url=$2 out port before after requests
  port=${url#http://127.0.0.1:}; port=${port%%/*}
  curl -s -o /dev/null -w '' ${3:+-H "$3"} "$url"   # warm the connection pools
  wrk -t"$THREADS" -c"$CONNECTIONS" -d10s ${3:+-H "$3"} "$url" >/dev/null   # warm-up, not measured
  before=$(cpu_ticks "$port")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency ${3:+-H "$3"} "$url")
  after=$(cpu_ticks "$port")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  printf '%-28s %10s req/s   p99 %8s   non-2xx %-6s  CPU of the process on port %s: %s us/request\n' \
    "$name" "$rps" "$p99" "${non2xx:-0}" "$port" \
    "$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.0f", t / hz / n * 1e6 }')"
  RPS[$name]=$rps
  P99[$name]=$(ms "$p99")
}
ms() { # wrk's latency (850us, 11.44ms, 1.02s) in milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[^m]s$/) n *= 1000; print n }'
}

echo "GET $READ, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $(nproc) cores"
run direct "$SERVICE$READ"
run nginx "http://127.0.0.1:$NGINX_PORT$READ"
run gateway "$GATEWAY$READ"
run nginx_token "http://127.0.0.1:$NGINX_PORT$READ" "Authorization: Bearer $token"
run gateway_token "$GATEWAY$READ" "Authorization: Bearer $token"
awk -v g="${RPS[gateway]}" -v t="${RPS[gateway_token]}" -v n="${RPS[nginx]}" -v nt="${RPS[nginx_token]}" -v d="${RPS[direct]}" \
    -v pg="${P99[gateway]}" -v pn="${P99[nginx]}" -v pt="${P99[gateway_token]}" -v pnt="${P99[nginx_token]}" 'BEGIN {
  printf "throughput: gateway / nginx %.2f, with a token %.2f   (target >= 0.80; nginx / direct %.2f)\n", g/n, t/nt, n/d
  printf "p99:        gateway / nginx %.2f, with a token %.2f   (target <= 2)\n", pg/pn, pt/pnt }'

# --- A 1 GiB streamed upload: the body must pass through, never be held --------------------------------------
# A second gateway process (its own ports) sends log-ingest's prefix to a sink that reads and discards the body,
# so the upload costs the gateway only; VmHWM is the kernel's peak resident set of that process.
UPLOAD_PORT=${UPLOAD_PORT:-18091}
SINK_PORT=${SINK_PORT:-18092}
JAR=${GATEWAY_JAR:-$(dirname "$0")/../../gateway/target/quarkus-app/quarkus-run.jar}
python3 - "$SINK_PORT" >"$work/sink.log" 2>&1 <<'PY' &
import http.server, sys
class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        left, read = int(self.headers.get("Content-Length", "0")), 0
        while left > 0:
            chunk = self.rfile.read(min(left, 1 << 20))
            if not chunk:
                break
            left -= len(chunk); read += len(chunk)
        body = ('{"bytes": %d}' % read).encode()
        self.send_response(200); self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
PY
sink=$!
HTTP_HOST=127.0.0.1 HTTP_PORT=$UPLOAD_PORT MANAGEMENT_HOST=127.0.0.1 MANAGEMENT_PORT=$((UPLOAD_PORT + MANAGEMENT_PORT_OFFSET)) \
  OIDC_ISSUER="$ISSUER" MAX_BODY_SIZE=2G LOG_INGEST_URL="http://127.0.0.1:$SINK_PORT" LOG_INGEST_MAX_BODY_SIZE=2G \
  java -Xms32m -Xmx384m -XX:+UseSerialGC -jar "$JAR" >"$work/gateway.log" 2>&1 &
upload_gateway=$!
trap 'kill "$upload_gateway" "$sink" 2>/dev/null; [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$((UPLOAD_PORT + MANAGEMENT_PORT_OFFSET))/q/health/live" && break
  sleep 1
done
truncate -s 1G "$work/upload.bin"
peak() { awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$upload_gateway/status"; }
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$upload_gateway/status"; }
# Warm the route with a small upload, so the peak before the big one includes the started server.
curl -s -o /dev/null -X POST -H "Authorization: Bearer $token" --data-binary 'x' "http://127.0.0.1:$UPLOAD_PORT/logs/txlog"
before_peak=$(peak); before_rss=$(rss)
answer=$(curl -s -w ' %{http_code} %{time_total}s' -X POST -H "Authorization: Bearer $token" \
  -H 'Content-Type: text/plain' -T "$work/upload.bin" "http://127.0.0.1:$UPLOAD_PORT/logs/txlog")
printf '1 GiB upload through the gateway: answer %s; gateway peak RSS %s MiB before, %s MiB after (RSS %s -> %s MiB)\n' \
  "$answer" "$before_peak" "$(peak)" "$before_rss" "$(rss)"
