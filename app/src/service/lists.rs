//! The lists staff edit: search synonyms, technology fields, divisions and sites.

use super::account::Actor;
use super::{Directory, DomainError};
use crate::db;
use crate::model::account::{Division, Lists, Places};

/// Most synonym groups, terms per group, and characters per term.
const MAX_GROUPS: usize = 5_000;
const MAX_TERMS: usize = 30;
const MAX_TERM: usize = 100;
/// Most technology fields, divisions and sites.
const MAX_FIELDS: usize = 200;
/// Most characters in a division's contact.
const MAX_CONTACT: usize = 200;

impl Directory {
    /// The synonym groups and technology fields (staff).
    pub async fn lists(&self, actor: &Actor) -> Result<Lists, DomainError> {
        actor.curator()?;
        Ok(Lists {
            synonyms: db::synonym_groups(&self.db).await?,
            fields: db::tech_fields(&self.db).await?,
            divisions: Some(db::divisions(&self.db).await?),
            sites: Some(db::sites(&self.db).await?),
        })
    }

    /// The divisions and sites cards may name (anyone: they are public facts).
    pub async fn places(&self) -> Result<Places, DomainError> {
        Ok(Places {
            divisions: db::divisions(&self.db).await?,
            sites: db::sites(&self.db).await?,
        })
    }

    /// Replaces both lists after checking them; searches use the new synonyms at once.
    pub async fn replace_lists(
        &self,
        actor: &Actor,
        mut lists: Lists,
    ) -> Result<Lists, DomainError> {
        actor.curator()?;
        // divisions and sites are checked together, the one not sent as it is kept
        match (&lists.divisions, &lists.sites) {
            (Some(_), None) => lists.sites = Some(db::sites(&self.db).await?),
            (None, Some(_)) => lists.divisions = Some(db::divisions(&self.db).await?),
            _ => {}
        }
        let lists = check_lists(lists)?;
        let mut tx = self.write_tx().await?;
        db::lists::replace_synonyms(&mut tx, &lists.synonyms).await?;
        db::lists::replace_tech_fields(&mut tx, &lists.fields).await?;
        if let Some(divisions) = &lists.divisions {
            db::lists::replace_divisions(&mut tx, divisions).await?;
        }
        if let Some(sites) = &lists.sites {
            db::lists::replace_sites(&mut tx, sites).await?;
        }
        let seq = db::bump_lists_seq(&mut tx).await?;
        tx.commit().await?;
        self.saw_lists(seq);
        self.reload_synonyms().await?;
        // a pair that became synonyms is no longer a related term of itself
        self.install_neighbours().await?;
        self.lists(actor).await
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
    let sites = match lists.sites {
        None => None,
        Some(sites) => Some(unique_names(sites.iter().map(clean), "site")?),
    };
    let divisions = match lists.divisions {
        None => None,
        Some(divisions) => {
            let mut out: Vec<Division> = Vec::new();
            for d in divisions {
                let d = Division {
                    name: clean(&d.name),
                    site: clean(&d.site),
                    contact: clean(&d.contact),
                };
                if d.name.is_empty() {
                    if d.site.is_empty() && d.contact.is_empty() {
                        continue;
                    }
                    return bad(format!(
                        "a division at `{}` has no name; give it one or remove the line",
                        d.site
                    ));
                }
                if d.name.chars().count() > MAX_TERM || d.site.chars().count() > MAX_TERM {
                    return bad(format!(
                        "division `{}`: names and sites are at most {MAX_TERM} characters",
                        d.name
                    ));
                }
                if d.contact.chars().count() > MAX_CONTACT {
                    return bad(format!(
                        "division `{}`: the contact is longer than {MAX_CONTACT} characters",
                        d.name
                    ));
                }
                if let Some(sites) = &sites
                    && !d.site.is_empty()
                    && !sites.contains(&d.site)
                {
                    return bad(format!(
                        "division `{}` is at `{}`, which is not in the list of sites; add the site first",
                        d.name, d.site
                    ));
                }
                if out.iter().any(|o| o.name == d.name) {
                    return bad(format!(
                        "division `{}` is listed twice; keep one line for it",
                        d.name
                    ));
                }
                out.push(d);
            }
            if out.len() > MAX_FIELDS {
                return bad(format!(
                    "{} divisions; the limit is {MAX_FIELDS}",
                    out.len()
                ));
            }
            Some(out)
        }
    };
    Ok(Lists {
        synonyms: groups,
        fields,
        divisions,
        sites,
    })
}

/// Distinct, non-empty names of at most [`MAX_TERM`] characters, at most [`MAX_FIELDS`] of them.
fn unique_names(
    names: impl Iterator<Item = String>,
    what: &str,
) -> Result<Vec<String>, DomainError> {
    let mut out: Vec<String> = Vec::new();
    for name in names.filter(|n| !n.is_empty()) {
        if name.chars().count() > MAX_TERM {
            return Err(DomainError::BadRequest(format!(
                "{what} `{name}` is longer than {MAX_TERM} characters"
            )));
        }
        if !out.contains(&name) {
            out.push(name);
        }
    }
    if out.len() > MAX_FIELDS {
        return Err(DomainError::BadRequest(format!(
            "{} {what}s; the limit is {MAX_FIELDS}",
            out.len()
        )));
    }
    Ok(out)
}
