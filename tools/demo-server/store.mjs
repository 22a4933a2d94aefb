// Append-only JSON Lines store of the demo CPI API.
//
// One line per event, written synchronously (and fsync'ed for records and
// status changes) before the HTTP answer is sent, so an acknowledged
// submission is never lost by a crash. On start the file is replayed; a
// line that does not parse (typically a torn last write) is skipped with a
// warning instead of preventing the start.
//
// Events:
//   {"v":1,"t":"created","at":ISO,"record":{...}}   (record.person: null or
//        {codice_fiscale, given_name, family_name, provider}; absent in older lines)
//   {"v":1,"t":"status","at":ISO,"id":"MSG-2026-000001","status":"accepted","note":"..."}
//   {"v":1,"t":"attempt","at":ISO,"key":"<idempotency key>"}

import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

/** JSON with object keys sorted recursively: equal data → equal text. */
export function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Hash identifying one submission: its kind, who sent it (codice fiscale
 * of the session, if any) and its canonical body. Without a person the
 * text is the one hashed before sessions existed, so old anonymous records
 * still replay.
 */
export function bodyHash(kind, body, codiceFiscale) {
  const who = codiceFiscale ? `${codiceFiscale}\n` : '';
  return crypto.createHash('sha256').update(`${kind}\n${who}${canonicalJson(body)}`).digest('hex');
}

export class Store {
  /**
   * @param {string} file path of the .jsonl file (its directory is created)
   * @param {{warn?: (msg: string) => void}} [opts]
   */
  constructor(file, opts = {}) {
    this.file = file;
    this.warn = opts.warn ?? ((msg) => process.stderr.write(`${msg}\n`));
    this.#clear();
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.#load();
    this.fd = fs.openSync(file, 'a');
  }

  #clear() {
    /** @type {Map<string, any>} id → record, in creation order */
    this.records = new Map();
    /** @type {Map<string, string>} idempotency key → id */
    this.byKey = new Map();
    /** @type {Map<string, number>} idempotency key → POST attempts */
    this.attempts = new Map();
    /** @type {Map<string, number>} "kind:year" → last sequence number */
    this.seqs = new Map();
  }

  #load() {
    let text;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (e) {
      if (e.code === 'ENOENT') return;
      throw e;
    }
    const lines = text.split('\n');
    let skipped = 0;
    lines.forEach((line, i) => {
      if (line.trim() === '') return;
      let event;
      try {
        event = JSON.parse(line);
      } catch {
        skipped += 1;
        const where = i === lines.length - 1 ? 'ultima riga, probabilmente una scrittura interrotta' : 'riga intermedia';
        this.warn(`store: riga ${i + 1} di ${this.file} non leggibile (${where}): ignorata`);
        return;
      }
      try {
        this.#apply(event);
      } catch (e) {
        skipped += 1;
        this.warn(`store: riga ${i + 1} di ${this.file} ignorata: ${e.message}`);
      }
    });
    // A torn last line has no newline: start the next event on a new line.
    if (text.length > 0 && !text.endsWith('\n')) fs.appendFileSync(this.file, '\n');
    if (skipped > 0) this.warn(`store: ${skipped} righe ignorate, ${this.records.size} pratiche caricate`);
  }

  #apply(event) {
    switch (event?.t) {
      case 'created': {
        const r = event.record;
        if (!r || typeof r.id !== 'string' || typeof r.idempotency_key !== 'string') {
          throw new Error('evento "created" senza pratica valida');
        }
        // Lines written before sessions existed have no person: anonymous.
        r.person ??= null;
        this.records.set(r.id, r);
        this.byKey.set(r.idempotency_key, r.id);
        const k = `${r.kind}:${r.year}`;
        this.seqs.set(k, Math.max(this.seqs.get(k) ?? 0, r.seq));
        break;
      }
      case 'status': {
        const r = this.records.get(event.id);
        if (!r) throw new Error(`cambio di stato per pratica sconosciuta ${event.id}`);
        r.status = event.status;
        r.history.push({ status: event.status, at: event.at, note: event.note ?? null });
        break;
      }
      case 'attempt':
        this.attempts.set(event.key, (this.attempts.get(event.key) ?? 0) + 1);
        break;
      default:
        throw new Error(`evento sconosciuto ${JSON.stringify(event?.t)}`);
    }
  }

  /** Write one event durably, then apply it in memory. */
  #commit(event, durable) {
    fs.writeSync(this.fd, `${JSON.stringify({ v: 1, ...event })}\n`);
    if (durable) fs.fsyncSync(this.fd);
    this.#apply(event);
  }

  /** Count a POST attempt for `key`; returns the new count. */
  countAttempt(key) {
    this.#commit({ t: 'attempt', at: new Date().toISOString(), key }, false);
    return this.attempts.get(key);
  }

  get(id) {
    return this.records.get(id);
  }

  getByKey(key) {
    const id = this.byKey.get(key);
    return id === undefined ? undefined : this.records.get(id);
  }

  /**
   * Store a new submission and return its record.
   * `person` is who sent it, from the session (null when anonymous).
   * @param {{kind: string, prefix: string, key: string, hash: string, payload: any, person?: object | null, extraHistory?: {status: string, note: string}[]}} p
   */
  create({ kind, prefix, key, hash, payload, person = null, extraHistory = [] }) {
    const now = new Date();
    const at = now.toISOString();
    const year = now.getFullYear();
    const seq = (this.seqs.get(`${kind}:${year}`) ?? 0) + 1;
    const id = `${prefix}-${year}-${String(seq).padStart(6, '0')}`;
    const history = [{ status: 'received', at, note: AUTO_RECEIVED_NOTE }];
    for (const h of extraHistory) history.push({ status: h.status, at, note: h.note });
    const record = {
      id,
      kind,
      year,
      seq,
      status: history[history.length - 1].status,
      received_at: at,
      idempotency_key: key,
      body_hash: hash,
      person,
      payload,
      history,
      response: { id, kind, status: 'received', received_at: at, idempotency_key: key },
    };
    this.#commit({ t: 'created', at, record }, true);
    return this.records.get(id);
  }

  /** Append a status to a record's history. */
  setStatus(id, status, note) {
    this.#commit({ t: 'status', at: new Date().toISOString(), id, status, note: note ?? null }, true);
    return this.records.get(id);
  }

  /** Forget everything, on disk too. */
  reset() {
    fs.ftruncateSync(this.fd, 0);
    fs.fsyncSync(this.fd);
    this.#clear();
  }

  close() {
    if (this.fd !== undefined) {
      fs.closeSync(this.fd);
      this.fd = undefined;
    }
  }
}

const AUTO_RECEIVED_NOTE = "Richiesta ricevuta dal Centro per l'Impiego.";
