#!/usr/bin/env bash
# Renders every overlay under k8s/overlays with `kubectl kustomize` and checks the objects
# (probes, ports, limits, security contexts, selectors, HPAs, PDBs, NetworkPolicies, images).
# Ends with `N passed, M failed`; exits non-zero on any failure.
#
# Renders with the kubectl on the PATH and, when that is not 1.20, also with Debian's
# kubernetes-client 1.20 (unpacked into a cache directory, not installed over the other one),
# because its old built-in kustomize is the one the manifests must keep working with.
# KUBECTL=/path/to/kubectl overrides both.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/observatory-k8s"

command -v python3 >/dev/null || { echo "verify.sh: python3 is required" >&2; exit 2; }

is_root() { [ "$(id -u)" = 0 ]; }

client_minor() {
  "$1" version --client 2>/dev/null | grep -o 'v1\.[0-9]*' | head -n 1
}

# Debian's kubectl 1.20, unpacked from the package into $cache (works beside another kubectl).
debian_kubectl() {
  local dir="$cache/kubernetes-client" tmp
  if [ -x "$dir/usr/bin/kubectl" ]; then echo "$dir/usr/bin/kubectl"; return 0; fi
  command -v apt-get >/dev/null && command -v dpkg-deb >/dev/null || return 1
  tmp="$(mktemp -d)"
  if ! (cd "$tmp" && apt-get download kubernetes-client >/dev/null 2>&1); then
    is_root || { rm -rf "$tmp"; return 1; }
    apt-get update -qq >/dev/null 2>&1 || true
    (cd "$tmp" && apt-get download kubernetes-client >/dev/null 2>&1) || { rm -rf "$tmp"; return 1; }
  fi
  mkdir -p "$dir"
  dpkg-deb -x "$tmp"/kubernetes-client_*.deb "$dir"
  rm -rf "$tmp"
  [ -x "$dir/usr/bin/kubectl" ] && echo "$dir/usr/bin/kubectl"
}

kubectls=()
if [ -n "${KUBECTL:-}" ]; then
  kubectls+=("$KUBECTL")
else
  if ! command -v kubectl >/dev/null; then
    if is_root && command -v apt-get >/dev/null; then
      echo "# kubectl missing: installing Debian's kubernetes-client" >&2
      apt-get update -qq >/dev/null && apt-get install -y -qq kubernetes-client >/dev/null
    else
      echo "verify.sh: kubectl not found (install kubernetes-client, or set KUBECTL)" >&2
      exit 2
    fi
  fi
  kubectls+=("$(command -v kubectl)")
  if [ "$(client_minor kubectl)" != "v1.20" ]; then
    if old="$(debian_kubectl)"; then
      kubectls+=("$old")
    else
      echo "# note: could not get Debian's kubectl 1.20; rendering with $(command -v kubectl) only" >&2
    fi
  fi
fi

args=()
for k in "${kubectls[@]}"; do args+=(--kubectl "$k"); done
exec python3 "$here/verify_manifests.py" --root "$here" "${args[@]}"
