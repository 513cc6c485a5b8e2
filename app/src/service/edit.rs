//! Changing cards one at a time: the editor's saves, review, history, revert, archive and
//! restore. Every change goes through [`Directory::write_card`], which checks the version the
//! change was based on, records who made it (the database's history trigger keeps the
//! version), and updates the search index at once.

use super::account::Actor;
use super::{Directory, DomainError, SUGGEST_SPACING, stored_json};
use crate::db::{self, CardRow, Change};
use crate::model::account::{
    Dashboard, EditSummary, EditableCard, HistoryEntry, SaveOutcome, Saved, card_changes,
};
use crate::model::card::{CardRecord, Status};

/// The setting that makes researchers' edits wait for staff review.
pub const REVIEW_SETTING: &str = "review_edits";

/// Most characters in a review comment or change note.
const MAX_COMMENT: usize = 2_000;

/// How often an archive or restore is tried on a card that other changes keep moving.
const STATUS_ATTEMPTS: usize = 10;

/// What a card write also undoes of a merge, in its own transaction.
#[derive(Clone, Copy, Debug, Default)]
struct Undo {
    /// Move back the accounts that merges after this version of the card brought to it.
    accounts_merged_after: Option<i64>,
    /// The card is a merged duplicate standing on its own again: clear its `merged_into`
    /// and give it back its account.
    unmerge: bool,
}

impl Directory {
    async fn row_for(&self, slug: &str) -> Result<CardRow, DomainError> {
        db::card_by_slug(&self.db, slug)
            .await?
            .ok_or(DomainError::NotFound)
    }

    /// Whether researchers' edits wait for staff review.
    pub async fn review_edits(&self) -> Result<bool, DomainError> {
        Ok(db::setting::setting(&self.db, REVIEW_SETTING)
            .await?
            .as_deref()
            == Some("true"))
    }

    /// Turns review of researchers' edits on or off (admins).
    pub async fn set_review_edits(&self, actor: &Actor, on: bool) -> Result<(), DomainError> {
        actor.admin()?;
        Ok(
            db::setting::set_setting(&self.db, REVIEW_SETTING, if on { "true" } else { "false" })
                .await?,
        )
    }

    /// The card as its editor sees it, hidden contacts included.
    pub async fn editable_card(
        &self,
        actor: &Actor,
        slug: &str,
    ) -> Result<EditableCard, DomainError> {
        let row = self.row_for(slug).await?;
        if !actor.can_edit(row.card_id) {
            return Err(DomainError::Forbidden);
        }
        let last_edit =
            match db::review::latest_edit(&self.db, row.card_id, actor.account_id).await? {
                Some(edit) => Some(self.edit_summary(edit, Some(&row)).await?),
                None => None,
            };
        Ok(EditableCard {
            card: row.to_record()?,
            version: row.version,
            review: self.review_edits().await? && !actor.role.curates(),
            last_edit,
            places: self.places().await?,
        })
    }

    /// Saves an edited card that was based on `version`. A stale version is refused with the
    /// card as it is now, so the editor can show what changed meanwhile.
    pub async fn save_card(
        &self,
        actor: &Actor,
        slug: &str,
        mut record: CardRecord,
        version: i64,
    ) -> Result<Saved, DomainError> {
        let row = self.row_for(slug).await?;
        if !actor.can_edit(row.card_id) {
            return Err(DomainError::Forbidden);
        }
        let current = row.to_record()?;
        // what a researcher may not change: the keys, the status and the card's identity
        record.id = current.id.clone();
        if !actor.role.curates() {
            record.slug = current.slug.clone();
            record.status = current.status;
        } else if record.slug.is_empty() {
            record.slug = current.slug.clone();
        }
        record.normalize();
        record.validate().map_err(DomainError::Invalid)?;
        let unlisted = self.places().await?.check(&record, &current);
        if !unlisted.is_empty() {
            return Err(DomainError::Invalid(unlisted));
        }
        if version != row.version {
            return Err(self.stale(actor, &row).await?);
        }
        if !actor.role.curates() && self.review_edits().await? {
            let json = serde_json::to_string(&record)?;
            let mut tx = self.write_tx().await?;
            db::review::insert_edit(
                &mut tx,
                row.card_id,
                actor.account_id,
                version,
                &json,
                db::now(),
            )
            .await?;
            tx.commit().await?;
            return Ok(Saved {
                slug: row.slug,
                version: row.version,
                outcome: SaveOutcome::PendingReview,
            });
        }
        let source = if actor.role.curates() {
            "staff"
        } else {
            "researcher"
        };
        let change = Change {
            by: Some(actor.account_id),
            source,
            note: String::new(),
        };
        match self.write_card(&row, &record, version, &change).await? {
            Some(version) => Ok(Saved {
                slug: record.slug,
                version,
                outcome: SaveOutcome::Published,
            }),
            None => Err(self.stale(actor, &row).await?),
        }
    }

    async fn stale(&self, actor: &Actor, row: &CardRow) -> Result<DomainError, DomainError> {
        let now = db::card_by_slug(&self.db, &row.slug)
            .await?
            .ok_or(DomainError::NotFound)?;
        Ok(DomainError::Stale(Box::new(EditableCard {
            card: now.to_record()?,
            version: now.version,
            review: self.review_edits().await? && !actor.role.curates(),
            last_edit: None,
            places: self.places().await?,
        })))
    }

    /// Writes one card if it is still at `expected`; returns the new version, or `None` when
    /// another change came first. The search index follows at once.
    async fn write_card(
        &self,
        row: &CardRow,
        record: &CardRecord,
        expected: i64,
        change: &Change,
    ) -> Result<Option<i64>, DomainError> {
        self.write_card_undoing(row, record, expected, change, Undo::default())
            .await
    }

    /// [`Self::write_card`], undoing a merge in the same transaction as `undo` says, so a
    /// crash cannot leave the card restored and the account still on the kept card.
    async fn write_card_undoing(
        &self,
        row: &CardRow,
        record: &CardRecord,
        expected: i64,
        change: &Change,
        undo: Undo,
    ) -> Result<Option<i64>, DomainError> {
        let json = stored_json(record)?;
        let now = db::now();
        let mut tx = self.write_tx().await?;
        if record.slug != row.slug && db::card_by_slug(&self.db, &record.slug).await?.is_some() {
            return Err(DomainError::Conflict(format!(
                "slug `{}` is already used by another card; choose another",
                record.slug
            )));
        }
        let Some(version) = db::update_card(
            &mut tx,
            row.card_id,
            record,
            &json,
            now,
            change,
            Some(expected),
        )
        .await?
        else {
            return Ok(None);
        };
        if let Some(version) = undo.accounts_merged_after {
            db::merge::return_accounts_merged_after(&mut tx, row.card_id, version).await?;
        }
        if undo.unmerge {
            db::merge::unmerge(&mut tx, row.card_id).await?;
        }
        db::bump_seq(&mut tx).await?;
        tx.commit().await?;
        // the database is the source of truth: a change the index cannot take now is
        // applied by the next catch-up (see `catch_up_index`), which logs the failure
        let _ = self.catch_up_index().await;
        self.refresh_suggestions();
        Ok(Some(version))
    }

    /// Every version of a card with what changed in each (staff, and the card's researcher).
    pub async fn history(
        &self,
        actor: &Actor,
        slug: &str,
    ) -> Result<Vec<HistoryEntry>, DomainError> {
        let row = self.row_for(slug).await?;
        if !actor.can_edit(row.card_id) {
            return Err(DomainError::Forbidden);
        }
        let mut entries = Vec::new();
        let mut before: Option<CardRecord> = None;
        for rev in db::revision::revisions(&self.db, row.card_id).await? {
            let record = revision_record(&rev)?;
            entries.push(HistoryEntry {
                version: rev.version,
                at: db::rfc3339(rev.created_at),
                by: rev.email,
                source: rev.source,
                note: rev.note,
                changes: card_changes(before.as_ref(), &record),
            });
            before = Some(record);
        }
        entries.reverse();
        Ok(entries)
    }

    /// Makes an earlier version the current one (staff). The revert is itself a new version.
    pub async fn revert(
        &self,
        actor: &Actor,
        slug: &str,
        to_version: i64,
        based_on: i64,
    ) -> Result<Saved, DomainError> {
        actor.curator()?;
        let row = self.row_for(slug).await?;
        let rev = db::revision::revision(&self.db, row.card_id, to_version)
            .await?
            .ok_or_else(|| {
                DomainError::BadRequest(format!(
                    "this card has no version {to_version}; see its history for the versions"
                ))
            })?;
        let mut record = revision_record(&rev)?;
        // an old slug may belong to another card by now; keep the card's current address
        record.slug = row.slug.clone();
        let change = Change {
            by: Some(actor.account_id),
            source: "revert",
            note: format!("version {to_version}"),
        };
        if based_on != row.version {
            return Err(self.stale(actor, &row).await?);
        }
        // a revert to before a merge undoes it: accounts the merge brought go back, and a
        // merged duplicate that is no longer archived stands on its own again
        let undo = Undo {
            accounts_merged_after: Some(to_version),
            unmerge: record.status != Status::Archived,
        };
        let Some(version) = self
            .write_card_undoing(&row, &record, based_on, &change, undo)
            .await?
        else {
            return Err(self.stale(actor, &row).await?);
        };
        Ok(Saved {
            slug: row.slug,
            version,
            outcome: SaveOutcome::Published,
        })
    }

    /// Archives a card (it leaves public search; its page names the division to contact) or
    /// restores it (staff). It takes no version, so it is idempotent: a card that has the
    /// status already is answered as it is, and a change that lands meanwhile is built on.
    pub async fn set_status(
        &self,
        actor: &Actor,
        slug: &str,
        status: Status,
        note: &str,
    ) -> Result<Saved, DomainError> {
        actor.curator()?;
        check_comment(note)?;
        let change = Change {
            by: Some(actor.account_id),
            source: if status == Status::Archived {
                "archive"
            } else {
                "restore"
            },
            note: note.trim().to_string(),
        };
        let mut attempts = 0;
        let (row, version) = loop {
            let row = self.row_for(slug).await?;
            let mut record = row.to_record()?;
            if record.status == status {
                if status == Status::Published {
                    // a restored duplicate stands on its own again, with its researcher
                    // account (a no-op for a card that was never merged)
                    let mut tx = self.write_tx().await?;
                    db::merge::unmerge(&mut tx, row.card_id).await?;
                    tx.commit().await?;
                }
                let version = row.version;
                break (row, version);
            }
            record.status = status;
            let undo = Undo {
                accounts_merged_after: None,
                unmerge: status == Status::Published,
            };
            if let Some(version) = self
                .write_card_undoing(&row, &record, row.version, &change, undo)
                .await?
            {
                break (row, version);
            }
            // another change came first: apply the status to the card as it is now
            attempts += 1;
            if attempts == STATUS_ATTEMPTS {
                return Err(DomainError::Conflict(format!(
                    "`{slug}` kept changing while its status was set; try again"
                )));
            }
        };
        Ok(Saved {
            slug: row.slug,
            version,
            outcome: SaveOutcome::Published,
        })
    }

    /// Merges the duplicate card `other` into `keep` (staff): `keep` gains what only `other`
    /// says, `other` is archived and its page points to `keep`, and `other`'s researcher
    /// account moves to `keep` when `keep` has none. Both changes are recorded, so either
    /// can be undone: restoring `other`, or reverting `keep` to before the merge, moves the
    /// account back.
    pub async fn merge_cards(
        &self,
        actor: &Actor,
        keep: &str,
        other: &str,
    ) -> Result<Saved, DomainError> {
        actor.curator()?;
        if keep == other {
            return Err(DomainError::BadRequest(
                "a card cannot be merged into itself; give the slug of the duplicate".into(),
            ));
        }
        let keep_row = self.row_for(keep).await?;
        let other_row = db::card_by_slug(&self.db, other).await?.ok_or_else(|| {
            DomainError::BadRequest(format!(
                "no card has the slug `{other}`; check the duplicate's address (/cards/SLUG)"
            ))
        })?;
        if let Some(into) = db::merge::merged_into(&self.db, other_row.card_id).await? {
            return Err(DomainError::Conflict(format!(
                "`{other}` was already merged into `{into}`"
            )));
        }
        let kept = keep_row.to_record()?;
        let duplicate = other_row.to_record()?;
        let mut merged = crate::model::merge::merge_duplicate(&kept, &duplicate);
        merged.normalize();
        merged.validate().map_err(DomainError::Invalid)?;
        let change = |note: String| Change {
            by: Some(actor.account_id),
            source: "merge",
            note,
        };
        let version = match self
            .write_card(
                &keep_row,
                &merged,
                keep_row.version,
                &change(format!("{} ({other}) 카드를 합침", duplicate.name)),
            )
            .await?
        {
            Some(version) => version,
            None => return Err(self.stale(actor, &keep_row).await?),
        };
        let mut archived = duplicate;
        archived.status = Status::Archived;
        self.write_card(
            &other_row,
            &archived,
            other_row.version,
            &change(format!("{} ({keep}) 카드로 합쳐짐", kept.name)),
        )
        .await?
        .ok_or_else(|| {
            DomainError::Conflict(format!(
                "`{keep}` took the merge, but `{other}` changed meanwhile and is still public; archive it by hand"
            ))
        })?;
        let mut tx = self.write_tx().await?;
        let moved = db::merge::move_account(&mut tx, other_row.card_id, keep_row.card_id).await?;
        db::merge::record_merge(&mut tx, other_row.card_id, keep_row.card_id, moved, version)
            .await?;
        tx.commit().await?;
        Ok(Saved {
            slug: keep_row.slug,
            version,
            outcome: SaveOutcome::Published,
        })
    }

    /// Creates a card (staff); returns its slug.
    pub async fn create_card(
        &self,
        actor: &Actor,
        mut record: CardRecord,
    ) -> Result<Saved, DomainError> {
        actor.curator()?;
        record.normalize();
        record.validate().map_err(DomainError::Invalid)?;
        let unlisted = self.places().await?.check(&record, &CardRecord::default());
        if !unlisted.is_empty() {
            return Err(DomainError::Invalid(unlisted));
        }
        if db::card_by_external_id(&self.db, &record.id)
            .await?
            .is_some()
        {
            return Err(DomainError::Conflict(format!(
                "a card with id `{}` exists already; edit that card or choose another id",
                record.id
            )));
        }
        let mut tx = self.write_tx().await?;
        let taken: std::collections::HashSet<String> =
            db::slugs(&mut tx).await?.into_iter().collect();
        if record.slug.is_empty() {
            record.slug = super::free_slug(&record, &taken);
        } else if taken.contains(&record.slug) {
            return Err(DomainError::Conflict(format!(
                "slug `{}` is already used by another card; choose another",
                record.slug
            )));
        }
        let now = db::now();
        let change = Change {
            by: Some(actor.account_id),
            source: "create",
            note: String::new(),
        };
        let json = stored_json(&record)?;
        db::insert_cards(&mut tx, &[(record.clone(), json)], now, &change).await?;
        db::bump_seq(&mut tx).await?;
        tx.commit().await?;
        let _ = self.catch_up_index().await;
        self.refresh_suggestions();
        Ok(Saved {
            slug: record.slug,
            version: 1,
            outcome: SaveOutcome::Published,
        })
    }

    /// Edits waiting for review, oldest first (staff).
    pub async fn pending_edits(&self, actor: &Actor) -> Result<Vec<EditSummary>, DomainError> {
        actor.curator()?;
        let mut out = Vec::new();
        for edit in db::review::pending_edits(&self.db).await? {
            out.push(self.edit_summary(edit, None).await?);
        }
        Ok(out)
    }

    async fn edit_summary(
        &self,
        edit: db::review::EditRow,
        row: Option<&CardRow>,
    ) -> Result<EditSummary, DomainError> {
        let row = match row {
            Some(row) => row.clone(),
            None => db::cards_by_ids(&self.db, &[edit.card_id])
                .await?
                .into_iter()
                .next()
                .ok_or(DomainError::NotFound)?,
        };
        let current = row.to_record()?;
        let proposed: CardRecord = serde_json::from_str(&edit.record)?;
        Ok(EditSummary {
            id: edit.card_edit_id,
            slug: row.slug.clone(),
            name: current.name.clone(),
            by: edit.email,
            at: db::rfc3339(edit.created_at),
            base_version: edit.base_version,
            state: edit.state,
            comment: edit.comment,
            changes: card_changes(Some(&current), &proposed),
        })
    }

    /// Approves (publishes) or rejects a researcher's edit, with a comment the researcher sees.
    pub async fn decide_edit(
        &self,
        actor: &Actor,
        edit_id: i64,
        approve: bool,
        comment: &str,
    ) -> Result<Saved, DomainError> {
        actor.curator()?;
        check_comment(comment)?;
        let edit = db::review::edit_by_id(&self.db, edit_id)
            .await?
            .ok_or(DomainError::NotFound)?;
        if edit.state != "pending" {
            return Err(DomainError::Conflict(format!(
                "this edit was already {}; reload the review queue",
                edit.state
            )));
        }
        let row = db::cards_by_ids(&self.db, &[edit.card_id])
            .await?
            .into_iter()
            .next()
            .ok_or(DomainError::NotFound)?;
        let comment = comment.trim();
        if approve && row.version != edit.base_version {
            return Err(DomainError::Conflict(
                "the card changed after this edit was made; reject it with a comment asking the researcher to edit the current card".into(),
            ));
        }
        // claim the edit first: of two staff deciding at once, only one gets it
        let state = if approve { "approved" } else { "rejected" };
        let mut tx = self.write_tx().await?;
        let claimed = db::review::decide_edit(
            &mut tx,
            edit_id,
            state,
            comment,
            actor.account_id,
            db::now(),
        )
        .await?;
        tx.commit().await?;
        if !claimed {
            return Err(DomainError::Conflict(
                "someone else decided this edit a moment ago; reload the review queue".into(),
            ));
        }
        if !approve {
            return Ok(Saved {
                slug: row.slug,
                version: row.version,
                outcome: SaveOutcome::Rejected,
            });
        }
        let record: CardRecord = serde_json::from_str(&edit.record)?;
        let change = Change {
            by: edit.account_id,
            source: "review",
            note: format!("{} 승인", actor.email),
        };
        let written = self.write_card(&row, &record, row.version, &change).await;
        let version = match written {
            Ok(Some(version)) => version,
            other => {
                // the card could not take the edit: it goes back to the queue
                db::review::reopen_edit(&self.db, edit_id).await?;
                other?;
                return Err(DomainError::Conflict(
                    "the card changed meanwhile; reload and review again".into(),
                ));
            }
        };
        Ok(Saved {
            slug: record.slug,
            version,
            outcome: SaveOutcome::Published,
        })
    }

    /// What companies look for, stale cards and counts (staff).
    pub async fn dashboard(&self, actor: &Actor) -> Result<Dashboard, DomainError> {
        actor.curator()?;
        let now = db::now();
        let month = now - 30 * 24 * 3600;
        Ok(Dashboard {
            statuses: db::dashboard::status_counts(&self.db).await?,
            top_queries: db::dashboard::top_queries(&self.db, month, false, 20).await?,
            empty_queries: db::dashboard::top_queries(&self.db, month, true, 20).await?,
            stale: db::dashboard::stale_cards(&self.db, now - 365 * 24 * 3600, 50)
                .await?
                .into_iter()
                .map(|(slug, name, at)| (slug, name, db::rfc3339(at)))
                .collect(),
            pending_edits: db::review::pending_edits(&self.db).await?.len(),
            review_edits: self.review_edits().await?,
        })
    }

    /// Starts a deferred rebuild of the autocomplete vocabulary once it is due.
    pub(crate) fn refresh_deferred_suggestions(&self) {
        use std::sync::atomic::Ordering;
        let flags = &self.suggest_flags;
        let due = flags
            .last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_none_or(|t| t.elapsed() >= SUGGEST_SPACING);
        if due && flags.deferred.swap(false, Ordering::AcqRel) {
            self.refresh_suggestions();
        }
    }

    /// Rebuilds the autocomplete vocabulary in the background after a change; changes that
    /// arrive while it runs are picked up by one more rebuild. Within [`SUGGEST_SPACING`]
    /// of the last rebuild the change is deferred: the server's periodic check
    /// ([`Self::refresh_deferred_suggestions`]) starts the rebuild when the time is up.
    pub(crate) fn refresh_suggestions(&self) {
        use std::sync::atomic::Ordering;
        let flags = self.suggest_flags.clone();
        let recent = flags
            .last
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_some_and(|t| t.elapsed() < SUGGEST_SPACING);
        if recent && !flags.running.load(Ordering::Acquire) {
            flags.deferred.store(true, Ordering::Release);
            return;
        }
        flags.dirty.store(true, Ordering::Release);
        if flags.running.swap(true, Ordering::AcqRel) {
            return;
        }
        let directory = self.clone();
        tokio::spawn(async move {
            loop {
                if flags.dirty.swap(false, Ordering::AcqRel) {
                    *flags.last.lock().unwrap_or_else(|e| e.into_inner()) =
                        Some(std::time::Instant::now());
                    if let Err(e) = directory.rebuild_suggestions().await {
                        tracing::error!(error = %e, "could not refresh autocomplete");
                    }
                    // changes made meanwhile wait for the spacing, like those made after
                    if flags.dirty.swap(false, Ordering::AcqRel) {
                        flags.deferred.store(true, Ordering::Release);
                    }
                    continue;
                }
                flags.running.store(false, Ordering::Release);
                // a change that came in just now, after the check above, still gets its rebuild
                if !flags.dirty.load(Ordering::Acquire)
                    || flags.running.swap(true, Ordering::AcqRel)
                {
                    break;
                }
            }
        });
    }
}

fn revision_record(rev: &db::revision::RevisionRow) -> Result<CardRecord, DomainError> {
    let mut record: CardRecord = serde_json::from_str(&rev.record)?;
    record.slug = rev.slug.clone();
    record.status = Status::from_key(&rev.status).unwrap_or(Status::Draft);
    Ok(record)
}

fn check_comment(text: &str) -> Result<(), DomainError> {
    let n = text.chars().count();
    if n > MAX_COMMENT {
        return Err(DomainError::BadRequest(format!(
            "the comment is {n} characters long; the limit is {MAX_COMMENT}"
        )));
    }
    Ok(())
}
