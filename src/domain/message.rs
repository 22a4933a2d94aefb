//! A translatable message: a key of the locale files with its `{name}`
//! arguments. Every error kind and rule message of the domain gives one; the
//! view renders it in the reader's language (`crate::i18n::tm`).

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

/// A problem with one field of a form: the field's id and its message. The
/// forms' issue types share it so that one view helper
/// (`components::error_summary::field_messages`) shows any of them.
pub trait FieldIssue {
    fn field(&self) -> &str;
    fn msg(&self) -> &Msg;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_arguments_are_translated_then_text_filled_once() {
        let m = Msg::new("outer").key_arg("what", "inner").text("n", "{n}");
        let tr = |k: &str| match k {
            "outer" => "{what}: {n}".to_string(),
            "inner" => "item {n}".to_string(),
            other => other.to_string(),
        };
        assert_eq!(m.render(&tr), "item {n}: {n}");
        let missing = Msg::new("x").render(&|_| "a {gone} b".to_string());
        assert_eq!(missing, "a {gone} b");
    }
}
