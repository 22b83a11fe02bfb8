//! Per-draft wording of the template's layout (版式): a department whose county
//! prescribes "7、国有资产情况" where the template says "七、国有资产信息" replaces that
//! heading for its own draft, without a new template.
//!
//! An override names the template text it replaces by that text's source as written in
//! the template file, so it survives reordering and follows the text if the draft
//! switches to another template that has the same heading. Every exporter lays out the
//! document through `export::build`, which applies the overrides.

use serde::{Deserialize, Serialize};

/// The draft's replacements for template headings and fixed sentences.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Layout {
    pub overrides: Vec<TextOverride>,
}

/// One template text and what this draft prints instead.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TextOverride {
    /// The template's text as written in the template file ("七、国有资产信息",
    /// "{{ year }}年，我部门安排政府采购预算…").
    pub original: String,
    /// What the draft prints instead; may use the template's variables ({{ year }}…).
    /// Empty text drops the heading or sentence.
    pub text: String,
}

impl Layout {
    /// The replacement of template text `original`, if the draft has one.
    pub fn replacement(&self, original: &str) -> Option<&str> {
        self.overrides.iter().find(|o| o.original == original).map(|o| o.text.as_str())
    }

    /// Sets (or with `None` removes) the replacement of `original`.
    pub fn set(&mut self, original: &str, text: Option<String>) {
        self.overrides.retain(|o| o.original != original);
        if let Some(text) = text {
            self.overrides.push(TextOverride { original: original.to_owned(), text });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_replaces_and_removes() {
        let mut l = Layout::default();
        l.set("七、国有资产信息", Some("7、国有资产情况".into()));
        l.set("七、国有资产信息", Some("七、国有资产情况".into()));
        assert_eq!(l.replacement("七、国有资产信息"), Some("七、国有资产情况"));
        assert_eq!(l.overrides.len(), 1);
        l.set("七、国有资产信息", None);
        assert_eq!(l.replacement("七、国有资产信息"), None);
    }

    #[test]
    fn next_years_draft_keeps_the_wording() {
        let mut last = crate::model::Disclosure::new("示例局", 2024, "hebei-2024-tables");
        last.layout.set("九、国有资产信息", Some("9、国有资产情况".into()));
        let next = crate::model::carry::roll_forward(&last, 2025);
        assert_eq!(next.layout, last.layout);
    }
}
