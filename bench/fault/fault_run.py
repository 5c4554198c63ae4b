"""Acknowledged versus stored under faults: a database restart and a SIGKILL of the service mid-load.

Each write is an Indico registration with a URL of its own. A write counts as acknowledged when the service
answered 200 with a uuid. At the end every acknowledged uuid must be stored; a write refused with an HTTP
error must have left nothing; a write whose connection broke (the kill) may or may not be stored ("in doubt").
"""
import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
WRITES = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
CLIENTS = int(sys.argv[2]) if len(sys.argv) > 2 else 8
PG_PORT = int(os.environ.get("FAULT_PG_PORT", "58432"))
HTTP_PORT = int(os.environ.get("FAULT_HTTP_PORT", "38082"))
MGMT_PORT = int(os.environ.get("FAULT_MANAGEMENT_PORT", str(HTTP_PORT + 1000)))
ISSUER_PORT = int(os.environ.get("FAULT_ISSUER_PORT", str(HTTP_PORT + 98)))


def pg_bin():
    versions = sorted(d for d in os.listdir("/usr/lib/postgresql") if os.path.isdir(f"/usr/lib/postgresql/{d}/bin"))
    return f"/usr/lib/postgresql/{versions[-1]}/bin"


def as_pg(cmd):
    return (["runuser", "-u", "postgres", "--"] + cmd) if os.geteuid() == 0 else cmd


class Postgres:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="fault-pg-")
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self.bin = pg_bin()
        subprocess.run(as_pg([f"{self.bin}/initdb", "-D", self.dir, "-U", "observatory", "--auth=trust", "-E", "UTF8",
                              "--no-sync"]), check=True, stdout=subprocess.DEVNULL)

    def ctl(self, *args):
        subprocess.run(as_pg([f"{self.bin}/pg_ctl", "-D", self.dir, "-w", "-l", f"{self.dir}/log"] + list(args)
                             + (["-o", f"-p {PG_PORT} -k {self.dir} -c listen_addresses=127.0.0.1"] if args[0] != "stop" else [])),
                       check=True, stdout=subprocess.DEVNULL)

    def psql(self, sql, db="registry"):
        return subprocess.run([f"{self.bin}/psql", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "observatory", "-d", db,
                               "-qtAc", sql], check=True, capture_output=True, text=True).stdout


def issuer():
    """Discovery and an empty key set: the service starts; nobody here needs a token."""
    base = f"http://127.0.0.1:{ISSUER_PORT}"

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = {"issuer": base, "jwks_uri": base + "/jwks"} if "openid" in self.path else {"keys": []}
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", ISSUER_PORT), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, base


def start_service(issuer_url, log):
    env = dict(os.environ, HTTP_HOST="127.0.0.1", HTTP_PORT=str(HTTP_PORT), MANAGEMENT_HOST="127.0.0.1",
               MANAGEMENT_PORT=str(MGMT_PORT), DB_HOST="127.0.0.1", DB_PORT=str(PG_PORT), DB_NAME="registry",
               DB_USER="observatory", DB_PASSWORD="unused", OIDC_ISSUER=issuer_url, CRAWL_CRON="off",
               REGISTRY_REGISTRATIONS_PER_WINDOW="1000000")
    jar = os.environ.get("FAULT_JAR", f"{ROOT}/instance-registry/target/quarkus-app/quarkus-run.jar")
    proc = subprocess.Popen(["java", "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{MGMT_PORT}/q/health/ready", timeout=2) as r:
                if r.status == 200:
                    return proc
        except (urllib.error.URLError, OSError):
            pass
        if proc.poll() is not None:
            raise SystemExit(f"instance-registry exited, see {log.name}")
        time.sleep(0.5)
    raise SystemExit("instance-registry not ready in 120 s")


def write(i):
    body = json.dumps({"url": f"https://fault-{i}.example.org", "contact": "Fault Run", "email": f"f{i}@example.org",
                       "organization": "Fault"}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{HTTP_PORT}/api/instance/", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as r:
            return r.status, json.loads(r.read()).get("uuid"), None
    except urllib.error.HTTPError as e:
        return e.code, None, e.headers.get("Retry-After")
    except (urllib.error.URLError, OSError, ValueError):
        return 0, None, None   # no answer: the connection broke or was refused


def main():
    pg = Postgres()
    pg.ctl("start")
    pg.psql("CREATE DATABASE registry", db="postgres")
    server, issuer_url = issuer()
    os.makedirs(os.path.join(ROOT, "bench/fault/target"), exist_ok=True)
    log = open(os.path.join(ROOT, "bench/fault/target/service.log"), "w")
    service = start_service(issuer_url, log)
    results = {}
    lock = threading.Lock()
    counter = iter(range(WRITES))
    done = Counter()

    def client():
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            outcome = write(i)
            with lock:
                results[i] = outcome
                done["n"] += 1

    def wait_for(n):
        while done["n"] < n:
            time.sleep(0.01)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    started = time.time()
    for t in threads:
        t.start()
    events = []
    wait_for(WRITES // 4)
    t0 = time.time()
    pg.ctl("restart", "-m", "fast")
    events.append(f"database restarted (pg_ctl restart -m fast) at write {done['n']}, {time.time() - t0:.1f} s")
    wait_for(WRITES * 6 // 10)
    os.killpg(service.pid, signal.SIGKILL)
    service.wait()
    at = done["n"]
    t0 = time.time()
    service = start_service(issuer_url, log)
    events.append(f"service killed (SIGKILL) at write {at}, ready again after {time.time() - t0:.1f} s")
    for t in threads:
        t.join()
    elapsed = time.time() - started

    stored = {}
    for line in pg.psql("SELECT url, uuid FROM instance").splitlines():
        url, uuid = line.split("|")
        stored[url] = uuid
    statuses = Counter(status for status, _, _ in results.values())
    acked = {i: uuid for i, (status, uuid, _) in results.items() if status == 200 and uuid}
    lost = [i for i, uuid in acked.items() if stored.get(f"https://fault-{i}.example.org") != uuid]
    refused_but_stored = [i for i, (status, _, _) in results.items()
                          if status not in (0, 200) and f"https://fault-{i}.example.org" in stored]
    in_doubt = [i for i, (status, _, _) in results.items() if status == 0]
    in_doubt_stored = [i for i in in_doubt if f"https://fault-{i}.example.org" in stored]
    retry_after = Counter(ra for status, _, ra in results.values() if status == 503)

    print(f"writes {WRITES} from {CLIENTS} clients in {elapsed:.1f} s")
    for e in events:
        print("  " + e)
    print("answers: " + ", ".join(f"{'no answer' if s == 0 else s}: {n}" for s, n in sorted(statuses.items())))
    if retry_after:
        print("  503s with Retry-After: " + ", ".join(f"{k}: {v}" for k, v in retry_after.items()))
    print(f"acknowledged {len(acked)}, stored {len(stored)}")
    print(f"acknowledged but not stored (lost): {len(lost)}")
    print(f"refused with an HTTP error but stored: {len(refused_but_stored)}")
    print(f"no answer (connection broke): {len(in_doubt)}, of which stored: {len(in_doubt_stored)}")
    ok = not lost and not refused_but_stored and len(stored) == len(acked) + len(in_doubt_stored)

    os.killpg(service.pid, signal.SIGTERM)
    service.wait(timeout=60)
    server.shutdown()
    pg.ctl("stop", "-m", "fast")
    shutil.rmtree(pg.dir, ignore_errors=True)
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
