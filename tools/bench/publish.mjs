// The publisher's tool at scale (issue 18): the generated offers turned into
// what a region has — a JobPosting list whose places are written the ways
// publishers write them (a locality with its region name, with its province
// sigla, with a CAP, a one-line address) and a ClicLavoro XML batch with
// Belfiore codes — then published by `publish_vacancies` (release build).
// Prints the time, offers per second, and how many places were resolved.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function generated(count) {
  const dir = join(tmpdir(), 'sportello-bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `vacancies-${count}.json`);
  if (!existsSync(file) || statSync(file).size < count * 500) {
    const r = spawnSync('python3', [join(root, 'tools', 'gen_vacancies', 'gen.py'), '--count', String(count), '--out', file], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('gen.py failed');
  }
  return JSON.parse(readFileSync(file, 'utf8')).items;
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A place the way the i-th publisher writes it. */
function address(v, i, comuni) {
  const w = v.workplace;
  const cap = comuni.get(w.istat)?.cap?.[0] ?? '';
  switch (i % 4) {
    case 0: return { '@type': 'PostalAddress', addressLocality: w.name, addressRegion: 'Emilia-Romagna' };
    case 1: return { '@type': 'PostalAddress', addressLocality: w.name.toUpperCase(), addressRegion: w.province };
    case 2: return { '@type': 'PostalAddress', addressLocality: w.name, postalCode: cap };
    default: return `Via Roma ${i % 200 + 1}, ${cap} ${w.name} ${w.province}`;
  }
}

function jobPosting(v, i, comuni) {
  const salary = v.salary && { '@type': 'MonetaryAmount', currency: 'EUR', value: { '@type': 'QuantitativeValue', minValue: Math.round(v.salary.min / 13), maxValue: Math.round(v.salary.max / 13), unitText: 'MONTH' } };
  return {
    '@context': 'https://schema.org', '@type': 'JobPosting',
    identifier: { '@type': 'PropertyValue', name: 'Bench', value: `JP-${v.id}` },
    title: v.title, description: `<p>${v.description}</p>`, datePosted: v.published, validThrough: v.expires,
    employmentType: [v.working_time === 'part_time' ? 'PART_TIME' : 'FULL_TIME', v.contract === 'tempo_determinato' ? 'TEMPORARY' : 'OTHER'],
    hiringOrganization: { '@type': 'Organization', name: v.employer.name },
    jobLocation: { '@type': 'Place', address: address(v, i, comuni) },
    ...(salary ? { baseSalary: salary } : {}),
    ...(v.profession ? { occupationalCategory: `${v.profession.code} ${v.profession.label}` } : {}),
  };
}

function clicLavoro(v) {
  return `<Vacancy><DatoreLavoro><DatiAnagrafici><denominazione>${esc(v.employer.name)}</denominazione></DatiAnagrafici>`
    + `<DatiContatto><idcomune>${v.workplace.belfiore}</idcomune><email>lavoro@esempio.invalid</email></DatiContatto></DatoreLavoro>`
    + `<Richiesta><ProfiloRichiesto><numerolavoratori>${v.posts}</numerolavoratori>${v.profession ? `<idprofessione>${v.profession.code}</idprofessione>` : ''}`
    + `<descrprofessione>${esc(v.title)}</descrprofessione><descrizionericerca>${esc(v.description)}</descrizionericerca></ProfiloRichiesto>`
    + `<CondizioniOfferte><idcomune>${v.workplace.belfiore}</idcomune><idtipologiacontratto>${v.contract === 'tempo_indeterminato' ? 'A00' : 'A01'}</idtipologiacontratto>`
    + `<idmodalitalavoro>${v.working_time === 'part_time' ? 'PT' : 'FT'}</idmodalitalavoro></CondizioniOfferte>`
    + `<DurataRichiesta><datapubblicazione>${v.published}</datapubblicazione><datascadenza>${v.expires}</datascadenza></DurataRichiesta></Richiesta>`
    + `<DatiSistema><codiceofferta>CL-${v.id.slice(-20)}</codiceofferta></DatiSistema></Vacancy>\n`;
}

export async function runPublishBench({ jsonld = 80_000, xml = 20_000 } = {}) {
  console.log(`\n## Publisher's tool (publish_vacancies, release): ${jsonld} JobPostings and ${xml} ClicLavoro records`);
  const build = spawnSync('cargo', ['build', '--quiet', '--release', '--locked', '--bin', 'publish_vacancies'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) { console.log('PUBLISH BUILD FAILED'); process.exitCode = 1; return; }
  const offers = generated(Math.max(jsonld, xml));
  const comuni = new Map(JSON.parse(readFileSync(join(root, 'public/data/comuni.json'), 'utf8')).items.map((c) => [c.i, c]));
  const dir = join(tmpdir(), 'sportello-bench', 'publish');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'in'), { recursive: true });
  writeFileSync(join(dir, 'in', 'jobposting.json'), JSON.stringify(offers.slice(0, jsonld).map((v, i) => jobPosting(v, i, comuni))));
  writeFileSync(join(dir, 'in', 'cliclavoro.xml'), `<?xml version="1.0" encoding="UTF-8"?>\n<Vacancies>\n${offers.slice(0, xml).map(clicLavoro).join('')}</Vacancies>\n`);
  const input = statSync(join(dir, 'in', 'jobposting.json')).size + statSync(join(dir, 'in', 'cliclavoro.xml')).size;
  const started = Date.now();
  const run = spawnSync(join(root, 'target', 'release', 'publish_vacancies'), ['--out', join(dir, 'out'), '--date', '2026-11-23', join(dir, 'in')], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const secs = (Date.now() - started) / 1000;
  if (run.status !== 0) { console.log(`PUBLISH FAILED: ${run.stderr.slice(0, 2000)}`); process.exitCode = 1; return; }
  const head = run.stderr.split('\n')[1] ?? '';
  const [published, skipped, unplaced] = (head.match(/\d+/g) ?? []).map(Number);
  console.log(`input ${(input / 1048576).toFixed(1)} MB → ${published} offers published, ${skipped} skipped, ${unplaced} without a recognised place, in ${secs.toFixed(1)} s (${Math.round((jsonld + xml) / secs)} records/s)`);
  console.log(`output: feed ${(statSync(join(dir, 'out', 'vacancies.json')).size / 1048576).toFixed(1)} MB, index ${(statSync(join(dir, 'out', 'vacancies.slix')).size / 1048576).toFixed(1)} MB`);
  if (published !== jsonld + xml || unplaced !== 0) {
    console.log('EXPECTED every record published and placed');
    process.exitCode = 1;
  }
}
