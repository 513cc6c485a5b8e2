//! The staff desk at `/staff`: what companies look for, stale cards, and the review queue.

use crate::api::account::{
    decide_edit, invite_researcher, load_dashboard, load_lists, review_queue, save_lists, who_am_i,
};
use crate::components::changes::ChangesView;
use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::model::account::{Dashboard, EditSummary, Lists, Me};
use leptos::prelude::*;
use leptos_meta::Title;

/// The staff page.
#[component]
pub fn StaffPage() -> impl IntoView {
    let refresh = RwSignal::new(0u32);
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
        <Title text="직원 관리" />
        <section class="staff">
            <h1>"디렉터리 관리"</h1>
            <Suspense fallback=|| view! { <p class="loading">"불러오는 중…"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok((me, board, queue)) => view! {
                            <ReviewQueue me=me.clone() edits=queue refresh />
                            <DashboardView board />
                            <Invite me=me.clone() />
                            <ListsEditor me />
                        }.into_any(),
                        Err(AppError::Unauthorized(_)) => view! {
                            <p class="notice">"직원 계정으로 로그인하세요."</p>
                            <a class="button" href="/login">"로그인"</a>
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
            <h2>{format!("검토 대기 ({})", edits.len())}</h2>
            {empty.then(|| view! { <p class="notice">"검토할 수정이 없습니다."</p> })}
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
                                <a href=format!("/cards/{}", e.slug)>{e.name.clone()}</a>
                                {format!(" · {} · {}", e.by.clone().unwrap_or_default(), e.at)}
                            </p>
                            <ChangesView changes=e.changes />
                            <label for=comment_id.clone()>"연구자에게 남길 의견"</label>
                            <textarea id=comment_id rows="2" on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                            <div class="review-actions">
                                <button type="button" class="approve" on:click=move |_| { decide.dispatch((id, true, comment.get_untracked())); }>"승인"</button>
                                <button type="button" class="danger reject" on:click=move |_| { decide.dispatch((id, false, comment.get_untracked())); }>"반려"</button>
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
    let counts = |list: Vec<(String, i64)>| {
        list.into_iter()
            .map(|(q, n)| view! { <li><a href=format!("/?q={}", crate::model::search::encode_component(&q))>{q.clone()}</a>{format!(" ({n})")}</li> })
            .collect_view()
    };
    view! {
        <section class="dashboard" id="dashboard">
            <h2>"현황"</h2>
            <p>
                {board.statuses.iter().map(|(s, n)| {
                    let label = match s.as_str() { "published" => "공개", "draft" => "초안", "archived" => "보관", other => other };
                    format!("{label} {n}")
                }).collect::<Vec<_>>().join(" · ")}
                {format!(" · 검토 대기 {} · 연구자 수정 검토 {}", board.pending_edits, if board.review_edits { "켜짐" } else { "꺼짐" })}
            </p>
            <div class="dashboard-grid">
                <div>
                    <h3>"자주 찾는 검색어 (30일)"</h3>
                    <ol>{counts(board.top_queries)}</ol>
                </div>
                <div>
                    <h3>"결과가 없었던 검색어 (30일)"</h3>
                    <ol>{counts(board.empty_queries)}</ol>
                </div>
                <div>
                    <h3>"12개월 넘게 갱신되지 않은 카드"</h3>
                    <ol>
                        {board.stale.into_iter().map(|(slug, name, at)| view! {
                            <li><a href=format!("/edit/{slug}")>{name}</a>{format!(" ({})", &at[..10.min(at.len())])}</li>
                        }).collect_view()}
                    </ol>
                </div>
            </div>
        </section>
    }
}

/// Invites a researcher to keep a card: creates the account and shows its one-time link.
#[component]
fn Invite(me: Me) -> impl IntoView {
    let email = RwSignal::new(String::new());
    let card = RwSignal::new(String::new());
    let invite = Action::new(move |(email, card): &(String, String)| {
        let (email, card, csrf) = (email.clone(), card.clone(), me.csrf_token.clone());
        async move { invite_researcher(email, card, csrf).await }
    });
    view! {
        <section class="invite" id="invite">
            <h2>"연구자 초대"</h2>
            <p class="field-hint">"계정을 만들고 카드에 연결합니다. 아래에 나오는 일회용 링크(7일 유효)를 연구자에게 전달하세요."</p>
            <form class="auth-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                invite.dispatch((email.get_untracked(), card.get_untracked()));
            }>
                <label for="invite-email">"연구자 이메일"</label>
                <input id="invite-email" type="email" required=true on:input=move |ev| email.set(event_target_value(&ev)) />
                <label for="invite-card">"카드 주소 (/cards/ 뒤의 이름)"</label>
                <input id="invite-card" type="text" required=true on:input=move |ev| card.set(event_target_value(&ev)) />
                <button type="submit" disabled=move || invite.pending().get()>"초대 링크 만들기"</button>
            </form>
            {move || invite.value().get().map(|r| match r {
                Ok(path) => view! { <p class="notice" role="status">"초대 링크: " <a href=path.clone()>{path.clone()}</a></p> }.into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            })}
        </section>
    }
}

/// Search synonyms (one group per line, terms joined by `=`) and technology fields (one per line).
#[component]
fn ListsEditor(me: Me) -> impl IntoView {
    let loaded = Resource::new(|| (), |_| load_lists());
    let synonyms = RwSignal::new(String::new());
    let fields = RwSignal::new(String::new());
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
        });
    };
    view! {
        <section class="lists" id="lists">
            <h2>"검색 동의어와 기술 분야"</h2>
            <Suspense fallback=|| view! { <p class="loading">"불러오는 중…"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(lists) => {
                            fill(&lists);
                            view! {
                                <form class="editor-form" on:submit=submit>
                                    <label for="synonyms">"동의어: 한 줄에 한 묶음, 같은 뜻의 말을 = 로 잇습니다 (예: AI = 인공지능 = artificial intelligence)"</label>
                                    <textarea id="synonyms" rows="14" prop:value=move || synonyms.get() on:input=move |ev| synonyms.set(event_target_value(&ev))></textarea>
                                    <label for="fields">"기술 분야: 한 줄에 하나, 보여 줄 순서대로"</label>
                                    <textarea id="fields" rows="8" prop:value=move || fields.get() on:input=move |ev| fields.set(event_target_value(&ev))></textarea>
                                    <button type="submit" disabled=move || save.pending().get()>"목록 저장"</button>
                                </form>
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })}
            </Suspense>
            {move || save.value().get().map(|r| match r {
                Ok(lists) => view! { <p class="notice" role="status">{format!("저장했습니다: 동의어 {}묶음, 기술 분야 {}개. 검색에 바로 쓰입니다.", lists.synonyms.len(), lists.fields.len())}</p> }.into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            })}
        </section>
    }
}
