//! A translatable message: a key of the locale files with its `{name}`
//! arguments. Every error kind and rule message of the domain gives one; the
//! view renders it in the reader's language (`crate::i18n::tm`).

/// An argument of a message: literal text, a translation key, or a message
/// of its own (which chooses its plural form by its own count).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Key(&'static str),
    Msg(Box<Msg>),
}

/// Gives the text of a key, choosing a plural form by the text arguments.
pub type Template<'a> = dyn Fn(&str, &[(&str, &str)]) -> String + 'a;

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

    /// A message argument, rendered with its own arguments (and so its
    /// own plural form: "1 candidatura" inside "0 di 1 {what}").
    pub fn msg_arg(mut self, name: &'static str, msg: Msg) -> Msg {
        self.args.push((name, Arg::Msg(Box::new(msg))));
        self
    }

    /// Fill the template returned by `tr(key)`; plural forms are not chosen
    /// (see [`Msg::render_with`]).
    pub fn render(&self, tr: &dyn Fn(&str) -> String) -> String {
        self.render_with(&|k, _| tr(k))
    }

    /// Fill the template returned by `tr(key, text arguments)`, which may
    /// choose a plural form by them. Key arguments are translated with the
    /// same text arguments and message arguments are rendered, and both are
    /// inserted first (they may bring their own placeholders); text
    /// arguments are then filled in one pass, so a typed value such as
    /// "{name}" is never read as a placeholder.
    pub fn render_with(&self, tr: &Template) -> String {
        let texts: Vec<(&str, &str)> = self
            .args
            .iter()
            .filter_map(|(n, a)| match a {
                Arg::Text(t) => Some((*n, t.as_str())),
                _ => None,
            })
            .collect();
        let mut s = tr(self.key, &texts);
        for (name, arg) in &self.args {
            let inner = match arg {
                Arg::Key(k) => tr(k, &texts),
                Arg::Msg(m) => m.render_with(tr),
                Arg::Text(_) => continue,
            };
            s = s.replace(&format!("{{{name}}}"), &inner);
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

    #[test]
    fn plural_forms_follow_each_messages_own_count() {
        let m = Msg::new("outer")
            .msg_arg("what", Msg::new("inner").text("n", "1"))
            .key_arg("left", "left")
            .text("days", "3");
        let tr = |k: &str, args: &[(&str, &str)]| {
            let n = |name: &str| {
                args.iter()
                    .find(|(a, _)| *a == name)
                    .map(|(_, v)| *v == "1")
            };
            match (k, n("n"), n("days")) {
                ("outer", _, _) => "{what}, {left}".to_string(),
                ("inner", Some(true), _) => "one item".to_string(),
                ("inner", _, _) => "items".to_string(),
                ("left", _, Some(false)) => "{days} days".to_string(),
                _ => "?".to_string(),
            }
        };
        assert_eq!(m.render_with(&tr), "one item, 3 days");
    }
}
