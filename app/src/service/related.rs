//! Related terms mined from the cards (see [`crate::search::neighbours`]): mining them,
//! putting them to use in searches, and the synonym suggestions staff accept or reject.

use super::account::Actor;
use super::{Directory, DomainError};
use crate::db;
use crate::model::account::{SuggestionDecision, SynonymSuggestion};
use crate::search::neighbours::{Miner, Neighbours, key_of, pair};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Suggestions shown to staff at a time.
const SUGGESTIONS: usize = 30;
/// Edits re-mine the directory at most this often (an import always does).
const MINE_EVERY: Duration = Duration::from_secs(600);
/// Most characters of a suggested term (as for synonym terms).
const MAX_TERM: usize = 100;

impl Directory {
    /// Whether an edit's vocabulary rebuild should mine related terms again.
    pub(super) fn mining_due(&self) -> bool {
        self.mined_at
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .is_none_or(|at| at.elapsed() >= MINE_EVERY)
    }

    /// Mines related terms from every published card and puts them to use; returns the
    /// number of terms with neighbours.
    pub async fn mine_neighbours(&self) -> Result<usize, DomainError> {
        let mut miner = Miner::default();
        self.for_each_card(|row, card| {
            miner.add(row.card_id, &card);
            Ok(())
        })
        .await?;
        self.finish_mining(miner).await
    }

    /// Counts what `miner` read and puts the result to use.
    pub(super) async fn finish_mining(&self, miner: Miner) -> Result<usize, DomainError> {
        let started = Instant::now();
        let mined = tokio::task::spawn_blocking(move || miner.finish()).await?;
        let cards = mined.cards;
        *self.mined.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(mined);
        *self.mined_at.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
        let n = self.install_neighbours().await?;
        tracing::info!(
            cards,
            terms = n,
            ms = started.elapsed().as_millis() as u64,
            "related terms mined"
        );
        Ok(n)
    }

    /// Puts the mined terms to use, without the pairs staff rejected or made synonyms.
    pub async fn install_neighbours(&self) -> Result<usize, DomainError> {
        let mined = self.mined.read().unwrap_or_else(|e| e.into_inner()).clone();
        let mut excluded: HashSet<(String, String)> = db::related::rejected_pairs(&self.db)
            .await?
            .into_iter()
            .collect();
        for group in db::synonym_groups(&self.db).await? {
            let keys: Vec<String> = group.iter().map(|t| key_of(t)).collect();
            for (i, a) in keys.iter().enumerate() {
                for b in &keys[i + 1..] {
                    excluded.insert(pair(a, b));
                }
            }
        }
        let search = self.search.clone();
        let neighbours = tokio::task::spawn_blocking(move || {
            Neighbours::new(&mined, excluded, |t| search.query_words(t))
        })
        .await?;
        let n = neighbours.len();
        self.search.set_neighbours(neighbours);
        Ok(n)
    }

    /// Stops using related terms until they are mined again (to measure what they add).
    pub fn forget_neighbours(&self) {
        self.search.set_neighbours(Neighbours::default());
    }

    /// Pairs of terms worth making synonyms, strongest first (staff).
    pub async fn synonym_suggestions(
        &self,
        actor: &Actor,
    ) -> Result<Vec<SynonymSuggestion>, DomainError> {
        actor.curator()?;
        Ok(self
            .search
            .neighbours()
            .suggestions(SUGGESTIONS)
            .into_iter()
            .map(|s| SynonymSuggestion {
                a: s.a,
                b: s.b,
                score: (s.score * 1000.0).round() / 1000.0,
                together: s.together,
            })
            .collect())
    }

    /// Accepts a suggestion into the synonym groups (joining the group that already has
    /// one of the terms), or rejects it for good; returns the suggestions left (staff).
    pub async fn decide_suggestion(
        &self,
        actor: &Actor,
        decision: SuggestionDecision,
    ) -> Result<Vec<SynonymSuggestion>, DomainError> {
        actor.curator()?;
        let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let (a, b) = (clean(&decision.a), clean(&decision.b));
        for term in [&a, &b] {
            if term.chars().count() > MAX_TERM {
                return Err(DomainError::BadRequest(format!(
                    "`{}…`: 용어는 {MAX_TERM}자까지입니다",
                    term.chars().take(20).collect::<String>()
                )));
            }
        }
        let (key_a, key_b) = (key_of(&a), key_of(&b));
        if key_a.is_empty() || key_b.is_empty() {
            return Err(DomainError::BadRequest(
                "두 용어 a, b를 모두 보내 주세요 (검색어가 될 수 있는 말이어야 합니다)".into(),
            ));
        }
        if key_a == key_b {
            return Err(DomainError::BadRequest(format!(
                "`{a}`와 `{b}`는 검색에서 같은 말입니다; 서로 다른 두 용어를 보내 주세요"
            )));
        }
        if decision.accept {
            let mut lists = self.lists(actor).await?;
            let holds = |group: &Vec<String>, key: &str| group.iter().any(|t| key_of(t) == key);
            match lists
                .synonyms
                .iter_mut()
                .find(|g| holds(g, &key_a) || holds(g, &key_b))
            {
                Some(group) => {
                    for (term, key) in [(&a, &key_a), (&b, &key_b)] {
                        if !holds(group, key) {
                            group.push(term.clone());
                        }
                    }
                }
                None => lists.synonyms.push(vec![a, b]),
            }
            // checked and saved like a staff edit of the list; reloads synonyms
            self.replace_lists(actor, lists).await?;
        } else {
            let (x, y) = pair(&key_a, &key_b);
            let mut tx = self.write_tx().await?;
            db::related::reject_pair(&mut tx, &x, &y, actor.account_id, db::now()).await?;
            let seq = db::bump_lists_seq(&mut tx).await?;
            tx.commit().await?;
            self.saw_lists(seq);
        }
        self.install_neighbours().await?;
        self.synonym_suggestions(actor).await
    }
}
