//! The lists staff edit: search synonyms and the technology fields.

use super::account::Actor;
use super::{Directory, DomainError};
use crate::db::{self, account as adb};
use crate::model::account::Lists;

/// Most synonym groups, terms per group, and characters per term.
const MAX_GROUPS: usize = 5_000;
const MAX_TERMS: usize = 30;
const MAX_TERM: usize = 100;
/// Most technology fields.
const MAX_FIELDS: usize = 200;

impl Directory {
    /// The synonym groups and technology fields (staff).
    pub async fn lists(&self, actor: &Actor) -> Result<Lists, DomainError> {
        actor.curator()?;
        Ok(Lists {
            synonyms: db::synonym_groups(&self.db).await?,
            fields: db::tech_fields(&self.db).await?,
        })
    }

    /// Replaces both lists after checking them; searches use the new synonyms at once.
    pub async fn replace_lists(&self, actor: &Actor, lists: Lists) -> Result<Lists, DomainError> {
        actor.curator()?;
        let lists = check_lists(lists)?;
        let mut tx = self.db.begin().await?;
        adb::replace_synonyms(&mut tx, &lists.synonyms).await?;
        adb::replace_tech_fields(&mut tx, &lists.fields).await?;
        tx.commit().await?;
        self.reload_synonyms().await?;
        Ok(lists)
    }
}

/// Trims every entry, drops empty ones, and refuses what cannot work, saying where.
fn check_lists(lists: Lists) -> Result<Lists, DomainError> {
    let bad = |m: String| Err(DomainError::BadRequest(m));
    let clean = |s: &String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut groups = Vec::new();
    for (i, group) in lists.synonyms.iter().enumerate() {
        let mut terms: Vec<String> = Vec::new();
        for term in group.iter().map(clean).filter(|t| !t.is_empty()) {
            if term.chars().count() > MAX_TERM {
                return bad(format!(
                    "synonym group {}: `{term}` is longer than {MAX_TERM} characters",
                    i + 1
                ));
            }
            if !terms
                .iter()
                .any(|t| t.to_lowercase() == term.to_lowercase())
            {
                terms.push(term);
            }
        }
        match terms.len() {
            0 => continue,
            1 => {
                return bad(format!(
                    "synonym group {} has only `{}`; a group needs two or more terms that mean the same",
                    i + 1,
                    terms[0]
                ));
            }
            n if n > MAX_TERMS => {
                return bad(format!(
                    "synonym group {} has {n} terms; split it (at most {MAX_TERMS})",
                    i + 1
                ));
            }
            _ => groups.push(terms),
        }
    }
    if groups.len() > MAX_GROUPS {
        return bad(format!(
            "{} synonym groups; the limit is {MAX_GROUPS}",
            groups.len()
        ));
    }
    let mut fields: Vec<String> = Vec::new();
    for field in lists.fields.iter().map(clean).filter(|f| !f.is_empty()) {
        if field.chars().count() > MAX_TERM {
            return bad(format!(
                "technology field `{field}` is longer than {MAX_TERM} characters"
            ));
        }
        if !fields.contains(&field) {
            fields.push(field);
        }
    }
    if fields.len() > MAX_FIELDS {
        return bad(format!(
            "{} technology fields; the limit is {MAX_FIELDS}",
            fields.len()
        ));
    }
    Ok(Lists {
        synonyms: groups,
        fields,
    })
}
