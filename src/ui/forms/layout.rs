//! 版式: the draft's own wording of its template's headings and fixed sentences, for a
//! county whose prescribed wording differs from the template ("7、国有资产情况").
//! Shown under the header form; the exporters apply it (`export::build`).

use egui::{Checkbox, Grid, RichText};

use crate::export;
use crate::model::Disclosure;
use crate::rules::{Location, Section};
use crate::ui::FormCtx;
use crate::ui::widgets as w;

/// What an override starts from: the template's source when it only fills in variables
/// ("{{ year }}年…"), so the figures stay live; the printed text when the source holds
/// template logic ({% if %}), which an officer should not have to read.
fn starting_text(source: &str, preview: &str) -> String {
    if source.contains("{%") { preview.to_owned() } else { source.to_owned() }
}

/// Characters of a template text shown in the list before it is cut with "…".
const PREVIEW_CHARS: usize = 36;

pub(super) fn ui(ui: &mut egui::Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    ui.add_space(16.0);
    let open = !doc.layout.overrides.is_empty();
    egui::CollapsingHeader::new("版式：本稿的标题和固定文字").id_salt("layout").default_open(open).show(ui, |ui| {
        layout_ui(ui, doc, ctx);
    });
}

fn layout_ui(ui: &mut egui::Ui, doc: &mut Disclosure, ctx: &mut FormCtx) {
    ui.label(
        RichText::new(
            "县区规定的标题或固定表述与模板不同时，勾选“改写”后按规定写法填写，只对本稿有效，文字、PDF 等导出都用它。\
             文字中的 {{ year }}、{{ unit }}、{{ procurement.total | amount }} 等会换成本稿的数字（见 templates/README.md）；\
             含条件的句子从印出的文字开始改写，其中的数字不会随明细更新，请在定稿时核对。改写为空则不印这一行。",
        )
        .weak(),
    );
    let texts = match export::layout_texts(doc) {
        Ok(t) => t,
        Err(e) => {
            ui.label(RichText::new(format!("无法列出模板文字：{e}")).color(ui.visuals().error_fg_color));
            return;
        }
    };
    // Kind, preview (up to PREVIEW_CHARS characters) and the checkbox take about 600 px.
    let width = (ui.available_width() - 600.0).max(240.0);
    Grid::new("layout-grid").num_columns(4).spacing([10.0, 6.0]).striped(true).show(ui, |ui| {
        for (i, t) in texts.iter().enumerate() {
            ui.label(RichText::new(t.kind).weak());
            let short: String = t.preview.chars().take(PREVIEW_CHARS).collect();
            let short = if t.preview.chars().count() > PREVIEW_CHARS { format!("{short}…") } else { short };
            ui.label(short).on_hover_text(&t.preview);
            let own = doc.layout.replacement(&t.original).map(str::to_owned);
            let mut on = own.is_some();
            let name = format!("改写：{}", t.preview.chars().take(PREVIEW_CHARS).collect::<String>());
            let r = ui.add_enabled(!ctx.read_only, Checkbox::new(&mut on, "改写"));
            if r.accessible_name(name.as_str()).changed() {
                doc.layout.set(&t.original, on.then(|| starting_text(&t.original, &t.preview)));
                ctx.changed = true;
            }
            match doc.layout.replacement(&t.original).map(str::to_owned) {
                Some(mut text) => {
                    let loc = Location::cell(Section::Header, i, "layout");
                    let label = format!("版式文字：{}", t.preview.chars().take(PREVIEW_CHARS).collect::<String>());
                    if w::text_multi_width(ui, ctx, &mut text, &label, loc, 1, width).changed() {
                        doc.layout.set(&t.original, Some(text));
                    }
                }
                None => {
                    ui.label("");
                }
            }
            ui.end_row();
        }
    });
}
