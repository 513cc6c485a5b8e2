//! Merging duplicate cards: one researcher imported twice, or a card created by hand beside
//! an imported one. The kept card wins wherever both say something; everything only the other
//! card says is added, and entries both list appear once.

use super::card::CardRecord;

/// The kept card with everything from `other` that it lacks.
pub fn merge_duplicate(keep: &CardRecord, other: &CardRecord) -> CardRecord {
    let mut out = keep.clone();
    for (mine, theirs) in [
        (&mut out.name_en, &other.name_en),
        (&mut out.position, &other.position),
        (&mut out.organization, &other.organization),
        (&mut out.division, &other.division),
        (&mut out.site, &other.site),
        (&mut out.bio, &other.bio),
        (&mut out.links.homepage, &other.links.homepage),
        (&mut out.links.orcid, &other.links.orcid),
        (&mut out.links.scholar, &other.links.scholar),
    ] {
        if mine.trim().is_empty() {
            mine.clone_from(theirs);
        }
    }
    if out.contact.email.trim().is_empty() {
        out.contact.email.clone_from(&other.contact.email);
        out.contact.email_public = other.contact.email_public;
    }
    if out.contact.phone.trim().is_empty() {
        out.contact.phone.clone_from(&other.contact.phone);
        out.contact.phone_public = other.contact.phone_public;
    }
    // the other card's names become variants, so searches for either find the researcher
    let names = [&other.name, &other.name_en]
        .into_iter()
        .chain(&other.name_variants)
        .filter(|n| !n.trim().is_empty() && **n != out.name && **n != out.name_en)
        .cloned()
        .collect::<Vec<_>>();
    add_words(&mut out.name_variants, names);
    add_words(&mut out.fields, other.fields.clone());
    add_words(&mut out.keywords, other.keywords.clone());
    add_entries(&mut out.career, &other.career, |c| {
        key(&[&c.organization, &c.role, &c.start])
    });
    add_entries(&mut out.projects, &other.projects, |p| key(&[&p.title]));
    add_entries(&mut out.publications, &other.publications, |p| {
        key(&[&p.title])
    });
    add_entries(&mut out.patents, &other.patents, |p| {
        if p.number.trim().is_empty() {
            key(&[&p.title])
        } else {
            key(&[&p.number])
        }
    });
    add_entries(&mut out.videos, &other.videos, |v| key(&[&v.url]));
    for offer in &other.offers {
        if !out.offers.contains(offer) {
            out.offers.push(*offer);
        }
    }
    out.offers.sort();
    out
}

/// What makes two entries the same: their parts, lowercased, without spaces or punctuation.
fn key(parts: &[&str]) -> String {
    parts
        .iter()
        .flat_map(|p| p.chars().chain(['|']))
        .filter(|c| c.is_alphanumeric() || *c == '|')
        .flat_map(char::to_lowercase)
        .collect()
}

fn add_words(words: &mut Vec<String>, more: Vec<String>) {
    for word in more {
        if !words
            .iter()
            .any(|w| w.to_lowercase() == word.to_lowercase())
        {
            words.push(word);
        }
    }
}

fn add_entries<T: Clone>(entries: &mut Vec<T>, more: &[T], key: impl Fn(&T) -> String) {
    for entry in more {
        let k = key(entry);
        if !entries.iter().any(|e| key(e) == k) {
            entries.push(entry.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::card::{Offer, Project, Publication};

    #[test]
    fn the_kept_card_wins_and_gains_what_only_the_other_has() {
        let keep = CardRecord {
            id: "K-1".into(),
            name: "김민수".into(),
            bio: "전력반도체를 연구합니다.".into(),
            keywords: vec!["SiC".into()],
            projects: vec![Project {
                title: "SiC 전력소자 개발".into(),
                ..Default::default()
            }],
            offers: vec![Offer::Testing],
            ..Default::default()
        };
        let other = CardRecord {
            id: "K-2".into(),
            name: "Minsu Kim".into(),
            bio: "다른 소개".into(),
            position: "책임연구원".into(),
            keywords: vec!["sic".into(), "GaN".into()],
            projects: vec![
                Project {
                    title: "SiC  전력소자 개발.".into(),
                    ..Default::default()
                },
                Project {
                    title: "GaN 증폭기".into(),
                    ..Default::default()
                },
            ],
            publications: vec![Publication {
                title: "GaN HEMT reliability".into(),
                ..Default::default()
            }],
            offers: vec![Offer::JointRnd, Offer::Testing],
            ..Default::default()
        };
        let merged = merge_duplicate(&keep, &other);
        assert_eq!(merged.id, "K-1");
        assert_eq!(merged.bio, keep.bio, "what both say: the kept card wins");
        assert_eq!(
            merged.position, "책임연구원",
            "what only the other says is added"
        );
        assert_eq!(merged.keywords, ["SiC", "GaN"]);
        assert_eq!(merged.name_variants, ["Minsu Kim"]);
        let titles: Vec<&str> = merged.projects.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(
            titles,
            ["SiC 전력소자 개발", "GaN 증폭기"],
            "the same project once"
        );
        assert_eq!(merged.publications.len(), 1);
        assert_eq!(merged.offers.len(), 2);
        // merging twice changes nothing more
        assert_eq!(merge_duplicate(&merged, &other), merged);
    }
}
