// In-memory sessions and one-time login states of the demo server.
// Nothing here is written to disk: a restart logs everybody out, as a
// real backend's session store may too. The clock is injectable so tests
// can make time pass without sleeping.

import crypto from 'node:crypto';

export const DEFAULT_IDLE_MS = 30 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const LOGIN_MS = 10 * 60 * 1000;
// A loop of GET /auth/login must not grow memory without bound.
const MAX_LOGINS = 10_000;

/** 32 random bytes, base64url: not guessable, safe in a cookie. */
export function newId() {
  return crypto.randomBytes(32).toString('base64url');
}

export class Sessions {
  /**
   * @param {{now?: () => number, idleMs?: number, absoluteMs?: number, loginMs?: number}} [opts]
   */
  constructor({ now = Date.now, idleMs = DEFAULT_IDLE_MS, absoluteMs = ABSOLUTE_MS, loginMs = LOGIN_MS } = {}) {
    this.now = now;
    this.idleMs = idleMs;
    this.absoluteMs = absoluteMs;
    this.loginMs = loginMs;
    /**
     * id → {id, person, provider, createdAt, lastSeen}, in order of last use
     * (re-inserted on each use) so idle sessions are pruned from the front.
     * @type {Map<string, any>}
     */
    this.sessions = new Map();
    /** state → {returnPath, expiresAt}, in creation order. @type {Map<string, any>} */
    this.logins = new Map();
  }

  /** When `s` ends if nothing happens from now: idle or absolute expiry, whichever first. */
  expiresAt(s) {
    return Math.min(s.lastSeen + this.idleMs, s.createdAt + this.absoluteMs);
  }

  create(person, provider) {
    const now = this.now();
    this.#prune(now);
    const s = { id: newId(), person, provider, createdAt: now, lastSeen: now };
    this.sessions.set(s.id, s);
    return s;
  }

  /**
   * The live session with this id, its idle expiry refreshed; undefined for
   * an unknown or expired id (an expired one is forgotten).
   */
  use(id) {
    if (typeof id !== 'string') return undefined;
    const s = this.sessions.get(id);
    if (!s) return undefined;
    const now = this.now();
    this.sessions.delete(id);
    if (now >= this.expiresAt(s)) return undefined;
    s.lastSeen = now;
    this.sessions.set(id, s);
    return s;
  }

  end(id) {
    return typeof id === 'string' && this.sessions.delete(id);
  }

  /** End every session; returns how many were live. */
  endAll() {
    const now = this.now();
    let live = 0;
    for (const s of this.sessions.values()) if (now < this.expiresAt(s)) live += 1;
    this.sessions.clear();
    return live;
  }

  /** Forget every login in progress (their callbacks will be refused). */
  clearLogins() {
    this.logins.clear();
  }

  /** A one-time login state remembering where to return. */
  startLogin(returnPath) {
    const now = this.now();
    this.#prune(now);
    while (this.logins.size >= MAX_LOGINS) this.logins.delete(this.logins.keys().next().value);
    const state = newId();
    this.logins.set(state, { returnPath, expiresAt: now + this.loginMs });
    return state;
  }

  /** The unexpired login state, left in place. */
  peekLogin(state) {
    const login = typeof state === 'string' ? this.logins.get(state) : undefined;
    if (!login) return undefined;
    if (this.now() >= login.expiresAt) {
      this.logins.delete(state);
      return undefined;
    }
    return login;
  }

  /** The unexpired login state, used up: a state works once. */
  takeLogin(state) {
    const login = this.peekLogin(state);
    if (login) this.logins.delete(state);
    return login;
  }

  /** Drop what expired at the front of both maps (oldest first). */
  #prune(now) {
    for (const [id, s] of this.sessions) {
      if (now < s.lastSeen + this.idleMs) break;
      this.sessions.delete(id);
    }
    for (const [state, login] of this.logins) {
      if (now < login.expiresAt) break;
      this.logins.delete(state);
    }
  }
}
