//! `form_signals!`: one signal per field of a form struct, so each input
//! binds to its own signal, and the whole form read (tracked, for the draft's
//! autosave, or untracked) and written back in one call. Every form page
//! uses it with its domain form type (which must be `Default`).
//!
//! ```ignore
//! form_signals! {
//!     /// One signal per field of [`MessageForm`].
//!     struct Fields for MessageForm { subject: String, body: String, urgent: bool }
//! }
//! ```

#[macro_export]
macro_rules! form_signals {
    ($(#[$meta:meta])* $vis:vis struct $name:ident for $form:ident { $($f:ident : $t:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy)]
        $vis struct $name { $(pub $f: RwSignal<$t>,)* }

        #[allow(dead_code)]
        impl $name {
            /// The signals, holding the blank form.
            $vis fn new() -> Self {
                let d = <$form>::default();
                $name { $($f: RwSignal::new(d.$f),)* }
            }

            /// The whole form, tracked (the draft's autosave reruns on any change).
            $vis fn form(&self) -> $form {
                $form { $($f: self.$f.get(),)* }
            }

            $vis fn form_untracked(&self) -> $form {
                $form { $($f: self.$f.get_untracked(),)* }
            }

            $vis fn set(&self, form: $form) {
                $(self.$f.set(form.$f);)*
            }

            /// Set only the fields that differ, so effects watching a field
            /// see real changes only.
            $vis fn set_changed(&self, form: $form) {
                $(if self.$f.with_untracked(|v| *v != form.$f) { self.$f.set(form.$f); })*
            }
        }
    };
}
