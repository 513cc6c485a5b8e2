//! The staff desk at `/staff`: what companies look for, stale cards, and the review queue.

use crate::api::auth::who_am_i;
use crate::api::staff::{
    decide_edit, decide_synonym_suggestion, invite_researcher, load_dashboard, load_lists,
    load_synonym_suggestions, new_card, reset_link, review_queue, save_lists,
};
use crate::components::changes::ChangesView;
use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::i18n::{Lang, use_lang};
use crate::model::account::{
    Dashboard, Division, EditSummary, Lists, Me, SuggestionDecision, SynonymSuggestion,
};
use crate::model::report::{Count, bar_chart};
use leptos::prelude::*;
use leptos_meta::Title;

/// The staff page.
#[component]
pub fn StaffPage() -> impl IntoView {
    let lang = use_lang();
    let refresh = RwSignal::new(0u32);
    // bumped when a suggestion is accepted, so the lists editor shows the new group
    let lists_version = RwSignal::new(0u32);
    let loaded = Resource::new(
        move || refresh.get(),
        |_| async move {
            let me = who_am_i().await?.ok_or_else(AppError::sign_in)?;
            let board = load_dashboard().await?;
            let queue = review_queue().await?;
            Ok::<_, AppError>((me, board, queue))
        },
    );
    view! {
        <Title text=lang.tr("직원 관리") />
        <section class="staff">
            <h1>{lang.tr("디렉터리 관리")}</h1>
            <Suspense fallback=move || view! { <p class="loading">{lang.tr("불러오는 중…")}</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok((me, board, queue)) => view! {
                            <nav class="desk-nav" aria-label=lang.tr("관리 메뉴")>
                                <a href="#review">{lang.tr("검토")}</a>
                                <a href="#inquiries">{lang.tr("문의 성과")}</a>
                                <a href=lang.path("/inbox")>{lang.tr("문의함")}</a>
                                <a href="#outbox">{lang.tr("메일")}</a>
                                <a href="#dashboard">{lang.tr("검색 수요")}</a>
                                <a href="#new-card">{lang.tr("카드·계정")}</a>
                                <a href="#import">{lang.pick("가져오기", "Import")}</a>
                                <a href="#synonym-suggestions">{lang.tr("동의어")}</a>
                                <a href="#lists">{lang.tr("목록")}</a>
                            </nav>
                            <ReviewQueue me=me.clone() edits=queue refresh />
                            <InquiryReportView />
                            <MailOutbox me=me.clone() />
                            <DashboardView board />
                            <NewCard me=me.clone() />
                            <Invite me=me.clone() />
                            <ImportBox me=me.clone() />
                            <PrintDivision />
                            <SynonymSuggestions me=me.clone() lists_version />
                            <ListsEditor me lists_version />
                        }.into_any(),
                        Err(AppError::Unauthorized(_)) => view! {
                            <p class="notice">{lang.tr("직원 계정으로 로그인하세요.")}</p>
                            <a class="button" href=lang.path("/login")>{lang.tr("로그인")}</a>
                        }.into_any(),
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ReviewQueue(me: Me, edits: Vec<EditSummary>, refresh: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let decide = Action::new(move |(id, approve, comment): &(i64, bool, String)| {
        let (id, approve, comment, csrf) = (*id, *approve, comment.clone(), me.csrf_token.clone());
        async move { decide_edit(id, approve, comment, csrf).await }
    });
    Effect::new(move || {
        if let Some(Ok(_)) = decide.value().get() {
            refresh.update(|n| *n += 1);
        }
    });
    let empty = edits.is_empty();
    view! {
        <section class="review" id="review">
            <h2>{lang.pick(format!("검토 대기 ({})", edits.len()), format!("Awaiting review ({})", edits.len()))}</h2>
            {empty.then(|| view! { <p class="notice">{lang.tr("검토할 수정이 없습니다.")}</p> })}
            {move || match decide.value().get() {
                Some(Err(e)) => Some(view! { <ErrorView error=e /> }),
                _ => None,
            }}
            <ol class="review-list">
                {edits.into_iter().map(|e| {
                    let comment = RwSignal::new(String::new());
                    let id = e.id;
                    let comment_id = format!("comment-{id}");
                    view! {
                        <li class="review-item" data-edit=id>
                            <p>
                                <a href=lang.path(&format!("/cards/{}", e.slug))>{e.name.clone()}</a>
                                {format!(" · {} · {}", e.by.clone().unwrap_or_default(), crate::model::inquiry::kst(&e.at))}
                            </p>
                            <ChangesView changes=e.changes />
                            <label for=comment_id.clone()>{lang.tr("연구자에게 남길 의견")}</label>
                            <textarea id=comment_id rows="2" on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                            <div class="review-actions">
                                <button type="button" class="approve" on:click=move |_| { decide.dispatch((id, true, comment.get_untracked())); }>{lang.tr("승인")}</button>
                                <button type="button" class="danger reject" on:click=move |_| { decide.dispatch((id, false, comment.get_untracked())); }>{lang.tr("반려")}</button>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn DashboardView(board: Dashboard) -> impl IntoView {
    let lang = use_lang();
    let counts = |list: Vec<(String, i64)>| {
        list.into_iter()
            .map(|(q, n)| view! { <li><a href=lang.path(&format!("/?q={}", crate::model::search::encode_component(&q)))>{q.clone()}</a>{format!(" ({n})")}</li> })
            .collect_view()
    };
    let reviewing = if board.review_edits {
        lang.tr("켜짐")
    } else {
        lang.tr("꺼짐")
    };
    view! {
        <section class="dashboard" id="dashboard">
            <h2>{lang.tr("현황")}</h2>
            <p>
                {board.statuses.iter().map(|(s, n)| {
                    let label = match s.as_str() { "published" => lang.pick("공개", "Published"), "draft" => lang.pick("초안", "Draft"), "archived" => lang.pick("보관", "Archived"), other => other };
                    format!("{label} {n}")
                }).collect::<Vec<_>>().join(" · ")}
                {lang.pick(
                    format!(" · 검토 대기 {} · 연구자 수정 검토 {reviewing}", board.pending_edits),
                    format!(" · Awaiting review {} · Review of researchers' edits: {reviewing}", board.pending_edits),
                )}
            </p>
            <div class="dashboard-grid">
                <div>
                    <h3>{lang.tr("자주 찾는 검색어 (30일)")}</h3>
                    <ol>{counts(board.top_queries)}</ol>
                </div>
                <div>
                    <h3>{lang.tr("결과가 없었던 검색어 (30일)")}</h3>
                    <ol>{counts(board.empty_queries)}</ol>
                </div>
                <div>
                    <h3>{lang.tr("12개월 넘게 갱신되지 않은 카드")}</h3>
                    <ol>
                        {board.stale.into_iter().map(|(slug, name, at)| view! {
                            <li><a href=lang.path(&format!("/edit/{slug}"))>{name}</a>{format!(" ({})", &at[..10.min(at.len())])}</li>
                        }).collect_view()}
                    </ol>
                </div>
            </div>
        </section>
    }
}

/// Starts a new card as a draft and opens it in the editor.
#[component]
fn NewCard(me: Me) -> impl IntoView {
    let lang = use_lang();
    let id = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let create = Action::new(move |(id, name): &(String, String)| {
        let (id, name, csrf) = (id.clone(), name.clone(), me.csrf_token.clone());
        async move { new_card(id, name, csrf).await }
    });
    Effect::new(move || {
        if let Some(Ok(saved)) = create.value().get() {
            let _ = window()
                .location()
                .set_href(&lang.path(&format!("/edit/{}", saved.slug)));
        }
    });
    view! {
        <section class="invite" id="new-card">
            <h2>{lang.tr("새 카드 만들기")}</h2>
            <p class="field-hint">{lang.tr("기관 키와 이름만 넣으면 초안이 만들어지고 편집 화면이 열립니다. 초안은 공개하기 전까지 검색에 나오지 않습니다.")}</p>
            <form class="auth-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                create.dispatch((id.get_untracked(), name.get_untracked()));
            }>
                <label for="new-id">{lang.tr("기관 키 (예: K-0042)")}</label>
                <input id="new-id" type="text" required=true on:input=move |ev| id.set(event_target_value(&ev)) />
                <label for="new-name">{lang.tr("이름")}</label>
                <input id="new-name" type="text" required=true on:input=move |ev| name.set(event_target_value(&ev)) />
                <button type="submit" disabled=move || create.pending().get()>{lang.tr("초안 만들기")}</button>
            </form>
            {move || create.value().get().and_then(|r| r.err()).map(|e| view! { <ErrorView error=e /> })}
        </section>
    }
}

/// Invites a researcher to keep a card: creates the account and shows its one-time link.
#[component]
fn Invite(me: Me) -> impl IntoView {
    let lang = use_lang();
    let email = RwSignal::new(String::new());
    let card = RwSignal::new(String::new());
    let reset_me = me.clone();
    let invite = Action::new(move |(email, card): &(String, String)| {
        let (email, card, csrf) = (email.clone(), card.clone(), me.csrf_token.clone());
        async move { invite_researcher(email, card, csrf).await }
    });
    view! {
        <section class="invite" id="invite">
            <h2>{lang.tr("연구자 초대")}</h2>
            <p class="field-hint">{lang.tr("계정을 만들고 카드에 연결합니다. 아래에 나오는 일회용 링크(7일 유효)를 연구자에게 전달하세요.")}</p>
            <form class="auth-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                invite.dispatch((email.get_untracked(), card.get_untracked()));
            }>
                <label for="invite-email">{lang.tr("연구자 이메일")}</label>
                <input id="invite-email" type="email" required=true on:input=move |ev| email.set(event_target_value(&ev)) />
                <label for="invite-card">{lang.tr("카드 주소 (/cards/ 뒤의 이름)")}</label>
                <input id="invite-card" type="text" required=true on:input=move |ev| card.set(event_target_value(&ev)) />
                <button type="submit" disabled=move || invite.pending().get()>{lang.tr("초대 링크 만들기")}</button>
            </form>
            {move || invite.value().get().map(|r| match r {
                Ok(path) => view! { <p class="notice" role="status">{lang.tr("초대 링크: ")} <a href=path.clone()>{path.clone()}</a></p> }.into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            })}
        </section>
        <ResetLink me=reset_me />
    }
}

/// A one-time password-reset link (1 hour) for someone who forgot their password.
#[component]
fn ResetLink(me: Me) -> impl IntoView {
    let lang = use_lang();
    let email = RwSignal::new(String::new());
    let reset = Action::new(move |email: &String| {
        let (email, csrf) = (email.clone(), me.csrf_token.clone());
        async move { reset_link(email, csrf).await }
    });
    view! {
        <section class="invite" id="reset">
            <h2>{lang.tr("비밀번호 재설정 링크")}</h2>
            <p class="field-hint">{lang.tr("비밀번호를 잊은 사람에게 전달할 일회용 링크(1시간 유효)를 만듭니다. 직원 계정은 관리자만 재설정할 수 있습니다.")}</p>
            <form class="auth-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                reset.dispatch(email.get_untracked());
            }>
                <label for="reset-email">{lang.tr("계정 이메일")}</label>
                <input id="reset-email" type="email" required=true on:input=move |ev| email.set(event_target_value(&ev)) />
                <button type="submit" disabled=move || reset.pending().get()>{lang.tr("재설정 링크 만들기")}</button>
            </form>
            {move || reset.value().get().map(|r| match r {
                Ok(path) => view! { <p class="notice" role="status">{lang.tr("재설정 링크: ")} <a href=path.clone()>{path.clone()}</a></p> }.into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            })}
        </section>
    }
}

/// Every published card of a division as A4 pages, for forums and matchmaking events.
#[component]
fn PrintDivision() -> impl IntoView {
    let lang = use_lang();
    let loaded = Resource::new(|| (), |_| load_lists());
    view! {
        <section class="print-division" id="print-division">
            <h2>{lang.tr("부서 카드 인쇄")}</h2>
            <Suspense fallback=move || view! { <p class="loading">{lang.tr("불러오는 중…")}</p> }>
                {move || Suspend::new(async move {
                    let divisions = loaded.await.ok().and_then(|l| l.divisions).unwrap_or_default();
                    view! {
                        <form method="get" action="/staff/print" target="_blank" class="inline-form">
                            <label for="print-division-name">{lang.tr("부서")}</label>
                            <select id="print-division-name" name="division">
                                {divisions.into_iter().map(|d| view! { <option value=d.name.clone()>{d.name.clone()}</option> }).collect_view()}
                            </select>
                            <button type="submit">{lang.tr("A4로 인쇄할 페이지 열기")}</button>
                        </form>
                        <p class="hint">{lang.tr("부서의 공개 카드를 한 장에 한 명씩, QR 코드와 함께 엽니다. 브라우저에서 인쇄하거나 PDF로 저장하세요.")}</p>
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Pairs of terms the cards use together, offered as synonyms: staff accept one into the
/// synonym groups or reject it for good.
#[component]
fn SynonymSuggestions(me: Me, lists_version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let loaded = Resource::new(|| (), |_| load_synonym_suggestions());
    let items = RwSignal::new(None::<Vec<SynonymSuggestion>>);
    let decide = Action::new(move |d: &SuggestionDecision| {
        let (d, csrf) = (d.clone(), me.csrf_token.clone());
        async move { (d.clone(), decide_synonym_suggestion(d, csrf).await) }
    });
    Effect::new(move || {
        if let Some((d, Ok(list))) = decide.value().get() {
            items.set(Some(list));
            if d.accept {
                lists_version.update(|v| *v += 1);
            }
        }
    });
    let row = move |s: SynonymSuggestion| {
        let (a, b) = (s.a.clone(), s.b.clone());
        let accept = SuggestionDecision {
            a: a.clone(),
            b: b.clone(),
            accept: true,
        };
        let reject = SuggestionDecision {
            accept: false,
            ..accept.clone()
        };
        view! {
            <tr>
                <td>{a.clone()}</td>
                <td>{b.clone()}</td>
                <td class="num">{s.together}</td>
                <td class="num">{format!("{:.2}", s.score)}</td>
                <td class="actions">
                    <button type="button" class="accept-suggestion" aria-label=lang.pick(format!("{a} = {b} 동의어로 수락"), format!("Accept {a} = {b} as synonyms"))
                        disabled=move || decide.pending().get()
                        on:click=move |_| { decide.dispatch(accept.clone()); }>{lang.tr("수락")}</button>
                    <button type="button" class="secondary reject-suggestion" aria-label=lang.pick(format!("{a} = {b} 거절"), format!("Reject {a} = {b}"))
                        disabled=move || decide.pending().get()
                        on:click=move |_| { decide.dispatch(reject.clone()); }>{lang.pick("거절", "Reject")}</button>
                </td>
            </tr>
        }
    };
    let table = move |list: Vec<SynonymSuggestion>| {
        if list.is_empty() {
            return view! { <p class="hint">{lang.tr("지금은 제안할 후보가 없습니다. 카드가 늘거나 바뀌면 다시 계산합니다.")}</p> }.into_any();
        }
        view! {
            <table class="suggestions-table">
                <caption class="visually-hidden">{lang.tr("동의어 후보")}</caption>
                <thead><tr>
                    <th scope="col">{lang.tr("용어")}</th>
                    <th scope="col">{lang.tr("함께 쓰인 말")}</th>
                    <th scope="col">{lang.tr("함께 나온 카드")}</th>
                    <th scope="col">{lang.tr("연관도")}</th>
                    <th scope="col">{lang.tr("결정")}</th>
                </tr></thead>
                <tbody>{list.into_iter().map(row).collect_view()}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="synonym-suggestions" id="synonym-suggestions">
            <h2>{lang.tr("동의어 후보")}</h2>
            <p class="hint">{lang.tr("같은 연구자의 키워드·기술 분야·논문 제목에 함께 자주 나오는 용어입니다. 같은 뜻이면 수락해 동의어로 묶고, 아니면 거절하세요. 거절한 짝은 다시 제안하지 않고 검색 확장과 연관 키워드에도 쓰지 않습니다.")}</p>
            <Suspense fallback=move || view! { <p class="loading">{lang.tr("불러오는 중…")}</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(first) => view! {
                            {move || table(items.get().unwrap_or_else(|| first.clone()))}
                        }.into_any(),
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })}
            </Suspense>
            {move || decide.value().get().map(|(d, r)| match r {
                Ok(_) if d.accept => view! { <p class="notice" role="status">{lang.pick(
                    format!("‘{}’와 ‘{}’를 동의어로 묶었습니다. 검색에 바로 쓰입니다.", d.a, d.b),
                    format!("‘{}’ and ‘{}’ are now synonyms. The search uses them straight away.", d.a, d.b),
                )}</p> }.into_any(),
                Ok(_) => view! { <p class="notice" role="status">{lang.pick(
                    format!("‘{}’와 ‘{}’ 짝을 거절했습니다.", d.a, d.b),
                    format!("The pair ‘{}’ and ‘{}’ was rejected.", d.a, d.b),
                )}</p> }.into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            })}
        </section>
    }
}

/// Search synonyms (one group per line, terms joined by `=`) and technology fields (one per line).
#[component]
fn ListsEditor(me: Me, lists_version: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let loaded = Resource::new(move || lists_version.get(), |_| load_lists());
    let synonyms = RwSignal::new(String::new());
    let fields = RwSignal::new(String::new());
    let divisions = RwSignal::new(String::new());
    let sites = RwSignal::new(String::new());
    let fill = move |lists: &Lists| {
        synonyms.set(
            lists
                .synonyms
                .iter()
                .map(|g| g.join(" = "))
                .collect::<Vec<_>>()
                .join("\n"),
        );
        fields.set(lists.fields.join("\n"));
        divisions.set(
            lists
                .divisions
                .iter()
                .flatten()
                .map(|d| {
                    let line = format!("{} | {} | {}", d.name, d.site, d.contact);
                    line.trim_end_matches([' ', '|']).to_string()
                })
                .collect::<Vec<_>>()
                .join("\n"),
        );
        sites.set(
            lists
                .sites
                .iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join("\n"),
        );
    };
    let save = Action::new(move |lists: &Lists| {
        let (lists, csrf) = (lists.clone(), me.csrf_token.clone());
        async move { save_lists(lists, csrf).await }
    });
    Effect::new(move || {
        if let Some(Ok(lists)) = save.value().get() {
            fill(&lists);
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lines = |text: String| text.lines().map(str::to_string).collect::<Vec<_>>();
        save.dispatch(Lists {
            synonyms: lines(synonyms.get_untracked())
                .into_iter()
                .map(|l| l.split('=').map(|t| t.trim().to_string()).collect())
                .collect(),
            fields: lines(fields.get_untracked()),
            divisions: Some(
                lines(divisions.get_untracked())
                    .into_iter()
                    .map(|l| {
                        let mut parts = l.splitn(3, '|').map(|p| p.trim().to_string());
                        Division {
                            name: parts.next().unwrap_or_default(),
                            site: parts.next().unwrap_or_default(),
                            contact: parts.next().unwrap_or_default(),
                        }
                    })
                    .collect(),
            ),
            sites: Some(lines(sites.get_untracked())),
        });
    };
    view! {
        <section class="lists" id="lists">
            <h2>{lang.tr("검색 동의어와 관리 목록")}</h2>
            <Suspense fallback=move || view! { <p class="loading">{lang.tr("불러오는 중…")}</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(lists) => {
                            fill(&lists);
                            view! {
                                <form class="editor-form" on:submit=submit>
                                    <label for="synonyms">{lang.tr("동의어: 한 줄에 한 묶음, 같은 뜻의 말을 = 로 잇습니다 (예: AI = 인공지능 = artificial intelligence)")}</label>
                                    <textarea id="synonyms" rows="14" prop:value=move || synonyms.get() on:input=move |ev| synonyms.set(event_target_value(&ev))></textarea>
                                    <label for="fields">{lang.tr("기술 분야: 한 줄에 하나, 보여 줄 순서대로")}</label>
                                    <textarea id="fields" rows="8" prop:value=move || fields.get() on:input=move |ev| fields.set(event_target_value(&ev))></textarea>
                                    <label for="sites">{lang.tr("지역: 한 줄에 하나")}</label>
                                    <textarea id="sites" rows="4" prop:value=move || sites.get() on:input=move |ev| sites.set(event_target_value(&ev))></textarea>
                                    <label for="divisions">{lang.tr("부서: 한 줄에 하나, 부서명 | 지역 | 연락처 (연락처는 떠난 연구자의 카드와 연락처를 숨긴 카드에 표시됩니다)")}</label>
                                    <textarea id="divisions" rows="8" prop:value=move || divisions.get() on:input=move |ev| divisions.set(event_target_value(&ev))></textarea>
                                    <button type="submit" disabled=move || save.pending().get()>{lang.tr("목록 저장")}</button>
                                </form>
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })}
            </Suspense>
            {move || save.value().get().map(|r| match r {
                Ok(lists) => {
                    let (groups, field_count) = (lists.synonyms.len(), lists.fields.len());
                    let site_count = lists.sites.as_ref().map_or(0, Vec::len);
                    let division_count = lists.divisions.as_ref().map_or(0, Vec::len);
                    view! { <p class="notice" role="status">{lang.pick(
                        format!("저장했습니다: 동의어 {groups}묶음, 기술 분야 {field_count}개, 지역 {site_count}곳, 부서 {division_count}곳. 검색과 편집에 바로 쓰입니다."),
                        format!("Saved: {groups} synonym groups, {field_count} technology fields, {site_count} sites, {division_count} divisions. Search and editing use them straight away."),
                    )}</p> }.into_any()
                }
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            })}
        </section>
    }
}

/// Sends the file chosen in `#import-file` to `POST /api/import`, reporting the share sent
/// so far in `sent` (percent); returns the JSON answer.
#[cfg(feature = "hydrate")]
async fn upload(
    lang: Lang,
    dry_run: bool,
    skip_invalid: bool,
    csrf: String,
    sent: RwSignal<Option<u32>>,
) -> Result<serde_json::Value, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let fail = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let file = document()
        .get_element_by_id("import-file")
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .and_then(|files| files.get(0))
        .ok_or_else(|| {
            lang.tr("먼저 올릴 파일(JSON Lines)을 고르세요.")
                .to_string()
        })?;
    let url = format!("/api/import?dry_run={dry_run}&skip_invalid={skip_invalid}");
    let xhr = web_sys::XmlHttpRequest::new().map_err(fail)?;
    xhr.open("POST", &url).map_err(fail)?;
    xhr.set_request_header("X-CSRF-Token", &csrf)
        .map_err(fail)?;
    // the JSON API takes JSON Lines only under this type, whatever the file's own type
    xhr.set_request_header("Content-Type", "application/x-ndjson")
        .map_err(fail)?;
    let on_progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                sent.set(Some((e.loaded() / e.total() * 100.0).round() as u32));
            }
        });
    xhr.upload()
        .map_err(fail)?
        .set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    let finished = js_sys::Promise::new(&mut |resolve, _| xhr.set_onloadend(Some(&resolve)));
    xhr.send_with_opt_blob(Some(&file)).map_err(fail)?;
    wasm_bindgen_futures::JsFuture::from(finished)
        .await
        .map_err(fail)?;
    drop(on_progress);
    let status = xhr.status().unwrap_or(0);
    if status == 0 {
        return Err(lang
            .tr("서버에 연결하지 못했습니다. 잠시 후 다시 시도하세요.")
            .into());
    }
    if status == 413 {
        return Err(lang
            .tr("파일이 너무 큽니다 (최대 256 MB). 파일을 나누어 차례로 가져오세요.")
            .into());
    }
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    serde_json::from_str(&text).map_err(|_| {
        lang.pick(
            format!("서버 응답을 읽지 못했습니다 (HTTP {status}). 잠시 후 다시 시도하세요."),
            format!(
                "Could not read the server's answer (HTTP {status}). Please try again in a moment."
            ),
        )
    })
}

/// A link to download the lines a partial import skipped, with their errors, as JSON Lines
/// (`{"line", "errors", "text"}`), to fix and upload again.
fn rejects_link(lang: Lang, body: &serde_json::Value) -> Option<impl IntoView + use<>> {
    let list = body["rejects"].as_array().filter(|l| !l.is_empty())?;
    let mut text = String::new();
    for value in list {
        text.push_str(&value.to_string());
        text.push('\n');
    }
    let more = body["rejected_count"]
        .as_u64()
        .unwrap_or(0)
        .saturating_sub(list.len() as u64);
    let href = format!(
        "data:application/x-ndjson;charset=utf-8,{}",
        percent_encode(&text)
    );
    let skipped = list.len();
    Some(view! {
        <p>
            <a id="import-rejects" href=href download="rejects.jsonl">
                {lang.pick(
                    format!("건너뛴 줄 {skipped}개 내려받기 (rejects.jsonl)"),
                    format!("Download the {skipped} skipped lines (rejects.jsonl)"),
                )}
            </a>
            {(more > 0).then(|| lang.pick(
                format!(" — 나머지 {more}줄은 `rcard import --skip-invalid --rejects` 로 받으세요."),
                format!(" — get the other {more} lines with `rcard import --skip-invalid --rejects`."),
            ))}
        </p>
    })
}

/// Percent-encodes everything but unreserved characters, for a `data:` URL.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Import from the browser: check first (dry run), then apply.
#[component]
fn ImportBox(me: Me) -> impl IntoView {
    let lang = use_lang();
    let pending = RwSignal::new(false);
    let sent = RwSignal::new(None::<u32>);
    let outcome = RwSignal::new(None::<Result<serde_json::Value, String>>);
    let skip_invalid = RwSignal::new(false);
    let csrf = StoredValue::new(me.csrf_token);
    let run = move |dry_run: bool| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        sent.set(None);
        outcome.set(None);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let result = upload(
                lang,
                dry_run,
                skip_invalid.get_untracked(),
                csrf.get_value(),
                sent,
            )
            .await;
            outcome.set(Some(result));
            pending.set(false);
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (dry_run, csrf);
    };
    let report = move || {
        outcome.get().map(|result| match result {
            Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            Ok(body) => {
                let report = if body["error"].is_object() { &body["error"]["report"] } else { &body["report"] };
                let issue = |v: &serde_json::Value| {
                    let (line, path) = (&v["line"], v["path"].as_str().unwrap_or_default());
                    let message = lang.translate(v["message"].as_str().unwrap_or_default());
                    lang.pick(format!("{line}행 {path} {message}"), format!("Line {line} {path} {message}"))
                };
                let errors: Vec<String> = report["errors"].as_array().map(|a| a.iter().map(issue).collect()).unwrap_or_default();
                let warnings: Vec<String> = report["warnings"].as_array().map(|a| a.iter().map(issue).collect()).unwrap_or_default();
                let rejected = body["rejected_count"].as_u64().unwrap_or(0);
                let s = &body["summary"];
                let (created, updated, unchanged) = (&s["created"], &s["updated"], &s["unchanged"]);
                let headline = if body["error"].is_object() {
                    lang.translate(body["error"]["message"].as_str().unwrap_or_default())
                } else if body["partial"] == true && body["dry_run"] == true {
                    lang.pick(
                        format!("검사 완료: 오류가 있는 {rejected}줄을 건너뛰고 나머지를 가져올 수 있습니다. 아무것도 저장하지 않았습니다."),
                        format!("Checked: the {rejected} lines with errors can be skipped and the rest imported. Nothing was saved."),
                    )
                } else if body["partial"] == true {
                    lang.pick(
                        format!("일부만 가져왔습니다: 새 카드 {created}, 바뀐 카드 {updated}, 그대로 {unchanged}. 오류가 있는 {rejected}줄은 건너뛰었습니다. 아래 파일을 받아 고친 뒤 다시 올리세요."),
                        format!("Imported in part: {created} new cards, {updated} changed, {unchanged} unchanged. The {rejected} lines with errors were skipped; download them below, correct them and upload them again."),
                    )
                } else if body["dry_run"] == true {
                    let cards = &report["cards"];
                    lang.pick(
                        format!("검사 완료: 카드 {cards}장 모두 올바릅니다. 아무것도 저장하지 않았습니다. 이제 가져오기를 누르세요."),
                        format!("Checked: all {cards} cards are valid. Nothing was saved yet; now press Import."),
                    )
                } else {
                    lang.pick(
                        format!("가져왔습니다: 새 카드 {created}, 바뀐 카드 {updated}, 그대로 {unchanged}."),
                        format!("Imported: {created} new cards, {updated} changed, {unchanged} unchanged."),
                    )
                };
                view! {
                    <div class="import-report" role="status" id="import-report">
                        <p><strong>{headline}</strong></p>
                        {rejects_link(lang, &body)}
                        {(!errors.is_empty()).then(|| view! { <h3>{lang.tr("오류")}</h3><ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul> })}
                        {(!warnings.is_empty()).then(|| view! { <h3>{lang.tr("경고")}</h3><ul>{warnings.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul> })}
                    </div>
                }.into_any()
            }
        })
    };
    view! {
        <section class="import" id="import">
            <h2>{lang.tr("카드 가져오기")}</h2>
            <p class="field-hint">{lang.tr("JSON Lines 파일(한 줄에 카드 하나, docs/card-format.md 형식). 먼저 검사하고, 오류가 없으면 가져옵니다. 기본은 모든 줄이 올바를 때만 저장합니다.")}</p>
            <label for="import-file">{lang.tr("가져올 파일")}</label>
            <input id="import-file" type="file" accept=".jsonl,.json,application/json" />
            <label class="check">
                <input type="checkbox" id="import-skip-invalid" prop:checked=move || skip_invalid.get()
                    on:change=move |e| skip_invalid.set(event_target_checked(&e)) />
                {lang.tr(" 오류가 있는 줄은 건너뛰고 올바른 카드만 가져오기 (건너뛴 줄은 내려받아 고칠 수 있습니다)")}
            </label>
            <div class="review-actions">
                <button type="button" id="import-check" class="secondary" disabled=move || pending.get() on:click=move |_| run(true)>{lang.tr("검사 (저장 안 함)")}</button>
                <button type="button" id="import-apply" disabled=move || pending.get() on:click=move |_| run(false)>{lang.pick("가져오기", "Import")}</button>
            </div>
            {move || pending.get().then(|| {
                let share = sent.get().unwrap_or(0);
                let label = if share < 100 {
                    lang.pick(format!("파일을 보내는 중… {share}%"), format!("Sending the file… {share}%"))
                } else {
                    lang.tr("서버에서 검사하고 저장하는 중… 10만 장이면 30초쯤 걸립니다.").to_string()
                };
                view! {
                    <div class="import-progress" role="status">
                        <progress max="100" value=share.to_string()></progress>
                        <p class="loading">{label}</p>
                    </div>
                }
            })}
            {report}
        </section>
    }
}

/// Mail that has not gone out: what failed and why, with a retry (staff).
#[component]
fn MailOutbox(me: Me) -> impl IntoView {
    let lang = use_lang();
    let refresh = RwSignal::new(0u32);
    let outbox = Resource::new(
        move || refresh.get(),
        |_| crate::api::inquiries::load_outbox(),
    );
    let retry = Action::new(move |id: &i64| {
        let (id, csrf) = (*id, me.csrf_token.clone());
        async move { crate::api::inquiries::retry_mail(id, csrf).await }
    });
    Effect::new(move || {
        if let Some(Ok(())) = retry.value().get() {
            refresh.update(|n| *n += 1);
        }
    });
    view! {
        <section class="outbox" id="outbox">
            <h2>{lang.tr("보내지 않은 메일")}</h2>
            <Transition fallback=move || view! { <p class="loading">{lang.tr("불러오는 중…")}</p> }>
                {move || Suspend::new(async move {
                    match outbox.await {
                        Ok(list) if list.is_empty() => view! { <p class="notice">{lang.tr("모든 메일을 보냈습니다.")}</p> }.into_any(),
                        Ok(list) => view! {
                            <table class="outbox-table">
                                <thead><tr>
                                    <th scope="col">{lang.tr("받는 사람")}</th>
                                    <th scope="col">{lang.pick("제목", "Subject")}</th>
                                    <th scope="col">{lang.tr("시도")}</th>
                                    <th scope="col">{lang.tr("상태")}</th>
                                    <th scope="col"><span class="visually-hidden">{lang.tr("다시 보내기")}</span></th>
                                </tr></thead>
                                <tbody>
                                    {list.into_iter().map(|m| {
                                        let id = m.id;
                                        let state = if !m.last_error.is_empty() {
                                            lang.translate(&m.last_error)
                                        } else if !m.saved_as.is_empty() {
                                            lang.pick(format!("SMTP 미설정: {} 에 저장", m.saved_as), format!("No SMTP server: saved to {}", m.saved_as))
                                        } else {
                                            lang.tr("보내는 중").to_string()
                                        };
                                        view! {
                                            <tr>
                                                <td>{m.to.clone()}</td>
                                                <td>{m.subject.clone()}</td>
                                                <td>{m.attempts}</td>
                                                <td class="outbox-state">{state}</td>
                                                <td><button type="button" on:click=move |_| { retry.dispatch(id); }>{lang.tr("다시 보내기")}</button></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The collaboration report: inquiries by month, division, field and kind, time to the first
/// answer, the unanswered ones and the demand trend; the charts are SVG drawn on the server.
#[component]
fn InquiryReportView() -> impl IntoView {
    let lang = use_lang();
    let report = Resource::new(|| (), |_| crate::api::inquiries::load_inquiry_report());
    view! {
        <section class="report" id="inquiries">
            <h2>{lang.tr("문의 성과")}</h2>
            <Transition fallback=move || view! { <p class="loading">{lang.tr("불러오는 중…")}</p> }>
                {move || Suspend::new(async move {
                    match report.await {
                        Ok(r) => {
                            let median = r.median_hours_to_answer.map_or("—".to_string(), |h| {
                                if h < 1.0 {
                                    let minutes = (h * 60.0).round();
                                    if minutes < 1.0 {
                                        lang.pick("1분 미만", "under a minute").to_string()
                                    } else {
                                        lang.pick(format!("{minutes}분"), format!("{minutes} min"))
                                    }
                                } else if h < 48.0 {
                                    lang.pick(format!("{h:.1}시간"), format!("{h:.1} hours"))
                                } else {
                                    let days = h / 24.0;
                                    lang.pick(format!("{days:.1}일"), format!("{days:.1} days"))
                                }
                            });
                            let (months, demand) = (r.months_chart(lang), r.demand_chart(lang));
                            let divisions = bar_chart(lang, lang.tr("부서별 문의"), &r.by_division, 12);
                            let fields = bar_chart(lang, lang.tr("기술 분야별 문의"), &r.by_field, 12);
                            let kinds = bar_chart(lang, lang.tr("협력 방식별 문의"), &labels_in(lang, &r.by_kind), 6);
                            let outcomes = bar_chart(lang, lang.tr("성과별 종결"), &labels_in(lang, &r.by_outcome), 6);
                            view! {
                                <ul class="report-figures">
                                    <li><strong>{r.total}</strong>{lang.tr(" 문의")}</li>
                                    <li><strong>{r.answered}</strong>{lang.tr(" 답변됨")}</li>
                                    <li><strong>{median}</strong>{lang.tr(" 첫 답변까지 (중앙값)")}</li>
                                    <li><strong>{r.unanswered.len()}</strong>{lang.tr(" 미답변")}</li>
                                </ul>
                                <p><a class="button" href="/api/inquiries/report.csv" download="">{lang.tr("CSV 내려받기 (협력 성과 보고)")}</a></p>
                                <figure class="chart-box"><div inner_html=months></div></figure>
                                <div class="chart-grid">
                                    <figure class="chart-box"><figcaption>{lang.tr("부서별")}</figcaption><div inner_html=divisions></div></figure>
                                    <figure class="chart-box"><figcaption>{lang.tr("기술 분야별")}</figcaption><div inner_html=fields></div></figure>
                                    <figure class="chart-box"><figcaption>{lang.tr("협력 방식별")}</figcaption><div inner_html=kinds></div></figure>
                                    <figure class="chart-box"><figcaption>{lang.tr("성과별")}</figcaption><div inner_html=outcomes></div></figure>
                                </div>
                                <h3>{lang.tr("답변을 기다리는 문의")}</h3>
                                {if r.unanswered.is_empty() {
                                    view! { <p class="notice">{lang.tr("답변을 기다리는 문의가 없습니다.")}</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="waiting-table">
                                            <thead><tr>
                                                <th scope="col">{lang.pick("번호", "No.")}</th>
                                                <th scope="col">{lang.tr("회사")}</th>
                                                <th scope="col">{lang.tr("연구자")}</th>
                                                <th scope="col">{lang.tr("부서")}</th>
                                                <th scope="col">{lang.tr("경과")}</th>
                                            </tr></thead>
                                            <tbody>
                                                {r.unanswered.iter().map(|w| view! {
                                                    <tr>
                                                        <td><a href=lang.path(&format!("/inbox#inquiry-{}", w.id))>{format!("#{}", w.id)}</a></td>
                                                        <td>{w.company.clone()}</td>
                                                        <td>{w.researchers.clone()}</td>
                                                        <td>{w.division.clone()}</td>
                                                        <td>{lang.pick(format!("{}일", w.days), format!("{} {}", w.days, if w.days == 1 { "day" } else { "days" }))}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    }.into_any()
                                }}
                                <h3>{lang.tr("검색 수요 추이")}</h3>
                                <figure class="chart-box"><div inner_html=demand></div></figure>
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Counts whose labels are the model's Korean labels (kinds of help, outcomes), in `lang`.
fn labels_in(lang: Lang, counts: &[Count]) -> Vec<Count> {
    counts
        .iter()
        .map(|c| Count {
            label: lang.translate(&c.label),
            count: c.count,
        })
        .collect()
}
