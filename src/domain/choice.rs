//! Closed lists of choices (applicant kinds, budget categories, …) defined once with their file
//! id and their French label, so the UI, the PDF and the messages all say the same thing.

/// A closed list of choices.
pub trait Choice: Sized + Copy + 'static {
    /// Every choice, in the order the UI lists them.
    const ALL: &'static [Self];
    /// The list's name, for the keys of its translations (`ApplicantKind`).
    const LIST: &'static str;
    /// The lower-case snake-case id used in files (`external_service`).
    fn id(self) -> &'static str;
    /// The French label shown to people.
    fn label(self) -> &'static str;
}

/// Defines a serde enum with its ids (snake case) and French labels, and implements [`Choice`].
macro_rules! choice_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($id:literal, $label:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        // Labels are French prose with product names (SecNumCloud), not Markdown.
        #[allow(clippy::doc_markdown)]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = $label] #[serde(rename = $id)] $variant ),+
        }

        impl $crate::domain::choice::Choice for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            const LIST: &'static str = stringify!($name);
            fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }
            fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::domain::choice::Choice::label(*self))
            }
        }
    };
}

pub(crate) use choice_enum;
