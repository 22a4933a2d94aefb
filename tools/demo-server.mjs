#!/usr/bin/env node
// Demo CPI API + static server for Sportello Lavoro. Node built-ins only.
//
//   node tools/demo-server.mjs [--dist dist] [--data <dist>/data]
//        [--store .demo-api/store.jsonl] [--port 8080] [--host 127.0.0.1]
//        [--session-idle 1800]
//
// Prints exactly one line on stdout once ready:  listening http://127.0.0.1:<port>
// Everything else (request log, warnings) goes to stderr.
// The API contract is documented in docs/api.md.

import path from 'node:path';
import fs from 'node:fs';

import { createDemoServer } from './demo-server/app.mjs';
import { Store } from './demo-server/store.mjs';

const USAGE = `Uso: node tools/demo-server.mjs [opzioni]
  --dist <dir>     app compilata da servire (predefinito: dist)
  --data <dir>     cartella dei feed servita sotto /data/ (predefinito: <dist>/data)
  --store <file>   archivio JSON Lines delle pratiche (predefinito: .demo-api/store.jsonl)
  --port <n>       porta; 0 ne sceglie una libera (predefinito: 8080)
  --host <ip>      solo 127.0.0.1 è ammesso (predefinito: 127.0.0.1)
  --session-idle <secondi>
                   una sessione SPID/CIE di prova scade dopo tanti secondi
                   senza richieste, da 1 a 43200 (predefinito: 1800)
`;

function fail(message) {
  process.stderr.write(`demo-server: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {};
  const names = new Set(['dist', 'data', 'store', 'port', 'host', 'session-idle']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stderr.write(USAGE);
      process.exit(0);
    }
    const m = /^--([a-z]+(?:-[a-z]+)*)(?:=(.*))?$/.exec(arg);
    if (!m || !names.has(m[1])) fail(`opzione sconosciuta ${arg}`);
    let value = m[2];
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) fail(`manca il valore di --${m[1]}`);
    }
    opts[m[1]] = value;
  }
  const dist = opts.dist ?? 'dist';
  const port = Number(opts.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`porta non valida: ${opts.port}`);
  const host = opts.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== 'localhost') {
    fail(`--host ${host} non ammesso: il server dimostrativo ascolta solo su 127.0.0.1`);
  }
  // Digits only: Number('1e3') or Number(' 60 ') would pass silently.
  const idleText = opts['session-idle'] ?? '1800';
  const sessionIdle = /^[0-9]{1,5}$/.test(idleText) ? Number(idleText) : NaN;
  if (!(sessionIdle >= 1 && sessionIdle <= 43200)) {
    fail(`durata di inattività della sessione non valida: ${idleText} (indica i secondi, da 1 a 43200)`);
  }
  return {
    dist,
    data: opts.data ?? path.join(dist, 'data'),
    store: opts.store ?? path.join('.demo-api', 'store.jsonl'),
    port,
    sessionIdleMs: sessionIdle * 1000,
  };
}

const opts = parseArgs(process.argv.slice(2));
const log = (line) => process.stderr.write(`${line}\n`);

if (!fs.existsSync(path.join(opts.dist, 'index.html'))) {
  log(`demo-server: attenzione, ${path.join(opts.dist, 'index.html')} non esiste (l'app non è compilata?)`);
}
if (!fs.existsSync(opts.data)) log(`demo-server: attenzione, la cartella dei dati ${opts.data} non esiste`);

const store = new Store(opts.store, { warn: log });
const server = createDemoServer({ dist: opts.dist, data: opts.data, store, log, sessionIdleMs: opts.sessionIdleMs });

server.on('error', (err) => {
  log(`demo-server: impossibile avviare il server: ${err.message}`);
  process.exit(1);
});

server.listen(opts.port, '127.0.0.1', () => {
  const { port } = server.address();
  log(
    `demo-server: dist=${opts.dist} data=${opts.data} store=${opts.store} (${store.records.size} pratiche), ` +
      `sessioni di prova: scadenza dopo ${opts.sessionIdleMs / 1000} s di inattività`,
  );
  process.stdout.write(`listening http://127.0.0.1:${port}\n`);
});

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  log(`demo-server: ${signal} ricevuto, chiusura`);
  server.close();
  server.closeAllConnections();
  store.close();
  process.exit(0);
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
