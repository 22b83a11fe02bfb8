//! What the app's headless UI tests share: the app in a harness at the officer's screen
//! size with the bundled fonts (a glyph no font draws would panic the harness).
//!
//! Each test binary uses only some of these helpers.
#![allow(dead_code)]

use budget_disclosure::app::App;
use egui_kittest::{Harness, HarnessBuilder};

/// The screen the desk is designed for.
pub const DESK_SIZE: [f32; 2] = [1366.0, 768.0];

/// The app at [`DESK_SIZE`].
pub fn app_harness(app: App) -> Harness<'static, App> {
    app_harness_with(app, |builder| builder)
}

/// The app at [`DESK_SIZE`], with `adjust` changing the harness's settings (a taller
/// screen, more steps, …).
pub fn app_harness_with(
    app: App,
    adjust: impl FnOnce(HarnessBuilder<App>) -> HarnessBuilder<App>,
) -> Harness<'static, App> {
    let builder = Harness::builder().with_size(DESK_SIZE).with_context_setup(budget_disclosure::ui::fonts::install);
    adjust(builder).build_ui_state(|ui, app: &mut App| app.ui(ui), app)
}
