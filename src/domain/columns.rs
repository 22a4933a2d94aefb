//! Columnar text: the compact form of the large reference feeds
//! (`belfiore.cols.txt`, `comuni.cols.txt`; docs/feeds-comuni.md).
//!
//! ```text
//! {"schema_version":1,"feed":"belfiore","generated_at":"…","demo":false,"source":"…","rows":N,"columns":["c:key~",…]}\n
//! value⇥value⇥…⇥value\n        one line per column, N values separated by TAB
//! …
//! ```
//!
//! The first line is the feed envelope as JSON (the same facts as the JSON
//! feeds, without `items`), checked as strictly: feed name, then schema
//! version (its own error kind), then unknown fields. `columns` must be
//! exactly the list this build reads (name and encoding). Each column is one
//! line of `rows` values; a value never contains TAB or newline. Encodings:
//!
//! | kind | value |
//! |---|---|
//! | `text` | the text, never empty |
//! | `text?` | the text; empty = none |
//! | `text~` | the text; empty = the same as the row before |
//! | `key~` | a code: empty = the same as the row before; `+N` = the row before with its trailing number increased by N, same width (`A001` `+1` → `A002`); otherwise the code itself |
//! | `day?` | days since 1970-01-01 (negative before); empty = none |
//! | `dec4~?` | a number with 4 decimals as an integer ×10⁴, written as the difference from the last value given above it in the column; empty = none |
//! | `flag` | `1` = true, empty = false |
//! | `list` | values separated by one space; empty = no values |
//!
//! Rows are read one at a time ([`Table::next_row`]), so a caller can stop
//! between rows and let the browser run. Everything is validated while
//! reading; bad input is a [`FeedError::Malformed`] naming the column and the
//! row, never a panic.

use super::date::Date;
use super::feed::{FeedError, FeedKind, FeedMeta};
use serde::Deserialize;

/// How a column's values are written (see the module doc).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Text,
    OptText,
    RepeatText,
    Key,
    OptDay,
    OptDec4Delta,
    Flag,
    List,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Text => "text",
            Encoding::OptText => "text?",
            Encoding::RepeatText => "text~",
            Encoding::Key => "key~",
            Encoding::OptDay => "day?",
            Encoding::OptDec4Delta => "dec4~?",
            Encoding::Flag => "flag",
            Encoding::List => "list",
        }
    }
}

/// One column of a feed's layout: its name and encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub encoding: Encoding,
}

impl Column {
    pub const fn new(name: &'static str, encoding: Encoding) -> Self {
        Column { name, encoding }
    }

    /// As written in the header: `"name:encoding"`.
    pub fn spec(self) -> String {
        format!("{}:{}", self.name, self.encoding.as_str())
    }
}

/// Minimal header read first, so a version mismatch gets its own message.
#[derive(Deserialize)]
struct MinimalHeader {
    schema_version: Option<u32>,
    feed: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    schema_version: u32,
    feed: String,
    generated_at: String,
    #[serde(default)]
    demo: bool,
    #[serde(default)]
    source: Option<String>,
    rows: usize,
    columns: Vec<String>,
}

/// A feed in columnar form read one item at a time.
pub trait RowReader {
    type Item;
    fn meta(&self) -> &FeedMeta;
    /// Items announced (safe to reserve: bounded by the text's length).
    fn rows(&self) -> usize;
    /// The next item; `None` after the last one.
    fn next_item(&mut self) -> Result<Option<Self::Item>, FeedError>;
}

/// A malformed cell: which column, which row (0-based), what is wrong.
struct CellError {
    column: usize,
    row: usize,
    what: String,
}

/// The values of one column, consumed row by row.
#[derive(Debug)]
struct Cursor<'a> {
    /// What is left of the line; `None` once its last value was read.
    rest: Option<&'a str>,
    /// The last value read (`text~`, `key~`).
    prev_text: Option<String>,
    /// The last number given (`dec4~?`).
    prev_number: i64,
}

impl<'a> Cursor<'a> {
    fn new(line: &'a str) -> Self {
        Cursor {
            rest: Some(line),
            prev_text: None,
            prev_number: 0,
        }
    }

    fn next(&mut self) -> Result<&'a str, String> {
        let rest = self
            .rest
            .ok_or_else(|| "fewer values than rows".to_string())?;
        match rest.split_once('\t') {
            Some((value, tail)) => {
                self.rest = Some(tail);
                Ok(value)
            }
            None => {
                self.rest = None;
                Ok(rest)
            }
        }
    }
}

/// A columnar file being read. It borrows the text.
#[derive(Debug)]
pub struct Table<'a> {
    kind: FeedKind,
    meta: FeedMeta,
    layout: &'static [Column],
    rows: usize,
    read: usize,
    cursors: Vec<Cursor<'a>>,
}

fn malformed(kind: FeedKind, detail: impl Into<String>) -> FeedError {
    FeedError::Malformed {
        feed: kind,
        detail: detail.into(),
    }
}

impl<'a> Table<'a> {
    /// Check the header (feed, version, layout) and split the columns.
    pub fn open(
        kind: FeedKind,
        text: &'a str,
        layout: &'static [Column],
    ) -> Result<Self, FeedError> {
        let (head, body) = text
            .split_once('\n')
            .ok_or_else(|| malformed(kind, "no header line"))?;
        let minimal: MinimalHeader = serde_json::from_str(head)
            .map_err(|e| malformed(kind, crate::domain::feed::short_detail(&e)))?;
        match minimal.feed.as_deref() {
            Some(name) if name == kind.name() => {}
            Some(other) => {
                return Err(FeedError::WrongFeed {
                    feed: kind,
                    found: other.to_string(),
                })
            }
            None => return Err(malformed(kind, "missing field `feed`")),
        }
        match minimal.schema_version {
            Some(v) if v == kind.schema_version() => {}
            Some(v) => {
                return Err(FeedError::UnsupportedVersion {
                    feed: kind,
                    found: v,
                })
            }
            None => return Err(malformed(kind, "missing field `schema_version`")),
        }
        let header: Header = serde_json::from_str(head)
            .map_err(|e| malformed(kind, crate::domain::feed::short_detail(&e)))?;
        let expected: Vec<String> = layout.iter().map(|c| c.spec()).collect();
        if header.columns != expected {
            return Err(malformed(
                kind,
                format!(
                    "columns {:?}, expected {:?}",
                    header.columns.join(" "),
                    expected.join(" ")
                ),
            ));
        }
        let mut cursors = Vec::with_capacity(layout.len());
        let mut rest = body;
        for column in layout {
            let (line, tail) = rest.split_once('\n').ok_or_else(|| {
                malformed(
                    kind,
                    format!("column `{}`: missing or unterminated", column.name),
                )
            })?;
            // n values need at least n - 1 bytes: the count is bounded by
            // the text, so callers may reserve `rows()` items.
            if header.rows > line.len() + 1 {
                return Err(malformed(
                    kind,
                    format!(
                        "column `{}`: fewer values than rows ({})",
                        column.name, header.rows
                    ),
                ));
            }
            let mut cursor = Cursor::new(line);
            if header.rows == 0 {
                if !line.is_empty() {
                    return Err(malformed(
                        kind,
                        format!("column `{}`: values but no rows", column.name),
                    ));
                }
                cursor.rest = None;
            }
            cursors.push(cursor);
            rest = tail;
        }
        if !rest.is_empty() {
            return Err(malformed(kind, "text after the last column"));
        }
        Ok(Table {
            kind,
            meta: FeedMeta {
                schema_version: header.schema_version,
                feed: header.feed,
                generated_at: header.generated_at,
                demo: header.demo,
                source: header.source,
            },
            layout,
            rows: header.rows,
            read: 0,
            cursors,
        })
    }

    pub fn meta(&self) -> &FeedMeta {
        &self.meta
    }

    /// Rows announced by the header (at most one per byte of a column, so
    /// safe to reserve).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Rows not read yet.
    pub fn remaining(&self) -> usize {
        self.rows - self.read
    }

    /// Read the next row with `read` (which takes the cells in any order,
    /// each once); `None` when every row has been read.
    pub fn next_row<T>(
        &mut self,
        read: impl FnOnce(&mut Row<'_, 'a>) -> Result<T, BadCell>,
    ) -> Result<Option<T>, FeedError> {
        if self.read >= self.rows {
            return Ok(None);
        }
        let mut row = Row {
            cursors: &mut self.cursors,
            row: self.read,
            error: None,
        };
        let result = read(&mut row);
        let error = row.error.take();
        match (result, error) {
            (Ok(value), None) => {
                self.read += 1;
                if self.read == self.rows {
                    self.check_exhausted()?;
                }
                Ok(Some(value))
            }
            (_, Some(e)) => Err(self.cell_error(e)),
            (Err(BadCell), None) => Err(malformed(self.kind, format!("row {}", self.read + 1))),
        }
    }

    fn check_exhausted(&self) -> Result<(), FeedError> {
        for (i, c) in self.cursors.iter().enumerate() {
            if c.rest.is_some() {
                let name = self.layout.get(i).map_or("?", |c| c.name);
                return Err(malformed(
                    self.kind,
                    format!("column `{name}`: more values than rows ({})", self.rows),
                ));
            }
        }
        Ok(())
    }

    fn cell_error(&self, e: CellError) -> FeedError {
        let name = self.layout.get(e.column).map_or("?", |c| c.name);
        malformed(
            self.kind,
            format!("column `{name}`, row {}: {}", e.row + 1, e.what),
        )
    }
}

/// A cell that could not be read; what was wrong is recorded in the
/// [`Row`], and [`Table::next_row`] turns it into a [`FeedError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BadCell;

/// The cells of the row being read. A method returns `Err(BadCell)` after
/// recording what was wrong.
pub struct Row<'t, 'a> {
    cursors: &'t mut [Cursor<'a>],
    row: usize,
    error: Option<CellError>,
}

impl<'a> Row<'_, 'a> {
    fn fail<T>(&mut self, column: usize, what: impl Into<String>) -> Result<T, BadCell> {
        if self.error.is_none() {
            self.error = Some(CellError {
                column,
                row: self.row,
                what: what.into(),
            });
        }
        Err(BadCell)
    }

    fn raw(&mut self, column: usize) -> Result<&'a str, BadCell> {
        let Some(cursor) = self.cursors.get_mut(column) else {
            return self.fail(column, "no such column");
        };
        match cursor.next() {
            Ok(v) => Ok(v),
            Err(what) => self.fail(column, what),
        }
    }

    fn cursor(&mut self, column: usize) -> Result<&mut Cursor<'a>, BadCell> {
        if column < self.cursors.len() {
            Ok(&mut self.cursors[column])
        } else {
            self.fail(column, "no such column")
        }
    }

    /// `text`: never empty.
    pub fn text(&mut self, column: usize) -> Result<String, BadCell> {
        let v = self.raw(column)?;
        if v.is_empty() {
            return self.fail(column, "empty value");
        }
        Ok(v.to_string())
    }

    /// `text?`: empty = none.
    pub fn opt_text(&mut self, column: usize) -> Result<Option<String>, BadCell> {
        let v = self.raw(column)?;
        Ok((!v.is_empty()).then(|| v.to_string()))
    }

    /// `text~`: empty = the value of the row before.
    pub fn repeat_text(&mut self, column: usize) -> Result<String, BadCell> {
        let v = self.raw(column)?;
        let cursor = self.cursor(column)?;
        if v.is_empty() {
            match cursor.prev_text.clone() {
                Some(prev) => Ok(prev),
                None => self.fail(column, "empty value in the first row"),
            }
        } else {
            cursor.prev_text = Some(v.to_string());
            Ok(v.to_string())
        }
    }

    /// `key~`: empty = the row before; `+N` = the row before's trailing
    /// number plus N, same width; otherwise the code itself.
    pub fn key(&mut self, column: usize) -> Result<String, BadCell> {
        let v = self.raw(column)?;
        let prev = self.cursor(column)?.prev_text.clone();
        let value = if v.is_empty() {
            match prev {
                Some(p) => p,
                None => return self.fail(column, "empty value in the first row"),
            }
        } else if let Some(step) = v.strip_prefix('+') {
            let Some(step) = parse_unsigned(step) else {
                return self.fail(column, format!("bad step {v:?}"));
            };
            let Some(prev) = prev else {
                return self.fail(column, "a step in the first row");
            };
            match step_key(&prev, step) {
                Some(k) => k,
                None => return self.fail(column, format!("cannot step {prev:?} by {step}")),
            }
        } else {
            v.to_string()
        };
        self.cursor(column)?.prev_text = Some(value.clone());
        Ok(value)
    }

    /// `day?`: days since 1970-01-01; empty = none.
    pub fn opt_day(&mut self, column: usize) -> Result<Option<Date>, BadCell> {
        let v = self.raw(column)?;
        if v.is_empty() {
            return Ok(None);
        }
        match parse_signed(v).and_then(Date::from_days) {
            Some(d) => Ok(Some(d)),
            None => self.fail(column, format!("bad day number {v:?}")),
        }
    }

    /// `dec4~?`: the difference from the last value, ×10⁴; empty = none.
    pub fn opt_dec4_delta(&mut self, column: usize) -> Result<Option<f64>, BadCell> {
        let v = self.raw(column)?;
        if v.is_empty() {
            return Ok(None);
        }
        let prev = self.cursor(column)?.prev_number;
        // At most 15 digits: every value stays an exact integer in an f64.
        let value = parse_signed(v)
            .and_then(|d| prev.checked_add(d))
            .filter(|n| n.unsigned_abs() < 1_000_000_000_000_000);
        match value {
            Some(n) => {
                self.cursor(column)?.prev_number = n;
                // Exact integer divided by 10⁴: the nearest f64 to the
                // decimal, the same value JSON parsing gives.
                Ok(Some(n as f64 / 10_000.0))
            }
            None => self.fail(column, format!("bad number {v:?}")),
        }
    }

    /// `flag`: `1` or empty.
    pub fn flag(&mut self, column: usize) -> Result<bool, BadCell> {
        match self.raw(column)? {
            "" => Ok(false),
            "1" => Ok(true),
            other => self.fail(column, format!("bad flag {other:?}")),
        }
    }

    /// `list`: values separated by one space; empty = none.
    pub fn list(&mut self, column: usize) -> Result<Vec<String>, BadCell> {
        let v = self.raw(column)?;
        if v.is_empty() {
            return Ok(Vec::new());
        }
        let parts: Vec<String> = v.split(' ').map(str::to_string).collect();
        if parts.iter().any(String::is_empty) {
            return self.fail(column, "empty list value");
        }
        Ok(parts)
    }
}

/// Digits only, no sign, no leading `+`.
fn parse_unsigned(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 18 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// An optional `-` then digits.
fn parse_signed(s: &str) -> Option<i64> {
    let (negative, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s),
    };
    let n = i64::try_from(parse_unsigned(digits)?).ok()?;
    Some(if negative { -n } else { n })
}

/// `prev` with its trailing decimal number increased by `step`, keeping its
/// width; `None` if it has no trailing number or the result does not fit.
pub fn step_key(prev: &str, step: u64) -> Option<String> {
    let digits = prev.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 18 {
        return None;
    }
    let (stem, number) = prev.split_at(prev.len() - digits);
    let next = number.parse::<u64>().ok()?.checked_add(step)?;
    let text = format!("{next:0digits$}");
    (text.len() == digits).then(|| format!("{stem}{text}"))
}

// ------------------------------------------------------------------ writer --

/// Writes a columnar file, column by column (the generator's format; the
/// reference encoder for tests and tools).
pub struct Writer {
    layout: &'static [Column],
    columns: Vec<Vec<String>>,
    prev_text: Vec<Option<String>>,
    prev_number: Vec<i64>,
    rows: usize,
}

/// A value the format cannot hold (TAB, newline, an empty `text`…).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteError(pub String);

impl Writer {
    pub fn new(layout: &'static [Column]) -> Self {
        Writer {
            layout,
            columns: vec![Vec::new(); layout.len()],
            prev_text: vec![None; layout.len()],
            prev_number: vec![0; layout.len()],
            rows: 0,
        }
    }

    /// Start a row; then give every column once, in order.
    pub fn row(&mut self) -> RowWriter<'_> {
        self.rows += 1;
        RowWriter {
            writer: self,
            column: 0,
        }
    }

    /// The whole file.
    pub fn finish(self, meta: &FeedMeta) -> Result<String, WriteError> {
        if let Some((i, c)) = self
            .columns
            .iter()
            .enumerate()
            .find(|(_, c)| c.len() != self.rows)
        {
            return Err(WriteError(format!(
                "column {i}: {} values for {} rows",
                c.len(),
                self.rows
            )));
        }
        let header = HeaderOut {
            schema_version: meta.schema_version,
            feed: &meta.feed,
            generated_at: &meta.generated_at,
            demo: meta.demo,
            source: meta.source.as_deref(),
            rows: self.rows,
            columns: self.layout.iter().map(|c| c.spec()).collect(),
        };
        let mut out = serde_json::to_string(&header).map_err(|e| WriteError(e.to_string()))?;
        out.push('\n');
        for c in &self.columns {
            out.push_str(&c.join("\t"));
            out.push('\n');
        }
        Ok(out)
    }
}

/// The header as written, fields in this order.
#[derive(serde::Serialize)]
struct HeaderOut<'m> {
    schema_version: u32,
    feed: &'m str,
    generated_at: &'m str,
    demo: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'m str>,
    rows: usize,
    columns: Vec<String>,
}

/// The cells of one row, given in column order.
pub struct RowWriter<'w> {
    writer: &'w mut Writer,
    column: usize,
}

fn clean(s: &str) -> Result<&str, WriteError> {
    if s.contains(['\t', '\n', '\r']) {
        Err(WriteError(format!("TAB or newline in {s:?}")))
    } else {
        Ok(s)
    }
}

impl RowWriter<'_> {
    fn push(&mut self, encoding: Encoding, value: String) -> Result<&mut Self, WriteError> {
        let i = self.column;
        match self.writer.layout.get(i) {
            Some(c) if c.encoding == encoding => {}
            Some(c) => {
                return Err(WriteError(format!(
                    "column {} is {}, not {}",
                    c.name,
                    c.encoding.as_str(),
                    encoding.as_str()
                )))
            }
            None => return Err(WriteError(format!("no column {i}"))),
        }
        if let Some(col) = self.writer.columns.get_mut(i) {
            col.push(value);
        }
        self.column += 1;
        Ok(self)
    }

    fn prev_text(&mut self) -> &mut Option<String> {
        let i = self.column;
        &mut self.writer.prev_text[i]
    }

    pub fn text(&mut self, v: &str) -> Result<&mut Self, WriteError> {
        if v.is_empty() {
            return Err(WriteError("empty text".into()));
        }
        let v = clean(v)?.to_string();
        self.push(Encoding::Text, v)
    }

    pub fn opt_text(&mut self, v: Option<&str>) -> Result<&mut Self, WriteError> {
        match v {
            Some("") => Err(WriteError("empty optional text".into())),
            Some(s) => {
                let s = clean(s)?.to_string();
                self.push(Encoding::OptText, s)
            }
            None => self.push(Encoding::OptText, String::new()),
        }
    }

    pub fn repeat_text(&mut self, v: &str) -> Result<&mut Self, WriteError> {
        if v.is_empty() {
            return Err(WriteError("empty text".into()));
        }
        let v = clean(v)?;
        let prev = self.prev_text();
        let cell = if prev.as_deref() == Some(v) {
            String::new()
        } else {
            *prev = Some(v.to_string());
            v.to_string()
        };
        self.push(Encoding::RepeatText, cell)
    }

    pub fn key(&mut self, v: &str) -> Result<&mut Self, WriteError> {
        if v.is_empty() || v.starts_with('+') {
            return Err(WriteError(format!("key {v:?} cannot be written")));
        }
        let v = clean(v)?;
        let prev = self.prev_text().clone();
        let cell = match prev.as_deref() {
            Some(p) if p == v => String::new(),
            Some(p) => key_step(p, v).map_or_else(|| v.to_string(), |s| format!("+{s}")),
            None => v.to_string(),
        };
        *self.prev_text() = Some(v.to_string());
        self.push(Encoding::Key, cell)
    }

    pub fn opt_day(&mut self, v: Option<Date>) -> Result<&mut Self, WriteError> {
        let cell = v
            .map(|d| d.days_from_civil().to_string())
            .unwrap_or_default();
        self.push(Encoding::OptDay, cell)
    }

    pub fn opt_dec4_delta(&mut self, v: Option<f64>) -> Result<&mut Self, WriteError> {
        let cell = match v {
            None => String::new(),
            Some(x) => {
                let scaled = (x * 10_000.0).round();
                if !scaled.is_finite() || scaled.abs() >= 1e15 || scaled / 10_000.0 != x {
                    return Err(WriteError(format!("{x} is not a 4-decimal number")));
                }
                let n = scaled as i64;
                let i = self.column;
                let prev = self.writer.prev_number[i];
                self.writer.prev_number[i] = n;
                (n - prev).to_string()
            }
        };
        self.push(Encoding::OptDec4Delta, cell)
    }

    pub fn flag(&mut self, v: bool) -> Result<&mut Self, WriteError> {
        self.push(Encoding::Flag, if v { "1".into() } else { String::new() })
    }

    pub fn list(&mut self, v: &[String]) -> Result<&mut Self, WriteError> {
        if v.iter().any(|s| s.is_empty() || s.contains(' ')) {
            return Err(WriteError(format!("list {v:?} cannot be written")));
        }
        for s in v {
            clean(s)?;
        }
        self.push(Encoding::List, v.join(" "))
    }
}

/// The step from `prev` to `next` when `next` is `prev` with a larger
/// trailing number of the same width.
fn key_step(prev: &str, next: &str) -> Option<u64> {
    let digits = prev.bytes().rev().take_while(u8::is_ascii_digit).count();
    let next_digits = next.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits != next_digits || digits > 18 || prev.len() != next.len() {
        return None;
    }
    let cut = prev.len() - digits;
    if prev.get(..cut) != next.get(..cut) {
        return None;
    }
    let a: u64 = prev.get(cut..)?.parse().ok()?;
    let b: u64 = next.get(cut..)?.parse().ok()?;
    let step = b.checked_sub(a).filter(|s| *s > 0)?;
    (step_key(prev, step).as_deref() == Some(next)).then_some(step)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAYOUT: &[Column] = &[
        Column::new("k", Encoding::Key),
        Column::new("t", Encoding::Text),
        Column::new("o", Encoding::OptText),
        Column::new("r", Encoding::RepeatText),
        Column::new("d", Encoding::OptDay),
        Column::new("n", Encoding::OptDec4Delta),
        Column::new("f", Encoding::Flag),
        Column::new("l", Encoding::List),
    ];

    type Cells = (
        String,
        String,
        Option<String>,
        String,
        Option<Date>,
        Option<f64>,
        bool,
        Vec<String>,
    );

    fn meta() -> FeedMeta {
        FeedMeta {
            schema_version: 1,
            feed: "comuni".into(),
            generated_at: "2026-11-23".into(),
            demo: true,
            source: Some("test".into()),
        }
    }

    fn write(rows: &[Cells]) -> String {
        let mut w = Writer::new(LAYOUT);
        for r in rows {
            w.row()
                .key(&r.0)
                .and_then(|w| w.text(&r.1))
                .and_then(|w| w.opt_text(r.2.as_deref()))
                .and_then(|w| w.repeat_text(&r.3))
                .and_then(|w| w.opt_day(r.4))
                .and_then(|w| w.opt_dec4_delta(r.5))
                .and_then(|w| w.flag(r.6))
                .and_then(|w| w.list(&r.7))
                .unwrap();
        }
        w.finish(&meta()).unwrap()
    }

    fn read(text: &str) -> Result<(FeedMeta, Vec<Cells>), FeedError> {
        let mut t = Table::open(FeedKind::Comuni, text, LAYOUT)?;
        let mut out = Vec::new();
        while let Some(r) = t.next_row(|r| {
            Ok((
                r.key(0)?,
                r.text(1)?,
                r.opt_text(2)?,
                r.repeat_text(3)?,
                r.opt_day(4)?,
                r.opt_dec4_delta(5)?,
                r.flag(6)?,
                r.list(7)?,
            ))
        })? {
            out.push(r);
        }
        Ok((t.meta().clone(), out))
    }

    fn sample() -> Vec<Cells> {
        let d = |y, m, dd| Date::new(y, m, dd);
        vec![
            (
                "A001".into(),
                "Abano".into(),
                None,
                "PD".into(),
                d(1866, 11, 19),
                Some(45.3659),
                false,
                vec!["35031".into()],
            ),
            (
                "A001".into(),
                "Abano Terme".into(),
                Some("Abano".into()),
                "PD".into(),
                None,
                None,
                true,
                vec![],
            ),
            (
                "A009".into(),
                "Sant'Agata".into(),
                None,
                "BO".into(),
                d(1970, 1, 1),
                Some(-0.0001),
                false,
                vec!["00100".into(), "00199".into()],
            ),
            (
                "ND".into(),
                "Città".into(),
                None,
                "BO".into(),
                d(1, 1, 1),
                Some(7.0),
                false,
                vec![],
            ),
        ]
    }

    #[test]
    fn round_trip() {
        let rows = sample();
        let text = write(&rows);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 1 + LAYOUT.len());
        assert_eq!(lines[1], "A001\t\t+8\tND");
        assert_eq!(lines[5], &format!("-37663\t\t0\t{}", -719_162));
        assert_eq!(lines[6], "453659\t\t-453660\t70001");
        let (m, back) = read(&text).unwrap();
        assert_eq!(m, meta());
        assert_eq!(back, rows);
        assert_eq!(read(&write(&[])).unwrap().1, vec![]);
    }

    #[test]
    fn header_errors_have_their_kinds() {
        let text = write(&sample());
        let v9 = text.replacen("\"schema_version\":1", "\"schema_version\":9", 1);
        assert_eq!(
            read(&v9).unwrap_err(),
            FeedError::UnsupportedVersion {
                feed: FeedKind::Comuni,
                found: 9
            }
        );
        let other = text.replacen("\"feed\":\"comuni\"", "\"feed\":\"belfiore\"", 1);
        assert!(matches!(read(&other), Err(FeedError::WrongFeed { .. })));
        let extra = text.replacen("\"demo\":true", "\"demo\":true,\"x\":1", 1);
        assert!(matches!(read(&extra), Err(FeedError::Malformed { .. })));
        let layout = text.replacen("\"t:text\"", "\"t:text?\"", 1);
        let e = read(&layout).unwrap_err();
        assert!(format!("{e:?}").contains("expected"), "{e:?}");
        assert!(matches!(read(""), Err(FeedError::Malformed { .. })));
        // The JSON feed served in its place.
        let json = "{\"schema_version\":1,\"feed\":\"comuni\",\"items\":[\n{}\n]}\n";
        assert!(matches!(read(json), Err(FeedError::Malformed { .. })));
    }

    #[test]
    fn cell_errors_name_column_and_row() {
        let text = write(&sample());
        let detail = |t: &str| match read(t) {
            Err(FeedError::Malformed { detail, .. }) => detail,
            other => panic!("{other:?}"),
        };
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines[7] = "\t2\t\t".into();
        let bad_flag = lines.join("\n") + "\n";
        assert_eq!(detail(&bad_flag), "column `f`, row 2: bad flag \"2\"");
        let short = text.replacen("\tND\n", "\n", 1);
        assert_eq!(detail(&short), "column `k`, row 4: fewer values than rows");
        let long = text.replacen("\tND\n", "\tND\tZ\n", 1);
        assert!(detail(&long).contains("more values than rows"));
        let truncated = &text[..text.len() - 1];
        assert!(detail(truncated).contains("unterminated"));
        let trailing = format!("{text}x");
        assert_eq!(detail(&trailing), "text after the last column");
        let first_empty = text.replacen("\nA001\t", "\n\t", 1);
        assert!(detail(&first_empty).contains("first row"));
    }

    #[test]
    fn keys_step_with_their_width() {
        assert_eq!(step_key("A009", 1).as_deref(), Some("A010"));
        assert_eq!(step_key("001315", 687).as_deref(), Some("002002"));
        assert_eq!(step_key("A999", 1), None);
        assert_eq!(step_key("ND", 1), None);
        assert_eq!(step_key("9", u64::MAX), None);
        assert_eq!(key_step("A009", "A010"), Some(1));
        assert_eq!(key_step("A010", "A009"), None);
        assert_eq!(key_step("A010", "B011"), None);
        assert_eq!(key_step("A1", "A01"), None);
    }

    #[test]
    fn writer_refuses_what_it_cannot_hold() {
        let mut w = Writer::new(LAYOUT);
        assert!(w.row().key("+1").is_err());
        let mut w = Writer::new(LAYOUT);
        assert!(w.row().key("A").and_then(|r| r.text("a\tb")).is_err());
        let mut w = Writer::new(LAYOUT);
        assert!(w.row().text("x").is_err(), "wrong column order");
        let mut w = Writer::new(LAYOUT);
        let too_precise = w
            .row()
            .key("A")
            .and_then(|r| r.text("x"))
            .and_then(|r| r.opt_text(None))
            .and_then(|r| r.repeat_text("x"))
            .and_then(|r| r.opt_day(None))
            .and_then(|r| r.opt_dec4_delta(Some(1.23456)))
            .is_err();
        assert!(too_precise);
        let mut w = Writer::new(LAYOUT);
        let _ = w.row().key("A");
        assert!(w.finish(&meta()).is_err(), "incomplete row");
    }

    /// Outside input: whatever the bytes, an error or a table, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic() {
        let base = write(&sample());
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let alphabet = b"\t\n+-0123456789A ~\"{}:,";
        for i in 0..20_000 {
            let mut b = base.as_bytes().to_vec();
            for _ in 0..1 + next() % 6 {
                let pos = (next() as usize) % (b.len() + 1);
                match next() % 4 {
                    0 if pos < b.len() => {
                        b.remove(pos);
                    }
                    1 => b.insert(pos, alphabet[(next() as usize) % alphabet.len()]),
                    2 if pos < b.len() => b[pos] = (next() % 256) as u8,
                    _ => b.truncate(pos),
                }
            }
            if i % 7 == 0 {
                b = (0..next() % 300).map(|_| (next() % 256) as u8).collect();
            }
            let text = String::from_utf8_lossy(&b);
            let _ = read(&text);
        }
    }
}
