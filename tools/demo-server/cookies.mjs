// Cookies of the demo server: a small, careful parser of the Cookie
// header and the Set-Cookie lines of the session and login-state cookies.

export const SESSION_COOKIE = 'sl_session';
export const LOGIN_COOKIE = 'sl_login';
/**
 * Readable by the app's script and secret-free: "a session may exist". The
 * app asks GET /me only when it is there, so an anonymous visit makes no
 * request that must fail (and no 401 in the browser's console).
 */
export const HINT_COOKIE = 'sl_logged_in';
export const LOGIN_COOKIE_PATH = '/api/v1/auth';

// RFC 6265 §4.1.1: a name is a token, a value is cookie-octets, optionally quoted.
const NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const VALUE = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;

/**
 * Cookie header → Map name → value. Spaces around pairs are tolerated,
 * malformed pairs are skipped, and the first value of a name wins (the
 * browser sends the cookie with the most specific path first).
 * @param {string | undefined} header
 * @returns {Map<string, string>}
 */
export function parseCookies(header) {
  const cookies = new Map();
  if (typeof header !== 'string') return cookies;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1) continue;
    const name = pair.slice(0, eq).trim();
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!NAME.test(name) || !VALUE.test(value)) continue;
    if (!cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/**
 * Whether the request reached us over HTTPS: directly, or through a proxy
 * that says so (first X-Forwarded-Proto value). Only used to add `Secure`.
 */
export function isHttps(req) {
  if (req.socket?.encrypted) return true;
  const proto = req.headers['x-forwarded-proto'];
  return typeof proto === 'string' && proto.split(',')[0].trim().toLowerCase() === 'https';
}

const secure = (req) => (isHttps(req) ? '; Secure' : '');

/** No Max-Age: a browser-session cookie; the server keeps the expiry. */
export function sessionCookie(req, id) {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax${secure(req)}`;
}

export function clearSessionCookie(req) {
  return `${SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax${secure(req)}`;
}

export function hintCookie(req) {
  return `${HINT_COOKIE}=1; Path=/; SameSite=Lax${secure(req)}`;
}

export function clearHintCookie(req) {
  return `${HINT_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax${secure(req)}`;
}

/** Only sent to /api/v1/auth/*, so the app's other requests never carry it. */
export function loginCookie(req, state, maxAgeSeconds) {
  return `${LOGIN_COOKIE}=${state}; HttpOnly; SameSite=Lax; Path=${LOGIN_COOKIE_PATH}; Max-Age=${maxAgeSeconds}${secure(req)}`;
}

export function clearLoginCookie(req) {
  return `${LOGIN_COOKIE}=; HttpOnly; SameSite=Lax; Path=${LOGIN_COOKIE_PATH}; Max-Age=0${secure(req)}`;
}
