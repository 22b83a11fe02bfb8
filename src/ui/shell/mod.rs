//! Everything around the forms: navigation, findings list, status line, menus and
//! shortcuts, dialogs (incl. the Excel import preview), undo history. `crate::app::App` puts them together.

pub mod commands;
pub mod comments;
pub mod compare;
pub mod dialogs;
pub mod files;
pub mod findings;
pub mod history;
pub mod import_preview;
pub mod nav;
pub mod places;
pub mod status;
