#!/usr/bin/env bash
# The gateway's cost on a proxied read, side by side in one run: the same anonymous read directly at ixp-service,
# through nginx as a plain reverse proxy to it, and through the gateway; then an authenticated read (token checked)
# through the gateway. Prints requests/s and p99 for each, and the gateway as a ratio of nginx.
#
#   ./observatory up      (or any running suite; set GATEWAY_PORT, IXP_SERVICE_PORT, KEYCLOAK_PORT as it uses them)
#   bench/gateway/run.sh  [DURATION=30s CONNECTIONS=16 THREADS=2 NGINX_PORT=18090]
#
# Needs wrk and nginx (Debian packages). nginx runs as the current user from a config in a temporary folder.
set -euo pipefail
GATEWAY=http://127.0.0.1:${GATEWAY_PORT:-8080}
SERVICE=http://127.0.0.1:${IXP_SERVICE_PORT:-8081}
ISSUER=http://127.0.0.1:${KEYCLOAK_PORT:-8180}/realms/observatory
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

run() { # name url [header]
  local name=$1 url=$2 out
  curl -s -o /dev/null -w '' ${3:+-H "$3"} "$url"   # warm the connection pools
  wrk -t"$THREADS" -c"$CONNECTIONS" -d10s ${3:+-H "$3"} "$url" >/dev/null   # warm-up, not measured
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency ${3:+-H "$3"} "$url")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  printf '%-28s %10s req/s   p99 %8s   non-2xx %s\n' "$name" "$rps" "$p99" "${non2xx:-0}"
  eval "rps_${name//[^a-z]/_}=$rps"
}

echo "GET $READ, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, $(nproc) cores"
run direct "$SERVICE$READ"
run nginx "http://127.0.0.1:$NGINX_PORT$READ"
run gateway "$GATEWAY$READ"
run gateway_token "$GATEWAY$READ" "Authorization: Bearer $token"
awk -v g="$rps_gateway" -v t="$rps_gateway_token" -v n="$rps_nginx" -v d="$rps_direct" 'BEGIN {
  printf "gateway / nginx: %.2f   gateway with token / nginx: %.2f   nginx / direct: %.2f   (target: gateway >= 0.80 of nginx)\n", g/n, t/n, n/d }'
