//! The controlled lists, each replaced whole: synonyms, technology fields, divisions and sites.

use super::Tx;
use crate::model::account::Division;

/// Replaces every synonym group.
pub async fn replace_synonyms(tx: &mut Tx, groups: &[Vec<String>]) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM synonym")
        .execute(&mut **tx)
        .await?;
    for (i, group) in groups.iter().enumerate() {
        let key = format!("g{:04}", i + 1);
        for term in group {
            sqlx::query("INSERT INTO synonym (group_key, term) VALUES ($1, $2)")
                .bind(&key)
                .bind(term)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

/// Replaces the controlled list of technology fields, in this order.
pub async fn replace_tech_fields(tx: &mut Tx, names: &[String]) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM tech_field")
        .execute(&mut **tx)
        .await?;
    for (i, name) in names.iter().enumerate() {
        sqlx::query("INSERT INTO tech_field (name, position) VALUES ($1, $2)")
            .bind(name)
            .bind(i as i64 + 1)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Replaces the controlled list of divisions, in this order.
pub async fn replace_divisions(tx: &mut Tx, divisions: &[Division]) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM division")
        .execute(&mut **tx)
        .await?;
    for (i, d) in divisions.iter().enumerate() {
        sqlx::query("INSERT INTO division (name, site, contact, position) VALUES ($1, $2, $3, $4)")
            .bind(&d.name)
            .bind(&d.site)
            .bind(&d.contact)
            .bind(i as i64 + 1)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Replaces the controlled list of regional sites, in this order.
pub async fn replace_sites(tx: &mut Tx, names: &[String]) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM site").execute(&mut **tx).await?;
    for (i, name) in names.iter().enumerate() {
        sqlx::query("INSERT INTO site (name, position) VALUES ($1, $2)")
            .bind(name)
            .bind(i as i64 + 1)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
