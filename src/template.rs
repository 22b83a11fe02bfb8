//! Templates: a region's and year's section order, headings, fixed wording, glossary.
//!
//! Templates are data files in `templates/` (compiled in, see the README there), so a
//! finance bureau can change wording without touching code.

use crate::model::GlossaryEntry;

/// A disclosure layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// Stable id stored in drafts, e.g. "hebei-2020-parts".
    pub id: String,
    /// Name shown to officers.
    pub name: String,
    /// The standard glossary (名词解释) of this template.
    pub glossary: Vec<GlossaryEntry>,
}

/// The templates shipped with the program.
pub fn all() -> &'static [Template] {
    static ALL: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        [
            ("hebei-2020-parts", "2020 九部分版（第一部分…第九部分）"),
            ("hebei-2020-numbered", "2020 编号版（一、…九、）"),
            ("hebei-2024-tables", "2024 版（九张表 + 说明）"),
        ]
        .into_iter()
        .map(|(id, name)| Template { id: id.into(), name: name.into(), glossary: Vec::new() })
        .collect()
    })
}

/// The template with `id`.
pub fn find(id: &str) -> Option<&'static Template> {
    all().iter().find(|t| t.id == id)
}
