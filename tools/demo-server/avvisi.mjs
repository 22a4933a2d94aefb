// Avvisi pubblici in the demo server: the notices and rankings it reads from
// the data it serves, the day it calls "today" (Europe/Rome, or DEMO_TODAY),
// the checks on applications and riesami, the demo publication of a
// provisional ranking and the graduatorie feed built on the fly.
// See docs/api.md, "Avvisi pubblici", and docs/feeds-avvisi.md.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { regularFileInside } from './http.mjs';

/** The repository's own data: used for a file the served data directory lacks. */
export const REPO_DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public/data');
export const AVVISI_FILE = 'avvisi.json';
export const GRADUATORIE_FILE = 'graduatorie.json';
export const RULES_FILE = 'rules/ranking-rules.json';

// ------------------------------------------------------------------ days

const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** A real calendar day written YYYY-MM-DD. */
export function isIsoDate(s) {
  const m = typeof s === 'string' && ISO_DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

const ROME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Rome',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day in Italy at `ms` (ms since the epoch), as YYYY-MM-DD. */
export function romeDate(ms) {
  const parts = Object.fromEntries(ROME.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** `iso` plus `days` calendar days. */
export function addDays(iso, days) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** YYYY-MM-DD → dd/mm/yyyy, as the citizen reads dates. */
export function italianDate(iso) {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function checkDemoToday(value) {
  if (!isIsoDate(value)) {
    throw new Error(`DEMO_TODAY=${value} non è valido: indica un giorno nella forma AAAA-MM-GG, per esempio 2027-07-01.`);
  }
  return value;
}

/**
 * The function giving "today" (YYYY-MM-DD) to the deadline and riesame
 * checks and to the publication hook: `today` when given (a fixed day or a
 * function), else the environment variable DEMO_TODAY, read at every call
 * so that a test may move the day, else the day in Europe/Rome at `now()`.
 * An invalid DEMO_TODAY is refused here, at start, and at every use.
 * @param {{today?: string | (() => string), now: () => number}} opts
 */
export function todayClock({ today, now }) {
  if (typeof today === 'function') return today;
  if (today !== undefined) {
    checkDemoToday(today);
    return () => today;
  }
  if (process.env.DEMO_TODAY) checkDemoToday(process.env.DEMO_TODAY);
  return () => (process.env.DEMO_TODAY ? checkDemoToday(process.env.DEMO_TODAY) : romeDate(now()));
}

// ------------------------------------------------------------------ data files

/** path → {mtimeMs, size, value}: each data file parsed once per version. */
const parsed = new Map();

/**
 * A data file the API reads: `<data>/<rel>` when the served data directory
 * has it (the same file the app gets), else the repository's
 * `public/data/<rel>`; undefined when neither exists.
 * @returns {{file: string, mtimeMs: number, value: any} | undefined}
 */
export function readDataFile(dataDir, rel) {
  let file = path.join(dataDir, rel);
  let st = regularFileInside(dataDir, file);
  if (!st) {
    file = path.join(REPO_DATA, rel);
    try {
      st = fs.statSync(file);
      if (!st.isFile()) return undefined;
    } catch {
      return undefined;
    }
  }
  const hit = parsed.get(file);
  if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return { file, ...hit };
  const value = JSON.parse(fs.readFileSync(file, 'utf8'));
  const entry = { mtimeMs: st.mtimeMs, size: st.size, value };
  parsed.set(file, entry);
  return { file, ...entry };
}

function itemsOf(dataDir, rel) {
  const items = readDataFile(dataDir, rel)?.value?.items;
  return Array.isArray(items) ? items : [];
}

/** The notice `id` of avvisi.json, or undefined. */
export function findAvviso(ctx, id) {
  return itemsOf(ctx.data, AVVISI_FILE).find((a) => a.id === id);
}

/** The ranking in force for notice `id`: the one published here, else the static one. */
export function currentRanking(ctx, id) {
  return ctx.state.rankings.get(id) ?? itemsOf(ctx.data, GRADUATORIE_FILE).find((g) => g.avviso_id === id);
}

/**
 * The rule set of a notice: the entry of ranking-rules.json with its id and
 * the latest `valid_from` not after the notice's publication (an entry
 * without one has the file's).
 */
export function ruleSetOf(ctx, avviso) {
  const file = readDataFile(ctx.data, RULES_FILE)?.value;
  const sets = (file?.rule_sets ?? []).filter((r) => r.id === avviso.rule_set);
  const from = (r) => r.valid_from ?? file.valid_from ?? '0000-00-00';
  const usable = sets.filter((r) => from(r) <= (avviso.published ?? '9999-99-99'));
  const pick = (list) => list.reduce((best, r) => (best === undefined || from(r) > from(best) ? r : best), undefined);
  return pick(usable) ?? pick(sets);
}

// ------------------------------------------------------------------ checks

/** How a notice is named to the citizen: its title, else its id. */
function named(avviso, id) {
  const title = avviso?.title?.it;
  return typeof title === 'string' && title !== '' ? `«${title}»` : id;
}

export const APPLICATION_REFUSED = "La domanda di partecipazione all'avviso non può essere accolta.";
export const REVIEW_REFUSED = 'La richiesta di riesame non può essere accolta.';

export const unknownAvviso = (id) => `Non troviamo l'avviso ${id}: controlla il codice.`;

/**
 * Why an application to a notice or a riesame of its ranking is refused
 * today, as `{detail, errors}` for a 422, or undefined when it may be
 * stored. The body has passed the field validation (kinds.mjs).
 */
export function avvisoRefusal(ctx, kind, body) {
  if (kind !== 'avviso_application' && kind !== 'review') return undefined;
  const id = body.avviso_id.trim();
  const avviso = findAvviso(ctx, id);
  const today = ctx.today();
  const refuse = (detail, message) => ({ detail, errors: [{ field: 'avviso_id', message }] });

  if (kind === 'avviso_application') {
    if (!avviso) return refuse(APPLICATION_REFUSED, unknownAvviso(id));
    if (typeof avviso.deadline === 'string' && today > avviso.deadline) {
      return refuse(
        APPLICATION_REFUSED,
        `Il termine per candidarsi all'avviso ${named(avviso, id)} è scaduto il ${italianDate(avviso.deadline)}: ` +
          'non è più possibile partecipare.',
      );
    }
    return undefined;
  }

  const ranking = currentRanking(ctx, id);
  if (!ranking) {
    if (!avviso) return refuse(REVIEW_REFUSED, unknownAvviso(id));
    return refuse(
      REVIEW_REFUSED,
      `Per l'avviso ${named(avviso, id)} non c'è una graduatoria provvisoria: il riesame si chiede dopo la sua pubblicazione.`,
    );
  }
  if (ranking.stage !== 'provisional') {
    return refuse(
      REVIEW_REFUSED,
      `La graduatoria dell'avviso ${named(avviso, id)} è definitiva: non si può più chiedere il riesame.`,
    );
  }
  if (typeof ranking.review_until === 'string' && today > ranking.review_until) {
    return refuse(
      REVIEW_REFUSED,
      `Il termine per chiedere il riesame della graduatoria dell'avviso ${named(avviso, id)} è scaduto il ` +
        `${italianDate(ranking.review_until)}.`,
    );
  }
  return undefined;
}

// ------------------------------------------------------------------ publication

/**
 * Publish a ranking of notice `id` (demo hook): its static entries plus
 * every stored application to it that carries a numeric `simulated_score`
 * and was not rejected, best first. The static entries keep their order (it
 * already applies the rule set's tie-breakers); an application goes before
 * the entries it beats, and before an equal score whose protocol comes
 * after its own. Ranks 1..n. Published today; review_until = today + the
 * rule set's review.days (null when `stage` is final).
 * @returns {{status: number, ranking?: object, detail?: string, errors?: object[]}}
 */
export function publishRanking(ctx, id, { stage = 'provisional' } = {}) {
  const avviso = findAvviso(ctx, id);
  if (!avviso) return { status: 404, detail: `Non troviamo l'avviso ${id}.` };
  const rules = ruleSetOf(ctx, avviso);
  const days = rules?.review?.days;
  if (typeof rules?.lower_is_better !== 'boolean' || !Number.isInteger(days) || days < 0) {
    return {
      status: 422,
      detail: `Le regole di graduatoria «${avviso.rule_set}» dell'avviso ${id} non sono in ${RULES_FILE} (servono lower_is_better e review.days).`,
    };
  }
  const better = rules.lower_is_better ? (a, b) => a < b : (a, b) => a > b;

  const applications = [...ctx.store.records.values()].filter(
    (r) => r.kind === 'avviso_application' && String(r.payload?.avviso_id ?? '').trim() === id && r.status !== 'rejected',
  );
  const fresh = [];
  for (const r of applications) {
    const score = r.payload.simulated_score;
    if (typeof score === 'number' && Number.isFinite(score)) fresh.push({ protocol: r.id, score });
    else ctx.log(`demo-server: la domanda ${r.id} all'avviso ${id} non ha un simulated_score numerico: resta fuori dalla graduatoria`);
  }
  fresh.sort((a, b) => (a.score === b.score ? cmp(a.protocol, b.protocol) : better(a.score, b.score) ? -1 : 1));

  const mine = new Set(fresh.map((e) => e.protocol));
  const staticItem = itemsOf(ctx.data, GRADUATORIE_FILE).find((g) => g.avviso_id === id);
  const known = (staticItem?.entries ?? [])
    .filter((e) => !mine.has(e.protocol))
    .sort((a, b) => a.rank - b.rank)
    .map(({ protocol, score }) => ({ protocol, score }));

  const merged = [];
  let i = 0;
  let j = 0;
  while (i < fresh.length || j < known.length) {
    const f = fresh[i];
    const k = known[j];
    const takeFresh =
      k === undefined ||
      (f !== undefined && (better(f.score, k.score) || (f.score === k.score && cmp(f.protocol, k.protocol) < 0)));
    merged.push(takeFresh ? fresh[i++] : known[j++]);
  }

  const today = ctx.today();
  const ranking = {
    avviso_id: id,
    stage,
    published: today,
    review_until: stage === 'provisional' ? addDays(today, days) : null,
    entries: merged.map((e, n) => ({ protocol: e.protocol, score: e.score, rank: n + 1 })),
  };
  ctx.state.rankings.set(id, ranking);
  ctx.state.rankingsChangedAt = Date.now();
  return { status: 200, ranking };
}

function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Forget the rankings published here (the demo reset). */
export function clearRankings(ctx) {
  ctx.state.rankings.clear();
  ctx.state.rankingsChangedAt = Date.now();
}

// ------------------------------------------------------------------ feed

/**
 * The graduatorie feed as served: the static file's envelope and items,
 * each item replaced by the ranking published here for the same notice,
 * then the published rankings of the other notices. `generated_at` is the
 * latest publication day when one is later than the file's. Undefined when
 * there is neither a file nor a published ranking.
 * @returns {{body: Buffer, lastModifiedMs: number} | undefined}
 */
export function graduatorieFeed(ctx) {
  const src = readDataFile(ctx.data, GRADUATORIE_FILE);
  const published = ctx.state.rankings;
  if (!src && published.size === 0) return undefined;
  const base = src?.value ?? {
    schema_version: 1,
    feed: 'graduatorie',
    generated_at: '1970-01-01',
    demo: true,
    source: 'Dati dimostrativi: graduatorie pubblicate dal server dimostrativo.',
    items: [],
  };
  const baseItems = Array.isArray(base.items) ? base.items : [];
  const items = baseItems.map((g) => published.get(g.avviso_id) ?? g);
  const inFile = new Set(baseItems.map((g) => g.avviso_id));
  for (const [id, g] of published) if (!inFile.has(id)) items.push(g);
  let generated = base.generated_at;
  for (const g of published.values()) {
    if (typeof generated !== 'string' || g.published > generated.slice(0, 10)) generated = g.published;
  }
  const feed = { ...base, generated_at: generated, items };
  return {
    body: Buffer.from(JSON.stringify(feed)),
    lastModifiedMs: Math.max(src?.mtimeMs ?? 0, ctx.state.rankingsChangedAt),
  };
}
