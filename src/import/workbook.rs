//! A workbook as plain grids of values, read with `calamine` (.xlsx, .xls, .ods, .xlsb).
//!
//! Everything format-specific ends here: merged header cells are spread over the cells
//! they cover, formulas without a cached value are marked (never read as 0), and a
//! password-protected or damaged file becomes an [`ImportError`] with a Chinese message.

use std::io::Cursor;

use calamine::{
    Data, Ods, Reader, SheetVisible, Sheets, Xls, Xlsb, Xlsx, open_workbook_auto_from_rs, open_workbook_from_rs,
};

use super::ImportError;

/// One cell's value as the importer needs it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    /// An error value such as `#REF!`.
    Error(String),
    /// A formula whose result was never calculated and saved (the text is the formula).
    Uncalculated(String),
}

impl Value {
    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text (numbers without a trailing ".0").
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.clone(),
            Value::Number(n) => format_number(*n),
            Value::Error(e) => e.clone(),
            Value::Uncalculated(f) => format!("={f}"),
        }
    }
}

/// A number as a spreadsheet shows it in full: the shortest text that reads back
/// as the same binary value ("448.3187", "201").
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// A worksheet: its name, whether it is shown, and its cells by zero-based row/column.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub visible: bool,
    /// Rows in sheet coordinates (row 0 is the sheet's row 1); trailing empty cells trimmed.
    pub rows: Vec<Vec<Value>>,
    /// Merged regions `(first_row, first_col, last_row, last_col)`; `None` when the
    /// format does not report them (then header spans are inferred).
    pub merges: Option<Vec<(usize, usize, usize, usize)>>,
}

impl Sheet {
    pub fn cell(&self, row: usize, col: usize) -> &Value {
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&Value::Empty)
    }
}

/// A workbook's sheets in tab order.
#[derive(Debug, Clone, Default)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

/// The OLE compound-file signature: .xls, or an encrypted (password-protected) .xlsx.
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a workbook from its bytes; `name` (the file name) is used in messages only.
///
/// A damaged file must never take the app down with it: should the reader panic on
/// one, that is reported as an unreadable workbook.
pub fn read(bytes: &[u8], name: &str) -> Result<Workbook, ImportError> {
    std::panic::catch_unwind(|| read_unguarded(bytes, name)).unwrap_or_else(|_| {
        Err(ImportError::Unreadable { file: name.to_owned(), reason: "文件已损坏，读取时出错".to_owned() })
    })
}

fn read_unguarded(bytes: &[u8], name: &str) -> Result<Workbook, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Unreadable { file: name.to_owned(), reason: "文件是空的".to_owned() });
    }
    let mut book = open(bytes).map_err(|e| {
        if bytes.starts_with(&OLE_MAGIC) && is_encrypted_ole(bytes) || e.to_lowercase().contains("password") {
            ImportError::Encrypted { file: name.to_owned() }
        } else {
            ImportError::Unreadable { file: name.to_owned(), reason: explain(&e) }
        }
    })?;
    let metadata: Vec<(String, bool)> =
        book.sheets_metadata().iter().map(|s| (s.name.clone(), s.visible == SheetVisible::Visible)).collect();
    let mut sheets = Vec::with_capacity(metadata.len());
    for (sheet_name, visible) in metadata {
        let range = book.worksheet_range(&sheet_name).map_err(|e| ImportError::Unreadable {
            file: name.to_owned(),
            reason: format!("工作表“{sheet_name}”无法读取：{}", explain(&e.to_string())),
        })?;
        // Formulas are only needed where a value is missing; a sheet without them is fine.
        let formulas = book.worksheet_formula(&sheet_name).ok();
        let merges = merges_of(&mut book, &sheet_name);
        let mut rows: Vec<Vec<Value>> = Vec::new();
        if let Some((row0, col0)) = range.start() {
            let (row0, col0) = (row0 as usize, col0 as usize);
            for (r, row) in range.rows().enumerate() {
                let mut cells: Vec<Value> = Vec::new();
                for (c, data) in row.iter().enumerate() {
                    let v = value_of(data);
                    if v == Value::Empty {
                        continue;
                    }
                    let col = col0 + c;
                    if cells.len() <= col {
                        cells.resize(col + 1, Value::Empty);
                    }
                    cells[col] = v;
                }
                if cells.is_empty() {
                    continue;
                }
                let at = row0 + r;
                if rows.len() <= at {
                    rows.resize(at + 1, Vec::new());
                }
                rows[at] = cells;
            }
        }
        if let Some(formulas) = formulas
            && let Some((f_row0, f_col0)) = formulas.start()
        {
            for (r, row) in formulas.rows().enumerate() {
                for (c, f) in row.iter().enumerate() {
                    if f.is_empty() {
                        continue;
                    }
                    let (at, col) = (f_row0 as usize + r, f_col0 as usize + c);
                    let missing = rows.get(at).and_then(|cells| cells.get(col)).is_none_or(Value::is_empty);
                    if missing {
                        if rows.len() <= at {
                            rows.resize(at + 1, Vec::new());
                        }
                        let cells = &mut rows[at];
                        if cells.len() <= col {
                            cells.resize(col + 1, Value::Empty);
                        }
                        cells[col] = Value::Uncalculated(f.clone());
                    }
                }
            }
        }
        sheets.push(Sheet { name: sheet_name, visible, rows, merges });
    }
    Ok(Workbook { sheets })
}

fn value_of(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Float(f) => Value::Number(*f),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Bool(b) => Value::Text(if *b { "TRUE" } else { "FALSE" }.to_owned()),
        Data::DateTime(d) => Value::Text(d.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Error(e.to_string()),
    }
}

fn merges_of(book: &mut Sheets<Cursor<&[u8]>>, sheet: &str) -> Option<Vec<(usize, usize, usize, usize)>> {
    let dims = match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(sheet).ok()?,
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(sheet).ok()?,
        Sheets::Xlsb(_) | Sheets::Ods(_) => return None,
    };
    Some(dims.iter().map(|d| (d.start.0 as usize, d.start.1 as usize, d.end.0 as usize, d.end.1 as usize)).collect())
}

/// Opens the workbook by its signature, so that the reader's own error (a password,
/// say) is kept; an unknown signature tries every format.
fn open(bytes: &[u8]) -> Result<Sheets<Cursor<&[u8]>>, String> {
    let data = Cursor::new(bytes);
    if bytes.starts_with(&OLE_MAGIC) {
        return open_workbook_from_rs::<Xls<_>, _>(data).map(Sheets::Xls).map_err(|e| e.to_string());
    }
    if bytes.starts_with(b"PK") {
        let xlsx = open_workbook_from_rs::<Xlsx<_>, _>(data.clone()).map(Sheets::Xlsx);
        return xlsx
            .or_else(|xlsx_error| {
                open_workbook_from_rs::<Ods<_>, _>(data.clone()).map(Sheets::Ods).map_err(|ods_error| match ods_error {
                    calamine::OdsError::Password => ods_error.to_string(),
                    _ => xlsx_error.to_string(),
                })
            })
            .or_else(|error| open_workbook_from_rs::<Xlsb<_>, _>(data).map(Sheets::Xlsb).map_err(|_| error));
    }
    open_workbook_auto_from_rs(data).map_err(|e| e.to_string())
}

/// An encrypted Office file is an OLE container holding an "EncryptedPackage" stream.
fn is_encrypted_ole(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// The reader's English error, with a Chinese explanation in front.
fn explain(e: &str) -> String {
    format!("不是可读的 .xlsx/.xls/.ods 工作簿，或文件已损坏（{e}）")
}
