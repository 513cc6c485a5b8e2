//! Query-time synonyms: a query word or phrase that is a term of a synonym group also
//! matches the group's other terms (`배터리` finds `이차전지`, `AI` finds `인공지능`).

use super::analyzer::{QueryWord, query_words};

/// One concept of a query: its own words, and other ways to say the same thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Concept {
    pub words: Vec<QueryWord>,
    pub alternatives: Vec<Vec<QueryWord>>,
    /// Terms the directory uses alongside it ([`super::neighbours`]): they only fill the
    /// partial tier, at a low weight, and never count as the concept itself.
    pub related: Vec<Vec<QueryWord>>,
}

impl Concept {
    /// A concept that only ranks and never filters (`연구`, `system`).
    pub fn generic(&self) -> bool {
        self.alternatives.is_empty() && self.words.iter().all(|w| w.generic)
    }

    /// The words of the concept itself and of its synonyms, which a match highlights.
    pub fn own_words(&self) -> impl Iterator<Item = &QueryWord> {
        self.words.iter().chain(self.alternatives.iter().flatten())
    }
}

/// Synonym groups, analysed once.
#[derive(Clone, Debug, Default)]
pub struct Synonyms {
    /// group → terms → words of the term.
    groups: Vec<Vec<Vec<QueryWord>>>,
}

fn same(a: &[QueryWord], b: &[QueryWord]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.required == y.required)
}

impl Synonyms {
    /// Analyses groups of terms with bigrams for Korean; terms without any searchable word
    /// are dropped.
    pub fn new(groups: Vec<Vec<String>>) -> Synonyms {
        Self::analysed(groups, query_words)
    }

    /// Analyses groups of terms with `analyse`, the query analysis of the index they serve
    /// (see [`super::SearchIndex::query_words`]).
    pub fn analysed(
        groups: Vec<Vec<String>>,
        mut analyse: impl FnMut(&str) -> Vec<QueryWord>,
    ) -> Synonyms {
        Synonyms {
            groups: groups
                .into_iter()
                .map(|terms| {
                    let mut analysed: Vec<Vec<QueryWord>> = Vec::new();
                    for term in terms {
                        let words = analyse(&term);
                        if !words.is_empty() && !analysed.iter().any(|t| same(t, &words)) {
                            analysed.push(words);
                        }
                    }
                    analysed
                })
                .filter(|g| g.len() > 1)
                .collect(),
        }
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// True without groups.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Groups the query's words into concepts, longest synonym term first.
    pub fn concepts(&self, words: Vec<QueryWord>) -> Vec<Concept> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let mut best: Option<(usize, usize, usize)> = None; // (len, group, term)
            for (g, terms) in self.groups.iter().enumerate() {
                for (t, term) in terms.iter().enumerate() {
                    let n = term.len();
                    if i + n <= words.len()
                        && best.is_none_or(|(len, _, _)| n > len)
                        && same(term, &words[i..i + n])
                    {
                        best = Some((n, g, t));
                    }
                }
            }
            match best {
                Some((n, g, t)) => {
                    let alternatives = self.groups[g]
                        .iter()
                        .enumerate()
                        .filter(|(k, _)| *k != t)
                        .map(|(_, term)| term.clone())
                        .collect();
                    out.push(Concept {
                        words: words[i..i + n].to_vec(),
                        alternatives,
                        related: Vec::new(),
                    });
                    i += n;
                }
                None => {
                    out.push(Concept {
                        words: vec![words[i].clone()],
                        alternatives: Vec::new(),
                        related: Vec::new(),
                    });
                    i += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn synonyms() -> Synonyms {
        Synonyms::new(vec![
            vec!["배터리".into(), "이차전지".into(), "battery".into()],
            vec![
                "BMS".into(),
                "배터리 관리 시스템".into(),
                "battery management system".into(),
            ],
            vec!["AI".into(), "인공지능".into()],
        ])
    }

    fn texts(words: &[QueryWord]) -> Vec<&str> {
        words.iter().map(|w| w.text.as_str()).collect()
    }

    #[test]
    fn a_word_with_a_particle_finds_its_synonyms() {
        let c = synonyms().concepts(query_words("배터리를"));
        assert_eq!(c.len(), 1);
        let alts: Vec<Vec<&str>> = c[0].alternatives.iter().map(|a| texts(a)).collect();
        assert_eq!(alts, vec![vec!["이차전지"], vec!["battery"]]);
    }

    #[test]
    fn the_longest_phrase_wins() {
        let c = synonyms().concepts(query_words("Battery Management Systems 설계"));
        assert_eq!(c.len(), 2);
        assert_eq!(texts(&c[0].words), vec!["battery", "management", "systems"]);
        assert_eq!(texts(&c[0].alternatives[0]), vec!["bms"]);
        assert!(c[1].alternatives.is_empty());
    }

    #[test]
    fn words_without_synonyms_stay_single_concepts() {
        let c = synonyms().concepts(query_words("AI 웨이퍼 연구"));
        assert_eq!(c.len(), 3);
        assert_eq!(texts(&c[0].alternatives[0]), vec!["인공지능"]);
        assert!(c[2].generic());
    }
}
