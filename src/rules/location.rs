//! Where in the document a finding points: part, table, row, field.
//!
//! The GUI turns a [`Location`] into "select this part, scroll to this row, highlight
//! this field"; the CLI prints its Chinese [`Display`](std::fmt::Display) form.
//!
//! Field keys are the model's field names (`"this_year"`, `"value"`, `"basic"`…), so
//! forms can match them without a second naming scheme. For projects, `row` is the
//! project and `item` the indicator (field `level1`…`basis`), the goal line (field
//! `goal`) or the spend-plan checkpoint (field `spend_plan`, item 0–3). For 三公, `row`
//! is the index in `ThreePublicKind::ALL`.
//!
//! Lists of paragraphs (`duties.items`, `performance.measures`) use the field `item`;
//! part 9 (`other_matters`) uses `text`; procurement notes use `note` without a row.
//! Rows of the derived standard tables (`Section::Table(3)`, `Table(6)`) are indexed in
//! `BudgetTables::function_rows` / `economic_rows` order; their 合计 row is a field
//! (`total`, `basic`) of the table without a row.

use std::fmt;

/// A part of the form (what the navigation lists).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// Title data: department, year, unit, template.
    Header,
    /// Part 1 duties.
    Duties,
    /// Part 1 机构设置.
    Institutions,
    /// Part 1 内设机构.
    Offices,
    /// 功能分类 line items (tables 1–5, 7, 8).
    FunctionLines,
    /// 经济分类 basic-budget lines (table 6).
    EconomicLines,
    /// Part 2 summary and reasons.
    Summary,
    /// Part 3 机关运行经费.
    RunningCosts,
    /// Part 4 三公经费.
    ThreePublic,
    /// Part 5 总体绩效目标, 部门主管专项资金.
    Performance,
    /// Part 5 分项绩效目标.
    SubGoals,
    /// Part 5 工作保障措施.
    Measures,
    /// Part 5 项目绩效目标表.
    Projects,
    /// Part 6 政府采购.
    Procurement,
    /// Part 7 国有资产.
    Assets,
    /// Part 8 名词解释.
    Glossary,
    /// Part 9 其他需说明的事项.
    OtherMatters,
    /// One of the nine standard tables (1–9), derived.
    Table(u8),
}

impl Section {
    /// The part of the 说明 (1–9); 0 for the header and the standard tables.
    pub fn part(self) -> u8 {
        match self {
            Section::Header | Section::Table(_) => 0,
            Section::Duties | Section::Institutions | Section::Offices => 1,
            Section::FunctionLines | Section::EconomicLines | Section::Summary => 2,
            Section::RunningCosts => 3,
            Section::ThreePublic => 4,
            Section::Performance | Section::SubGoals | Section::Measures | Section::Projects => 5,
            Section::Procurement => 6,
            Section::Assets => 7,
            Section::Glossary => 8,
            Section::OtherMatters => 9,
        }
    }

    /// The Chinese name shown in the navigation and in messages.
    pub fn label(self) -> &'static str {
        match self {
            Section::Header => "封面信息",
            Section::Duties => "部门职责",
            Section::Institutions => "机构设置",
            Section::Offices => "内设机构",
            Section::FunctionLines => "功能分类收支明细",
            Section::EconomicLines => "经济分类基本支出明细",
            Section::Summary => "收支总体情况",
            Section::RunningCosts => "机关运行经费",
            Section::ThreePublic => "“三公”经费",
            Section::Performance => "部门整体绩效目标",
            Section::SubGoals => "分项绩效目标",
            Section::Measures => "工作保障措施",
            Section::Projects => "项目绩效目标表",
            Section::Procurement => "政府采购预算",
            Section::Assets => "国有资产信息",
            Section::Glossary => "名词解释",
            Section::OtherMatters => "其他需说明的事项",
            Section::Table(n) => match n {
                1 => "表1 部门预算收支总表",
                2 => "表2 部门预算收入总表",
                3 => "表3 部门预算支出总表",
                4 => "表4 财政拨款收支总表",
                5 => "表5 一般公共预算财政拨款支出表",
                6 => "表6 一般公共预算财政拨款基本支出表",
                7 => "表7 政府性基金预算财政拨款支出表",
                8 => "表8 国有资本经营预算财政拨款支出表",
                _ => "表9 财政拨款“三公”经费支出表",
            },
        }
    }
}

const PART_NAMES: [&str; 10] =
    ["", "第一部分", "第二部分", "第三部分", "第四部分", "第五部分", "第六部分", "第七部分", "第八部分", "第九部分"];

/// The exact place a finding concerns.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    pub section: Section,
    /// Row in the section's list or table (0-based), if any.
    pub row: Option<usize>,
    /// Sub-row inside that row (indicator, goal line, checkpoint), if any.
    pub item: Option<usize>,
    /// The field's key (a model field name), if any.
    pub field: Option<&'static str>,
}

impl Location {
    /// The section as a whole.
    pub fn section(section: Section) -> Self {
        Location { section, row: None, item: None, field: None }
    }

    /// A field of the section itself (no row).
    pub fn field(section: Section, field: &'static str) -> Self {
        Location { section, row: None, item: None, field: Some(field) }
    }

    /// A row of the section.
    pub fn row(section: Section, row: usize) -> Self {
        Location { section, row: Some(row), item: None, field: None }
    }

    /// A field of a row.
    pub fn cell(section: Section, row: usize, field: &'static str) -> Self {
        Location { section, row: Some(row), item: None, field: Some(field) }
    }

    /// A field of a sub-row of a row.
    pub fn sub(section: Section, row: usize, item: usize, field: &'static str) -> Self {
        Location { section, row: Some(row), item: Some(item), field: Some(field) }
    }
}

/// The Chinese name of a field key.
pub fn field_label(field: &str) -> &str {
    match field {
        "department" => "部门名称",
        "department_code" => "部门编码",
        "year" => "预算年度",
        "unit" => "金额单位",
        "template" => "模板",
        "intro" => "引言",
        "item" => "内容",
        "name" => "名称",
        "nature" => "单位性质",
        "rank" => "单位规格",
        "funding" => "经费保障形式",
        "head" => "负责人",
        "duties" => "职责",
        "code" => "编码",
        "basic" => "基本支出",
        "project" => "项目支出",
        "general_budget" => "一般公共预算",
        "gov_fund" => "政府性基金",
        "state_capital" => "国有资本经营",
        "fiscal_special" => "财政专户",
        "business" => "事业收入",
        "operating" => "经营收入",
        "superior" => "上级补助收入",
        "affiliated" => "附属单位上缴收入",
        "other" => "其他收入",
        "carryover" => "上年结转",
        "unit_funds" => "单位资金",
        "personnel" => "人员经费",
        "public" => "公用经费",
        "last_basic" => "上年基本支出",
        "last_project" => "上年项目支出",
        "basic_change_reason" => "基本支出增减原因",
        "project_change_reason" => "项目支出增减原因",
        "project_main_uses" => "项目支出主要用途",
        "total" => "合计",
        "amount" => "金额",
        "note" => "说明",
        "last_year" => "上年预算",
        "this_year" => "本年预算",
        "reason" => "增减原因",
        "overall_goal" => "总体绩效目标",
        "special_funds" => "部门主管专项资金",
        "title" => "标题",
        "goal" => "绩效目标",
        "indicators" => "绩效指标",
        "fiscal" => "财政资金",
        "purpose" => "资金用途",
        "spend_plan" => "资金支出计划",
        "level1" => "一级指标",
        "level2" => "二级指标",
        "level3" => "三级指标",
        "description" => "指标描述",
        "value" => "指标值",
        "basis" => "指标值确定依据",
        "project_budget" => "预算资金",
        "catalog" => "采购目录序号",
        "measure" => "计量单位",
        "quantity" => "数量",
        "unit_price" => "单价",
        "as_of" => "截止时间",
        "quantity_unit" => "数量单位",
        "planned_purchase" => "拟购置金额",
        "planned_note" => "购置说明",
        "term" => "名词",
        "definition" => "解释",
        "text" => "正文",
        "layout" => "版式文字",
        other => other,
    }
}

impl fmt::Display for Location {
    /// "第五部分 项目绩效目标表 第3个项目 指标第2行 指标值"; elsewhere "… 第3行 …".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = self.section.part();
        if part > 0 {
            write!(f, "{} ", PART_NAMES[part as usize])?;
        }
        write!(f, "{}", self.section.label())?;
        let projects = self.section == Section::Projects;
        if let Some(row) = self.row {
            if projects { write!(f, " 第{}个项目", row + 1)? } else { write!(f, " 第{}行", row + 1)? }
        }
        if let Some(item) = self.item {
            match (projects, self.field) {
                (true, Some("goal")) => write!(f, " 目标第{}条", item + 1)?,
                (true, Some("spend_plan")) => {
                    let label = crate::model::SPEND_PLAN_LABELS.get(item).copied().unwrap_or("");
                    write!(f, " {label}")?
                }
                (true, _) => write!(f, " 指标第{}行", item + 1)?,
                (false, _) => write!(f, " 第{}项", item + 1)?,
            }
        }
        if let Some(field) = self.field {
            write!(f, " {}", field_label(field))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_locations_read_as_projects_and_indicators() {
        let l = Location::sub(Section::Projects, 7, 0, "value");
        assert_eq!(l.to_string(), "第五部分 项目绩效目标表 第8个项目 指标第1行 指标值");
        let s = Location::sub(Section::Projects, 0, 3, "spend_plan");
        assert_eq!(s.to_string(), "第五部分 项目绩效目标表 第1个项目 12月底 资金支出计划");
        assert_eq!(Location::cell(Section::Institutions, 2, "name").to_string(), "第一部分 机构设置 第3行 名称");
    }
}
