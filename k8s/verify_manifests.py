#!/usr/bin/env python3
"""Render every overlay under k8s/overlays with kubectl kustomize and check the objects.

Reads the renders with PyYAML (Debian's python3-yaml, which .ci/run installs). Usage:

    verify_manifests.py --root k8s --kubectl kubectl [--kubectl /path/to/kubectl-1.20 ...]

Prints one line per check and ends with `N passed, M failed`; exits 1 if any check failed.
"""
import argparse
import os
import re
import subprocess
import sys

try:
    import yaml
except ImportError:
    sys.exit("verify_manifests.py needs PyYAML: apt-get install python3-yaml")

# ------------------------------------------------------------------------------------------------
# What the suite is: the services, their databases (from each application.properties) and their ports
# (from local/ports.env, where the suite defines them once).
# ------------------------------------------------------------------------------------------------
PORTS_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "local", "ports.env")


def read_ports(path):
    """The NAME=value lines of local/ports.env, values as numbers."""
    ports = {}
    with open(path) as f:
        for line in f:
            name, sep, value = line.strip().partition("=")
            if sep and not name.startswith("#"):
                ports[name] = int(value)
    return ports


PORTS = read_ports(PORTS_FILE)
SERVICES = {
    "gateway": {"port": PORTS["GATEWAY_PORT"], "db": None, "secrets": [], "geoip": False},
    "ixp-service": {"port": PORTS["IXP_SERVICE_PORT"], "db": "ixp", "secrets": ["PEERINGDB_API_KEY"], "geoip": False},
    "instance-registry": {"port": PORTS["INSTANCE_REGISTRY_PORT"], "db": "registry", "secrets": [], "geoip": True},
    "perf-archive": {"port": PORTS["PERF_ARCHIVE_PORT"], "db": "perfarchive", "secrets": [], "geoip": False},
    "log-ingest": {"port": PORTS["LOG_INGEST_PORT"], "db": "logingest", "secrets": ["LOGS_CLIENT_HASH_SECRET"],
                   "geoip": True},
}
# Health, metrics and OpenAPI are on each service's management interface: its HTTP port + the offset.
MANAGEMENT_OFFSET = PORTS["MANAGEMENT_PORT_OFFSET"]
GATEWAY_MANAGEMENT_URLS = {
    "IXP_SERVICE_MANAGEMENT_URL": "ixp-service",
    "INSTANCE_REGISTRY_MANAGEMENT_URL": "instance-registry",
    "PERF_ARCHIVE_MANAGEMENT_URL": "perf-archive",
    "LOG_INGEST_MANAGEMENT_URL": "log-ingest",
}
GATEWAY_URLS = {
    "IXP_SERVICE_URL": "ixp-service",
    "INSTANCE_REGISTRY_URL": "instance-registry",
    "PERF_ARCHIVE_URL": "perf-archive",
    "LOG_INGEST_URL": "log-ingest",
}
QUARKUS_UID = 185
PART_OF = "observatory"
CLUSTER_SCOPED = {"Namespace", "ClusterRole", "ClusterRoleBinding", "ClusterImageCatalog",
                  "PriorityClass", "StorageClass", "CustomResourceDefinition", "IngressClass"}


def load_all(text):
    """The objects of a rendered stream, read by PyYAML's safe loader (empty documents dropped)."""
    return [d for d in yaml.safe_load_all(text) if d is not None]


# ------------------------------------------------------------------------------------------------
# Checks
# ------------------------------------------------------------------------------------------------
class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print("ok    " + name)
        else:
            self.failed += 1
            print("FAIL  " + name + (": " + detail if detail else ""))
        return ok


def get(obj, *path, default=None):
    for p in path:
        if isinstance(obj, dict) and p in obj:
            obj = obj[p]
        elif isinstance(obj, list) and isinstance(p, int) and 0 <= p < len(obj):
            obj = obj[p]
        else:
            return default
    return obj


def selector_matches(selector, labels):
    """A LabelSelector (matchLabels and matchExpressions) against a set of labels."""
    if selector is None:
        return False
    for k, v in (selector.get("matchLabels") or {}).items():
        if labels.get(k) != v:
            return False
    for e in selector.get("matchExpressions") or []:
        key, op, values = e.get("key"), e.get("operator"), e.get("values") or []
        if op == "In" and labels.get(key) not in values:
            return False
        if op == "NotIn" and key in labels and labels[key] in values:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


def image_ok(image):
    """A tag (or digest) is required and it must not be `latest`."""
    if not isinstance(image, str) or not image:
        return False
    if "@sha256:" in image:
        return True
    last = image.rsplit("/", 1)[-1]
    if ":" not in last:
        return False
    return last.rsplit(":", 1)[1] not in ("", "latest")


def walk_images(node, found):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "image" and isinstance(v, str):
                found.append(v)
            else:
                walk_images(v, found)
    elif isinstance(node, list):
        for v in node:
            walk_images(v, found)


def effective_env(container, configmaps):
    """The environment the container sees: envFrom in order, then env (which wins).
    Values are strings, or ('secret', name, key) / ('missing-configmap', name) markers."""
    env = {}
    for src in container.get("envFrom") or []:
        ref = src.get("configMapRef")
        if ref:
            cm = configmaps.get(ref.get("name"))
            if cm is None:
                env["__missing__" + ref.get("name", "?")] = ("missing-configmap", ref.get("name"))
                continue
            for k, v in (cm.get("data") or {}).items():
                env[(src.get("prefix") or "") + k] = str(v)
        sref = src.get("secretRef")
        if sref:
            env["__secretRef__" + sref.get("name", "?")] = ("secretRef", sref.get("name"))
    for e in container.get("env") or []:
        if "value" in e:
            env[e["name"]] = "" if e["value"] is None else str(e["value"])
        elif get(e, "valueFrom", "secretKeyRef"):
            r = e["valueFrom"]["secretKeyRef"]
            env[e["name"]] = ("secret", r.get("name"), r.get("key"), bool(r.get("optional")))
        elif get(e, "valueFrom", "configMapKeyRef"):
            r = e["valueFrom"]["configMapKeyRef"]
            cm = configmaps.get(r.get("name"))
            val = get(cm, "data", r.get("key")) if cm else None
            env[e["name"]] = str(val) if val is not None else ("missing-configmap", r.get("name"))
        else:
            env[e["name"]] = ("other",)
    return env


# Variables a container may set without the service's application.properties naming them: read by the JVM or
# the image's launcher, or mapped by Quarkus straight onto its own properties.
NOT_APPLICATION_ENV = {"JAVA_TOOL_OPTIONS", "JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_APP_DIR", "JAVA_MAX_MEM_RATIO",
                       "JAVA_INITIAL_MEM_RATIO", "TZ"}
_ENV_REF = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)")


def application_env(repo_root, service):
    """The environment variables a service reads: every ${VAR...} in its application.properties (all profiles,
    nested defaults included), and in service-commons' shared META-INF/microprofile-config.properties when the
    service depends on service-commons. None when the service's file is not there (manifests checked on their own)."""
    path = os.path.join(repo_root, service, "src", "main", "resources", "application.properties")
    if not os.path.isfile(path):
        return None
    paths = [path]
    pom = os.path.join(repo_root, service, "pom.xml")
    if os.path.isfile(pom) and "<artifactId>service-commons</artifactId>" in open(pom).read():
        paths.append(os.path.join(repo_root, "service-commons", "src", "main", "resources", "META-INF",
                                  "microprofile-config.properties"))
    read = set()
    for p in paths:
        with open(p) as f:
            text = "\n".join(line for line in f.read().splitlines() if not line.lstrip().startswith("#"))
        read |= set(_ENV_REF.findall(text))
    return read


def check_env_read(rep, q, env, read):
    """Every variable the manifests set for a service is one it reads: a misspelt name is a silent default."""
    names = sorted(k for k in env if not k.startswith("__"))
    unread = [n for n in names if n not in read and n not in NOT_APPLICATION_ENV and not n.startswith("QUARKUS_")]
    rep.check(q + "sets only variables the service reads (%d)" % len(names), not unread,
              "not read by its configuration: " + ", ".join(unread))


def check_overlay(rep, label, objects, templates, namespace_expected, repo_root=None):
    by_kind = {}
    for o in objects:
        by_kind.setdefault(o.get("kind"), []).append(o)

    def named(kind):
        return {get(o, "metadata", "name"): o for o in by_kind.get(kind, [])}

    deployments = named("Deployment")
    services = named("Service")
    configmaps = named("ConfigMap")
    secrets = named("Secret")
    hpas = by_kind.get("HorizontalPodAutoscaler", [])
    pdbs = by_kind.get("PodDisruptionBudget", [])
    netpols = by_kind.get("NetworkPolicy", [])
    p = label + ": "

    # --- the whole render ----------------------------------------------------------------------
    rep.check(p + "renders objects", len(objects) > 0, "nothing rendered")
    unlabelled = [o["kind"] + "/" + str(get(o, "metadata", "name")) for o in objects
                  if get(o, "metadata", "labels", "app.kubernetes.io/part-of") != PART_OF
                  or not get(o, "metadata", "labels", "app.kubernetes.io/name")]
    rep.check(p + "every object labelled app.kubernetes.io/name and part-of=observatory",
              not unlabelled, ", ".join(unlabelled))
    if namespace_expected:
        wrong = [o["kind"] + "/" + str(get(o, "metadata", "name")) for o in objects
                 if o.get("kind") not in CLUSTER_SCOPED
                 and get(o, "metadata", "namespace") != namespace_expected]
        rep.check(p + "every namespaced object in namespace " + namespace_expected, not wrong,
                  ", ".join(wrong))
        rep.check(p + "Namespace " + namespace_expected + " rendered",
                  namespace_expected in named("Namespace"))
    images = []
    walk_images(objects, images)
    bad = sorted({i for i in images if not image_ok(i)})
    rep.check(p + "all %d image references carry a tag other than latest" % len(images),
              images and not bad, ", ".join(bad) or "no images")

    # --- the five services -----------------------------------------------------------------------
    for name, spec in SERVICES.items():
        d = deployments.get(name)
        q = p + "Deployment/" + name + " "
        if not rep.check(q + "exists", d is not None):
            continue
        pod = get(d, "spec", "template", "spec") or {}
        pod_labels = get(d, "spec", "template", "metadata", "labels") or {}
        rep.check(q + "selector matches its pod labels",
                  selector_matches(get(d, "spec", "selector"), pod_labels))
        rep.check(q + "pod labels name=%s part-of=%s" % (name, PART_OF),
                  pod_labels.get("app.kubernetes.io/name") == name
                  and pod_labels.get("app.kubernetes.io/part-of") == PART_OF, str(pod_labels))
        rep.check(q + "leaves replicas to its HPA", "replicas" not in (d.get("spec") or {}),
                  "spec.replicas is set")
        psc = pod.get("securityContext") or {}
        rep.check(q + "pod runAsNonRoot, runAsUser %d, seccomp RuntimeDefault" % QUARKUS_UID,
                  psc.get("runAsNonRoot") is True and psc.get("runAsUser") == QUARKUS_UID
                  and get(psc, "seccompProfile", "type") == "RuntimeDefault", str(psc))
        containers = pod.get("containers") or []
        main = next((c for c in containers if c.get("name") == name), None)
        if not rep.check(q + "has a container named " + name, main is not None):
            continue
        volumes = {v.get("name"): v for v in pod.get("volumes") or []}
        for c in containers + (pod.get("initContainers") or []):
            cq = q + "container " + c.get("name", "?") + " "
            sc = c.get("securityContext") or {}
            rep.check(cq + "runAsNonRoot, readOnlyRootFilesystem, no privilege escalation, drops ALL",
                      (sc.get("runAsNonRoot") is True or psc.get("runAsNonRoot") is True)
                      and sc.get("readOnlyRootFilesystem") is True
                      and sc.get("allowPrivilegeEscalation") is False
                      and "ALL" in (get(sc, "capabilities", "drop") or []), str(sc))
            res = c.get("resources") or {}
            rep.check(cq + "resource requests and limits for cpu and memory",
                      all(get(res, a, r) for a in ("requests", "limits") for r in ("cpu", "memory")),
                      str(res))
            for mount in c.get("volumeMounts") or []:
                if mount.get("name") not in volumes:
                    rep.check(cq + "mount " + mount.get("name", "?") + " has a volume", False)
        tmp = [m for m in main.get("volumeMounts") or [] if m.get("mountPath") == "/tmp"]
        rep.check(q + "/tmp is a writable emptyDir",
                  len(tmp) == 1 and "emptyDir" in (volumes.get(tmp[0].get("name")) or {})
                  and not tmp[0].get("readOnly"))

        ports = {pt.get("name"): pt.get("containerPort") for pt in main.get("ports") or []}
        mport = spec["port"] + MANAGEMENT_OFFSET
        rep.check(q + "container port http = %d" % spec["port"], ports.get("http") == spec["port"],
                  str(ports))
        rep.check(q + "container port management = %d" % mport, ports.get("management") == mport, str(ports))
        notes = get(d, "spec", "template", "metadata", "annotations") or {}
        rep.check(q + "Prometheus scrapes /q/metrics on the management port",
                  notes.get("prometheus.io/path") in (None, "/q/metrics")
                  and notes.get("prometheus.io/port") in (None, str(mport)), str(notes))
        env = effective_env(main, configmaps)
        read = application_env(repo_root, name) if repo_root else None
        if read is not None:
            check_env_read(rep, q, env, read)
        missing_cm = [v[1] for v in env.values() if isinstance(v, tuple) and v[0] == "missing-configmap"]
        rep.check(q + "every referenced ConfigMap is rendered", not missing_cm, ", ".join(missing_cm))
        rep.check(q + "HTTP_PORT equals the container port",
                  env.get("HTTP_PORT") == str(spec["port"]), str(env.get("HTTP_PORT")))
        rep.check(q + "HTTP_HOST=0.0.0.0", env.get("HTTP_HOST") == "0.0.0.0", str(env.get("HTTP_HOST")))
        rep.check(q + "MANAGEMENT_PORT equals the management container port",
                  env.get("MANAGEMENT_PORT") == str(mport), str(env.get("MANAGEMENT_PORT")))
        issuer = env.get("OIDC_ISSUER")
        rep.check(q + "OIDC_ISSUER is an https issuer URL",
                  isinstance(issuer, str) and issuer.startswith("https://") and "/realms/" in issuer,
                  str(issuer))
        rep.check(q + "TRUSTED_PROXIES set", isinstance(env.get("TRUSTED_PROXIES"), str)
                  and env.get("TRUSTED_PROXIES") != "", str(env.get("TRUSTED_PROXIES")))
        if name != "gateway":
            # Only the gateway's pods (a headless Service selecting them), never a network range.
            trusted = env.get("TRUSTED_PROXIES")
            pods = services.get(trusted) if isinstance(trusted, str) else None
            rep.check(q + "TRUSTED_PROXIES names a headless Service of the gateway's pods only",
                      pods is not None and str(get(pods, "spec", "clusterIP")) == "None"
                      and selector_matches({"matchLabels": get(pods, "spec", "selector") or {}},
                                           get(deployments.get("gateway") or {}, "spec", "template", "metadata", "labels") or {})
                      and not any(selector_matches({"matchLabels": get(pods, "spec", "selector") or {}},
                                                   get(dd, "spec", "template", "metadata", "labels") or {})
                                  for dn, dd in deployments.items() if dn != "gateway"),
                      str(trusted))

        def port_of(probe):
            pt = get(probe, "httpGet", "port")
            return ports.get(pt) if isinstance(pt, str) else pt

        for kind, path in (("readinessProbe", "/q/health/ready"), ("livenessProbe", "/q/health/live"),
                           ("startupProbe", "/q/health/started")):
            probe = main.get(kind)
            rep.check(q + "%s GET %s on the management port %d" % (kind, path, mport),
                      get(probe, "httpGet", "path") == path and port_of(probe) == mport,
                      str(probe))

        secret_refs = {k: v for k, v in env.items() if isinstance(v, tuple) and v[0] == "secret"}
        for var, (_, sname, skey, optional) in secret_refs.items():
            if sname in secrets:
                data = dict(secrets[sname].get("data") or {}, **(secrets[sname].get("stringData") or {}))
                where = "rendered Secret"
            else:
                data = templates.get(sname)
                where = "Secret template"
            rep.check(q + "%s from Secret %s key %s (%s)" % (var, sname, skey, where),
                      data is not None and skey in data,
                      "no such Secret or key in the render or in k8s/secrets")

        if spec["db"]:
            rep.check(q + "DB_NAME=" + spec["db"], env.get("DB_NAME") == spec["db"], str(env.get("DB_NAME")))
            rep.check(q + "DB_HOST and DB_PORT set",
                      isinstance(env.get("DB_HOST"), str) and env.get("DB_HOST")
                      and str(env.get("DB_PORT", "")).isdigit())
            for var in ("DB_USER", "DB_PASSWORD"):
                rep.check(q + var + " comes from a Secret", var in secret_refs)
        for var in spec["secrets"]:
            rep.check(q + var + " comes from a Secret", var in secret_refs)
        if spec["geoip"]:
            path = env.get("GEOIP_DATABASE")
            mounts = [m.get("mountPath") for m in main.get("volumeMounts") or []]
            rep.check(q + "GEOIP_DATABASE lies on a mounted volume",
                      isinstance(path, str) and any(path.startswith(m.rstrip("/") + "/") for m in mounts),
                      "%s not under %s" % (path, mounts))
        if name == "gateway":
            rep.check(q + "TRUST_FORWARDED=true", env.get("TRUST_FORWARDED") == "true")
            for var, target in GATEWAY_URLS.items():
                svc = services.get(target)
                want = "http://%s:%d" % (target, SERVICES[target]["port"])
                ok = env.get(var) == want and svc is not None and any(
                    pt.get("port") == SERVICES[target]["port"] for pt in get(svc, "spec", "ports") or [])
                rep.check(q + "%s=%s names a rendered Service and its port" % (var, want), ok,
                          str(env.get(var)))
            for var, target in GATEWAY_MANAGEMENT_URLS.items():
                svc = services.get(target)
                tport = SERVICES[target]["port"] + MANAGEMENT_OFFSET
                want = "http://%s:%d" % (target, tport)
                ok = env.get(var) == want and svc is not None and any(
                    pt.get("port") == tport for pt in get(svc, "spec", "ports") or [])
                rep.check(q + "%s=%s names a rendered Service and its management port" % (var, want), ok,
                          str(env.get(var)))
            public = env.get("PUBLIC_URL")
            rep.check(q + "PUBLIC_URL is an https URL (absolute URLs never come from a client's Host)",
                      isinstance(public, str) and public.startswith("https://"), str(public))

        # Service
        svc = services.get(name)
        sq = p + "Service/" + name + " "
        if rep.check(sq + "exists", svc is not None):
            sel = get(svc, "spec", "selector") or {}
            matching = [dn for dn, dd in deployments.items()
                        if sel and all((get(dd, "spec", "template", "metadata", "labels") or {}).get(k) == v
                                       for k, v in sel.items())]
            rep.check(sq + "selector matches exactly Deployment/" + name, matching == [name], str(matching))
            for pt in get(svc, "spec", "ports") or []:
                tp = pt.get("targetPort", pt.get("port"))
                resolved = ports.get(tp) if isinstance(tp, str) else tp
                want = mport if pt.get("name") == "management" else spec["port"]
                rep.check(sq + "port %s targets container port %d" % (pt.get("port"), want),
                          resolved == want and pt.get("port") == want,
                          "targetPort %s -> %s" % (tp, resolved))
            if name == "gateway":
                rep.check(sq + "does not expose the management port",
                          all(pt.get("port") != mport for pt in get(svc, "spec", "ports") or []))

        # HPA and PDB
        mine = [h for h in hpas if get(h, "spec", "scaleTargetRef", "kind") == "Deployment"
                and get(h, "spec", "scaleTargetRef", "name") == name]
        ok = len(mine) == 1 and mine[0].get("apiVersion") == "autoscaling/v2" and \
            1 <= (get(mine[0], "spec", "minReplicas") or 1) <= (get(mine[0], "spec", "maxReplicas") or 0)
        rep.check(q + "has one autoscaling/v2 HPA with 1 <= min <= max", ok,
                  "%d HPAs" % len(mine))
        mine = [b for b in pdbs if selector_matches(get(b, "spec", "selector"), pod_labels)]
        others = [b for b in mine for dn, dd in deployments.items() if dn != name and
                  selector_matches(get(b, "spec", "selector"),
                                   get(dd, "spec", "template", "metadata", "labels") or {})]
        rep.check(q + "has one policy/v1 PodDisruptionBudget of its own",
                  len(mine) == 1 and mine[0].get("apiVersion") == "policy/v1" and not others,
                  "%d PDBs select it, %d also select other Deployments" % (len(mine), len(others)))

    # --- NetworkPolicies ----------------------------------------------------------------------
    rep.check(p + "NetworkPolicies present", len(netpols) > 0)
    deny = [n for n in netpols if get(n, "spec", "podSelector") == {}
            and "Ingress" in (get(n, "spec", "policyTypes") or []) and not get(n, "spec", "ingress")]
    rep.check(p + "a default-deny ingress NetworkPolicy", len(deny) >= 1)

    pod_labels_of = {dn: get(dd, "spec", "template", "metadata", "labels") or {}
                     for dn, dd in deployments.items()}

    def peers_for(labels):
        out = []
        for n in netpols:
            if "Ingress" not in (get(n, "spec", "policyTypes") or ["Ingress"]):
                continue
            if not selector_matches(get(n, "spec", "podSelector"), labels):
                continue
            for rule in get(n, "spec", "ingress") or []:
                froms = rule.get("from")
                out.append(froms if froms else None)   # None: open to everyone
        return out

    def peer_pods(peer):
        """Deployments of this namespace a peer admits (None when it is another namespace)."""
        if "namespaceSelector" in peer:
            return None
        return sorted(dn for dn, lab in pod_labels_of.items()
                      if selector_matches(peer.get("podSelector"), lab))

    def ns_of(peer):
        return get(peer, "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name")

    if "gateway" in deployments:
        rules = peers_for(pod_labels_of["gateway"])
        peers = [pe for r in rules if r for pe in r]
        ok = rules and None not in rules and all(peer_pods(pe) is None and ns_of(pe) for pe in peers)
        rep.check(p + "gateway admits only other namespaces by name (ingress controller, monitoring)",
                  ok, str(peers))
        rep.check(p + "gateway admits the ingress controller's namespace",
                  any(ns_of(pe) and "ingress" in ns_of(pe) for pe in peers), str(peers))
    def peers_for_port(labels, port):
        """Peers admitted to one port: a rule without ports admits every port."""
        out = []
        for n in netpols:
            if "Ingress" not in (get(n, "spec", "policyTypes") or ["Ingress"]):
                continue
            if not selector_matches(get(n, "spec", "podSelector"), labels):
                continue
            for rule in get(n, "spec", "ingress") or []:
                rule_ports = [pt.get("port") for pt in rule.get("ports") or []]
                if rule_ports and port not in rule_ports:
                    continue
                froms = rule.get("from")
                out.extend(froms if froms else [None])
        return out

    for name in SERVICES:
        if name not in deployments:
            continue
        main_peers = peers_for_port(pod_labels_of[name], SERVICES[name]["port"])
        rep.check(p + name + " admits no monitoring namespace to its API port",
                  None not in main_peers and not any(ns_of(pe) == "monitoring" for pe in main_peers), str(main_peers))
        if name != "gateway":
            mpeers = peers_for_port(pod_labels_of[name], SERVICES[name]["port"] + MANAGEMENT_OFFSET)
            rep.check(p + name + " admits the gateway to its management port",
                      any(peer_pods(pe) == ["gateway"] for pe in mpeers if pe), str(mpeers))

    for name in SERVICES:
        if name == "gateway" or name not in deployments:
            continue
        rules = peers_for(pod_labels_of[name])
        peers = [pe for r in rules if r for pe in r]
        local = [peer_pods(pe) for pe in peers if peer_pods(pe) is not None]
        ok = rules and None not in rules and all(lp == ["gateway"] for lp in local) and \
            ["gateway"] in local and all(ns_of(pe) for pe in peers if peer_pods(pe) is None)
        rep.check(p + name + " admits only the gateway (and named namespaces)", ok, str(peers))

    clusters = by_kind.get("Cluster", [])
    for cl in clusters:
        cname = get(cl, "metadata", "name")
        cq = p + "Cluster/" + cname + " "
        db_labels = dict(get(cl, "spec", "inheritedMetadata", "labels") or {}, **{"cnpg.io/cluster": cname})
        rules = peers_for(db_labels)
        admitted = set()
        for r in rules:
            for pe in r or []:
                admitted.update(peer_pods(pe) or [])
        db_services = sorted(n for n, s in SERVICES.items() if s["db"] and n in deployments)
        rep.check(cq + "admits exactly the four services among the Deployments",
                  rules and None not in rules and sorted(admitted) == db_services,
                  "admits %s" % sorted(admitted))
        sname = get(cl, "spec", "bootstrap", "initdb", "secret", "name")
        data = None
        if sname in secrets:
            data = dict(secrets[sname].get("data") or {}, **(secrets[sname].get("stringData") or {}))
        elif sname in templates:
            data = templates[sname]
        rep.check(cq + "owner Secret %s has username and password" % sname,
                  data is not None and "username" in data and "password" in data)
        dbs = sorted(get(d, "spec", "name") for d in by_kind.get("Database", [])
                     if get(d, "spec", "cluster", "name") == cname)
        wanted = sorted(s["db"] for s in SERVICES.values() if s["db"])
        rep.check(cq + "declares the databases %s" % wanted, dbs == wanted, str(dbs))
        rep.check(cq + "preloads timescaledb",
                  "timescaledb" in (get(cl, "spec", "postgresql", "shared_preload_libraries") or []))
        hosts = {effective_env(get(deployments[n], "spec", "template", "spec", "containers", 0) or {},
                               configmaps).get("DB_HOST") for n in db_services}
        rep.check(cq + "is the services' DB_HOST (%s-rw)" % cname, hosts == {cname + "-rw"}, str(hosts))

    # --- Ingress --------------------------------------------------------------------------------
    ings = by_kind.get("Ingress", [])
    backends = [get(path, "backend", "service") for i in ings for r in get(i, "spec", "rules") or []
                for path in get(r, "http", "paths") or []]
    gw = services.get("gateway")
    gw_ports = {pt.get("name"): pt.get("port") for pt in get(gw, "spec", "ports") or []}
    rep.check(p + "no Ingress routes to a management port",
              all(get(b, "port", "name") != "management" and
                  get(b, "port", "number") not in [s["port"] + MANAGEMENT_OFFSET for s in SERVICES.values()]
                  for b in backends if b), str(backends))
    rep.check(p + "an Ingress routes to the gateway Service only",
              backends and all(b and b.get("name") == "gateway" and
                               (get(b, "port", "name") in gw_ports or get(b, "port", "number") in gw_ports.values())
                               for b in backends), str(backends))


def render(kubectl, path):
    proc = subprocess.run([kubectl, "kustomize", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True)
    return proc.returncode, proc.stdout, proc.stderr


def kubectl_version(kubectl):
    proc = subprocess.run([kubectl, "version", "--client", "--short"], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)
    text = proc.stdout + proc.stderr
    if proc.returncode != 0:
        proc = subprocess.run([kubectl, "version", "--client"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True)
        text = proc.stdout
    m = re.search(r"v\d+\.\d+(\.\d+)?", text)
    return m.group(0) if m else "unknown"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=os.path.dirname(os.path.abspath(__file__)))
    ap.add_argument("--kubectl", action="append", required=True)
    args = ap.parse_args()
    rep = Report()
    overlays_dir = os.path.join(args.root, "overlays")
    overlays = sorted(d for d in os.listdir(overlays_dir)
                      if os.path.isfile(os.path.join(overlays_dir, d, "kustomization.yaml")))
    rep.check("overlays found: " + ", ".join(overlays), bool(overlays))
    for kubectl in args.kubectl:
        version = kubectl_version(kubectl)
        print("# rendering with %s (%s)" % (kubectl, version))
        code, out, err = render(kubectl, os.path.join(args.root, "secrets"))
        templates = {}
        if rep.check("[%s] k8s/secrets renders" % version, code == 0, err.strip()):
            for o in load_all(out):
                if o.get("kind") == "Secret":
                    templates[get(o, "metadata", "name")] = dict(o.get("data") or {}, **(o.get("stringData") or {}))
            placeholders = all(v == "CHANGE-ME" for name, d in templates.items() for k, v in d.items()
                               if k not in ("username", "client-id"))
            rep.check("[%s] Secret templates hold placeholders only" % version, placeholders and templates)
        for ov in overlays:
            label = "[%s] %s" % (version, ov)
            code, out, err = render(kubectl, os.path.join(overlays_dir, ov))
            if not rep.check(label + ": kubectl kustomize succeeds", code == 0, err.strip()):
                continue
            try:
                objects = load_all(out)
            except yaml.YAMLError as e:
                rep.check(label + ": output parses", False, str(e))
                continue
            ns = None
            with open(os.path.join(overlays_dir, ov, "kustomization.yaml")) as f:
                m = re.search(r"^namespace:\s*(\S+)", f.read(), re.M)
                ns = m.group(1) if m else None
            check_overlay(rep, label, objects, templates, ns, os.path.dirname(os.path.abspath(args.root)))
    print("%d passed, %d failed" % (rep.passed, rep.failed))
    return 1 if rep.failed else 0


if __name__ == "__main__":
    sys.exit(main())
