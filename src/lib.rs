//! 预算公开编制助手: a desktop tool in which a finance officer prepares a department's
//! yearly budget disclosure (部门预算公开), checks it live and exports it as text and PDF.
//!
//! See `ARCHITECTURE.md` for how a number flows from a form field to the PDF.

pub mod app;
pub mod cli;
pub mod compare;
pub mod county;
pub mod export;
pub mod fonts;
pub mod import;
pub mod model;
pub mod review;
pub mod rules;
pub mod samples;
pub mod store;
pub mod template;
pub mod ui;
