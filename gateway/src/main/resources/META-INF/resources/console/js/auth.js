// Administrator login: OpenID Connect authorization code flow with PKCE (S256) against the suite's issuer,
// as the public client named in /console/config.json. Tokens live in sessionStorage only (gone with the tab).
// The roles shown here only decide which buttons to offer; every API checks the token's roles again.

const KEY = 'observatory.console.session';
const PENDING = 'observatory.console.pending';
let config;

export async function loadConfig() {
  if (!config) {
    const res = await fetch('/console/config.json');
    config = await res.json();
  }
  return config;
}

function session() {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    if (s && s.expiresAt > Date.now() + 5000) return s;
  } catch { /* a damaged entry is a logged-out user */ }
  return null;
}

export const accessToken = () => session()?.accessToken || null;
export const isLoggedIn = () => session() !== null;

export function user() {
  const s = session();
  if (!s) return null;
  const claims = decode(s.accessToken);
  return { name: claims.preferred_username || claims.sub, roles: claims.realm_access?.roles || [] };
}

export const hasRole = role => !!user()?.roles.includes(role);

function decode(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch {
    return {};
  }
}

const b64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = n => b64url(crypto.getRandomValues(new Uint8Array(n)));
const redirectUri = () => `${location.origin}/console/callback`;

export async function login(returnTo = location.pathname + location.search) {
  const cfg = await loadConfig();
  const verifier = random(48);
  const state = random(16);
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const q = new URLSearchParams({ client_id: cfg.clientId, response_type: 'code', scope: 'openid',
    redirect_uri: redirectUri(), state, code_challenge: challenge, code_challenge_method: 'S256' });
  location.assign(`${cfg.issuer}/protocol/openid-connect/auth?${q}`);
}

/** Finishes the login on /console/callback; answers the page to go back to. */
export async function completeLogin(params) {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  if (params.get('error')) throw new Error(`login refused: ${params.get('error_description') || params.get('error')}`);
  if (!pending || pending.state !== params.get('state')) throw new Error('login answer does not match a login started here');
  const cfg = await loadConfig();
  const res = await fetch(`${cfg.issuer}/protocol/openid-connect/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: cfg.clientId, code: params.get('code'),
      redirect_uri: redirectUri(), code_verifier: pending.verifier }) });
  if (!res.ok) throw new Error(`token request failed: ${res.status}`);
  const t = await res.json();
  sessionStorage.setItem(KEY, JSON.stringify({ accessToken: t.access_token, idToken: t.id_token,
    expiresAt: Date.now() + t.expires_in * 1000 }));
  return pending.returnTo && pending.returnTo.startsWith('/console/') ? pending.returnTo : '/console/';
}

export async function logout() {
  const s = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  sessionStorage.removeItem(KEY);
  const cfg = await loadConfig();
  const q = new URLSearchParams({ client_id: cfg.clientId, post_logout_redirect_uri: `${location.origin}/console/` });
  if (s?.idToken) q.set('id_token_hint', s.idToken);
  location.assign(`${cfg.issuer}/protocol/openid-connect/logout?${q}`);
}
