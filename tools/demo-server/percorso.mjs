// Il mio percorso in the demo server: the patto di servizio, appointments
// and history of checks of each demo citizen (GET /me/percorso), the checks
// of POST /patto/updates by `type` and the appointment statuses those
// updates change (memory only, per person; the demo reset clears them).
// See docs/percorso-api.md, the contract, and its "Demo server" section.

import { sendJson } from './http.mjs';
import { sessionOf, needLogin, CITIZENS } from './auth.mjs';
import { addDays, isIsoDate, italianDate } from './avvisi.mjs';

export const PERCORSO_SCHEMA_VERSION = 1;
export const TZ = 'Europe/Rome';
/** Largest attachment a search act may declare: 5 MB. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export const UPDATE_TYPES = ['search_act', 'confirm', 'reschedule', 'justify'];
export const ACT_KINDS = ['application', 'self_application', 'interview', 'agency', 'fair', 'other'];
export const REASON_KINDS = ['illness', 'work', 'family', 'force_majeure', 'other'];
/** The appointment status each accepted update leaves. */
export const STATUS_AFTER = { confirm: 'confirmed', reschedule: 'reschedule_requested', justify: 'justified' };

// Appointment ids do not depend on the day: an update sent for one keeps
// naming it whatever DEMO_TODAY says.
export const GIULIA_NEXT_CONVOCAZIONE = 'APP-2026-0041';
export const GIULIA_PHONE_APPOINTMENT = 'APP-2026-0042';
export const GIULIA_MISSED_CONVOCAZIONE = 'APP-2026-0038';

const BOLOGNA_CPI = "Centro per l'Impiego di Bologna";
const BOLOGNA_PLACE = "Centro per l'Impiego di Bologna, Via Demo 1, 40121 Bologna";

// docs/api.md, GET /me/profiling: 1 basso, 2 medio-basso, 3 medio-alto, 4 alto.
const PROFILING_CLASS = { 1: 'basso', 2: 'medio-basso', 3: 'medio-alto', 4: 'alto' };

// ------------------------------------------------------------------ time

const ROME_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock time in Italy at `ms`, as HH:MM:SS. */
export function romeTime(ms) {
  const parts = Object.fromEntries(ROME_TIME.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return `${parts.hour}:${parts.minute}:${parts.second}`;
}

// ------------------------------------------------------------------ demo data

/** Giulia Bianchi: a patto signed at the CPI of Bologna, with NASpI. */
function giulia(today, citizen) {
  const day = (n) => addDays(today, n);
  const profiling = citizen?.demo_profiling;
  const appointment = (id, kind, offset, from, to, channel, place, purpose, status) => ({
    id,
    kind,
    start: `${day(offset)}T${from}:00`,
    end: `${day(offset)}T${to}:00`,
    tz: TZ,
    channel,
    place,
    purpose,
    status,
  });
  return {
    patto: {
      id: 'PATTO-2026-000123',
      // Signed at the colloquio of 70 days ago (the first check).
      signed: day(-70),
      cpi_id: 'cpi-bologna',
      cpi_name: BOLOGNA_CPI,
      responsabile: {
        name: 'Laura Neri',
        role: 'Operatrice del CPI',
        email: 'percorso.bologna@example.it',
        phone: '051 000000',
      },
      // The same index as GET /me/profiling gives her (citizens.json).
      profilo_occupabilita: {
        index: profiling?.index ?? 0.31,
        class: PROFILING_CLASS[profiling?.class] ?? 'medio-basso',
      },
      measures: [
        {
          id: 'M1',
          service: 'orientamento-specialistico',
          title: 'Orientamento specialistico',
          due: day(17),
          agreed: true,
          status: 'planned',
        },
      ],
      commitments: [
        {
          id: 'C-APPS',
          kind: 'applications',
          title: 'Candidature a offerte di lavoro',
          count: 3,
          period: 'month',
          proof: 'Per ogni candidatura indica data, azienda e canale; conserva la ricevuta.',
        },
        {
          id: 'C-CONTACT',
          kind: 'contact',
          title: 'Contatto con il responsabile',
          count: 1,
          period: 'two_months',
          proof: "Colloquio, telefonata o messaggio tramite l'app.",
        },
      ],
      availability: [
        'Partecipare ai laboratori di orientamento e di ricerca del lavoro',
        'Partecipare a iniziative di formazione o riqualificazione',
        'Accettare offerte di lavoro congrue (art. 25 D.Lgs. 150/2015)',
      ],
      naspi: { monthly_eur: 1050.0, since: '2026-09-01' },
    },
    // Oldest first.
    appointments: [
      appointment(
        GIULIA_MISSED_CONVOCAZIONE,
        'convocazione',
        -5,
        '11:00',
        '11:30',
        'in_presenza',
        BOLOGNA_PLACE,
        'Laboratorio di ricerca attiva del lavoro',
        'missed',
      ),
      appointment(
        GIULIA_NEXT_CONVOCAZIONE,
        'convocazione',
        7,
        '09:30',
        '10:00',
        'in_presenza',
        BOLOGNA_PLACE,
        'Colloquio di verifica del patto di servizio',
        'scheduled',
      ),
      appointment(
        GIULIA_PHONE_APPOINTMENT,
        'appuntamento',
        21,
        '15:00',
        '15:30',
        'telefono',
        "Al telefono: ti chiama la tua operatrice del Centro per l'Impiego di Bologna",
        'Aggiornamento sulla ricerca di lavoro e sulle candidature',
        'scheduled',
      ),
    ],
    // Oldest first.
    checks: [
      { date: day(-70), kind: 'convocazione', outcome: 'attended', note: 'Colloquio svolto: patto di servizio sottoscritto.' },
      { date: day(-40), kind: 'convocazione', outcome: 'missed_unjustified', note: 'Assenza alla convocazione senza giustificato motivo.' },
    ],
  };
}

/** citizen id → percorso builder; everybody else has no patto and nothing planned. */
const PERCORSI = { giulia };

function nothingYet() {
  return { patto: null, appointments: [], checks: [] };
}

/** The citizen of a codice fiscale (the session's), or undefined. */
function citizenOf(cf) {
  return CITIZENS.find((c) => c.codice_fiscale === cf);
}

/**
 * The percorso of the person with codice fiscale `cf` on day `today`, with
 * the statuses the updates received here gave their appointments.
 */
export function percorsoOf(ctx, cf, today) {
  const citizen = citizenOf(cf);
  const build = citizen && PERCORSI[citizen.id];
  const p = build ? build(today, citizen) : nothingYet();
  const changed = ctx.state.percorso?.get(cf);
  if (changed) {
    for (const a of p.appointments) {
      if (changed.has(a.id)) a.status = changed.get(a.id);
    }
  }
  return p;
}

// ------------------------------------------------------------------ GET /me/percorso

/** GET /me/percorso: the person's patto, appointments and checks (session required). */
export function myPercorso(ctx, req, res) {
  const s = sessionOf(ctx, req);
  if (!s) return needLogin(req, res);
  const today = ctx.today();
  const p = percorsoOf(ctx, s.person.codice_fiscale, today);
  return sendJson(res, 200, {
    schema_version: PERCORSO_SCHEMA_VERSION,
    generated_at: `${today}T${romeTime((ctx.now ?? Date.now)())}`,
    demo: true,
    patto: p.patto,
    appointments: p.appointments,
    checks: p.checks,
  });
}

// ------------------------------------------------------------------ POST /patto/updates

export const PATTO_UPDATE_REFUSED = 'Alcuni dati non sono corretti. Controlla i campi indicati e invia di nuovo.';

const isText = (v) => typeof v === 'string' && v.trim() !== '';

/**
 * Why a patto update is refused, as `{detail, errors}` for a 422, or
 * undefined when it may be stored. Runs after the field validation
 * (kinds.mjs: `action_id` is a non-empty string). A body without `type` is
 * the generic update that came before the percorso contract (docs/api.md):
 * it is stored as it is and changes nothing.
 * @param {{codice_fiscale: string} | null} person from the session
 */
export function pattoRefusal(ctx, kind, body, person) {
  if (kind !== 'patto_update' || body.type === undefined) return undefined;
  const refuse = (errors) => ({ detail: PATTO_UPDATE_REFUSED, errors });
  const type = body.type;
  if (!UPDATE_TYPES.includes(type)) {
    return refuse([
      {
        field: 'type',
        message:
          "Tipo di aggiornamento del patto di servizio non riconosciuto: può essere un atto di ricerca (search_act), una conferma (confirm), una richiesta di spostamento (reschedule) o una giustificazione (justify).",
      },
    ]);
  }
  const today = ctx.today();
  const p = percorsoOf(ctx, person?.codice_fiscale, today);
  const id = body.action_id.trim();
  const errors = [];

  if (type === 'search_act') {
    if (!p.patto) {
      errors.push({
        field: 'action_id',
        message:
          "Non hai ancora un patto di servizio: gli atti di ricerca si registrano dopo averlo sottoscritto al Centro per l'Impiego.",
      });
    } else if (!p.patto.commitments.some((c) => c.id === id)) {
      errors.push({
        field: 'action_id',
        message: `Non troviamo l'impegno «${id}» nel tuo patto di servizio: aggiorna la pagina Il mio percorso e riprova.`,
      });
    }
    if (!isIsoDate(body.date)) {
      errors.push({ field: 'date', message: "Indica la data dell'atto di ricerca nella forma AAAA-MM-GG." });
    } else if (body.date > today) {
      errors.push({
        field: 'date',
        message: `La data ${italianDate(body.date)} è nel futuro: indica il giorno in cui hai svolto l'atto di ricerca.`,
      });
    }
    if (!ACT_KINDS.includes(body.act_kind)) {
      errors.push({
        field: 'act_kind',
        message:
          "Indica che atto di ricerca hai svolto: candidatura, autocandidatura, colloquio, agenzia per il lavoro, fiera o altro.",
      });
    }
    const att = body.attachment;
    if (att !== undefined && att !== null) {
      const size = att?.size;
      if (typeof att !== 'object' || Array.isArray(att) || typeof size !== 'number' || !Number.isFinite(size) || size < 0) {
        errors.push({
          field: 'attachment',
          message: "L'allegato non è valido: servono il nome, il tipo e la dimensione del file.",
        });
      } else if (size > MAX_ATTACHMENT_BYTES) {
        const name = isText(att.name) ? `«${att.name.trim()}» ` : '';
        errors.push({
          field: 'attachment',
          message: `L'allegato ${name}supera 5 MB: scegli un file più leggero o una foto a risoluzione più bassa.`,
        });
      }
    }
    return errors.length ? refuse(errors) : undefined;
  }

  // confirm, reschedule, justify: one of the person's appointments.
  if (!p.appointments.some((a) => a.id === id)) {
    errors.push({
      field: 'action_id',
      message: `Non troviamo l'appuntamento «${id}» tra i tuoi appuntamenti: aggiorna la pagina Il mio percorso e riprova.`,
    });
  }
  if (type === 'reschedule' && !isText(body.reason)) {
    errors.push({ field: 'reason', message: "Spiega perché chiedi di spostare l'appuntamento." });
  }
  if (type === 'justify') {
    if (!REASON_KINDS.includes(body.reason_kind)) {
      errors.push({
        field: 'reason_kind',
        message: "Indica il motivo dell'assenza: malattia, lavoro, motivi familiari, causa di forza maggiore o altro.",
      });
    }
    if (!isText(body.reason)) {
      errors.push({ field: 'reason', message: "Descrivi il motivo dell'assenza." });
    }
  }
  return errors.length ? refuse(errors) : undefined;
}

/**
 * Reflect a stored patto update in the person's percorso: confirm,
 * reschedule and justify set the appointment's status; a search act
 * changes nothing (the CPI counts them).
 */
export function applyPattoUpdate(ctx, kind, body, person) {
  if (kind !== 'patto_update' || !person) return;
  const status = STATUS_AFTER[body.type];
  if (!status) return;
  ctx.state.percorso ??= new Map();
  let mine = ctx.state.percorso.get(person.codice_fiscale);
  if (!mine) {
    mine = new Map();
    ctx.state.percorso.set(person.codice_fiscale, mine);
  }
  mine.set(body.action_id.trim(), status);
}

/** Forget every status set by an update (the demo reset). */
export function clearPercorso(ctx) {
  ctx.state.percorso?.clear();
}
