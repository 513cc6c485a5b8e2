//! A researcher's whole card: header, offers, contact, bio, keywords, videos, projects,
//! publications, patents, career and links.

use crate::i18n::{Lang, use_lang};
use crate::model::card::{PublicCard, Status, Video, youtube_id};
use leptos::prelude::*;

fn period(lang: Lang, start: &str, end: &str) -> String {
    match (start.is_empty(), end.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!("{start} – {}", lang.pick("현재", "present")),
        (true, false) => format!("~ {end}"),
        (false, false) => format!("{start} – {end}"),
    }
}

/// A long list shows this many entries, and the rest behind a "more" line.
const SHOWN_ENTRIES: usize = 10;

/// The entries of a card's list in the researcher's order. A list longer than
/// [`SHOWN_ENTRIES`] by more than two shows its first entries and folds the rest under a
/// line that says how many more there are (`more` with `{}` for the number); the fold works
/// without script, and the folded entries stay in the page for search engines and Ctrl+F.
pub(crate) fn entries<T>(items: &[T], more: &str, entry: impl Fn(&T) -> AnyView) -> AnyView {
    let shown = if items.len() > SHOWN_ENTRIES + 2 {
        SHOWN_ENTRIES
    } else {
        items.len()
    };
    let (head, rest) = items.split_at(shown);
    let folded = (!rest.is_empty()).then(|| {
        let summary = more.replace("{}", &rest.len().to_string());
        view! {
            <details class="more-entries">
                <summary>{summary}</summary>
                <ul class="entries">{rest.iter().map(&entry).collect_view()}</ul>
            </details>
        }
    });
    view! {
        <ul class="entries">{head.iter().map(&entry).collect_view()}</ul>
        {folded}
    }
    .into_any()
}

/// The full card, as the card page and the editor's preview show it. The page it is on
/// owns the title and metadata; `lead` is what the page puts right under the researcher's
/// name (the works on the topic of the search that led to the card).
#[component]
pub fn CardView(card: PublicCard, #[prop(default = None)] lead: Option<AnyView>) -> impl IntoView {
    let lang = use_lang();
    let (first, second) = lang.names(&card.name, &card.name_en);
    let archived = card.status == Status::Archived;
    let mut career = card.career.clone();
    career.sort_by(|a, b| b.start.cmp(&a.start));
    let c = card.clone();

    view! {
        <article class="card" class:archived=archived>
            <header class="card-head">
                <h1 class="card-name">
                    {first}
                    {(!second.is_empty()).then(|| view! { <span class="name-en">{second}</span> })}
                </h1>
                <p class="card-role">
                    {[c.position.clone(), c.division.clone(), c.organization.clone(), c.site.clone()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ")}
                </p>
                {(!archived).then(|| view! {
                    <p class="card-print"><a href=format!("/cards/{}/print", c.slug) rel="nofollow">{lang.tr("인쇄용 카드 (A4, QR 코드)")}</a></p>
                })}
                {(!c.merged_into.is_empty()).then(|| view! {
                    <p class="notice merged-notice" role="status">
                        {lang.tr("이 카드는 다른 카드와 합쳐졌습니다. ")}
                        <a href=lang.path(&format!("/cards/{}", c.merged_into))>{lang.tr("최신 카드 보기")}</a>
                    </p>
                })}
                {(archived && c.merged_into.is_empty()).then(|| view! {
                    <p class="notice archived-notice" role="status">
                        {{
                            let unit = if c.division.is_empty() { c.organization.clone() } else { c.division.clone() };
                            lang.pick(
                                format!("이 연구자는 더 이상 재직하지 않습니다. {unit} 쪽으로 문의해 주세요."),
                                format!("This researcher has left the institute. Please contact {unit}."),
                            )
                        }}
                        {(!c.division_contact.is_empty()).then(|| view! {
                            " " <span class="division-contact">{format!("{}: {}", lang.tr("연락처"), c.division_contact)}</span>
                        })}
                    </p>
                })}
                {(!c.fields.is_empty()).then(|| view! {
                    <ul class="chips fields" aria-label=lang.tr("기술 분야")>
                        {c.fields.iter().map(|f| view! { <li>{f.clone()}</li> }).collect_view()}
                    </ul>
                })}
            </header>
            {lead}

            {(!c.availability.is_default()).then(|| view! {
                <p class=format!("availability availability-{}", c.availability.status.key())>
                    <strong>{lang.tr(c.availability.status.label())}</strong>
                    {(!c.availability.until.is_empty()).then(|| lang.pick(format!(" · {}까지", c.availability.until), format!(" · until {}", c.availability.until)))}
                    {(!c.availability.note.is_empty()).then(|| format!(" · {}", c.availability.note))}
                </p>
            })}
            {(!c.offers.is_empty()).then(|| view! {
                <section class="offers">
                    <h2>{lang.tr("협력 제안")}</h2>
                    <ul class="chips">
                        {c.offers.iter().map(|o| view! { <li data-offer=o.key()>{lang.tr(o.label())}</li> }).collect_view()}
                    </ul>
                </section>
            })}

            <ContactBox card=c.clone() />

            {(!c.bio.is_empty()).then(|| view! {
                <section class="bio">
                    <h2>{lang.tr("소개")}</h2>
                    {c.bio.split("\n").filter(|p| !p.trim().is_empty()).map(|p| view! { <p>{p.to_string()}</p> }).collect_view()}
                </section>
            })}

            {(!c.keywords.is_empty()).then(|| view! {
                <section class="keywords">
                    <h2>{lang.tr("전문 분야 · 관심 키워드")}</h2>
                    <ul class="chips">
                        {c.keywords.iter().map(|k| view! {
                            <li><a href=lang.path(&crate::model::search::SearchParams { q: k.clone(), ..Default::default() }.href())>{k.clone()}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}

            {(!c.videos.is_empty()).then(|| view! {
                <section class="videos">
                    <h2>{lang.tr("소개 영상")}</h2>
                    <ul class="video-list">
                        {c.videos.iter().map(|v| view! { <li><VideoItem video=v.clone() /></li> }).collect_view()}
                    </ul>
                </section>
            })}

            {(!c.projects.is_empty()).then(|| view! {
                <section class="projects">
                    <h2>{lang.tr("연구 과제")} <span class="count">{c.projects.len()}</span></h2>
                    {entries(&c.projects, lang.pick("과제 {}건 더 보기", "{} more projects"), |p| view! {
                        <li>
                            <h3>{p.title.clone()}</h3>
                            <p class="entry-meta">
                                {[p.funder.clone(), p.role.clone(), period(lang, &p.start, &p.end)]
                                    .into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")}
                            </p>
                            {(!p.summary.is_empty()).then(|| view! { <p>{p.summary.clone()}</p> })}
                        </li>
                    }.into_any())}
                </section>
            })}

            {(!c.publications.is_empty()).then(|| view! {
                <section class="publications">
                    <h2>{lang.tr("논문 · 발표")} <span class="count">{c.publications.len()}</span></h2>
                    {entries(&c.publications, lang.pick("논문·발표 {}편 더 보기", "{} more publications"), |p| {
                        let meta = [p.venue.clone(), p.year.map(|y| y.to_string()).unwrap_or_default()]
                            .into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ");
                        view! {
                            <li>
                                {if p.url.is_empty() {
                                    view! { <span class="pub-title">{p.title.clone()}</span> }.into_any()
                                } else {
                                    view! { <a class="pub-title" href=p.url.clone() rel="noopener nofollow ugc">{p.title.clone()}</a> }.into_any()
                                }}
                                <span class="entry-meta">{meta}</span>
                            </li>
                        }.into_any()
                    })}
                </section>
            })}

            {(!c.patents.is_empty()).then(|| view! {
                <section class="patents">
                    <h2>{lang.tr("특허")} <span class="count">{c.patents.len()}</span></h2>
                    {entries(&c.patents, lang.pick("특허 {}건 더 보기", "{} more patents"), |p| {
                        let status = match p.status.as_str() {
                            "registered" => lang.tr("등록").to_string(),
                            "applied" => lang.tr("출원").to_string(),
                            other => other.to_string(),
                        };
                        let meta = [p.number.clone(), p.year.map(|y| y.to_string()).unwrap_or_default(), status]
                            .into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
                        view! { <li><span>{p.title.clone()}</span> <span class="entry-meta">{meta}</span></li> }.into_any()
                    })}
                </section>
            })}

            {(!career.is_empty()).then(|| view! {
                <section class="career">
                    <h2>{lang.tr("경력")}</h2>
                    <ol class="timeline">
                        {career.iter().map(|e| view! {
                            <li>
                                <span class="when">{period(lang, &e.start, &e.end)}</span>
                                <span class="what">
                                    <strong>{e.organization.clone()}</strong>
                                    {(!e.role.is_empty()).then(|| format!(" · {}", e.role))}
                                </span>
                            </li>
                        }).collect_view()}
                    </ol>
                </section>
            })}

            <LinksBox card=c.clone() />
            <p class="updated">{format!("{} {}", lang.pick("최종 수정", "Last updated"), c.updated_at.get(..10).unwrap_or(""))}</p>
        </article>
    }
}

/// Public contact details, and how to reach the researcher otherwise.
#[component]
fn ContactBox(card: PublicCard) -> impl IntoView {
    let lang = use_lang();
    if card.status == Status::Archived {
        return ().into_any();
    }
    let email = card.contact.email.clone();
    let phone = card.contact.phone.clone();
    let none = email.is_empty() && phone.is_empty();
    view! {
        <section class="contact">
            <h2>{lang.tr("연락처")}</h2>
            {(!email.is_empty()).then(|| view! {
                <p>{lang.tr("이메일 ")} <a href=format!("mailto:{email}")>{email.clone()}</a></p>
            })}
            {(!phone.is_empty()).then(|| view! { <p>{lang.tr("전화 ")} <a href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a></p> })}
            <p class="contact-actions">
                <a class="button inquiry-button" href=lang.path(&format!("/inquiry?cards={}", card.slug))>{lang.tr("협력 문의하기")}</a>
                <crate::components::shortlist::ShortlistButton slug=card.slug.clone() name=card.name.clone() />
            </p>
            <p class="contact-help">{lang.tr("문의는 연구자와 부서 협력 담당자에게 함께 전달되고, 답변은 메일과 진행 상황 링크로 받습니다.")}</p>
            <p><a href=format!("/cards/{}/vcard", card.slug) rel="nofollow" download="">{lang.tr("연락처 저장 (vCard)")}</a></p>
            {none.then(|| view! {
                <p>{{
                    let unit = if card.division.is_empty() { card.organization.clone() } else { card.division.clone() };
                    lang.pick(
                        format!("연락처가 공개되지 않았습니다. 위의 협력 문의로 연구자에게 직접 닿을 수 있고, {unit} 대표 창구도 있습니다."),
                        format!("The contact details are not public. The inquiry above reaches the researcher directly; {unit} also has a general contact."),
                    )
                }}</p>
                {(!card.division_contact.is_empty()).then(|| view! {
                    <p class="division-contact">{format!("{} {}: {}", card.division, lang.tr("연락처"), card.division_contact)}</p>
                })}
            })}
        </section>
    }
    .into_any()
}

/// Homepage, ORCID and scholar links.
#[component]
fn LinksBox(card: PublicCard) -> impl IntoView {
    let lang = use_lang();
    let l = card.links;
    if l.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="links">
            <h2>{lang.tr("링크")}</h2>
            <ul>
                {(!l.homepage.is_empty()).then(|| view! { <li><a href=l.homepage.clone() rel="noopener nofollow ugc">{lang.tr("홈페이지")}</a></li> })}
                {(!l.orcid.is_empty()).then(|| view! { <li><a href=format!("https://orcid.org/{}", l.orcid) rel="noopener">{format!("ORCID {}", l.orcid)}</a></li> })}
                {(!l.scholar.is_empty()).then(|| view! { <li><a href=l.scholar.clone() rel="noopener nofollow ugc">{lang.tr("학술 프로필")}</a></li> })}
            </ul>
        </section>
    }
    .into_any()
}

/// A video that loads nothing from the video site until the user asks to play it.
#[component]
fn VideoItem(video: Video) -> impl IntoView {
    let lang = use_lang();
    let title = if video.title.is_empty() {
        lang.tr("소개 영상").to_string()
    } else {
        video.title.clone()
    };
    let Some(id) = youtube_id(&video.url) else {
        return view! { <a href=video.url.clone() rel="noopener nofollow ugc">{title}</a> }
            .into_any();
    };
    let playing = RwSignal::new(false);
    let embed = format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1");
    let t = title.clone();
    let embed_play = embed.clone();
    view! {
        <div class="video">
            <Show
                when=move || playing.get()
                fallback=move || {
                    let t = t.clone();
                    let e = embed_play.clone();
                    view! {
                        // the public script swaps in the player from `data-embed`
                        <button type="button" class="video-play" on:click=move |_| playing.set(true)
                            data-embed=e data-title=t.clone()>
                            <span class="play-icon" aria-hidden="true">"▶"</span>
                            <span>{t.clone()}</span>
                            <span class="video-note">{lang.tr("재생하면 YouTube(쿠키 없는 모드)에서 영상을 불러옵니다")}</span>
                        </button>
                    }
                }
            >
                <iframe
                    src=embed.clone()
                    title=title.clone()
                    allow="autoplay; encrypted-media; picture-in-picture"
                    allowfullscreen=true
                    referrerpolicy="strict-origin-when-cross-origin"
                ></iframe>
            </Show>
            <a class="video-link" href=video.url.clone() rel="noopener nofollow ugc">{lang.tr("YouTube에서 보기")}</a>
        </div>
    }
    .into_any()
}
