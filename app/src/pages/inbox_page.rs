//! The inbox at `/inbox`: a researcher's inquiries (staff see every one), answered from here.
//! Replies reach the company by mail from the platform; staff add internal notes and close
//! inquiries with their outcome.

use crate::api::auth::who_am_i;
use crate::api::inquiries::{close_inquiry, load_inbox, reply_inquiry};
use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::model::account::Me;
use crate::model::inquiry::{InboxItem, InquiryStatus, Outcome, limits};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::model::inquiry::kst as when;

#[component]
pub fn InboxPage() -> impl IntoView {
    let lang = use_lang();
    let refresh = RwSignal::new(0u32);
    let loaded = Resource::new(
        move || refresh.get(),
        |_| async move {
            let me = who_am_i().await?.ok_or_else(AppError::sign_in)?;
            let items = load_inbox().await?;
            Ok::<_, AppError>((me, items))
        },
    );
    view! {
        <Title text=lang.tr("받은 문의") />
        <Meta name="robots" content="noindex" />
        <section class="inbox">
            <h1>{lang.tr("받은 문의")}</h1>
            <Transition fallback=move || view! { <p class="loading">{lang.tr("불러오는 중…")}</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok((me, items)) => {
                            let open = items.iter().filter(|i| i.status != InquiryStatus::Closed).count();
                            view! {
                                <p class="lead">{lang.pick(
                                    format!("{}건 · 진행 중 {}건", items.len(), open),
                                    format!("{} in all · {} open", items.len(), open),
                                )}</p>
                                {items.is_empty().then(|| view! {
                                    <p class="notice">{lang.tr("아직 받은 문의가 없습니다. 카드를 최신으로 유지하면 기업이 찾기 쉬워집니다.")}</p>
                                })}
                                <ol class="inbox-list">
                                    {items.into_iter().map(|item| view! { <li><InboxEntry item me=me.clone() refresh /></li> }).collect_view()}
                                </ol>
                            }.into_any()
                        }
                        Err(AppError::Unauthorized(_)) => view! {
                            <p class="notice">{lang.tr("받은 문의를 보려면 로그인하세요.")}</p>
                            <a class="button" href=lang.path("/login")>{lang.tr("로그인")}</a>
                        }.into_any(),
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn InboxEntry(item: InboxItem, me: Me, refresh: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let staff = me.role.curates();
    let id = item.id;
    let closed = item.status == InquiryStatus::Closed;
    let text = RwSignal::new(String::new());
    let internal = RwSignal::new(false);
    let reveal = RwSignal::new(false);
    let csrf = me.csrf_token.clone();
    let reply = Action::new(move |(body, internal, reveal): &(String, bool, bool)| {
        let (body, internal, reveal, csrf) = (body.clone(), *internal, *reveal, csrf.clone());
        async move { reply_inquiry(id, body, internal, reveal, csrf).await }
    });
    let csrf = me.csrf_token.clone();
    let revoke = Action::new(move |_: &()| {
        let csrf = csrf.clone();
        async move { crate::api::inquiries::revoke_tracking(id, csrf).await }
    });
    let csrf = me.csrf_token.clone();
    let outcome = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let close = Action::new(move |(outcome, note): &(String, String)| {
        let (outcome, note, csrf) = (outcome.clone(), note.clone(), csrf.clone());
        async move { close_inquiry(id, outcome, note, csrf).await }
    });
    Effect::new(move || {
        if matches!(reply.value().get(), Some(Ok(_))) || matches!(close.value().get(), Some(Ok(_)))
        {
            text.set(String::new());
            refresh.update(|n| *n += 1);
        }
    });
    let on_reply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // a closed inquiry takes only internal notes
        reply.dispatch((
            text.get_untracked(),
            internal.get_untracked() || closed,
            reveal.get_untracked(),
        ));
    };
    let on_close = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        close.dispatch((outcome.get_untracked(), note.get_untracked()));
    };
    let reply_id = format!("reply-{id}");
    let outcome_id = format!("outcome-{id}");
    let note_id = format!("note-{id}");
    let names = item
        .researchers
        .iter()
        .map(|r| r.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <article class="inquiry-item" id=format!("inquiry-{id}")>
            <header>
                <h2>{format!("#{id} {}", if item.company.is_empty() { lang.tr("(보존 기간이 지나 지워짐)").to_string() } else { item.company.clone() })}</h2>
                <p class="inquiry-meta">
                    {(item.origin == "need").then(|| view! { <span class="status status-need">{lang.tr("기술 수요")}</span>" " })}
                    <span class=format!("status status-{}", item.status.key())>{lang.translate(&item.status_label)}</span>
                    {(!item.deadline.is_empty()).then(|| lang.pick(format!(" · 마감 {}", item.deadline), format!(" · needed by {}", item.deadline)))}
                    {lang.pick(
                        format!(" · {} · {} · 받는 연구자: {}", item.kind_label, when(&item.created_at), names),
                        format!(" · {} · {} · to: {}", lang.translate(&item.kind_label), when(&item.created_at), names),
                    )}
                </p>
                <p class="inquiry-contact">
                    {format!("{} · {}{}", item.name, item.email, if item.phone.is_empty() { String::new() } else { format!(" · {}", item.phone) })}
                    {(!item.preferred_time.is_empty()).then(|| lang.pick(format!(" · 연락 희망: {}", item.preferred_time), format!(" · best time: {}", item.preferred_time)))}
                </p>
            </header>
            <ol class="messages">
                {item.messages.iter().map(|m| view! {
                    <li class=format!("message from-{}", m.from.key()) class:internal=m.internal>
                        <p class="message-meta">
                            <strong>{lang.tr(m.from.label())}</strong>
                            {m.internal.then_some(lang.tr(" · 내부 메모"))}
                            " · " {when(&m.at)}
                        </p>
                        <p class="message-body">{m.body.clone()}</p>
                    </li>
                }).collect_view()}
            </ol>
            {item.outcome.map(|o| view! {
                <p class="notice">{format!("{}{}{}", lang.tr("결과: "), lang.tr(o.label()), if item.outcome_note.is_empty() { String::new() } else { format!(" — {}", item.outcome_note) })}</p>
            })}
            {(staff || !closed).then(|| view! {
            <form class="message-form" on:submit=on_reply>
                <label for=reply_id.clone()>{lang.tr(if closed { "내부 메모" } else { "답변 (회사에 메일로 전달되며, 내 메일 주소는 드러나지 않습니다)" })}</label>
                <textarea id=reply_id rows="4" maxlength=limits::MESSAGE required=true
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                {(staff && !closed).then(|| view! {
                    <label class="check">
                        <input type="checkbox" prop:checked=move || internal.get() on:change=move |ev| internal.set(event_target_checked(&ev)) />
                        {lang.tr(" 내부 메모로 남기기 (회사에 보내지 않음)")}
                    </label>
                })}
                {(!staff && !closed).then(|| view! {
                    <label class="check">
                        <input type="checkbox" prop:checked=move || reveal.get() on:change=move |ev| reveal.set(event_target_checked(&ev)) />
                        {lang.tr(" 내 메일 주소를 회사에 알려 주기")}
                    </label>
                })}
                <button type="submit" disabled=move || reply.pending().get()>
                    {move || lang.tr(if internal.get() || closed { "메모 남기기" } else { "답변 보내기" })}
                </button>
                {move || match reply.value().get() {
                    Some(Err(e)) => Some(view! { <ErrorView error=e /> }),
                    _ => None,
                }}
            </form>
            })}
            {(!closed).then(|| view! { <Routing id csrf=me.csrf_token.clone() text refresh /> })}
            {staff.then(|| view! {
                <p class="revoke">
                    <button type="button" class="linklike" on:click=move |_| { revoke.dispatch(()); }>{lang.tr("회사의 추적 링크 폐기")}</button>
                    {move || match revoke.value().get() {
                        Some(Ok(())) => Some(view! { <span role="status">{lang.tr(" 링크를 폐기했습니다.")}</span> }.into_any()),
                        Some(Err(e)) => Some(view! { <ErrorView error=e /> }.into_any()),
                        None => None,
                    }}
                </p>
            })}
            {(staff && !closed).then(|| view! {
                <form class="close-form" on:submit=on_close>
                    <label for=outcome_id.clone()>{lang.tr("결과")}</label>
                    <select id=outcome_id required=true on:change=move |ev| outcome.set(event_target_value(&ev))>
                        <option value="">{lang.tr("고르세요")}</option>
                        {Outcome::ALL.into_iter().map(|o| view! { <option value=o.key()>{lang.tr(o.label())}</option> }).collect_view()}
                    </select>
                    <label for=note_id.clone()>{lang.tr("메모 (불발이면 이유)")}</label>
                    <input id=note_id type="text" maxlength=limits::NOTE
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev)) />
                    <button type="submit" disabled=move || close.pending().get()>{lang.tr("종결")}</button>
                    {move || match close.value().get() {
                        Some(Err(e)) => Some(view! { <ErrorView error=e /> }),
                        _ => None,
                    }}
                </form>
            })}
        </article>
    }
}

/// Taking an inquiry on, declining it with a reason, or forwarding it to a colleague.
#[component]
fn Routing(id: i64, csrf: String, text: RwSignal<String>, refresh: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let open = RwSignal::new(false);
    let colleagues = Resource::new(
        move || open.get(),
        move |open| async move {
            if open {
                crate::api::inquiries::inquiry_colleagues(id).await
            } else {
                Ok(Vec::new())
            }
        },
    );
    let to = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let (c1, c2, c3) = (csrf.clone(), csrf.clone(), csrf);
    let accept = Action::new(move |message: &String| {
        let (message, csrf) = (message.clone(), c1.clone());
        async move { crate::api::inquiries::accept_inquiry(id, message, csrf).await }
    });
    let decline = Action::new(move |reason: &String| {
        let (reason, csrf) = (reason.clone(), c2.clone());
        async move { crate::api::inquiries::decline_inquiry(id, reason, csrf).await }
    });
    let forward = Action::new(move |(to, note): &(String, String)| {
        let (to, note, csrf) = (to.clone(), note.clone(), c3.clone());
        async move { crate::api::inquiries::forward_inquiry(id, to, note, csrf).await }
    });
    Effect::new(move || {
        let done = matches!(accept.value().get(), Some(Ok(_)))
            || matches!(decline.value().get(), Some(Ok(_)))
            || matches!(forward.value().get(), Some(Ok(_)));
        if done {
            text.set(String::new());
            refresh.update(|n| *n += 1);
        }
    });
    let error = move || {
        [
            accept.value().get(),
            decline.value().get(),
            forward.value().get(),
        ]
        .into_iter()
        .find_map(|v| v.and_then(Result::err))
    };
    let to_id = format!("forward-to-{id}");
    let to_id_select = to_id.clone();
    let note_id = format!("forward-note-{id}");
    view! {
        <details class="routing" on:toggle=move |_| open.set(true)>
            <summary>{lang.tr("맡기 · 거절 · 연구자에게 넘기기")}</summary>
            <p class="field-help">{lang.tr("위 답변 칸에 쓴 내용이 맡을 때의 인사말, 거절할 때의 이유로 회사에 전달됩니다.")}</p>
            <div class="routing-actions">
                <button type="button" on:click=move |_| { accept.dispatch(text.get_untracked()); }>{lang.tr("맡기 (협의 시작)")}</button>
                <button type="button" class="secondary" on:click=move |_| { decline.dispatch(text.get_untracked()); }>{lang.tr("거절")}</button>
            </div>
            <form class="forward-form" on:submit=move |ev| {
                ev.prevent_default();
                forward.dispatch((to.get_untracked(), note.get_untracked()));
            }>
                <label for=to_id.clone()>{lang.tr("넘길 연구자 (맞는 전문성 순)")}</label>
                <Transition fallback=move || view! { <p class="loading">{lang.tr("찾는 중…")}</p> }>
                    {move || {
                    let to_id = to_id_select.clone();
                    Suspend::new(async move {
                        let list = colleagues.await.unwrap_or_default();
                        if to.get_untracked().is_empty() && let Some(first) = list.first() {
                            to.set(first.slug.clone());
                        }
                        view! {
                            <select id=to_id on:change=move |ev| to.set(event_target_value(&ev))>
                                {list.into_iter().map(|c| view! {
                                    <option value=c.slug.clone()>{format!("{} · {}", c.name, c.division)}</option>
                                }).collect_view()}
                            </select>
                        }
                    })
                    }}
                </Transition>
                <label for=note_id.clone()>{lang.tr("동료에게 남길 메모 (선택)")}</label>
                <input id=note_id type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev)) />
                <button type="submit">{lang.tr("넘기기")}</button>
            </form>
            {move || error().map(|e| view! { <ErrorView error=e /> })}
        </details>
    }
}
