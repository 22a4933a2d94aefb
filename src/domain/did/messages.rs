//! Translatable messages: a key with its `{name}` arguments ([`Msg`]), and
//! a problem with one form field ([`Issue`]).

/// An argument of a message: literal text, or a translation key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Key(&'static str),
}

/// A translatable message: a key and its `{name}` arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(key: &'static str) -> Msg {
        Msg {
            key,
            args: Vec::new(),
        }
    }

    pub fn text(mut self, name: &'static str, value: impl Into<String>) -> Msg {
        self.args.push((name, Arg::Text(value.into())));
        self
    }

    pub fn key_arg(mut self, name: &'static str, key: &'static str) -> Msg {
        self.args.push((name, Arg::Key(key)));
        self
    }

    /// Fill the template returned by `tr(key)`. Key arguments are
    /// translated with `tr` and inserted first (they may bring their own
    /// placeholders); text arguments are then filled in one pass, so a typed
    /// value such as "{name}" is never read as a placeholder.
    pub fn render(&self, tr: &dyn Fn(&str) -> String) -> String {
        let mut s = tr(self.key);
        for (name, arg) in &self.args {
            if let Arg::Key(k) = arg {
                s = s.replace(&format!("{{{name}}}"), &tr(k));
            }
        }
        let text_of = |name: &str| {
            self.args.iter().find_map(|(n, a)| match a {
                Arg::Text(t) if *n == name => Some(t.as_str()),
                _ => None,
            })
        };
        let mut out = String::with_capacity(s.len());
        let mut rest = s.as_str();
        while let Some(i) = rest.find('{') {
            out.push_str(rest.get(..i).unwrap_or_default());
            let after = rest.get(i + 1..).unwrap_or_default();
            match after.find('}') {
                Some(j) => {
                    let name = after.get(..j).unwrap_or_default();
                    match text_of(name) {
                        Some(v) => out.push_str(v),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = after.get(j + 1..).unwrap_or_default();
                }
                None => {
                    out.push_str(rest.get(i..).unwrap_or_default());
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// A problem with one field: `field` is the id of the element to focus (the
/// first radio of a group, the day box of a date).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub field: &'static str,
    pub msg: Msg,
}

impl Issue {
    pub(super) fn new(field: &'static str, msg: Msg) -> Issue {
        Issue { field, msg }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::did::test_support::it;

    #[test]
    fn typed_text_is_never_a_placeholder() {
        let m = Msg::new("did.err.mismatch_surname")
            .text("in_code", "CCC")
            .text("entered", "{expected}")
            .text("expected", "RSS");
        assert!(
            it(&m).contains("al cognome «{expected}», che darebbe RSS"),
            "{}",
            it(&m)
        );
        let odd = Msg {
            key: "did.err.cf_empty",
            args: vec![],
        };
        assert_eq!(odd.render(&|_| "a {b".to_string()), "a {b");
        assert_eq!(odd.render(&|_| "a {b} c".to_string()), "a {b} c");
    }
}
