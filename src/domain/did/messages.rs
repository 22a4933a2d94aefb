//! A problem with one form field ([`Issue`]); the message type itself is
//! `domain::message::Msg`.

pub use crate::domain::message::{Arg, Msg};

/// A problem with one field: `field` is the id of the element to focus (the
/// first radio of a group, the day box of a date).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issue {
    pub field: &'static str,
    pub msg: Msg,
}

impl crate::domain::message::FieldIssue for Issue {
    fn field(&self) -> &str {
        self.field
    }
    fn msg(&self) -> &Msg {
        &self.msg
    }
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
