//! Review data that is not the draft: supervisors' comments (批注) and settled findings.
//!
//! It lives in its own file beside the draft, `NAME.review.ron`, so reviewing never
//! modifies the draft: the supervisor comments in review mode, the officer opens the
//! same draft, sees the comments, replies and marks them 已处理. Comments point into the
//! draft by [`Anchor`]s (identity, not index), so they survive the officer's inserts,
//! deletes and reorders; when the target is gone the comment stays, shown as 目标已删除
//! with its quote.
//!
//! A settled finding (确认有误 / 无需修改 with a reason) keeps the finding's message as
//! its fingerprint: the message names the figures, so when they change the finding
//! comes back. The file is versioned and saved atomically like drafts; a corrupt or
//! newer review file is refused with its line and column, and the draft opens anyway.

pub mod anchor;
pub mod report;

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Disclosure;
use crate::rules::{Finding, Location};
use crate::store::{self, SaveError};

pub use anchor::Anchor;

/// The review file format this build writes.
pub const REVIEW_FORMAT_VERSION: u32 = 1;

/// Everything reviewers said about one draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Review {
    pub format_version: u32,
    pub comments: Vec<Comment>,
    pub settled: Vec<Settlement>,
    /// The next comment id.
    pub next_id: u64,
}

impl Default for Review {
    fn default() -> Self {
        Review { format_version: REVIEW_FORMAT_VERSION, comments: Vec::new(), settled: Vec::new(), next_id: 1 }
    }
}

/// A comment on a place of the draft, with its replies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Comment {
    /// Stable within the review file.
    pub id: u64,
    pub anchor: Anchor,
    pub author: String,
    /// When, as "YYYY-MM-DD HH:MM" (UTC).
    pub time: String,
    pub text: String,
    /// The words of the field the comment is about (a text range), empty for the whole
    /// place.
    pub excerpt: String,
    pub status: CommentStatus,
    pub replies: Vec<Reply>,
}

impl Default for Comment {
    fn default() -> Self {
        Comment {
            id: 0,
            anchor: Anchor::default(),
            author: String::new(),
            time: String::new(),
            text: String::new(),
            excerpt: String::new(),
            status: CommentStatus::Open,
            replies: Vec::new(),
        }
    }
}

/// 待处理 / 已处理.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentStatus {
    Open,
    Done,
}

impl CommentStatus {
    pub fn label(self) -> &'static str {
        match self {
            CommentStatus::Open => "待处理",
            CommentStatus::Done => "已处理",
        }
    }
}

/// A reply in a comment's thread.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reply {
    pub author: String,
    pub time: String,
    pub text: String,
}

/// A supervisor's decision on a finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settlement {
    pub rule: String,
    pub anchor: Anchor,
    /// The finding's message when settled; a different message (other figures) means
    /// the finding is no longer the one settled.
    pub fingerprint: String,
    pub verdict: Verdict,
    pub author: String,
    pub time: String,
}

impl Default for Settlement {
    fn default() -> Self {
        Settlement {
            rule: String::new(),
            anchor: Anchor::default(),
            fingerprint: String::new(),
            verdict: Verdict::MustFix,
            author: String::new(),
            time: String::new(),
        }
    }
}

/// 确认有误 (must be fixed) or 无需修改 with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    MustFix,
    NoChange { reason: String },
}

impl Verdict {
    pub fn label(&self) -> &'static str {
        match self {
            Verdict::MustFix => "确认有误",
            Verdict::NoChange { .. } => "无需修改",
        }
    }
}

/// Where a comment points now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    At(Location),
    /// 目标已删除: the place no longer exists; the anchor's quote says what it was.
    Deleted,
}

impl Review {
    /// Adds a comment at `location` of `doc`; returns its id.
    pub fn add_comment(
        &mut self,
        doc: &Disclosure,
        location: &Location,
        author: &str,
        text: &str,
        time: String,
    ) -> u64 {
        let id = self.next_id.max(1);
        self.next_id = id + 1;
        self.comments.push(Comment {
            id,
            anchor: Anchor::at(doc, location),
            author: author.to_owned(),
            time,
            text: text.to_owned(),
            excerpt: String::new(),
            status: CommentStatus::Open,
            replies: Vec::new(),
        });
        id
    }

    /// Adds a comment on the words `excerpt` of the field at `location`; refused (with
    /// the reason) when the field does not contain them.
    pub fn add_excerpt_comment(
        &mut self,
        doc: &Disclosure,
        location: &Location,
        excerpt: &str,
        author: &str,
        text: &str,
        time: String,
    ) -> Result<u64, String> {
        let field = anchor::field_value(doc, location).unwrap_or_default();
        if excerpt.is_empty() || !field.contains(excerpt) {
            return Err(format!("“{excerpt}”不在{location}的文字中；请照原文摘引，或不摘引而批注整处"));
        }
        let id = self.add_comment(doc, location, author, text, time);
        if let Some(c) = self.comment_mut(id) {
            c.excerpt = excerpt.to_owned();
        }
        Ok(id)
    }

    pub fn comment_mut(&mut self, id: u64) -> Option<&mut Comment> {
        self.comments.iter_mut().find(|c| c.id == id)
    }

    /// Settles `finding` of `doc` (replacing an earlier decision on it).
    pub fn settle(&mut self, doc: &Disclosure, finding: &Finding, verdict: Verdict, author: &str, time: String) {
        self.unsettle(doc, finding);
        self.settled.push(Settlement {
            rule: finding.rule.to_owned(),
            anchor: Anchor::at(doc, &finding.location),
            fingerprint: finding.message.clone(),
            verdict,
            author: author.to_owned(),
            time,
        });
    }

    /// Withdraws the decision on `finding`, if any.
    pub fn unsettle(&mut self, doc: &Disclosure, finding: &Finding) {
        self.settled.retain(|s| !s.covers(doc, finding));
    }

    /// The decision that still holds for `finding`, if any.
    pub fn settlement_of(&self, doc: &Disclosure, finding: &Finding) -> Option<&Settlement> {
        self.settled.iter().find(|s| s.covers(doc, finding))
    }
}

impl Comment {
    /// Where the comment points in `doc` now.
    pub fn target(&self, doc: &Disclosure) -> Target {
        match self.anchor.resolve(doc) {
            Some(location) => Target::At(location),
            None => Target::Deleted,
        }
    }

    /// True when the comment is on words that its field no longer contains.
    pub fn excerpt_changed(&self, doc: &Disclosure, target: &Target) -> bool {
        match target {
            Target::At(location) if !self.excerpt.is_empty() => {
                !anchor::field_value(doc, location).unwrap_or_default().contains(&self.excerpt)
            }
            _ => false,
        }
    }
}

impl Settlement {
    /// True when this decision is about `finding` as it is now: same rule, same place,
    /// same figures.
    pub fn covers(&self, doc: &Disclosure, finding: &Finding) -> bool {
        self.rule == finding.rule
            && self.fingerprint == finding.message
            && self.anchor.resolve(doc).as_ref() == Some(&finding.location)
    }
}

/// The review file of the draft at `draft`: "NAME.review.ron" beside "NAME.ron".
pub fn path_for(draft: &Path) -> PathBuf {
    let stem = draft.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    draft.with_file_name(format!("{stem}.review.ron"))
}

/// Why a review file could not be read. The draft is not affected.
#[derive(Debug, thiserror::Error)]
pub enum ReviewLoadError {
    #[error("无法读取审阅文件 {path}：{source}")]
    Io { path: String, source: std::io::Error },
    #[error("审阅文件 {path} 第 {line} 行第 {column} 列有误：{message}（草稿本身不受影响）")]
    Parse { path: String, line: usize, column: usize, message: String },
    #[error("审阅文件 {path} 是由更新版本的程序保存的（格式版本 {found}，本程序支持到 {supported}），请升级程序")]
    TooNew { path: String, found: u32, supported: u32 },
}

#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    format_version: u32,
}

/// Reads a review from `text`; `path` names it in messages.
pub fn from_str(text: &str, path: &str) -> Result<Review, ReviewLoadError> {
    let located = |e: ron::error::SpannedError| ReviewLoadError::Parse {
        path: path.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    };
    let probe: VersionProbe = ron::from_str(text).map_err(located)?;
    if probe.format_version > REVIEW_FORMAT_VERSION {
        return Err(ReviewLoadError::TooNew {
            path: path.to_owned(),
            found: probe.format_version,
            supported: REVIEW_FORMAT_VERSION,
        });
    }
    let mut review: Review = ron::from_str(text).map_err(located)?;
    review.format_version = REVIEW_FORMAT_VERSION;
    let highest = review.comments.iter().map(|c| c.id).max().unwrap_or(0);
    review.next_id = review.next_id.max(highest + 1);
    Ok(review)
}

/// The review as RON text.
pub fn to_string(review: &Review) -> Result<String, SaveError> {
    let config = ron::ser::PrettyConfig::new().indentor("  ").struct_names(false);
    let body = ron::ser::to_string_pretty(review, config).map_err(|e| SaveError::Serialize(e.to_string()))?;
    Ok(format!("// 预算公开编制助手 审阅文件（批注与已处理的检查结果，RON 格式）\n{body}\n"))
}

/// Reads the review file of the draft at `draft`; an absent file is an empty review.
pub fn load_for(draft: &Path) -> Result<Review, ReviewLoadError> {
    let path = path_for(draft);
    let shown = path.display().to_string();
    match fs::read_to_string(&path) {
        Ok(text) => from_str(&text, &shown),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Review::default()),
        Err(source) => Err(ReviewLoadError::Io { path: shown, source }),
    }
}

/// Saves the review beside the draft at `draft`, atomically (the draft is not touched).
pub fn save_for(draft: &Path, review: &Review) -> Result<(), SaveError> {
    let text = to_string(review)?;
    store::write_atomic(&path_for(draft), text.as_bytes(), true)
}

/// The current time as "YYYY-MM-DD HH:MM" (UTC), for comments.
pub fn now_text() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    utc_text(secs)
}

/// Unix seconds as "YYYY-MM-DD HH:MM" (UTC).
fn utc_text(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", rem / 3600, rem % 3600 / 60)
}

#[cfg(test)]
mod tests;
