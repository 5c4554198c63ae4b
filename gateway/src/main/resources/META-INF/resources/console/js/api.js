// Reads go to the public APIs through the gateway (same origin); every call has a timeout.
import { accessToken } from './auth.js';

const TIMEOUT_MS = 20000;

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

export async function getJson(path, params, { auth = false } = {}) {
  const q = params && [...new URLSearchParams(params)].length ? `?${new URLSearchParams(params)}` : '';
  return call('GET', path + q, undefined, auth);
}

export async function send(method, path, params) {
  const q = params && [...new URLSearchParams(params)].length ? `?${new URLSearchParams(params)}` : '';
  return call(method, path + q, undefined, true);
}

async function call(method, url, body, auth) {
  const headers = { Accept: 'application/json' };
  if (auth) {
    const token = accessToken();
    if (!token) throw new ApiError(401, 'Log in first');
    headers.Authorization = `Bearer ${token}`;
  }
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), TIMEOUT_MS);
  let res;
  try {
    res = await fetch(url, { method, headers, body, signal: ctl.signal });
  } catch (e) {
    throw new ApiError(0, e.name === 'AbortError' ? `no answer from ${url} within ${TIMEOUT_MS / 1000} s` : e.message);
  } finally {
    clearTimeout(timer);
  }
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = text; }
  if (!res.ok) {
    const detail = data && (data.detail || data.title || data.error);
    throw new ApiError(res.status, `${res.status} ${detail || res.statusText}`);
  }
  return data;
}
