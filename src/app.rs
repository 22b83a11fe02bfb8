//! The application: window, menus, commands, files, undo, autosave.
//!
//! [`App`] owns the draft and everything around the forms: navigation, findings,
//! status line, dialogs. It needs no eframe to run (`App::ui` draws into any
//! `egui::Ui`), so the tests and the frame bench drive it headlessly; [`run`] wraps it
//! in a native window. Every user action is a [`Command`] executed in
//! [`App::execute`]; dialogs report a [`DialogAction`] handled in one place too.

mod desk;
mod interop;
mod notes;
mod settings;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rust_decimal::Decimal;

use crate::export::{self, ExportOptions, Format};
use crate::model::Disclosure;
use crate::rules::{self, Finding, Location, Section, Severity};
use crate::samples::{self, Seed};
use crate::store;
use crate::template;
use crate::ui::shell::commands::{self, MenuState};
use crate::ui::shell::compare::{self as compare_panel, CompareAction, ComparePanel};
use crate::ui::shell::dialogs::{self, After, Dialog, DialogAction, NewDraftForm, PathPurpose};
use crate::ui::shell::files::{FileBrowser, FileChooser, SystemChooser};
use crate::ui::shell::findings::{self, SeverityFilter};
use crate::ui::shell::history::History;
use crate::ui::shell::nav::{self, SectionCounts};
use crate::ui::shell::status::{self, Status};
use crate::ui::{self, EditBuffers, FormCtx, PendingInput};

pub use crate::ui::shell::commands::Command;
pub use crate::ui::shell::files::{FileRequest, NoSystemChooser};
pub use desk::{DeskPrefs, Notice, Opener, SystemOpener};
pub use settings::{RecoveryKey, Settings, write_recovery};

/// How long (seconds) a field jumped to from the findings list stays highlighted.
pub const FOCUS_SECS: f64 = 3.0;

/// How long (seconds) unsaved edits wait before a recovery copy is written.
pub const AUTOSAVE_SECS: f64 = 60.0;

/// The app icon (window and desktop entry), 256 × 256.
pub const ICON_PNG: &[u8] = include_bytes!("../assets/icons/budget-disclosure.png");

/// Opens the window on `file`, else the last file, else the built-in sample;
/// `review` makes it read-only.
pub fn run(file: Option<PathBuf>, review: bool) -> Result<(), String> {
    // The fonts are unpacked while the draft loads and the window opens.
    crate::fonts::warm_up();
    let config_dir = settings::config_dir();
    let remembered = config_dir.as_deref().map(Settings::load).unwrap_or_default();
    let mut load_error = None;
    let wanted = file.or(remembered.last_file.filter(|p| p.exists()));
    let (doc, path) = match wanted {
        Some(p) => match store::load(&p) {
            Ok(doc) => (doc, Some(p)),
            Err(e) => {
                load_error = Some(e.to_string());
                (samples::load(Seed::S000), None)
            }
        },
        None => (samples::load(Seed::S000), None),
    };
    let opened = path.clone();
    let mut app = App::new(doc, path, review).with_config_dir(config_dir).with_crash_copy();
    if let Some(p) = opened {
        app.remember_file(&p);
    }
    if let Some(e) = load_error {
        app.dialogs.push(Dialog::message("无法打开草稿", format!("{e}\n\n已改为打开内置示例草稿。")));
    }
    app.offer_recovery();

    let mut viewport = egui::ViewportBuilder::default()
        .with_inner_size([1366.0, 768.0])
        .with_min_inner_size([900.0, 560.0])
        .with_title("预算公开编制助手")
        // Matches the installed .desktop entry, so desktops show its icon and name.
        .with_app_id("budget-disclosure");
    // The bundled icon is checked by a test; a broken one only costs the window icon.
    if let Ok(icon) = eframe::icon_data::from_png_bytes(ICON_PNG) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions { viewport, ..Default::default() };
    eframe::run_native(
        "预算公开编制助手",
        options,
        Box::new(move |cc| {
            ui::fonts::install(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| e.to_string())
}

/// What a panic writes as a recovery copy: the draft as of the last change.
struct CrashCopy {
    dir: PathBuf,
    key: Option<RecoveryKey>,
    source: Option<PathBuf>,
    doc: Disclosure,
}

/// The unsaved draft of the window, kept for [`write_crash_copy`]; `None` when saved.
static CRASH_COPY: std::sync::Mutex<Option<CrashCopy>> = std::sync::Mutex::new(None);

/// Writes the unsaved draft kept for a crash as a recovery copy (called from the panic
/// hook: a bug costs no edits). True when a copy was written.
pub fn write_crash_copy() -> bool {
    let Ok(guard) = CRASH_COPY.try_lock() else { return false };
    let Some(copy) = guard.as_ref() else { return false };
    let key = match (&copy.key, &copy.source) {
        (Some(key), _) => Ok(key.clone()),
        (None, Some(path)) => Ok(RecoveryKey::for_file(path)),
        (None, None) => RecoveryKey::untitled(&copy.dir),
    };
    key.and_then(|key| settings::write_recovery(&copy.dir, &key, &copy.doc, copy.source.as_deref())).is_ok()
}

/// The whole app state: the draft, its file, history, findings and the UI around.
pub struct App {
    doc: Disclosure,
    path: Option<PathBuf>,
    review: bool,
    section: Section,
    edits: EditBuffers,
    history: History,
    /// Edited since the last save (or never saved).
    dirty: bool,
    /// The draft as last loaded or saved; `None` when it never was (new, restored).
    saved: Option<Disclosure>,
    findings: Vec<Finding>,
    counts: SectionCounts,
    /// The draft changed since `findings` were computed.
    findings_stale: bool,
    /// 收入总计 and 支出总计, computed with the findings.
    totals: (Decimal, Decimal),
    filter: SeverityFilter,
    /// The location jumped to, and until when (seconds) it is highlighted.
    focus: Option<(Location, f64)>,
    /// The form should scroll to `focus` even if it did for the same place before.
    rescroll: bool,
    /// Dialogs waiting to be shown; the first is on screen.
    dialogs: Vec<Dialog>,
    queued: Vec<Command>,
    /// Where settings and the recovery copy live; `None`: remember nothing.
    config_dir: Option<PathBuf>,
    /// When (seconds) the next recovery copy is due; `None` when nothing is unsaved.
    autosave_due: Option<f64>,
    /// The last recovery copy could not be written (reported once until one succeeds).
    autosave_failed: bool,
    /// The recovery copy this instance writes (and removes on save or clean exit).
    recovery_key: Option<RecoveryKey>,
    /// The copy offered in the 恢复 dialog; kept on disk until the user decides.
    offered_recovery: Option<RecoveryKey>,
    /// The pending inputs the findings were computed with.
    pending_seen: Vec<PendingInput>,
    /// A panic writes the unsaved draft as a recovery copy ([`App::with_crash_copy`]).
    crash_copy: bool,
    /// The user has agreed to close the window.
    quit_confirmed: bool,
    window_title: String,
    /// The time of the current frame (seconds, from egui).
    now: f64,
    validate: fn(&Disclosure) -> Vec<Finding>,
    /// Asks for files (the system's chooser; none in tests).
    chooser: Box<dyn FileChooser>,
    /// Opens the print PDF in the system's viewer.
    opener: Box<dyn Opener>,
    /// The in-app file browser, while open, and what the file is for.
    browser: Option<(FileBrowser, PathPurpose)>,
    /// Files chosen, to act on at the end of the frame.
    queued_paths: Vec<(PathPurpose, PathBuf)>,
    /// Panel sizes, type size, theme (remembered).
    prefs: DeskPrefs,
    /// `prefs` changed since they were saved.
    prefs_dirty: bool,
    /// The type size and theme have been applied to the context.
    look_applied: bool,
    /// 文件 → 最近打开, newest first.
    recent: Vec<PathBuf>,
    notice: Option<Notice>,
    find: Option<desk::FindBar>,
    /// The 对比 panel, when another version is being compared with the draft.
    compare: Option<ComparePanel>,
    /// Review notes (批注, settled findings) of the draft, kept in its review file.
    notes: notes::Notes,
}

impl App {
    /// An app on `doc` (saved at `path`, if any), read-only when `review`. It remembers
    /// nothing between runs until given a config folder ([`App::with_config_dir`]).
    pub fn new(doc: Disclosure, path: Option<PathBuf>, review: bool) -> Self {
        let notes = notes::Notes::load(path.as_deref(), review);
        let mut app = App {
            history: History::new(&doc),
            saved: Some(doc.clone()),
            doc,
            path,
            review,
            section: Section::Header,
            edits: EditBuffers::default(),
            dirty: false,
            findings: Vec::new(),
            counts: SectionCounts::default(),
            findings_stale: true,
            totals: (Decimal::ZERO, Decimal::ZERO),
            filter: SeverityFilter::default(),
            focus: None,
            rescroll: false,
            dialogs: Vec::new(),
            queued: Vec::new(),
            config_dir: None,
            autosave_due: None,
            autosave_failed: false,
            recovery_key: None,
            offered_recovery: None,
            pending_seen: Vec::new(),
            crash_copy: false,
            quit_confirmed: false,
            window_title: String::new(),
            now: 0.0,
            validate: rules::validate,
            chooser: Box::new(SystemChooser),
            opener: Box::new(SystemOpener),
            browser: None,
            queued_paths: Vec::new(),
            prefs: DeskPrefs::default(),
            prefs_dirty: false,
            look_applied: false,
            recent: Vec::new(),
            notice: None,
            find: None,
            compare: None,
            notes,
        };
        app.tell_if_notes_unreadable();
        app
    }

    /// The review notes of the draft (comments, settled findings).
    pub fn review_notes(&self) -> &crate::review::Review {
        &self.notes.review
    }

    /// The findings as the list shows them (settled ones hidden unless asked for).
    pub fn shown_findings(&self) -> &[Finding] {
        &self.notes.shown
    }

    fn tell_if_notes_unreadable(&mut self) {
        if let Some(reason) = self.notes.blocked.clone() {
            self.tell("无法读取审阅文件", format!("{reason}\n\n草稿已正常打开；审阅文件修复前不能添加批注。"));
        }
    }

    /// Uses `chooser` to ask for files (tests: [`NoSystemChooser`]).
    pub fn with_file_chooser(mut self, chooser: Box<dyn FileChooser>) -> Self {
        self.chooser = chooser;
        self
    }

    /// Uses `opener` to hand the print PDF to a viewer (tests: one that records).
    pub fn with_opener(mut self, opener: Box<dyn Opener>) -> Self {
        self.opener = opener;
        self
    }

    /// Remembers the last file and writes recovery copies in `dir`.
    pub fn with_config_dir(mut self, dir: Option<PathBuf>) -> Self {
        if let Some(d) = &dir {
            let remembered = Settings::load(d);
            self.prefs = remembered.desk;
            self.recent = remembered.recent_files;
        }
        self.config_dir = dir;
        self
    }

    /// Keeps the unsaved draft where a panic can write it as a recovery copy (one window
    /// per process: the real one, see [`run`]).
    pub fn with_crash_copy(mut self) -> Self {
        self.crash_copy = true;
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if write_crash_copy() {
                eprintln!("未保存的修改已写入恢复副本，下次启动时可恢复。");
            }
            previous(info);
        }));
        self
    }

    /// Updates (or clears, when nothing is unsaved) the copy a panic would write.
    fn keep_crash_copy(&self) {
        if !self.crash_copy {
            return;
        }
        let copy = match &self.config_dir {
            Some(dir) if self.dirty => Some(CrashCopy {
                dir: dir.clone(),
                key: self.recovery_key.clone(),
                source: self.path.clone(),
                doc: self.doc.clone(),
            }),
            _ => None,
        };
        if let Ok(mut guard) = CRASH_COPY.lock() {
            *guard = copy;
        }
    }

    /// Replaces the rule engine (for tests that need findings of a known shape).
    pub fn with_validator(mut self, validate: fn(&Disclosure) -> Vec<Finding>) -> Self {
        self.validate = validate;
        self.findings_stale = true;
        self
    }

    /// Shows the restore dialog when a recovery copy no running instance writes exists
    /// (the open file's first). The copy stays on disk until the user decides.
    pub fn offer_recovery(&mut self) {
        let Some(dir) = &self.config_dir else { return };
        if self.offered_recovery.is_some() {
            return;
        }
        let prefer = self.path.as_deref().map(RecoveryKey::for_file);
        let offer = settings::abandoned_recoveries(dir, prefer.as_ref())
            .into_iter()
            .find(|r| Some(&r.key) != self.recovery_key.as_ref());
        if let Some(r) = offer {
            self.offered_recovery = Some(r.key);
            self.dialogs.push(Dialog::Restore { doc: Box::new(r.doc), source: r.source });
        }
    }

    /// Removes this instance's recovery copy (its edits are saved or deliberately dropped).
    fn drop_own_recovery(&mut self) {
        if let (Some(dir), Some(key)) = (&self.config_dir, self.recovery_key.take()) {
            settings::remove_recovery(dir, &key);
        }
    }

    /// Unsaved edits: a changed draft, or pending input the draft does not hold.
    fn unsaved(&self) -> bool {
        self.dirty || !self.pending_seen.is_empty()
    }

    /// The pending inputs as findings (错误, located, so the list can jump to them).
    fn pending_findings(&self) -> Vec<Finding> {
        self.pending_seen
            .iter()
            .map(|p| {
                Finding::new(
                    "R-INP-001",
                    Severity::Error,
                    p.location.clone(),
                    format!("{}；输入“{}”尚未生效，草稿仍按原值计算，请改正或清空", p.message, p.text),
                )
            })
            .collect()
    }

    /// Says which inputs are pending, when some are; `what` is the refused action.
    fn refuse_with_pending(&mut self, what: &str) -> bool {
        if self.pending_seen.is_empty() {
            return false;
        }
        let list: Vec<String> = self.pending_seen.iter().map(|p| format!("· {}：“{}”", p.location, p.text)).collect();
        self.tell(
            &format!("无法{what}"),
            format!(
                "以下 {} 处输入无法识别，尚未生效：\n{}\n\n请改正或清空这些栏后再{what}（点击下方检查结果可跳转）。",
                list.len(),
                list.join("\n")
            ),
        );
        true
    }

    pub fn doc(&self) -> &Disclosure {
        &self.doc
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn section(&self) -> Section {
        self.section
    }

    /// The location being highlighted after a jump from the findings list.
    pub fn focus(&self) -> Option<&Location> {
        self.focus.as_ref().map(|(l, _)| l)
    }

    /// Unsaved: the draft changed since it was saved, or an input is pending.
    pub fn is_dirty(&self) -> bool {
        self.unsaved()
    }

    /// The inputs typed into fields that the draft does not hold (unreadable amounts).
    pub fn pending_inputs(&self) -> &[PendingInput] {
        &self.pending_seen
    }

    pub fn is_review(&self) -> bool {
        self.review
    }

    /// The comparison on screen, if any.
    pub fn comparison(&self) -> Option<&crate::compare::Comparison> {
        self.compare.as_ref().map(|p| &p.comparison)
    }

    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Asks for `command` to run at the end of the current (or next) frame.
    pub fn queue(&mut self, command: Command) {
        self.queued.push(command);
    }

    /// Draws the whole app into `ui` and carries out what the user asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.now = ctx.input(|i| i.time);
        self.handle_close_request(&ctx);
        // Not while a dialog or the file browser has the keyboard.
        if self.dialogs.is_empty() && self.browser.is_none() {
            self.queued.extend(commands::pressed_shortcuts(&ctx));
        }
        if !std::mem::replace(&mut self.look_applied, true) {
            self.apply_look(&ctx);
        }
        self.refresh_findings();

        if self.browser.is_some() {
            // The in-app file browser is a window of its own: the app behind it waits.
            ui.disable();
        }
        egui::Panel::top("menu").show(ui, |ui| {
            let state = MenuState {
                review: self.review,
                notes: self.notes.visible,
                can_undo: self.history.can_undo(),
                can_redo: self.history.can_redo(),
                recent: &self.recent,
                theme: self.prefs.theme,
            };
            if let Some(command) = commands::menu_bar_ui(ui, &state) {
                self.queued.push(command);
            }
        });
        self.find_ui(ui);
        if self.review {
            self.review_banner_ui(ui);
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        let findings_panel = egui::Panel::bottom("findings")
            .resizable(true)
            .default_size(self.prefs.findings_height)
            .min_size(80.0)
            .show(ui, |ui| {
                if let Some(command) = self.notes.summary_ui(ui) {
                    self.queued.push(command);
                }
                if let Some(location) = findings::findings_ui(ui, &self.notes.shown, &mut self.filter) {
                    self.queued.push(Command::JumpTo(location));
                }
            });
        let groups = nav::groups_for(template::find(&self.doc.header.template));
        let nav_panel = egui::Panel::left("navigation")
            .resizable(true)
            .default_size(self.prefs.nav_width)
            .min_size(160.0)
            .show(ui, |ui| {
                let before = self.prefs.collapsed_groups.len();
                let collapsed = &mut self.prefs.collapsed_groups;
                if let Some(section) = nav::nav_ui(ui, &groups, self.section, &self.counts, collapsed) {
                    self.queued.push(Command::Select(section));
                }
                if self.prefs.collapsed_groups.len() != before {
                    self.prefs_dirty = true;
                }
            });
        if self.notes.visible {
            egui::Panel::right("notes").resizable(true).default_size(340.0).min_size(220.0).show(ui, |ui| {
                let here = Location::section(self.section);
                if let Some(action) = self.notes.ui(ui, &self.doc, &self.findings, here) {
                    self.queued.push(Command::Notes(action));
                }
            });
        }
        if let Some(panel) = &self.compare {
            egui::Panel::right("compare").resizable(true).default_size(380.0).min_size(220.0).show(ui, |ui| {
                match compare_panel::compare_ui(ui, panel) {
                    Some(CompareAction::JumpTo(location)) => self.queued.push(Command::JumpTo(location)),
                    Some(CompareAction::Close) => self.queued.push(Command::CloseCompare),
                    None => {}
                }
            });
        }
        let form = egui::CentralPanel::default().show(ui, |ui| self.form_ui(ui)).response.rect;
        self.note_panel_sizes(&ctx, nav_panel.response.rect.width(), findings_panel.response.rect.height());
        self.notice_ui(&ctx, form);
        let pending = self.edits.pending();
        if pending != self.pending_seen {
            self.pending_seen = pending;
            self.findings_stale = true;
            ctx.request_repaint();
        }

        self.dialog_ui(&ctx);
        self.browser_ui(&ctx);
        for command in std::mem::take(&mut self.queued) {
            self.execute(&ctx, command);
        }
        for (purpose, path) in std::mem::take(&mut self.queued_paths) {
            self.path_chosen(&ctx, purpose, &path);
        }
        self.autosave(&ctx);
        self.expire_focus(&ctx);
        self.update_title(&ctx);
    }

    fn review_banner_ui(&mut self, ui: &mut egui::Ui) {
        let frame = egui::Frame::new().fill(egui::Color32::from_rgb(0xff, 0xf3, 0xcd)).inner_margin(6.0);
        egui::Panel::top("review-banner").frame(frame).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new("审阅模式（只读）").strong().color(egui::Color32::from_rgb(0x85, 0x64, 0x04)),
                );
                ui.label(
                    egui::RichText::new("草稿不能修改，可导出检查报告。")
                        .color(egui::Color32::from_rgb(0x85, 0x64, 0x04)),
                );
                if ui.button("结束审阅").clicked() {
                    self.queued.push(Command::ToggleReview);
                }
            });
        });
    }

    fn status_ui(&self, ui: &mut egui::Ui) {
        let (errors, warnings, _) = findings::severity_counts(&self.findings);
        let file = self.file_label();
        let status = Status {
            file: &file,
            dirty: self.unsaved(),
            income_total: self.totals.0,
            expense_total: self.totals.1,
            unit: self.doc.header.unit,
            errors,
            warnings,
        };
        status::status_ui(ui, &status);
    }

    /// The selected section's form (forms scroll by themselves).
    fn form_ui(&mut self, ui: &mut egui::Ui) {
        if std::mem::take(&mut self.rescroll) {
            // A new jump, possibly to the place jumped to a moment ago: scroll again.
            ui::widgets::reset_scroll_request(ui);
        }
        let mut ctx = FormCtx {
            findings: &self.findings,
            focus: self.focus.as_ref().map(|(l, _)| l),
            read_only: self.review,
            edits: &mut self.edits,
            changed: false,
            compared: self.compare.as_ref().map(|p| p.changed_places.as_slice()).unwrap_or(&[]),
        };
        ui::section_ui(ui, self.section, &mut self.doc, &mut ctx);
        let changed = ctx.changed;
        if !self.take_deletion(ui.ctx()) && changed {
            // 撤销 on an older deletion's notice would now undo this edit instead.
            self.notice = None;
        }
        if changed {
            let widget = ui.ctx().memory(|m| m.focused());
            self.draft_edited(widget);
            ui.ctx().request_repaint();
        }
    }

    /// Records an edit made by a form through `widget`.
    fn draft_edited(&mut self, widget: Option<egui::Id>) {
        if self.review {
            // The forms are read-only in review mode; should one still change the
            // draft, the change is dropped rather than silently kept.
            self.doc = self.history.current().clone();
            return;
        }
        self.history.record(&self.doc, widget, self.now);
        self.mark_changed();
    }

    fn mark_changed(&mut self) {
        self.dirty = true;
        self.findings_stale = true;
        self.autosave_due.get_or_insert(self.now + AUTOSAVE_SECS);
        self.keep_crash_copy();
    }

    /// Re-runs the rules when the draft changed since the last run.
    fn refresh_findings(&mut self) {
        if !self.findings_stale {
            return;
        }
        self.findings = (self.validate)(&self.doc);
        if !self.pending_seen.is_empty() {
            self.findings.extend(self.pending_findings());
            self.findings.sort_by(|a, b| a.location.cmp(&b.location).then(a.rule.cmp(b.rule)));
        }
        self.counts = SectionCounts::of(&self.findings);
        let figures = self.doc.figures();
        self.totals = (figures.income_total(), figures.expense_total());
        if let Some(panel) = &mut self.compare {
            panel.refresh(&self.doc, &self.findings);
        }
        self.notes.refresh(&self.doc, &self.findings);
        self.findings_stale = false;
    }

    fn file_label(&self) -> String {
        match &self.path {
            Some(p) => {
                p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string())
            }
            None => "未保存的草稿".to_owned(),
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.unsaved() && !self.quit_confirmed {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            if !self.dialogs.iter().any(|d| matches!(d, Dialog::Unsaved { then: After::Quit })) {
                if !self.pending_seen.is_empty() {
                    let list: Vec<String> =
                        self.pending_seen.iter().map(|p| format!("· {}：“{}”", p.location, p.text)).collect();
                    self.tell("有尚未生效的输入", format!("以下输入无法识别，不会被保存：\n{}", list.join("\n")));
                }
                self.dialogs.push(Dialog::Unsaved { then: After::Quit });
            }
        }
    }

    /// Carries out `command`.
    pub fn execute(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::New => self.unless_unsaved(ctx, After::New),
            Command::Open => self.unless_unsaved(ctx, After::Open),
            Command::OpenPath(path) => self.unless_unsaved(ctx, After::OpenPath(path)),
            Command::Quit => self.unless_unsaved(ctx, After::Quit),
            Command::Save => match self.path.clone() {
                _ if self.review => self.tell("审阅模式", "审阅模式下不能保存。请先结束审阅模式。"),
                Some(path) => {
                    self.save_to(&path);
                }
                None => self.save_as(ctx, None),
            },
            Command::SaveAs if self.review => self.tell("审阅模式", "审阅模式下不能保存。请先结束审阅模式。"),
            Command::SaveAs => self.save_as(ctx, None),
            Command::ExportText => self.start_text_export(),
            Command::ExportPdf => {
                self.refresh_findings();
                let errors = self.findings.iter().filter(|f| f.severity == Severity::Error).count();
                if errors > 0 {
                    self.dialogs.push(Dialog::PdfWithErrors { errors });
                } else {
                    self.export(PathPurpose::ExportPdf { watermark: false });
                }
            }
            Command::ExportDocx => self.export(PathPurpose::ExportDocx),
            Command::ExportFindings => self.export(PathPurpose::ExportFindings),
            Command::ImportExcel => self.import_excel(),
            Command::ImportPath(path) if !self.review => self.preview_import(&path),
            Command::ImportPath(_) => self.tell("审阅模式", "审阅模式下不能导入。请先结束审阅模式。"),
            Command::ExportXlsx => self.export(PathPurpose::ExportXlsx),
            Command::NewFromLastYear => self.unless_unsaved(ctx, After::NewFromLastYear),
            Command::ConfirmCarried => self.confirm_carried(),
            Command::Undo if !self.review => {
                let before = self.doc.clone();
                if self.history.undo(&mut self.doc) {
                    self.after_history_move();
                    self.show_change(&before);
                    self.notice = None;
                }
            }
            Command::Redo if !self.review => {
                let before = self.doc.clone();
                if self.history.redo(&mut self.doc) {
                    self.after_history_move();
                    self.show_change(&before);
                }
            }
            Command::Undo | Command::Redo => {}
            // Editing comes back only once the supervisor confirms.
            Command::ToggleReview if self.review => self.dialogs.push(Dialog::EndReview),
            Command::ToggleReview => {
                self.review = true;
                self.notes.visible = true;
                self.history.break_group();
            }
            Command::Print => self.start_print(),
            Command::ZoomIn => self.zoom(ctx, 1.0),
            Command::ZoomOut => self.zoom(ctx, -1.0),
            Command::ZoomReset => self.zoom(ctx, 0.0),
            Command::Theme(theme) => self.set_theme(ctx, theme),
            Command::Find => self.open_find(),
            Command::Compare => self.pick_compare(),
            Command::CloseCompare => self.compare = None,
            Command::ToggleNotes => self.notes.visible = !self.notes.visible,
            Command::Notes(action) => {
                let place = self.notes.place.clone().unwrap_or(Location::section(self.section));
                match self.notes.apply(action, &self.doc, &self.findings, self.path.as_deref(), place, self.review) {
                    Ok(Some(location)) => self.execute(ctx, Command::JumpTo(location)),
                    Ok(None) => {}
                    Err(e) => self.tell("批注未保存", e),
                }
            }
            Command::ExportReviewText => self.export(PathPurpose::ExportReview { pdf: false }),
            Command::ExportReviewPdf => self.export(PathPurpose::ExportReview { pdf: true }),
            Command::ComparePath(path) => self.compare_with(&path),
            Command::Select(section) => {
                self.notes.place = None;
                self.section = section;
                self.focus = None;
                self.history.break_group();
            }
            Command::JumpTo(location) => {
                self.notes.place = Some(location.clone());
                self.jump_to(location);
            }
        }
        ctx.request_repaint();
    }

    fn after_history_move(&mut self) {
        // Pending invalid amount texts belong to the state just left.
        self.edits.texts.clear();
        self.mark_changed();
        // Undoing back to the saved state leaves nothing unsaved.
        self.dirty = self.saved.as_ref() != Some(&self.doc);
        self.keep_crash_copy();
    }

    /// Does `after` now, or first asks about unsaved changes.
    fn unless_unsaved(&mut self, ctx: &egui::Context, after: After) {
        // Also in review mode: edits made before switching to it are still unsaved.
        if self.unsaved() {
            self.dialogs.push(Dialog::Unsaved { then: after });
        } else {
            self.proceed(ctx, after);
        }
    }

    /// Does `after`; unsaved changes have been dealt with.
    fn proceed(&mut self, ctx: &egui::Context, after: After) {
        match after {
            After::New => self.dialogs.push(Dialog::NewDraft(NewDraftForm::new(self.doc.header.year))),
            After::Open => self.choose_file(self.file_request(&PathPurpose::Open), PathPurpose::Open),
            After::OpenPath(path) => self.open_path(&path),
            After::NewFromLastYear => self.new_from_last_year(),
            After::Quit => {
                self.quit_confirmed = true;
                self.drop_own_recovery();
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Loads the draft at `path`; on failure shows why and keeps the current draft.
    fn open_path(&mut self, path: &Path) {
        match store::load(path) {
            Ok(doc) => {
                self.replace_draft(doc, Some(path.to_path_buf()));
                self.remember_file(path);
            }
            Err(e) => self.tell("无法打开草稿", format!("{e}\n\n当前草稿保持不变。")),
        }
    }

    /// Starts over on `doc`: fresh history, nothing unsaved.
    fn replace_draft(&mut self, doc: Disclosure, path: Option<PathBuf>) {
        // The edits of the draft left were saved or deliberately dropped.
        self.drop_own_recovery();
        self.history = History::new(&doc);
        self.saved = Some(doc.clone());
        self.doc = doc;
        self.path = path;
        self.dirty = false;
        self.edits.texts.clear();
        self.focus = None;
        self.findings_stale = true;
        self.autosave_due = None;
        self.keep_crash_copy();
        // A comparison was with the draft just left, and so were its notes.
        self.compare = None;
        self.notes = notes::Notes::load(self.path.as_deref(), self.review);
        self.tell_if_notes_unreadable();
    }

    /// Asks for the other version to compare the draft with.
    fn pick_compare(&mut self) {
        self.choose_file(self.file_request(&PathPurpose::Compare), PathPurpose::Compare);
    }

    /// Lists what changed between the draft at `path` (the earlier version) and this one.
    fn compare_with(&mut self, path: &Path) {
        match store::load(path) {
            Ok(other) => {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                self.refresh_findings();
                self.compare = Some(ComparePanel::new(name, other, self.validate, &self.doc, &self.findings));
            }
            Err(e) => self.tell("无法对比", format!("{e}\n\n当前草稿保持不变。")),
        }
    }

    /// Saves to `path`; true on success, else shows why.
    fn save_to(&mut self, path: &Path) -> bool {
        if self.refuse_with_pending("保存") {
            return false;
        }
        match store::save(path, &self.doc) {
            Ok(()) => {
                self.path = Some(path.to_path_buf());
                self.saved = Some(self.doc.clone());
                self.dirty = false;
                self.autosave_due = None;
                self.autosave_failed = false;
                self.drop_own_recovery();
                self.keep_crash_copy();
                self.remember_file(path);
                true
            }
            Err(e) => {
                self.tell("保存失败", e.to_string());
                false
            }
        }
    }

    /// Asks where to save, saves, then does `then`.
    fn save_as(&mut self, _ctx: &egui::Context, then: Option<After>) {
        let purpose = PathPurpose::SaveDraft { then };
        self.choose_file(self.file_request(&purpose), purpose);
    }

    fn save_then(&mut self, ctx: &egui::Context, path: &Path, then: Option<After>) {
        if self.save_to(path)
            && let Some(after) = then
        {
            self.proceed(ctx, after);
        }
    }

    fn remember_file(&mut self, path: &Path) {
        let Some(dir) = &self.config_dir else { return };
        let mut remembered = Settings::load(dir);
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        remembered.last_file = Some(absolute.clone());
        desk::push_recent(&mut self.recent, absolute);
        remembered.recent_files = self.recent.clone();
        // Forgetting the last file is harmless; not worth interrupting the user.
        let _ = remembered.save(dir);
    }

    /// Asks where to write an export, then writes it.
    fn export(&mut self, purpose: PathPurpose) {
        self.choose_file(self.file_request(&purpose), purpose);
    }

    /// Writes the export of `purpose` to `path` and says how it went.
    fn export_to(&mut self, path: &Path, purpose: &PathPurpose) {
        // An export never replaces the draft or another draft file.
        if let Some(problem) = store::export_target_problem(path, self.path.as_deref()) {
            self.tell("未导出", problem.replace("（确需如此请加 --force）", ""));
            return;
        }
        if !matches!(purpose, PathPurpose::ExportFindings) && self.refuse_with_pending("导出") {
            return;
        }
        self.refresh_findings();
        let bytes = match purpose {
            PathPurpose::ExportText => export::export(&self.doc, Format::Text, &ExportOptions::default()),
            PathPurpose::ExportPdf { watermark } => {
                export::export(&self.doc, Format::Pdf, &ExportOptions { draft_watermark: *watermark })
            }
            PathPurpose::ExportDocx => export::export(&self.doc, Format::Docx, &ExportOptions::default()),
            PathPurpose::ExportFindings => {
                let mut report = Vec::new();
                match crate::cli::check::write_report(&self.findings, &mut report) {
                    Ok(()) => Ok(report),
                    Err(e) => {
                        self.tell("导出失败", format!("无法生成检查报告：{e}"));
                        return;
                    }
                }
            }
            PathPurpose::ExportReview { pdf } => {
                let report = crate::review::report::build(&self.doc, &self.findings, &self.notes.review);
                if *pdf {
                    export::pdf::render(&report, &ExportOptions::default())
                } else {
                    Ok(export::text::render(&report).into_bytes())
                }
            }
            PathPurpose::ExportXlsx => export::export(&self.doc, Format::Xlsx, &ExportOptions::default()),
            PathPurpose::Open
            | PathPurpose::SaveDraft { .. }
            | PathPurpose::ImportExcel
            | PathPurpose::NewFromLastYear
            | PathPurpose::Compare => return,
        };
        match bytes {
            Ok(bytes) => match store::write_atomic(path, &bytes, false) {
                Ok(()) => self.tell("导出完成", format!("已导出 {}（{} 字节）。", path.display(), bytes.len())),
                Err(e) => self.tell("导出失败", e.to_string()),
            },
            Err(e) => self.tell("导出失败", e.to_string()),
        }
    }

    /// Acts on a file chosen for `purpose`.
    fn path_chosen(&mut self, ctx: &egui::Context, purpose: PathPurpose, path: &Path) {
        match purpose {
            PathPurpose::Open => self.open_path(path),
            PathPurpose::ImportExcel => self.preview_import(path),
            PathPurpose::NewFromLastYear => self.roll_forward_from(path),
            PathPurpose::Compare => self.compare_with(path),
            PathPurpose::SaveDraft { then } => self.save_then(ctx, path, then),
            _ => self.export_to(path, &purpose),
        }
    }

    fn tell(&mut self, title: &str, text: impl Into<String>) {
        self.dialogs.push(Dialog::message(title, text));
    }

    fn dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialogs.first_mut() else { return };
        let Some(action) = dialogs::dialog_ui(ctx, dialog) else { return };
        let dialog = self.dialogs.remove(0);
        self.handle_dialog(ctx, dialog, action);
        ctx.request_repaint();
    }

    /// Acts on the user's choice in `dialog` (already closed).
    fn handle_dialog(&mut self, ctx: &egui::Context, dialog: Dialog, action: DialogAction) {
        match action {
            DialogAction::Close => {}
            DialogAction::SaveThen(after) => match self.path.clone() {
                Some(path) => self.save_then(ctx, &path, Some(after)),
                None => self.save_as(ctx, Some(after)),
            },
            DialogAction::DiscardThen(after) => self.proceed(ctx, after),
            DialogAction::CreateDraft { department, year, template } => {
                let mut doc = Disclosure::new(&department, year, &template);
                if let Some(t) = template::find(&template) {
                    doc.glossary = t.glossary.clone();
                }
                self.replace_draft(doc, None);
                self.saved = None;
                self.section = Section::Header;
                self.mark_changed();
            }
            DialogAction::ExportPdf { watermark } => self.export(PathPurpose::ExportPdf { watermark }),
            DialogAction::Restore => {
                if let Dialog::Restore { doc, source } = dialog {
                    self.replace_draft(*doc, source.clone());
                    self.saved = None;
                    self.mark_changed();
                    // The copy is now this instance's: kept until saved, replaced by autosave.
                    if let (Some(dir), Some(key)) = (&self.config_dir, self.offered_recovery.take()) {
                        if let Err(e) = settings::claim_recovery(dir, &key, source.as_deref()) {
                            self.tell("恢复副本", format!("无法更新恢复副本的记录：{e}\n请尽快保存。"));
                        }
                        self.recovery_key = Some(key);
                    }
                    self.keep_crash_copy();
                }
            }
            DialogAction::DiscardRecovery => {
                if let (Some(dir), Some(key)) = (&self.config_dir, self.offered_recovery.take()) {
                    settings::remove_recovery(dir, &key);
                }
                // The next abandoned copy, if any.
                self.offer_recovery();
            }
            DialogAction::Print { watermark } => self.print(watermark),
            DialogAction::ExportText => self.export(PathPurpose::ExportText),
            DialogAction::EndReview => {
                self.review = false;
                self.history.break_group();
            }
            DialogAction::ApplyImport => {
                if let Dialog::ImportPreview(preview) = dialog {
                    self.apply_import(&preview);
                }
            }
        }
    }

    /// Writes a recovery copy once unsaved edits are a minute old.
    fn autosave(&mut self, ctx: &egui::Context) {
        let (Some(due), Some(dir)) = (self.autosave_due, self.config_dir.clone()) else { return };
        let dir = dir.as_path();
        if !self.dirty {
            self.autosave_due = None;
            return;
        }
        if self.now < due {
            ctx.request_repaint_after(Duration::from_secs_f64(due - self.now));
            return;
        }
        self.autosave_due = None;
        let key = match (&self.path, &self.recovery_key) {
            (Some(path), _) => Ok(RecoveryKey::for_file(path)),
            (None, Some(key)) if key.as_str().starts_with("untitled-") => Ok(key.clone()),
            (None, _) => RecoveryKey::untitled(dir),
        };
        let written = key.and_then(|key| {
            // A copy under another key (the draft was saved under a new name) is stale.
            if let Some(old) = self.recovery_key.as_ref().filter(|old| **old != key) {
                settings::remove_recovery(dir, old);
            }
            let result = settings::write_recovery(dir, &key, &self.doc, self.path.as_deref());
            self.recovery_key = Some(key);
            result
        });
        match written {
            Ok(()) => self.autosave_failed = false,
            Err(e) => {
                // Reported once per run of failures: a new failure after a success is told again.
                if !self.autosave_failed {
                    self.tell("自动保存失败", format!("无法写入恢复副本：{e}\n请尽快手动保存。"));
                }
                self.autosave_failed = true;
                // Try again later rather than never.
                self.autosave_due = Some(self.now + AUTOSAVE_SECS);
            }
        }
    }

    fn expire_focus(&mut self, ctx: &egui::Context) {
        if let Some((_, until)) = self.focus {
            if self.now >= until {
                self.focus = None;
            } else {
                ctx.request_repaint_after(Duration::from_secs_f64(until - self.now));
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!(
            "{}{}{} — 预算公开编制助手",
            if self.unsaved() { "● " } else { "" },
            self.file_label(),
            if self.review { "（审阅）" } else { "" }
        );
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A clean exit leaves no recovery copy of its own; an unconfirmed one (the window
        // system killed us) keeps it for the next start. Copies of other instances, and
        // one still offered in the 恢复 dialog, are never touched.
        if !self.unsaved() || self.quit_confirmed {
            self.drop_own_recovery();
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bundled_icon_is_a_square_png() {
        let icon = eframe::icon_data::from_png_bytes(super::ICON_PNG).expect("the icon decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    }
}
