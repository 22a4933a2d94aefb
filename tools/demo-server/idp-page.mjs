// HTML of the demo identity provider: the page where a tester picks a demo
// citizen (GET /api/v1/auth/login) and the error pages of the callback.
// Self-contained: inline CSS, no scripts, no external fonts, so the strict
// Content-Security-Policy below holds. Every dynamic value goes through
// escapeHtml.

export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

const PROVIDER_NAMES = {
  spid: { button: 'Entra con SPID', heading: 'SPID', long: 'Sistema Pubblico di Identità Digitale' },
  cie: { button: 'Entra con CIE', heading: 'CIE', long: "Carta d'Identità Elettronica" },
};

/** Text → safe inside HTML text and double- or single-quoted attributes. */
export function escapeHtml(value) {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** "1994-03-12" → "12/03/1994". */
function italianDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

// Contrast: text #1a1a1a on white 17.4:1, links #0066cc on white and white
// on the #0066cc buttons and bar 5.6:1, secondary text #4d5b69 6.9:1,
// banner text on #fff3cd 15.7:1. The focus outline is #1a1a1a on white.
const STYLE = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:#1a1a1a;font-family:"Titillium Web","Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:1.125rem;line-height:1.5}
a{color:#0066cc;text-decoration:underline}
a:hover{color:#004d99}
:focus-visible{outline:3px solid #1a1a1a;outline-offset:3px}
.demo{margin:0;padding:.75rem 1rem;background:#fff3cd;border-bottom:4px solid #b35900;font-size:1rem}
.demo strong{display:inline-block;margin-right:.5rem;padding:0 .4rem;background:#1a1a1a;color:#fff;letter-spacing:.05em}
.bar{background:#0066cc;color:#fff;padding:.75rem 1rem}
.bar p{margin:0 auto;max-width:64rem;font-weight:700;font-size:1.25rem}
.bar span{font-weight:400}
main{display:block;max-width:64rem;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:2rem;line-height:1.2;margin:0 0 .75rem}
h2{font-size:1.375rem;line-height:1.25;margin:0 0 .75rem}
.lead{margin:0 0 1.5rem;color:#4d5b69}
.providers{display:grid;gap:1.5rem}
@media (min-width:60rem){.providers.two{grid-template-columns:1fr 1fr}}
section{border:1px solid #c5ced6;border-radius:4px;padding:1rem}
h2 small{display:block;font-size:1rem;font-weight:400;color:#4d5b69}
fieldset{border:0;margin:0 0 1rem;padding:0;min-width:0}
legend{font-weight:700;margin-bottom:.5rem;padding:0}
.choice{display:flex;align-items:flex-start;gap:.75rem;padding:.5rem 0;border-top:1px solid #e3e8ec}
.choice input{flex:none;width:1.5rem;height:1.5rem;margin:.1rem 0 0}
.choice label{flex:1;min-width:0;cursor:pointer}
.name{display:block;font-weight:600}
.meta{display:block;font-size:1rem;color:#4d5b69;overflow-wrap:anywhere}
.cf{font-family:ui-monospace,"Roboto Mono",Menlo,Consolas,monospace;letter-spacing:.03em}
button{display:inline-block;min-height:3rem;padding:.6rem 1.5rem;border:0;border-radius:4px;background:#0066cc;color:#fff;font:inherit;font-weight:700;cursor:pointer}
button:hover{background:#004d99}
button:focus-visible{outline:3px solid #1a1a1a;outline-offset:3px}
.back{margin:2rem 0 0}
`;

function layout({ title, body }) {
  return `<!doctype html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="demo"><strong>DIMOSTRAZIONE</strong> Questa è una dimostrazione: nessun vero accesso con SPID o CIE, nessun dato reale.</p>
<div class="bar"><p>Sportello Lavoro <span>· accesso di prova</span></p></div>
</header>
<main>
${body}
</main>
</body>
</html>
`;
}

function citizenChoice(provider, c) {
  const id = `${provider}-${c.id}`;
  // A provider may not return birth data (optional attributes): say so.
  const born = c.birth_date
    ? `${c.sex === 'M' ? 'nato' : 'nata'} il ${escapeHtml(italianDate(c.birth_date))}`
    : 'solo nome e codice fiscale';
  return `<div class="choice">
<input type="radio" id="${escapeHtml(id)}" name="citizen" value="${escapeHtml(c.id)}" required>
<label for="${escapeHtml(id)}"><span class="name">${escapeHtml(c.given_name)} ${escapeHtml(c.family_name)}</span>
<span class="meta">Codice fiscale <span class="cf">${escapeHtml(c.codice_fiscale)}</span>, ${born}</span></label>
</div>`;
}

function providerForm(provider, { citizens, state }) {
  const names = PROVIDER_NAMES[provider];
  return `<section aria-labelledby="h-${provider}">
<h2 id="h-${provider}">${names.heading} <small>${escapeHtml(names.long)}</small></h2>
<form method="post" action="/api/v1/auth/callback">
<fieldset>
<legend>Scegli una persona di prova</legend>
${citizens.map((c) => citizenChoice(provider, c)).join('\n')}
</fieldset>
<input type="hidden" name="state" value="${escapeHtml(state)}">
<input type="hidden" name="provider" value="${provider}">
<button type="submit">${names.button}</button>
</form>
</section>`;
}

/**
 * The demo identity provider page.
 * @param {{citizens: any[], state: string, providers: ('spid'|'cie')[], returnPath: string}} p
 */
export function idpPage({ citizens, state, providers, returnPath }) {
  const body = `<h1>Accedi a Sportello Lavoro</h1>
<p class="lead">Scegli una delle persone inventate qui sotto: l'app ti vedrà come se avessi fatto l'accesso con la sua identità digitale.</p>
<div class="providers${providers.length > 1 ? ' two' : ''}">
${providers.map((p) => providerForm(p, { citizens, state })).join('\n')}
</div>
<p class="back"><a href="${escapeHtml(returnPath)}">Annulla e torna all'app</a></p>`;
  return layout({ title: 'Accedi a Sportello Lavoro – dimostrazione', body });
}

/** Where to start a login again: the login start with the return path, when known. */
export function restartHref(returnPath) {
  return returnPath === undefined ? '/' : `/api/v1/auth/login?return=${encodeURIComponent(returnPath)}`;
}

/**
 * A small error page of the callback (400 or 403).
 * @param {{heading: string, message: string, returnPath?: string}} p
 */
export function errorPage({ heading, message, returnPath }) {
  const link =
    returnPath === undefined
      ? `<a href="/">Torna all'app</a>`
      : `<a href="${escapeHtml(restartHref(returnPath))}">Ricomincia l'accesso</a>`;
  const body = `<h1>${escapeHtml(heading)}</h1>
<p>${escapeHtml(message)}</p>
<p class="back">${link}</p>`;
  return layout({ title: `${heading} – Sportello Lavoro, dimostrazione`, body });
}
