// Submission kinds accepted by the demo CPI API: endpoint, id prefix,
// status vocabulary and the minimal validation each one needs.
// Messages are Italian and addressed to the citizen.

const DID_STATUSES = ['received', 'inserita', 'convalidata', 'sospesa', 'revocata'];
const CASE_STATUSES = ['received', 'in_review', 'accepted', 'rejected'];

/**
 * Per kind: endpoint under /api/v1, id prefix, statuses, whether it needs a
 * SPID/CIE session, required non-empty string fields with their Italian
 * message, and history entries added right after "received".
 */
export const KINDS = {
  did: {
    path: '/did',
    session: true,
    prefix: 'DID',
    statuses: DID_STATUSES,
    required: [['codice_fiscale', 'Inserisci il codice fiscale.']],
    // A DID is "inserita" as soon as it is received; the CPI then convalida it.
    initialHistory: [
      { status: 'inserita', note: 'Dichiarazione di immediata disponibilità inserita, in attesa di convalida.' },
    ],
  },
  application: {
    path: '/applications',
    session: true,
    prefix: 'CAND',
    statuses: CASE_STATUSES,
    required: [['vacancy_id', "Indica l'offerta di lavoro a cui ti candidi."]],
  },
  avviso_application: {
    path: '/avvisi/applications',
    session: true,
    prefix: 'AVV',
    statuses: CASE_STATUSES,
    required: [['avviso_id', "Indica l'avviso pubblico a cui partecipi."]],
  },
  review: {
    path: '/reviews',
    session: true,
    prefix: 'RIE',
    statuses: CASE_STATUSES,
    required: [
      ['avviso_id', "Indica l'avviso della graduatoria di cui chiedi il riesame."],
      ['reason', 'Spiega il motivo della richiesta di riesame.'],
    ],
  },
  patto_update: {
    path: '/patto/updates',
    session: true,
    prefix: 'PAT',
    statuses: CASE_STATUSES,
    required: [['action_id', "Indica l'azione del patto di servizio che vuoi aggiornare."]],
  },
  message: {
    path: '/messages',
    // A plain message to the CPI: anyone may write; with a session it is bound to the person.
    session: false,
    prefix: 'MSG',
    statuses: CASE_STATUSES,
    required: [
      ['cpi_id', "Scegli il Centro per l'Impiego a cui scrivere."],
      ['subject', "Inserisci l'oggetto del messaggio."],
      ['body', 'Scrivi il testo del messaggio.'],
    ],
  },
  profiling: {
    path: '/profiling',
    session: true,
    prefix: 'PRF',
    statuses: CASE_STATUSES,
    required: [],
  },
};

/** Map "/messages" → "message". */
export const KIND_BY_PATH = new Map(Object.entries(KINDS).map(([kind, k]) => [k.path, kind]));

// 16 letters/digits (ordinary, possibly with omocodia) or 11 digits
// (codice fiscale provvisorio). Only the shape: the app checks the rest.
const CF_SHAPE = /^(?:[A-Za-z0-9]{16}|[0-9]{11})$/;

/**
 * Minimal validation of a submission body (already known to be an object).
 * Returns a list of `{field, message}`; empty when valid.
 */
export function validate(kind, body) {
  const errors = [];
  for (const [field, message] of KINDS[kind].required) {
    const value = body[field];
    if (typeof value !== 'string' || value.trim() === '') {
      errors.push({ field, message });
    }
  }
  if (kind === 'profiling' && (body.answers === null || typeof body.answers !== 'object' || Array.isArray(body.answers))) {
    errors.push({ field: 'answers', message: 'Mancano le risposte al questionario di autoprofilazione.' });
  }
  if (kind === 'did' && typeof body.codice_fiscale === 'string' && body.codice_fiscale.trim() !== '') {
    if (!CF_SHAPE.test(body.codice_fiscale.trim())) {
      errors.push({
        field: 'codice_fiscale',
        message: 'Il codice fiscale deve avere 16 caratteri tra lettere e numeri (o 11 cifre se provvisorio).',
      });
    }
  }
  return errors;
}

/** Statuses a record of `kind` can take. */
export function statusesOf(kind) {
  return KINDS[kind].statuses;
}

