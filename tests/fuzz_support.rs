//! What the fuzz tests (`tests/fuzz_*.rs`, issue 17) share: the budget and
//! seed, and the mutators that turn a valid input (a shipped data file, a
//! fixture, a serialised value) into the broken ones a parser must survive.
//! Each fuzz file includes it (`#[path = "fuzz_support.rs"] mod support;`);
//! built on its own it is an empty test target.
//!
//! Budget: `FUZZ_CASES` (default [`DEFAULT_CASES`]) is the number of cases
//! of a cheap property; a property that costs more divides it (at least one
//! case). Seed: `FUZZ_SEED` (default fixed), mixed with the property's
//! name, so a failure reproduces with the same two variables. Nothing is
//! written to disk (`failure_persistence: None`).
//!
//! ```text
//! cargo test --locked --test fuzz_parsers --test fuzz_index --test fuzz_stored --test fuzz_inputs
//! FUZZ_CASES=5120 cargo test --release --locked --test fuzz_parsers --test fuzz_index \
//!     --test fuzz_stored --test fuzz_inputs          # the benchmark's ten times longer run
//! ```
//! The debug build also checks integer overflow; the release build runs
//! the code as shipped (no overflow checks), several times faster.

#![cfg(not(target_arch = "wasm32"))]
#![allow(dead_code)]

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed};
use serde_json::{Map, Number, Value};

/// Cases of a cheap property when `FUZZ_CASES` is not set: all the fuzz
/// files together stay within about a minute of `cargo test` (debug) on two
/// cores.
pub const DEFAULT_CASES: u32 = 512;
/// The seed when `FUZZ_SEED` is not set.
pub const DEFAULT_SEED: u64 = 0x5EED_0017_F022_2026;

fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim();
    match v.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => v.parse().ok(),
    }
}

/// `FUZZ_CASES`, or the default.
pub fn base_cases() -> u32 {
    env_u64("FUZZ_CASES")
        .map(|n| n.clamp(1, u32::MAX as u64) as u32)
        .unwrap_or(DEFAULT_CASES)
}

/// The cases of a property `cost` times as dear as a cheap one.
pub fn cases(cost: u32) -> u32 {
    (base_cases() / cost.max(1)).max(1)
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The proptest configuration of the property `name`: the budget, a fixed
/// seed (`FUZZ_SEED` mixed with the name), no failure files, and shrinking
/// kept short (a failure is reported quickly, then fixed by hand).
pub fn config(name: &str, cost: u32) -> Config {
    let seed = env_u64("FUZZ_SEED").unwrap_or(DEFAULT_SEED) ^ fnv(name);
    Config {
        cases: cases(cost),
        failure_persistence: None,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed),
        max_shrink_iters: 2_000,
        max_shrink_time: 30_000,
        ..Config::default()
    }
}

/// How to run a failed property again.
fn reproduce(cases: u32, seed: RngSeed) -> String {
    format!(
        "({cases} cases, proptest seed {seed:?}; again with FUZZ_SEED={} FUZZ_CASES={})",
        env_u64("FUZZ_SEED").unwrap_or(DEFAULT_SEED),
        base_cases()
    )
}

/// How a property's cases ended: the input was accepted (parsed) or
/// refused (an error). A panic is neither: it fails the test.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub accepted: u32,
    pub refused: u32,
}

/// Run the property `name` on `cost`-weighted cases of `strategy`. `test`
/// says whether the case was accepted; any panic inside it (the parser's or
/// an invariant's) is a failure, reported with the smallest input proptest
/// finds and the seed that reproduces it. When the budget allows, both
/// outcomes must occur, so that the mutations reach past the first check
/// and the error paths are exercised.
pub fn fuzz<S>(name: &str, cost: u32, strategy: S, test: impl Fn(S::Value) -> bool) -> Tally
where
    S: Strategy,
    S::Value: std::fmt::Debug,
{
    let config = config(name, cost);
    let cases = config.cases;
    let seed = config.rng_seed;
    let accepted = std::sync::atomic::AtomicU32::new(0);
    let refused = std::sync::atomic::AtomicU32::new(0);
    let mut runner = proptest::test_runner::TestRunner::new(config);
    let result = runner.run(&strategy, |v| {
        if test(v) {
            accepted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        } else {
            refused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{name}: {e}\n{}", reproduce(cases, seed));
    }
    let tally = Tally {
        accepted: accepted.into_inner(),
        refused: refused.into_inner(),
    };
    eprintln!("{name}: {cases} cases, {tally:?}");
    if cases >= 200 {
        assert!(
            tally.accepted > 0 && tally.refused > 0,
            "{name}: the cases do not reach both outcomes: {tally:?}"
        );
    }
    tally
}

/// [`fuzz`] for inputs that need not be accepted (arbitrary text).
pub fn fuzz_any<S>(name: &str, cost: u32, strategy: S, test: impl Fn(S::Value))
where
    S: Strategy,
    S::Value: std::fmt::Debug,
{
    let config = config(name, cost);
    let (cases, seed) = (config.cases, config.rng_seed);
    let mut runner = proptest::test_runner::TestRunner::new(config);
    if let Err(e) = runner.run(&strategy, |v| {
        test(v);
        Ok(())
    }) {
        panic!("{name}: {e}\n{}", reproduce(cases, seed));
    }
}

// ------------------------------------------------------------ mutations --

/// One edit: its kind and two parameters (positions, choices), all taken
/// modulo what the input offers, so any triple applies to any input and
/// proptest can shrink the list.
pub type Op = (u8, u32, u32);

pub fn op() -> impl Strategy<Value = Op> {
    (any::<u8>(), any::<u32>(), any::<u32>())
}

/// Structure edits then, sometimes, byte edits of the text.
#[derive(Clone, Debug)]
pub struct Edits {
    pub json: Vec<Op>,
    pub text: Vec<Op>,
}

pub fn edits() -> impl Strategy<Value = Edits> {
    (
        prop_oneof![
            1 => prop::collection::vec(op(), 0..1),
            4 => prop::collection::vec(op(), 1..3),
            1 => prop::collection::vec(op(), 3..7),
        ],
        prop_oneof![4 => Just(Vec::new()), 1 => prop::collection::vec(op(), 1..3)],
    )
        .prop_map(|(json, text)| Edits { json, text })
}

/// Numbers a parser must take or refuse: bounds of every integer type,
/// negative, fractional, huge, tiny.
pub const NUMBERS: &[&str] = &[
    "0",
    "-0",
    "-1",
    "1",
    "2",
    "7",
    "12",
    "13",
    "31",
    "99",
    "127",
    "128",
    "255",
    "256",
    "1000",
    "65535",
    "65536",
    "2147483647",
    "2147483648",
    "-2147483649",
    "4294967295",
    "4294967296",
    "9007199254740993",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551615",
    "0.5",
    "-0.0",
    "1.0000001",
    "3.4028236e38",
    "1e308",
    "-1e308",
    "1.7976931348623157e308",
    "5e-324",
    "1e-7",
];

const LONG: usize = 5_000;

/// Strings a parser must take or refuse: empty, spaces, not-numbers that
/// look like numbers, impossible dates, direction overrides and other
/// invisible characters, case mappings that change length, markup,
/// placeholders, very long.
pub fn strings() -> &'static [String] {
    static STRINGS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    STRINGS.get_or_init(make_strings)
}

fn make_strings() -> Vec<String> {
    let mut v: Vec<String> = [
        "",
        " ",
        "  x  ",
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "inf",
        "1e999",
        "-1",
        "0x1F",
        "1,5",
        "1.234,56",
        "+39",
        "٣",
        "12\u{0663}",
        "2026-02-30",
        "2026-13-01",
        "0000-01-01",
        "0001-01-01",
        "9999-12-31",
        "10000-01-01",
        "2026-12-03T25:61:61",
        "2026-12-03T08:00:00+01:00",
        "24:00",
        "23:59",
        "7:5",
        "\u{202E}ovnI\u{202C}",
        "\u{202B}عربي\u{202C}",
        "\u{2067}x\u{2069}",
        "\u{200B}",
        "\u{FEFF}",
        "\u{00A0}",
        "\u{0000}",
        "\t\n\r",
        "e\u{0301}",
        "İstanbul",
        "ß",
        "ﬃ",
        "Ǆ",
        "ΐ",
        "👩‍💻",
        "\u{10FFFF}",
        "\u{FFFD}",
        "%",
        "%zz%",
        "%E2%80",
        "a&b=c#d",
        "{",
        "}",
        "{name}",
        "{count}",
        "{{}}",
        "<",
        "<script>alert(1)</script>",
        "<style",
        "&#x110000;",
        "&#0;",
        "&#xD800;",
        "&amp",
        "RSSMRA85T10A562S",
        "rssmra85t10a562s",
        "RSSMRALPTMQLVMNS",
        "12345678903",
        "Z404",
        "A562",
        "H501",
        "BO",
        "it",
        "en",
        "ar",
        "xx",
        "true",
        "null",
        "JobPosting",
        "https://schema.org/JobPosting",
        "HOUR",
        "USD",
        "PART_TIME",
        "tempo_determinato",
        "C",
        "47",
        "5.1.2.2.0",
        "62.10.00",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push("a".repeat(LONG));
    v.push("é".repeat(LONG / 2));
    v.push("\u{202E}".repeat(300));
    v.push("0".repeat(400));
    v.push("9".repeat(40));
    v
}

fn pick<T: Clone>(list: &[T], i: u32) -> T {
    list[i as usize % list.len()].clone()
}

fn number(text: &str) -> Value {
    serde_json::from_str::<Number>(text)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

fn count(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count).sum(),
        Value::Object(o) => o.values().map(count).sum(),
        _ => 0,
    }
}

/// The node at pre-order position `i` (0 is the root), if there is one.
fn node_mut(v: &mut Value, mut i: usize) -> Option<&mut Value> {
    if i == 0 {
        return Some(v);
    }
    i -= 1;
    let children: Box<dyn Iterator<Item = &mut Value>> = match v {
        Value::Array(a) => Box::new(a.iter_mut()),
        Value::Object(o) => Box::new(o.values_mut()),
        _ => return None,
    };
    for c in children {
        let n = count(c);
        if i < n {
            return node_mut(c, i);
        }
        i -= n;
    }
    None
}

fn node(v: &Value, mut i: usize) -> Option<&Value> {
    if i == 0 {
        return Some(v);
    }
    i -= 1;
    let children: Box<dyn Iterator<Item = &Value>> = match v {
        Value::Array(a) => Box::new(a.iter()),
        Value::Object(o) => Box::new(o.values()),
        _ => return None,
    };
    for c in children {
        let n = count(c);
        if i < n {
            return node(c, i);
        }
        i -= n;
    }
    None
}

/// Keys a record may have, for adding an unknown or a repeated field.
const KEYS: &[&str] = &[
    "id",
    "x",
    "items",
    "schema_version",
    "feed",
    "@type",
    "@graph",
    "value",
    "other",
    "one",
    "",
    "\u{202E}",
];

fn edit_string(s: &str, kind: u32, at: u32) -> String {
    let chars: Vec<char> = s.chars().collect();
    let cut = if chars.is_empty() {
        0
    } else {
        at as usize % (chars.len() + 1)
    };
    let extra = pick(strings(), at / 7);
    match kind % 8 {
        0 => chars[..cut].iter().collect(),
        1 => {
            let mut t: String = chars[..cut].iter().collect();
            t.push_str(&extra);
            t.extend(&chars[cut..]);
            t
        }
        2 => s.to_uppercase(),
        3 => s.to_lowercase(),
        4 => format!(" {s} "),
        5 => s.repeat(1 + at as usize % 50),
        6 => chars.iter().rev().collect(),
        _ => {
            let mut t = chars.clone();
            if !t.is_empty() {
                let i = at as usize % t.len();
                t[i] = pick(
                    &['0', '9', 'Z', 'é', '\u{202E}', ' ', '-', '.', '+', 'X'],
                    at / 3,
                );
            }
            t.into_iter().collect()
        }
    }
}

/// An edit of the value in place (type kept where it can be).
fn edit_value(v: &mut Value, a: u32, b: u32) {
    match v {
        Value::String(s) => *s = edit_string(s, a, b),
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(0.0);
            *v = match a % 6 {
                0 => number(&format!("{}", -x)),
                1 => number(&format!("{}", x + 1.0)),
                2 => number(&format!("{}", x * 1e6)),
                3 => Value::String(n.to_string()),
                4 => number(&format!("{}", x + 0.5)),
                _ => number(&format!("{}", (x as i64).wrapping_sub(1))),
            }
        }
        Value::Bool(x) => *x = !*x,
        Value::Null => *v = Value::String(pick(strings(), b)),
        Value::Array(list) => match a % 6 {
            0 => list.clear(),
            1 => {
                if let Some(first) = list.get(b as usize % list.len().max(1)).cloned() {
                    let n = 1 + b as usize % 40;
                    list.extend(std::iter::repeat_n(first, n));
                }
            }
            2 => list.reverse(),
            3 => list.truncate(b as usize % (list.len() + 1)),
            4 => {
                if !list.is_empty() {
                    list.remove(b as usize % list.len());
                }
            }
            _ => list.push(Value::Null),
        },
        Value::Object(o) => match a % 5 {
            0 => {
                let keys: Vec<String> = o.keys().cloned().collect();
                if !keys.is_empty() {
                    o.remove(&keys[b as usize % keys.len()]);
                }
            }
            1 => {
                o.insert(
                    pick(KEYS, b).to_string(),
                    Value::String(pick(strings(), b / 13)),
                );
            }
            2 => {
                let keys: Vec<String> = o.keys().cloned().collect();
                if !keys.is_empty() {
                    let k = &keys[b as usize % keys.len()];
                    if let Some(x) = o.remove(k) {
                        o.insert(edit_string(k, b / 3, b / 5), x);
                    }
                }
            }
            3 => o.clear(),
            _ => {
                let keys: Vec<String> = o.keys().cloned().collect();
                if !keys.is_empty() {
                    let k = &keys[b as usize % keys.len()];
                    if let Some(x) = o.get_mut(k) {
                        *x = Value::Null;
                    }
                }
            }
        },
    }
}

/// One structure-aware edit of `root`: a node chosen by `a` is replaced
/// with another type, an interesting number or string, an empty or deeply
/// nested container, a copy of another node, or edited in place.
pub fn mutate_value(root: &mut Value, (kind, a, b): Op) {
    let n = count(root);
    let at = a as usize % n;
    let donor = node(root, b as usize % n).cloned();
    let Some(target) = node_mut(root, at) else {
        return;
    };
    *target = match kind % 12 {
        0 => Value::Null,
        1 => Value::Bool(b % 2 == 0),
        2 | 3 => number(pick(NUMBERS, b)),
        4 | 5 => Value::String(pick(strings(), b)),
        6 => match b % 2 {
            0 => Value::Array(Vec::new()),
            _ => Value::Object(Map::new()),
        },
        7 => {
            // Deep nesting: past serde_json's recursion limit (128) now and then.
            let mut v = target.take();
            for i in 0..(1 + b % 160) {
                v = if i % 2 == 0 {
                    Value::Array(vec![v])
                } else {
                    let mut m = Map::new();
                    m.insert("value".into(), v);
                    Value::Object(m)
                };
            }
            v
        }
        8 => donor.unwrap_or(Value::Null),
        _ => {
            let mut v = target.take();
            edit_value(&mut v, b, b.rotate_left(11) ^ a);
            v
        }
    };
}

/// Bytes a text edit inserts: JSON punctuation, digits, quotes, escapes.
const ALPHABET: &[u8] = b"{}[]\",:\\/0123456789-+.eE aZ\t\n\x00\xff\xc3";

/// One byte-level edit: truncate, flip a bit, insert or delete bytes,
/// duplicate a range, or put a byte-order mark in front.
pub fn mutate_bytes(bytes: &mut Vec<u8>, (kind, a, b): Op) {
    let len = bytes.len();
    let at = a as usize % (len + 1);
    match kind % 8 {
        0 => bytes.truncate(at),
        1 if len > 0 => bytes[at % len] ^= 1 << (b % 8),
        2 => bytes.insert(at, ALPHABET[b as usize % ALPHABET.len()]),
        3 if len > 0 => {
            let end = (at + 1 + b as usize % 16).min(len);
            bytes.drain(at.min(len)..end);
        }
        4 if len > 0 => {
            let start = at.min(len - 1);
            let end = (start + 1 + b as usize % 64).min(len);
            let chunk = bytes[start..end].to_vec();
            bytes.splice(start..start, chunk);
        }
        5 => {
            bytes.splice(0..0, "\u{FEFF}".bytes());
        }
        6 if len > 0 => bytes[at % len] = ALPHABET[b as usize % ALPHABET.len()],
        _ => {
            bytes.splice(at..at, b" \n".iter().copied());
        }
    }
}

/// `text` with byte edits applied (invalid UTF-8 replaced, as a browser's
/// `Response.text()` does).
pub fn mutate_text(text: &str, ops: &[Op]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for &o in ops {
        mutate_bytes(&mut bytes, o);
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A seed value edited by `edits`, as text.
pub fn mutate_json(seed: &Value, edits: &Edits) -> String {
    let mut v = seed.clone();
    for &o in &edits.json {
        mutate_value(&mut v, o);
    }
    let text = serde_json::to_string(&v).unwrap_or_default();
    if edits.text.is_empty() {
        text
    } else {
        mutate_text(&text, &edits.text)
    }
}

// ------------------------------------------------------------ arbitrary --

/// JSON-ish token soup: reaches further into a parser than random bytes.
pub fn json_soup() -> impl Strategy<Value = String> {
    const TOKENS: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "null",
        "true",
        "false",
        "0",
        "-1",
        "1e400",
        "1.5",
        "\"id\"",
        "\"items\"",
        "\"feed\"",
        "\"schema_version\"",
        "1",
        "\"x\"",
        "\"\\u202e\"",
        "\"\\ud800\"",
        "\" \"",
        "\"@type\"",
        "\"JobPosting\"",
        "\"@graph\"",
        "\"value\"",
    ];
    prop::collection::vec(prop::sample::select(TOKENS), 0..64).prop_map(|t| t.concat())
}

/// Any text: arbitrary Unicode, arbitrary bytes (lossy), or token soup.
pub fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(any::<u8>(), 0..512)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        json_soup(),
    ]
}

/// A JSON file of the repository, parsed once per call (callers keep it in
/// a `OnceLock`).
pub fn load_json(path: &str) -> Value {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// A feed envelope with a few of `all`'s items, chosen by `picks`: small
/// seeds (fast cases) drawn from the whole shipped file.
pub fn sample_feed(full: &Value, picks: &[u32]) -> Value {
    let mut out = serde_json::Map::new();
    if let Value::Object(o) = full {
        for (k, v) in o {
            if k != "items" {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    let all: &[Value] = full
        .get("items")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    let items: Vec<Value> = if all.is_empty() {
        Vec::new()
    } else {
        picks
            .iter()
            .map(|&p| all[p as usize % all.len()].clone())
            .collect()
    };
    out.insert("items".into(), Value::Array(items));
    Value::Object(out)
}

/// The picks of [`sample_feed`].
pub fn picks() -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(any::<u32>(), 1..4)
}
