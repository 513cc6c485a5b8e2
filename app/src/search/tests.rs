//! Search behaviour on a small fixed corpus in a RAM index.

use super::evidence::this_year;
use super::synonyms::Synonyms;
use super::*;
use crate::model::card::{CardRecord, Offer, Project, Publication, Status, Video};
use crate::model::search::{SearchParams, Sort};
use std::collections::HashSet;

fn card(id: &str, name: &str, fields: &[&str], keywords: &[&str], bio: &str) -> CardRecord {
    CardRecord {
        id: id.into(),
        slug: id.to_lowercase(),
        name: name.into(),
        fields: fields.iter().map(|s| s.to_string()).collect(),
        keywords: keywords.iter().map(|s| s.to_string()).collect(),
        bio: bio.into(),
        division: "지능형반도체연구센터".into(),
        site: "성남".into(),
        ..Default::default()
    }
}

fn corpus() -> Vec<CardRecord> {
    let mut a = card(
        "a",
        "김서연",
        &["시스템반도체"],
        &["웨이퍼 결함 검출", "머신비전"],
        "딥러닝 기반 반도체 검사 장비를 연구한다.",
    );
    a.name_en = "Seoyeon Kim".into();
    a.offers = vec![Offer::Testing, Offer::JointRnd];
    a.publications.push(Publication {
        title: "Wafer defect detection with deep networks".into(),
        keywords: vec!["defect detection".into()],
        ..Default::default()
    });
    let mut b = card(
        "b",
        "이민수",
        &["인공지능"],
        &["인공지능 반도체", "NPU 설계"],
        "AI 가속기와 HBM3 메모리 인터페이스를 설계한다.",
    );
    b.site = "광주".into();
    b.offers = vec![Offer::TechTransfer];
    b.videos.push(Video {
        title: "NPU 소개".into(),
        url: "https://youtu.be/dQw4w9WgXcQ".into(),
    });
    let mut c = card(
        "c",
        "박지훈",
        &["이차전지", "에너지"],
        &["BMS 알고리즘", "배터리 열폭주"],
        "전기차 배터리 관리 시스템을 개발한다.",
    );
    c.division = "에너지IT융합연구센터".into();
    c.site = "전북".into();
    c.projects.push(Project {
        title: "5G 기반 배터리 원격 진단".into(),
        ..Default::default()
    });
    let mut d = card(
        "d",
        "최유진",
        &["시스템반도체"],
        &["반도체 공정"],
        "반도체를 만드는 공정 장비의 데이터를 분석한다.",
    );
    d.status = Status::Draft;
    let e = card(
        "e",
        "정하늘",
        &["스마트제조"],
        &["디지털트윈"],
        "제조 현장의 반도체 장비 이력을 언급만 한다.",
    );
    vec![a, b, c, d, e]
}

fn index() -> SearchIndex {
    index_of(&corpus())
}

/// An index of `cards`, numbered from 1 in order.
fn index_of(cards: &[CardRecord]) -> SearchIndex {
    let index = SearchIndex::in_ram().unwrap();
    let docs: Vec<SearchDoc> = cards
        .iter()
        .enumerate()
        .map(|(i, c)| SearchDoc::from_card(i as i64 + 1, c, 1_700_000_000 + i as i64))
        .collect();
    index.apply(&docs, &[], 1).unwrap();
    index
}

/// Live documents of one kind (`card` or `item`).
fn live(index: &SearchIndex, kind: &str) -> usize {
    let query = tantivy::query::TermQuery::new(
        tantivy::Term::from_field_text(index.fields.kind, kind),
        tantivy::schema::IndexRecordOption::Basic,
    );
    index
        .reader
        .searcher()
        .search(&query, &tantivy::collector::Count)
        .unwrap()
}

/// The first page (10 hits) of a search for `q`, partial hits included.
fn first_page(index: &SearchIndex, q: &str) -> crate::model::search::SearchResults {
    let params = SearchParams {
        q: q.into(),
        page: 1,
        per_page: 10,
        ..Default::default()
    };
    index.search(&params).unwrap()
}

/// The first hit of a search for `q`.
fn first_hit(index: &SearchIndex, q: &str) -> crate::model::search::Hit {
    first_page(index, q).hits.remove(0)
}

/// Cards matching every word of `q` (partial matches that follow them are left out).
fn search(index: &SearchIndex, q: &str) -> Vec<String> {
    let params = SearchParams {
        q: q.into(),
        page: 1,
        per_page: 20,
        ..Default::default()
    };
    index
        .search(&params)
        .unwrap()
        .hits
        .into_iter()
        .filter(|h| !h.partial)
        .map(|h| h.external_id)
        .collect()
}

#[test]
fn particles_do_not_prevent_a_match() {
    let idx = index();
    assert_eq!(search(&idx, "웨이퍼를"), vec!["a"]);
    assert!(search(&idx, "반도체를").contains(&"a".to_string()));
}

#[test]
fn compound_and_spaced_forms_find_the_same_card() {
    let idx = index();
    assert_eq!(search(&idx, "인공지능반도체"), vec!["b"]);
    assert_eq!(search(&idx, "인공지능 반도체"), vec!["b"]);
}

#[test]
fn latin_and_digit_terms_are_kept_whole() {
    let idx = index();
    assert_eq!(search(&idx, "HBM3"), vec!["b"]);
    assert_eq!(search(&idx, "hbm3"), vec!["b"]);
    assert_eq!(search(&idx, "5G"), vec!["c"]);
    assert_eq!(search(&idx, "BMS"), vec!["c"]);
    assert!(search(&idx, "HBM").is_empty(), "HBM is not HBM3");
}

#[test]
fn english_is_stemmed_and_case_folded() {
    let idx = index();
    assert_eq!(search(&idx, "Detecting Defects"), vec!["a"]);
}

#[test]
fn keywords_outrank_a_passing_mention_in_the_bio() {
    let idx = index();
    let hits = search(&idx, "반도체");
    assert_eq!(hits.len(), 3, "{hits:?}");
    assert!(
        hits[..2].contains(&"a".to_string()) && hits[..2].contains(&"b".to_string()),
        "{hits:?}"
    );
    assert_eq!(hits.last().map(String::as_str), Some("e"), "{hits:?}");
}

#[test]
fn drafts_never_appear() {
    let idx = index();
    assert!(!search(&idx, "공정 장비").contains(&"d".to_string()));
    assert!(!search(&idx, "최유진").contains(&"d".to_string()));
}

#[test]
fn names_are_found_in_korean_and_english() {
    let idx = index();
    assert_eq!(search(&idx, "김서연"), vec!["a"]);
    assert_eq!(search(&idx, "seoyeon kim"), vec!["a"]);
}

#[test]
fn no_card_matching_every_word_relaxes_to_some_words() {
    let idx = index();
    let params = SearchParams {
        q: "머신비전 열폭주".into(),
        page: 1,
        per_page: 20,
        ..Default::default()
    };
    let r = idx.search(&params).unwrap();
    assert!(r.relaxed);
    assert_eq!(r.total, 2);
}

#[test]
fn facets_or_within_and_across_and_ignore_their_own_selection() {
    let idx = index();
    let base = SearchParams {
        page: 1,
        per_page: 20,
        ..Default::default()
    };
    let all = idx.search(&base).unwrap();
    assert_eq!(all.total, 4, "drafts are not counted");
    let sites: Vec<(String, u64)> = all
        .facets
        .site
        .iter()
        .map(|c| (c.value.clone(), c.count))
        .collect();
    assert_eq!(
        sites,
        vec![("성남".into(), 2), ("광주".into(), 1), ("전북".into(), 1)]
    );

    let p = SearchParams {
        site: vec!["광주".into(), "전북".into()],
        ..base.clone()
    };
    let r = idx.search(&p).unwrap();
    assert_eq!(r.total, 2, "values of one facet OR together");
    assert_eq!(
        r.facets.site.len(),
        3,
        "the site facet still shows every site"
    );
    let fields: Vec<&str> = r.facets.field.iter().map(|c| c.value.as_str()).collect();
    assert!(
        !fields.contains(&"스마트제조"),
        "other facets follow the selection: {fields:?}"
    );

    let p = SearchParams {
        site: vec!["광주".into(), "전북".into()],
        field: vec!["이차전지".into()],
        ..base.clone()
    };
    assert_eq!(idx.search(&p).unwrap().total, 1, "facets AND together");

    let p = SearchParams {
        has_video: true,
        ..base.clone()
    };
    let r = idx.search(&p).unwrap();
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].external_id, "b");
    let p = SearchParams {
        offer: vec!["testing".into()],
        ..base
    };
    assert_eq!(idx.search(&p).unwrap().hits[0].external_id, "a");
}

#[test]
fn sorting_by_name_and_by_update_time() {
    let idx = index();
    let mut p = SearchParams {
        page: 1,
        per_page: 20,
        sort: Sort::Name,
        ..Default::default()
    };
    let names: Vec<String> = idx
        .search(&p)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.name)
        .collect();
    assert_eq!(names, vec!["김서연", "박지훈", "이민수", "정하늘"]);
    p.sort = Sort::Updated;
    let ids: Vec<String> = idx
        .search(&p)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.external_id)
        .collect();
    assert_eq!(ids, vec!["e", "c", "b", "a"]);
}

#[test]
fn pages_split_the_results() {
    let idx = index();
    let p = SearchParams {
        page: 2,
        per_page: 3,
        sort: Sort::Name,
        ..Default::default()
    };
    let r = idx.search(&p).unwrap();
    assert_eq!(r.total, 4);
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.hits[0].name, "정하늘");
}

#[test]
fn snippets_highlight_the_query() {
    let idx = index();
    let p = SearchParams {
        q: "배터리".into(),
        page: 1,
        per_page: 20,
        ..Default::default()
    };
    let r = idx.search(&p).unwrap();
    assert!(
        r.hits[0].snippet.contains("<mark>배터리</mark>"),
        "{}",
        r.hits[0].snippet
    );
}

#[test]
fn updating_and_deleting_documents_takes_effect() {
    let idx = index();
    let mut changed = corpus().remove(0);
    changed.keywords = vec!["양자컴퓨팅".into()];
    idx.apply(&[SearchDoc::from_card(1, &changed, 1)], &[3], 2)
        .unwrap();
    assert_eq!(search(&idx, "양자컴퓨팅"), vec!["a"]);
    assert!(search(&idx, "BMS").is_empty());
    assert_eq!(idx.stamp().map(|s| s.seq), Some(2));
    // the respelling check sees the same: a word only a deleted card had is found nowhere
    assert_eq!(
        idx.finds_each_word("양자컴퓨팅 BMS 없는단어").unwrap(),
        vec![true, false, false]
    );
}

#[test]
fn a_cleared_batch_replaces_the_index_and_later_upserts_replace_its_documents() {
    let idx = index();
    let mut cards = corpus();
    cards.truncate(2);
    let mut batch = idx.batch(true).unwrap();
    let docs: Vec<SearchDoc> = cards
        .iter()
        .enumerate()
        .map(|(i, c)| SearchDoc::from_card(i as i64 + 1, c, 1))
        .collect();
    batch.add_new(&docs).unwrap();
    batch.finish(2).unwrap();
    // the third card was in the old index only
    assert!(search(&idx, "BMS").is_empty());
    let before = search(&idx, "반도체").len();
    assert!(before > 0);

    let mut changed = cards[0].clone();
    changed.keywords = vec!["양자컴퓨팅".into()];
    let mut batch = idx.batch(false).unwrap();
    batch
        .upsert(&[SearchDoc::from_card(1, &changed, 2)])
        .unwrap();
    batch.finish(3).unwrap();
    assert_eq!(search(&idx, "양자컴퓨팅"), vec!["a"]);
    assert_eq!(live(&idx, schema::CARD), 2, "upsert left no duplicate");
}

#[test]
fn cards_with_every_word_come_first_then_cards_with_some() {
    let idx = index();
    let params = SearchParams {
        q: "반도체 머신비전".into(),
        page: 1,
        per_page: 20,
        ..Default::default()
    };
    let r = idx.search(&params).unwrap();
    assert!(!r.relaxed);
    assert_eq!(r.hits[0].external_id, "a");
    assert!(!r.hits[0].partial);
    assert!(r.hits[1..].iter().all(|h| h.partial), "{:?}", r.hits);
    assert_eq!(r.total as usize, r.hits.len());
    assert!(
        r.hits[0].score < 1000.0,
        "the ordering bonus is not reported"
    );
}

#[test]
fn generic_words_rank_but_do_not_filter() {
    let idx = index();
    let words = crate::search::analyzer::query_words("배터리 연구");
    assert!(!words[0].generic && words[1].generic);
    assert_eq!(search(&idx, "배터리 연구"), vec!["c"]);
    assert!(
        search(&idx, "research").is_empty(),
        "a lone generic word still filters"
    );
}

#[test]
fn synonyms_find_cards_written_in_the_other_term() {
    let idx = index();
    assert!(
        search(&idx, "신경망처리장치 설계").is_empty(),
        "without synonyms"
    );
    assert!(search(&idx, "battery").is_empty(), "without synonyms");
    idx.set_synonyms(synonyms::Synonyms::new(vec![
        vec!["NPU".into(), "신경망처리장치".into()],
        vec!["배터리".into(), "이차전지".into(), "battery".into()],
    ]));
    assert_eq!(
        search(&idx, "신경망처리장치 설계"),
        vec!["b"],
        "finds the card that says NPU"
    );
    assert_eq!(search(&idx, "battery"), vec!["c"]);
}

#[test]
fn recent_work_ranks_somewhat_higher_than_old_work() {
    let index = SearchIndex::in_ram().unwrap();
    let mut old = card("old", "가", &[], &["전력반도체"], "");
    old.publications.push(Publication {
        title: "전력반도체 소자".into(),
        year: Some(2004),
        ..Default::default()
    });
    let mut recent = old.clone();
    recent.id = "recent".into();
    recent.slug = "recent".into();
    recent.publications[0].year = Some(this_year() as i32 - 1);
    let docs = [
        SearchDoc::from_card(1, &old, 1_700_000_000),
        SearchDoc::from_card(2, &recent, 1_700_000_000),
    ];
    index.apply(&docs, &[], 1).unwrap();
    assert_eq!(search(&index, "전력반도체"), vec!["recent", "old"]);
}

#[test]
fn several_matching_works_outrank_a_single_mention() {
    let index = SearchIndex::in_ram().unwrap();
    let mut one = card("one", "가", &[], &[], "");
    one.projects.push(Project {
        title: "열관리 소재 연구".into(),
        ..Default::default()
    });
    let mut many = card("many", "나", &[], &[], "");
    for title in [
        "열관리 소재 개발",
        "배터리 열관리 시스템",
        "열관리 시뮬레이션",
    ] {
        many.projects.push(Project {
            title: title.into(),
            ..Default::default()
        });
    }
    let docs = [
        SearchDoc::from_card(1, &one, 1_700_000_000),
        SearchDoc::from_card(2, &many, 1_700_000_000),
    ];
    index.apply(&docs, &[], 1).unwrap();
    assert_eq!(search(&index, "열관리"), vec!["many", "one"]);
}

#[test]
fn a_korean_name_is_found_by_its_romanizations_without_an_english_name() {
    let index = SearchIndex::in_ram().unwrap();
    let person = card("p", "김민수", &[], &["로봇"], "");
    assert!(person.name_en.is_empty());
    index
        .apply(&[SearchDoc::from_card(1, &person, 1_700_000_000)], &[], 1)
        .unwrap();
    for q in [
        "Minsu Kim",
        "Kim Min-su",
        "Min-Su Kim",
        "kim minsu",
        "Gim Minsu",
    ] {
        assert_eq!(search(&index, q), vec!["p"], "{q}");
    }
    assert!(search(&index, "Minho Kim").is_empty());
}

#[test]
fn a_synonym_phrase_is_followed_by_cards_with_one_of_its_words() {
    let index = SearchIndex::in_ram().unwrap();
    index.set_synonyms(Synonyms::new(vec![vec![
        "로봇팔".into(),
        "robot arm".into(),
    ]]));
    let arm = card("arm", "가", &[], &["로봇팔 제어"], "");
    let robot = card("robot", "나", &[], &["robot vision"], "");
    let docs = [
        SearchDoc::from_card(1, &arm, 1_700_000_000),
        SearchDoc::from_card(2, &robot, 1_700_000_000),
    ];
    index.apply(&docs, &[], 1).unwrap();
    let params = SearchParams {
        q: "robot arm".into(),
        page: 1,
        per_page: 20,
        ..Default::default()
    };
    let hits: Vec<(String, bool)> = index
        .search(&params)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| (h.external_id, h.partial))
        .collect();
    assert_eq!(
        hits,
        vec![("arm".to_string(), false), ("robot".to_string(), true)]
    );
}

#[test]
fn a_long_compound_matches_whole_or_split_once_into_two_parts() {
    let cards: Vec<CardRecord> = [
        card("whole", "가", &[], &["전력반도체"], ""),
        card(
            "apart",
            "나",
            &[],
            &[],
            "전력 시스템에 쓰이는 반도체 소자를 만든다.",
        ),
        card(
            "half",
            "다",
            &[],
            &["반도체"],
            "전력이 아닌 신호 처리를 다룬다.",
        ),
        card("none", "라", &[], &["인공지능"], ""),
    ]
    .into_iter()
    .map(|mut c| {
        // the shared test division names 반도체; these cards must say it only where shown
        c.division = "스마트제조연구센터".into();
        c
    })
    .collect();
    let index = index_of(&cards);
    let mut found = search(&index, "전력반도체");
    assert_eq!(
        found.first().map(String::as_str),
        Some("whole"),
        "{found:?}"
    );
    // the parts may stand apart anywhere in the card (one text field since schema 7):
    // `half` has 반도체 as a keyword and 전력 in its bio
    found.sort();
    assert_eq!(found, vec!["apart", "half", "whole"]);
    assert!(
        search(&index, "반도체전력망").is_empty(),
        "parts in another order are no split"
    );
}

#[test]
fn a_six_syllable_compound_may_lack_one_middle_bigram_but_not_two_or_an_end() {
    // 스마트팩토리: 스마 마트 트팩 팩토 토리; a split drops one of 마트, 트팩, 팩토
    let cards: Vec<CardRecord> = [
        card("whole", "가", &[], &["스마트팩토리"], ""),
        card("split", "나", &[], &[], "스마트 기반 팩토리 운영을 돕는다."),
        card("ends", "다", &[], &[], "스마 토리 이야기."),
        card("start", "라", &[], &[], "마트 트팩 팩토 토리 목록."),
    ]
    .into_iter()
    .map(|mut c| {
        c.division = "인공지능연구센터".into();
        c
    })
    .collect();
    let index = index_of(&cards);
    let mut found = search(&index, "스마트팩토리");
    assert_eq!(
        found.first().map(String::as_str),
        Some("whole"),
        "{found:?}"
    );
    found.sort();
    assert_eq!(found, vec!["split", "whole"]);
}

#[test]
fn a_facet_value_given_twice_counts_the_card_once_with_and_without_selections() {
    let idx = SearchIndex::in_ram().unwrap();
    let cards = corpus();
    let mut docs: Vec<SearchDoc> = cards
        .iter()
        .enumerate()
        .map(|(i, c)| SearchDoc::from_card(i as i64 + 1, c, 1))
        .collect();
    let twice = docs[0].facets[0].clone();
    docs[0].facets.push(twice.clone());
    idx.apply(&docs, &[], 1).unwrap();
    let expected = cards
        .iter()
        .filter(|c| c.status == Status::Published && c.fields.contains(&twice.1))
        .count() as u64;
    let count_of = |params: &SearchParams| {
        let r = idx.search(params).unwrap();
        r.facets
            .field
            .iter()
            .find(|c| c.value == twice.1)
            .map(|c| c.count)
    };
    let all = SearchParams {
        page: 1,
        per_page: 20,
        ..Default::default()
    };
    assert_eq!(count_of(&all), Some(expected));
    // a selected facet's own list is counted by the other-values counter
    let selected = SearchParams {
        field: vec![twice.1.clone()],
        ..all.clone()
    };
    assert_eq!(count_of(&selected), Some(expected));
}

#[test]
fn facet_counts_follow_updates_and_deletions() {
    let idx = index();
    let counts = |idx: &SearchIndex| -> Vec<(String, u64)> {
        let params = SearchParams {
            page: 1,
            per_page: 20,
            ..Default::default()
        };
        let r = idx.search(&params).unwrap();
        r.facets
            .site
            .iter()
            .map(|c| (c.value.clone(), c.count))
            .collect()
    };
    assert_eq!(
        counts(&idx),
        vec![("성남".into(), 2), ("광주".into(), 1), ("전북".into(), 1)]
    );
    let mut moved = corpus().remove(0);
    moved.site = "광주".into();
    idx.apply(&[SearchDoc::from_card(1, &moved, 2)], &[3], 2)
        .unwrap();
    let after = counts(&idx);
    let total: u64 = after.iter().map(|(_, n)| n).sum();
    assert_eq!(total, 3, "the deleted card no longer counts: {after:?}");
    assert!(after.contains(&("광주".into(), 2)), "{after:?}");
}

#[test]
fn a_selected_facets_counts_are_what_choosing_that_value_alone_would_find() {
    let idx = index();
    let base = SearchParams {
        page: 1,
        per_page: 20,
        ..Default::default()
    };
    let selections = [
        SearchParams {
            site: vec!["광주".into()],
            field: vec!["이차전지".into()],
            ..base.clone()
        },
        SearchParams {
            site: vec!["성남".into(), "전북".into()],
            offer: vec!["testing".into()],
            ..base.clone()
        },
        SearchParams {
            q: "반도체".into(),
            site: vec!["성남".into()],
            has_video: true,
            ..base.clone()
        },
    ];
    // every value any card has, so a value missing from a list is caught too
    let everything = idx.search(&base).unwrap().facets;
    for params in selections {
        let shown = idx.search(&params).unwrap().facets;
        for key in ["site", "field", "offer"] {
            if params.selected(key).is_empty() {
                continue;
            }
            for value in everything.get(key).iter().map(|c| c.value.clone()) {
                let mut alone = params.clone();
                match key {
                    "site" => alone.site = vec![value.clone()],
                    "field" => alone.field = vec![value.clone()],
                    _ => alone.offer = vec![value.clone()],
                }
                let found = idx.search(&alone).unwrap().total;
                let count = shown
                    .get(key)
                    .iter()
                    .find(|c| c.value == value)
                    .map_or(0, |c| c.count);
                assert_eq!(found, count, "{key}={value} under {params:?}");
            }
        }
    }
}

#[test]
fn a_keyword_is_not_diluted_by_a_long_publication_list() {
    // one length normalises a card's whole text; the key field keeps a keyword's weight
    let mut prolific = card("prolific", "가", &[], &["라이다"], "");
    prolific.publications = (0..40)
        .map(|i| Publication {
            title: format!("전력 변환 회로의 효율 개선 연구 {i}"),
            ..Default::default()
        })
        .collect();
    let cards = vec![
        prolific,
        card("mention", "나", &[], &[], "라이다 장비를 써 본 적이 있다."),
        card("other", "다", &[], &["전력 변환"], ""),
    ];
    let index = index_of(&cards);
    assert_eq!(search(&index, "라이다"), vec!["prolific", "mention"]);
}

#[test]
fn a_body_of_work_outranks_a_single_mention_on_a_short_card() {
    // the prolific researcher's long card would be length-normalised below the short one
    let mut prolific = card("prolific", "가", &[], &[], "");
    prolific.publications = (0..30)
        .map(|i| Publication {
            title: if i % 3 == 0 {
                format!("Federated learning with noisy clients, part {i}")
            } else {
                format!("Graph neural networks for molecules, study {i}")
            },
            year: Some(2020),
            ..Default::default()
        })
        .collect();
    let mut once = card("once", "나", &[], &[], "");
    once.publications.push(Publication {
        title: "A note on federated learning".into(),
        year: Some(2020),
        ..Default::default()
    });
    let index = index_of(&[once, prolific]);
    assert_eq!(
        search(&index, "federated learning"),
        vec!["prolific", "once"]
    );
}

#[test]
fn a_hit_says_how_many_works_match_and_shows_the_strongest_one() {
    let mut c = card("c", "가", &[], &[], "배터리 연구자입니다.");
    for (title, year) in [
        ("배터리 열관리 소재", 2019),
        ("배터리 열관리 시스템 설계", 2024),
        ("전고체 전해질", 2025),
    ] {
        c.publications.push(Publication {
            title: title.into(),
            year: Some(year),
            ..Default::default()
        });
    }
    c.patents.push(crate::model::card::Patent {
        title: "열관리 장치".into(),
        year: Some(2022),
        ..Default::default()
    });
    let hit = first_hit(&index_of(&[c]), "열관리");
    let evidence = hit.evidence.expect("evidence");
    assert_eq!((evidence.publications, evidence.patents), (2, 1));
    assert_eq!(evidence.latest_year, Some(2024));
    assert_eq!(
        evidence.summary_ko(),
        "이 주제 논문 2편 · 특허 1건 · 최근 2024"
    );
    assert!(hit.snippet.contains("<mark>"), "{}", hit.snippet);
    assert!(hit.snippet.contains("열관리"), "{}", hit.snippet);
    assert!(!hit.snippet.contains("전고체"), "{}", hit.snippet);
}

#[test]
fn the_snippet_is_the_strongest_works_own_title_whatever_kind_it_is() {
    // items are stored in the order publications, projects, patents, videos, an untitled
    // one left out: the strongest here is a patent, after the other kinds. The bio says the
    // query's words more often, so a snippet from the card's whole text would be the bio.
    let bio = "웨이퍼 결함 검출, 웨이퍼 결함 분류, 결함 검출 장비의 웨이퍼 검출 연구";
    let mut c = card("c", "가", &[], &[], bio);
    for title in ["", "소재 특성 분석", "웨이퍼 세정 공정"] {
        c.publications.push(Publication {
            title: title.into(),
            year: Some(2020),
            ..Default::default()
        });
    }
    c.projects.push(Project {
        title: "결함 데이터 수집".into(),
        end: "2021-12".into(),
        ..Default::default()
    });
    c.patents.push(crate::model::card::Patent {
        title: "웨이퍼 결함 검출 장치 및 방법".into(),
        year: Some(2025),
        ..Default::default()
    });
    c.videos.push(crate::model::card::Video {
        title: "웨이퍼 이야기".into(),
        url: "https://example.org/v".into(),
    });
    let hit = first_hit(&index_of(&[c]), "웨이퍼 결함 검출");
    let plain = hit.snippet.replace("<mark>", "").replace("</mark>", "");
    assert_eq!(plain, "웨이퍼 결함 검출 장치 및 방법", "{}", hit.snippet);
    assert!(hit.snippet.contains("<mark>"), "{}", hit.snippet);
}

#[test]
fn a_partial_hit_counts_its_works_on_part_of_the_topic() {
    let mut c = card("c", "가", &[], &[], "");
    for (title, year) in [("배터리 열폭주 해석", 2021), ("배터리 열폭주 시험", 2023)]
    {
        c.publications.push(Publication {
            title: title.into(),
            year: Some(year),
            ..Default::default()
        });
    }
    c.projects.push(Project {
        title: "전고체 전해질 개발".into(),
        ..Default::default()
    });
    // no card has `소화`: the hit is partial, and its works on `배터리 열폭주` are counted
    let hit = first_hit(&index_of(&[c]), "배터리 열폭주 소화");
    assert!(hit.partial);
    let evidence = hit.evidence.expect("evidence");
    assert!(evidence.partial);
    assert_eq!((evidence.publications, evidence.projects), (2, 0));
    assert_eq!(evidence.summary_ko(), "관련 논문 2편 · 최근 2023");
    assert_eq!(
        evidence.summary_en(),
        "On part of this topic: 2 publications · latest 2023"
    );
    // works on the whole topic are counted as such
    let mut d = card("d", "나", &[], &[], "");
    d.publications.push(Publication {
        title: "배터리 열폭주 소화 장치".into(),
        ..Default::default()
    });
    let evidence = first_hit(&index_of(&[d]), "배터리 열폭주 소화").evidence;
    assert!(!evidence.expect("evidence").partial);
}

#[test]
fn a_generic_word_alone_does_not_make_a_partial_match() {
    let mut a = card("a", "가", &[], &["악성코드 탐지"], "");
    a.publications.push(Publication {
        title: "악성코드 탐지 기술".into(),
        ..Default::default()
    });
    let mut b = card("b", "나", &[], &["침입 탐지"], "");
    b.publications.push(Publication {
        title: "침입 탐지 시스템".into(),
        ..Default::default()
    });
    // `기술` only: not about the query at all
    let mut c = card("c", "다", &[], &["전력 반도체"], "");
    c.videos.push(Video {
        title: "전력반도체 기술 설명회".into(),
        url: "https://youtu.be/dQw4w9WgXcQ".into(),
    });
    let index = index_of(&[a, b, c]);
    let results = first_page(&index, "악성코드를 탐지하는 기술");
    let ids: Vec<&str> = results
        .hits
        .iter()
        .map(|h| h.external_id.as_str())
        .collect();
    assert_eq!(
        ids,
        vec!["a", "b"],
        "the card that only says 기술 is left out"
    );
    assert_eq!(results.total, 2);
    assert!(results.hits[1].partial);
    // a query of generic words alone still finds what says them
    assert_eq!(search(&index, "기술"), vec!["a", "c"]);
}

#[test]
fn a_running_project_counts_as_this_years_work_not_a_future_year() {
    let now = this_year() as i32;
    let mut c = card("c", "가", &[], &[], "");
    c.projects.push(Project {
        title: "열관리 플랫폼 개발".into(),
        start: format!("{}-03", now - 1),
        end: format!("{}-12", now + 3),
        ..Default::default()
    });
    c.publications.push(Publication {
        title: "배터리 열관리".into(),
        year: Some(now - 2),
        ..Default::default()
    });
    let evidence = first_hit(&index_of(&[c]), "열관리").evidence;
    let evidence = evidence.expect("evidence");
    assert_eq!((evidence.publications, evidence.projects), (1, 1));
    assert_eq!(evidence.latest_year, Some(now));
}

#[test]
fn evidence_items_are_never_results_and_leave_with_their_card() {
    let mut c = card("c", "가", &[], &[], "");
    c.publications.push(Publication {
        title: "라이다 센서".into(),
        ..Default::default()
    });
    let index = index_of(&[c, card("d", "나", &[], &[], "")]);
    // an empty query lists cards only, sorted by name
    let all = SearchParams {
        q: String::new(),
        page: 1,
        per_page: 10,
        ..Default::default()
    };
    let results = index.search(&all).unwrap();
    assert_eq!(results.total, 2);
    assert_eq!(results.hits.len(), 2);
    index.apply(&[], &[1], 2).unwrap();
    assert!(search(&index, "라이다").is_empty());
    assert_eq!(
        live(&index, schema::ITEM),
        0,
        "the card's items left with it"
    );
}

/// Runs only where the dictionary is installed (`RCARD_MECAB_DIR`): an index holds its own
/// analysis, so one with morphemes and one with bigrams serve side by side in one process.
#[test]
fn each_index_keeps_its_own_korean_analysis() {
    let Some(dir) = std::env::var_os("RCARD_MECAB_DIR") else {
        return;
    };
    let dictionary =
        std::sync::Arc::new(super::mecab::Dictionary::open(std::path::Path::new(&dir)).unwrap());
    let morphemes = SearchIndex::in_ram_with(Some(dictionary)).unwrap();
    let bigrams = SearchIndex::in_ram().unwrap();
    assert_eq!(morphemes.analysis(), super::analyzer::Analysis::MecabKoDic);
    assert_eq!(bigrams.analysis(), super::analyzer::Analysis::Bigram);
    let required = |index: &SearchIndex| -> Vec<String> {
        index
            .query_words("반도체를")
            .into_iter()
            .flat_map(|w| w.required)
            .collect()
    };
    assert_eq!(required(&bigrams), vec!["반도", "도체"]);
    let analysed = required(&morphemes);
    assert!(analysed.contains(&"반도체".to_string()), "{analysed:?}");
    let docs: Vec<SearchDoc> = corpus()
        .iter()
        .enumerate()
        .map(|(i, c)| SearchDoc::from_card(i as i64 + 1, c, 1_700_000_000))
        .collect();
    for index in [&morphemes, &bigrams] {
        index.apply(&docs, &[], 1).unwrap();
        assert!(!search(index, "반도체를").is_empty());
    }
}

/// A card whose publications have `titles`.
fn author(id: &str, titles: &[&str]) -> CardRecord {
    let mut c = card(id, id, &[], &[], "");
    c.publications = titles
        .iter()
        .map(|t| Publication {
            title: t.to_string(),
            ..Default::default()
        })
        .collect();
    c
}

/// An index of `cards` (numbered from 1) with related terms and profiles mined from them.
fn mined_index_of(cards: &[CardRecord]) -> SearchIndex {
    let index = index_of(cards);
    let mut miner = neighbours::Miner::default();
    for (i, c) in cards.iter().enumerate() {
        miner.add(i as i64 + 1, c);
    }
    let mined = miner.finish();
    let neighbours =
        neighbours::Neighbours::new(&mined, Default::default(), |t| index.query_words(t));
    index.set_neighbours(neighbours);
    index
}

#[test]
fn of_two_researchers_with_the_same_evidence_the_one_whose_other_work_is_on_the_topic_leads() {
    let mut cards = Vec::new();
    // a field: twelve researchers on adversarial examples, robustness and attacks
    for i in 0..12 {
        cards.push(author(
            &format!("field{i}"),
            &[
                "Adversarial examples for image classifiers",
                "Certified robustness of deep classifiers",
                "Transfer attacks on vision models",
            ],
        ));
    }
    // many researchers on other topics, so that the field's terms are rare
    for i in 0..60 {
        let topic = ["protein folding", "genome assembly", "traffic forecasting"][i % 3];
        cards.push(author(
            &format!("other{i}"),
            &[
                &format!("{topic} with graphs"),
                &format!("scalable {topic}"),
            ],
        ));
    }
    // one work on the query each, the same number of works; the rest differs
    cards.push(author(
        "near",
        &[
            "Adversarial examples in text",
            "Robustness certificates for classifiers",
            "Detecting attacks at test time",
        ],
    ));
    cards.push(author(
        "far",
        &[
            "Adversarial examples in games",
            "Protein folding by sampling",
            "Genome assembly at scale",
        ],
    ));
    let index = mined_index_of(&cards);
    assert!(index.neighbours().profiles().len() >= cards.len() - 1);
    let found = search(&index, "adversarial examples");
    let at = |id: &str| found.iter().position(|f| f == id).expect(id);
    assert!(at("near") < at("far"), "{found:?}");
    // without the mined terms the two are tied on everything but their words
    let plain = index_of(&cards);
    let found = search(&plain, "adversarial examples");
    assert!(found.contains(&"near".to_string()) && found.contains(&"far".to_string()));
}

#[test]
fn merged_segments_keep_every_card_with_its_own_works() {
    // one commit per card: a segment each, and a deleted card between them, so a merge
    // must drop its documents and keep every other card's works right after the card
    let idx = SearchIndex::in_ram().unwrap();
    let cards = corpus();
    for (i, c) in cards.iter().enumerate() {
        let id = i as i64 + 1;
        idx.apply(&[SearchDoc::from_card(id, c, 1_700_000_000)], &[], id)
            .unwrap();
    }
    idx.apply(&[], &[2], cards.len() as i64 + 1).unwrap();
    assert!(
        idx.segments() > idx.threads,
        "the test needs more segments than threads"
    );
    let queries = [
        "반도체",
        "defect detection",
        "배터리 열폭주",
        "NPU",
        "김서연",
        "결함",
    ];
    let answer = |idx: &SearchIndex| -> Vec<Vec<(String, Option<String>, String)>> {
        queries
            .iter()
            .map(|q| {
                let params = SearchParams {
                    q: (*q).into(),
                    page: 1,
                    per_page: 20,
                    ..Default::default()
                };
                idx.search(&params)
                    .unwrap()
                    .hits
                    .into_iter()
                    .map(|h| {
                        let evidence = h.evidence.map(|e| format!("{e:?}"));
                        (h.external_id, evidence, h.snippet)
                    })
                    .collect()
            })
            .collect()
    };
    let before = answer(&idx);
    let (cards_before, items_before) = (live(&idx, schema::CARD), live(&idx, schema::ITEM));
    assert!(
        before.iter().flatten().any(|(_, e, _)| e.is_some()),
        "some hit shows its works"
    );
    assert!(idx.compact().unwrap() > 0);
    assert!(idx.segments() <= idx.threads);
    assert_eq!(answer(&idx), before);
    assert_eq!(live(&idx, schema::CARD), cards_before);
    assert_eq!(live(&idx, schema::ITEM), items_before);
}

#[test]
fn compaction_deletes_the_files_of_the_segments_it_merged_away() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    let (idx, _) = SearchIndex::open_or_create(&path, None).unwrap();
    for (i, c) in corpus().iter().enumerate() {
        let id = i as i64 + 1;
        idx.apply(&[SearchDoc::from_card(id, c, 1_700_000_000)], &[], id)
            .unwrap();
    }
    assert!(
        idx.segments() > idx.threads,
        "the test needs segments to merge"
    );
    assert!(idx.compact().unwrap() > 0);
    let living: HashSet<String> = idx
        .index
        .searchable_segment_ids()
        .unwrap()
        .iter()
        .map(|id| id.uuid_string())
        .collect();
    let on_disk: HashSet<String> = std::fs::read_dir(&path)
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            let (stem, _) = name.split_once('.')?;
            (stem.len() == 32 && stem.chars().all(|c| c.is_ascii_hexdigit()))
                .then(|| stem.to_string())
        })
        .collect();
    assert_eq!(on_disk, living);
}

#[tokio::test]
async fn searches_run_on_the_search_threads_and_a_panic_is_an_error_not_a_lost_thread() {
    let index = std::sync::Arc::new(index());
    let params = SearchParams {
        q: "반도체".into(),
        page: 1,
        per_page: 20,
        ..Default::default()
    };
    let (job, p) = (index.clone(), params.clone());
    let first = index.run(move || job.search(&p)).await.unwrap().unwrap();
    assert!(first.total > 0);
    for _ in 0..2 * index.threads {
        let failed = index
            .run(|| -> usize { panic!("a search went wrong") })
            .await;
        assert!(failed.is_err());
    }
    // every search thread panicked at least once if there is a pool: each still answers
    let (job, p) = (index.clone(), params.clone());
    let again = index.run(move || job.search(&p)).await.unwrap().unwrap();
    assert_eq!(again.total, first.total);
    assert_eq!(
        again.hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        first.hits.iter().map(|h| h.id).collect::<Vec<_>>()
    );
}

#[test]
fn in_the_partial_tier_a_card_on_the_rarer_words_comes_before_one_on_a_common_word() {
    // `소프트웨어` is on every card; `라이다` and `로봇` are on one. No card has all three.
    let mut many = card("many", "가", &[], &["소프트웨어 품질"], "");
    for (i, topic) in [
        "정적 분석",
        "테스트 자동화",
        "형상 관리",
        "코드 리뷰",
        "요구 공학",
    ]
    .iter()
    .enumerate()
    {
        many.publications.push(Publication {
            title: format!("소프트웨어 {topic} 연구"),
            year: Some(2020 + i as i32),
            ..Default::default()
        });
    }
    let mut rare = card("rare", "나", &[], &["실내 주행"], "");
    rare.publications.push(Publication {
        title: "라이다 기반 로봇 주행".into(),
        year: Some(2019),
        ..Default::default()
    });
    rare.projects.push(Project {
        title: "소형 기기 제어".into(),
        ..Default::default()
    });
    let mut cards = vec![many, rare];
    for (i, kw) in ["소프트웨어 보안", "소프트웨어 공학", "임베디드 소프트웨어"]
        .iter()
        .enumerate()
    {
        cards.push(card(&format!("f{i}"), "다", &[], &[kw], ""));
    }
    let index = index_of(&cards);
    let results = first_page(&index, "라이다 로봇 소프트웨어");
    assert!(results.hits.iter().all(|h| h.partial));
    let order: Vec<&str> = results
        .hits
        .iter()
        .map(|h| h.external_id.as_str())
        .collect();
    assert_eq!(order.first(), Some(&"rare"), "{order:?}");
}

#[test]
fn a_cards_works_on_a_topic_are_the_ones_its_hit_counts() {
    let mut c = card("c", "가", &[], &[], "웨이퍼 결함 검출을 연구합니다");
    for (title, year) in [
        ("웨이퍼 결함 검출 알고리즘", Some(2019)),
        ("웨이퍼 세정 공정", Some(2025)),
        ("딥러닝 기반 웨이퍼 결함 분류", Some(2024)),
        ("결함 검출의 이론", None),
    ] {
        c.publications.push(Publication {
            title: title.into(),
            year,
            ..Default::default()
        });
    }
    c.patents.push(crate::model::card::Patent {
        title: "웨이퍼 결함 검사 장치".into(),
        year: Some(2022),
        ..Default::default()
    });
    // another card's work on the topic is not this card's
    let mut other = card("o", "나", &[], &[], "");
    other.publications.push(Publication {
        title: "웨이퍼 결함 시험".into(),
        year: Some(2026),
        ..Default::default()
    });
    let index = index_of(&[c, other]);
    let hit = first_hit(&index, "웨이퍼 결함");
    assert_eq!(hit.name, "가");
    let counted = hit.evidence.expect("evidence");

    let topic = index.topic_works(1, "웨이퍼 결함").unwrap();
    assert!(!topic.partial);
    let plain: Vec<(String, String, Option<i32>)> = topic
        .works
        .iter()
        .map(|w| {
            let text = w.html.replace("<mark>", "").replace("</mark>", "");
            (w.kind.clone(), text, w.year)
        })
        .collect();
    assert_eq!(
        plain,
        [
            (
                "publication".into(),
                "딥러닝 기반 웨이퍼 결함 분류".into(),
                Some(2024)
            ),
            ("patent".into(), "웨이퍼 결함 검사 장치".into(), Some(2022)),
            (
                "publication".into(),
                "웨이퍼 결함 검출 알고리즘".into(),
                Some(2019)
            ),
        ]
    );
    assert_eq!(
        (counted.publications, counted.patents),
        (2, 1),
        "the hit counts the works listed"
    );
    assert!(
        topic
            .works
            .iter()
            .all(|w| w.html.contains("<mark>웨이퍼</mark>"))
    );

    // no work has every word: the works on part of the topic, marked as such
    let topic = index.topic_works(1, "결함 검출 소화").unwrap();
    assert!(topic.partial);
    let plain: Vec<String> = topic
        .works
        .iter()
        .map(|w| w.html.replace("<mark>", "").replace("</mark>", ""))
        .collect();
    // the works saying more of the query first, then the most recent
    assert_eq!(
        plain,
        [
            "웨이퍼 결함 검출 알고리즘",
            "결함 검출의 이론",
            "딥러닝 기반 웨이퍼 결함 분류",
            "웨이퍼 결함 검사 장치",
        ],
        "{topic:?}"
    );

    // a query with nothing to search for lists nothing
    assert_eq!(index.topic_works(1, " -결함").unwrap(), Default::default());
    assert!(index.topic_works(2, "세정").unwrap().works.is_empty());
}

#[test]
fn a_one_word_search_that_finds_part_of_the_topic_lists_the_works_its_hit_counts() {
    let mut c = card("c", "가", &[], &[], "");
    let long_title = format!("웨이퍼 세정 공정의 {} 연구", "장기 신뢰성 ".repeat(30));
    for title in [long_title.as_str(), "웨이퍼 본딩 장비"] {
        c.publications.push(Publication {
            title: title.into(),
            year: Some(2020),
            ..Default::default()
        });
    }
    c.projects.push(Project {
        title: "웨이퍼 검사 자동화".into(),
        start: "2024-01".into(),
        end: "2099-12".into(),
        ..Default::default()
    });
    let index = index_of(&[c]);
    // no card says `결함`: the compound is found in part, and the hit counts those works
    let hit = first_hit(&index, "웨이퍼결함");
    let counted = hit.evidence.expect("evidence");
    assert!(counted.partial, "{counted:?}");
    let topic = index.topic_works(1, "웨이퍼결함").unwrap();
    assert!(topic.partial, "{topic:?}");
    assert_eq!(
        topic.works.len() as u32,
        counted.publications + counted.projects,
        "{topic:?} {counted:?}"
    );
    // a project running into a later year is this year's work, as on the hit
    assert_eq!(topic.works[0].kind, "project");
    assert_eq!(
        topic.works[0].year.map(i64::from),
        Some(super::evidence::this_year())
    );
    // a long title is shown whole
    assert!(
        topic
            .works
            .iter()
            .any(|w| w.html.ends_with("연구") && !w.html.contains('…')),
        "{topic:?}"
    );
    assert_eq!(topic.query, "웨이퍼결함");
    assert_eq!(
        index.topic_works(1, "  웨이퍼   -결함 ").unwrap().query,
        "웨이퍼"
    );
}
