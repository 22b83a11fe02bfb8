//! The nine standard tables as an Excel workbook (.xlsx), one sheet per table.
//!
//! Built from the same [`Table`]s the PDF prints (`export::tables`), so a number is laid
//! out once: title, caption line (department, year, unit), merged multi-row headers,
//! money as numeric cells shown with two decimals (the exact amount is stored, so the
//! workbook imports back to the same lines), blank where the PDF is blank, and print
//! setup (A4, landscape where the PDF is, header rows repeated, fit to page width).
//! Column widths are set here: spreadsheet autofit counts a Chinese character as one
//! narrow glyph.

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::doc::{Align, Cell, Table};
use super::{ExportError, build, tables};
use crate::model::Disclosure;

/// A4 in Excel's paper-size numbering.
const PAPER_A4: u8 = 9;
/// The font every cell uses (present on every Chinese Windows/WPS installation).
const FONT: &str = "宋体";

/// The standard tables of `doc` as .xlsx bytes.
pub fn render(doc: &Disclosure) -> Result<Vec<u8>, ExportError> {
    let captions = build::standard_table_captions(doc)?;
    let tables = tables::standard_tables(doc, &captions);
    render_tables(&tables).map_err(|e| ExportError::Xlsx(e.to_string()))
}

/// Writes each table to its own sheet, named "表N 标题" (at most 31 characters).
pub fn render_tables(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    for (i, table) in tables.iter().enumerate() {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(i + 1, &table.title))?;
        write_table(sheet, table)?;
    }
    book.save_to_buffer()
}

/// "表1 部门预算收支总表", cut to Excel's 31 characters, without the characters Excel refuses.
fn sheet_name(n: usize, title: &str) -> String {
    let clean: String =
        title.chars().filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\'')).collect();
    format!("表{n} {clean}").chars().take(31).collect()
}

fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(10)
}

fn grid_format(cell: &Cell, column_align: Align, header: bool) -> Format {
    let mut f = base().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter).set_text_wrap();
    let align = if header { Align::Center } else { cell.align.unwrap_or(column_align) };
    f = f.set_align(match align {
        Align::Left => FormatAlign::Left,
        Align::Center => FormatAlign::Center,
        Align::Right => FormatAlign::Right,
    });
    if cell.bold || header {
        f = f.set_bold();
    }
    if cell.amount.is_some() {
        f = f.set_num_format("0.00");
    }
    f
}

/// Display width of a text in narrow-character units (a Chinese character counts two).
fn text_width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

fn write_table(sheet: &mut Worksheet, table: &Table) -> Result<(), XlsxError> {
    let ncols = table.columns.len().max(1) as u16;
    let last_col = ncols - 1;
    // Title and caption line.
    let title =
        base().set_font_size(16).set_bold().set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter);
    sheet.merge_range(0, 0, 0, last_col, &table.title, &title)?;
    sheet.set_row_height(0, 30)?;
    // Header and body, with spans: covered positions are absent from the IR's rows.
    let first_grid_row = 2u32;
    let mut widths = vec![4usize; ncols as usize];
    // Header texts by position, to size the header rows once the widths are known.
    let mut header_texts: Vec<(u32, usize, usize, &str)> = Vec::new();
    let mut occupied: Vec<Vec<bool>> = Vec::new();
    let all_rows = table.header.iter().map(|r| (r, true)).chain(table.rows.iter().map(|r| (r, false)));
    for (ri, (row, header)) in all_rows.enumerate() {
        if occupied.len() <= ri {
            occupied.resize(ri + 1, vec![false; ncols as usize]);
        }
        let excel_row = first_grid_row + ri as u32;
        let mut col = 0usize;
        for cell in row {
            while col < ncols as usize && occupied[ri][col] {
                col += 1;
            }
            if col >= ncols as usize {
                break;
            }
            let (cs, rs) = (cell.colspan.max(1) as usize, cell.rowspan.max(1) as usize);
            let end_col = (col + cs - 1).min(ncols as usize - 1);
            for r in ri..ri + rs {
                if occupied.len() <= r {
                    occupied.resize(r + 1, vec![false; ncols as usize]);
                }
                occupied[r][col..=end_col].fill(true);
            }
            let column_align = table.columns.get(col).map(|c| c.align).unwrap_or_default();
            let format = grid_format(cell, column_align, header);
            if cs > 1 || rs > 1 {
                sheet.merge_range(
                    excel_row,
                    col as u16,
                    excel_row + rs as u32 - 1,
                    end_col as u16,
                    &cell.text,
                    &format,
                )?;
            } else if let Some(amount) = cell.amount {
                sheet.write_number_with_format(excel_row, col as u16, amount.to_f64().unwrap_or_default(), &format)?;
            } else if cell.text.is_empty() {
                sheet.write_blank(excel_row, col as u16, &format)?;
            } else {
                sheet.write_string_with_format(excel_row, col as u16, &cell.text, &format)?;
            }
            if cs == 1 {
                let w = if cell.amount.is_some() { cell.text.len() + 2 } else { text_width(&cell.text) + 2 };
                // Header words wrap, so they count for at most 12 narrow characters.
                widths[col] = widths[col].max(if header { w.min(12) } else { w });
            }
            if header && rs == 1 {
                header_texts.push((excel_row, col, end_col, &cell.text));
            }
            col = end_col + 1;
        }
        // Positions no cell filled still get a border (blank where the PDF is blank).
        for (c, taken) in occupied[ri].iter_mut().enumerate().skip(col) {
            if !*taken {
                sheet.write_blank(excel_row, c as u16, &grid_format(&Cell::new(""), Align::Left, header))?;
                *taken = true;
            }
        }
    }
    let widths: Vec<usize> = widths.iter().map(|w| (*w).min(60)).collect();
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, *w as f64)?;
    }
    write_captions(sheet, &table.captions, &widths)?;
    // Wrapped header words need taller rows (a spreadsheet does not grow them itself).
    let mut lines: std::collections::BTreeMap<u32, usize> = std::collections::BTreeMap::new();
    for (row, first, last, text) in header_texts {
        let room: usize = widths[first..=last].iter().sum::<usize>().saturating_sub(1).max(1);
        let needed = text_width(text).div_ceil(room).max(1);
        let entry = lines.entry(row).or_insert(1);
        *entry = (*entry).max(needed);
    }
    for (row, n) in lines {
        if n > 1 {
            sheet.set_row_height(row, 13.5 * n as f64)?;
        }
    }
    let after = first_grid_row + (table.header.len() + table.rows.len()) as u32;
    if let Some(note) = &table.empty_note {
        sheet.merge_range(after, 0, after, last_col, note, &base().set_align(FormatAlign::Left))?;
    }
    // Print setup.
    sheet.set_paper_size(PAPER_A4);
    if table.landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    if !table.header.is_empty() {
        sheet.set_repeat_rows(0, first_grid_row + table.header.len() as u32 - 1)?;
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    Ok(())
}

/// The caption line: the first caption left in the first column, the last right in the
/// last column, others centred in a column past the first caption's end, near the middle.
/// Unmerged, so each text runs over the empty cells beside it.
fn write_captions(sheet: &mut Worksheet, captions: &[String], widths: &[usize]) -> Result<(), XlsxError> {
    let n = captions.len();
    let last = widths.len().saturating_sub(1);
    let left_edges: Vec<usize> = widths.iter().scan(0, |x, w| Some(std::mem::replace(x, *x + w))).collect();
    let total: usize = widths.iter().sum();
    let mut taken_until = 0;
    for (i, caption) in captions.iter().enumerate() {
        let width = text_width(caption) + 2;
        let (col, align) = if i == 0 {
            (0, FormatAlign::Left)
        } else if i == n - 1 {
            (last, FormatAlign::Right)
        } else {
            let wanted = taken_until.max((total / 2).saturating_sub(width / 2));
            let col = (1..last).find(|c| left_edges[*c] >= wanted).unwrap_or(last.saturating_sub(1).max(1));
            (col, FormatAlign::Left)
        };
        taken_until = left_edges.get(col).copied().unwrap_or(0) + width;
        sheet.write_string_with_format(1, col as u16, caption, &base().set_align(align))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_fit_excel() {
        assert_eq!(sheet_name(9, "部门预算财政拨款“三公”经费支出表"), "表9 部门预算财政拨款“三公”经费支出表");
        assert!(sheet_name(1, &"很长的表名".repeat(10)).chars().count() <= 31);
        assert_eq!(sheet_name(2, "a/b[c]"), "表2 abc");
    }

    #[test]
    fn chinese_counts_double() {
        assert_eq!(text_width("合计"), 4);
        assert_eq!(text_width("1750.87"), 7);
    }
}
