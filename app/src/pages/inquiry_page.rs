//! A company's side of an inquiry: the form at `/inquiry?cards=slug,…` (from a card, a
//! search hit or a need-matching result), a company need at `/needs/new`, and the private
//! tracking page at `/track/{token}`.

use crate::api::inquiries::{
    company_message, inquiry_retention, inquiry_targets, send_inquiry, send_need, track_inquiry,
};
use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::i18n::{Lang, use_lang};
use crate::model::card::{AvailabilityStatus, Offer};
use crate::model::inquiry::{
    Created, InquiryStatus, NewInquiry, NewNeed, Tracking, consent_text, consent_text_en, limits,
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// The message of the field error at `path` in `lang`, if the last answer had one.
fn field_error(
    lang: Lang,
    answer: &Option<Result<impl Clone, AppError>>,
    path: &str,
) -> Option<String> {
    match answer {
        Some(Err(AppError::Invalid(fields))) => fields
            .iter()
            .find(|f| f.path == path)
            .map(|f| lang.translate(&f.message)),
        _ => None,
    }
}

/// A labelled text input bound to `value`, with its error below it.
#[component]
fn TextField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "")] autocomplete: &'static str,
    #[prop(default = false)] required: bool,
    max: usize,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let lang = use_lang();
    view! {
        <div class="field">
            <label for=id>{lang.tr(label)}{required.then_some(lang.tr(" (필수)"))}</label>
            <input
                id=id
                name=id
                type=kind
                autocomplete=autocomplete
                required=required
                maxlength=max
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <p class="field-error" id=error_id role="alert">{move || error.get()}</p>
        </div>
    }
}

/// The company's contact fields, shared by the inquiry and the need forms.
#[component]
fn ContactFields(
    company: RwSignal<String>,
    name: RwSignal<String>,
    email: RwSignal<String>,
    phone: RwSignal<String>,
    #[prop(into)] answer: Signal<Option<Result<Created, AppError>>>,
) -> impl IntoView {
    let lang = use_lang();
    let error =
        move |path: &'static str| Signal::derive(move || field_error(lang, &answer.get(), path));
    view! {
        <TextField id="company" label="회사명" value=company error=error("company") autocomplete="organization" required=true max=limits::COMPANY />
        <TextField id="name" label="담당자 이름" value=name error=error("name") autocomplete="name" required=true max=limits::NAME />
        <TextField id="email" label="이메일" value=email error=error("email") kind="email" autocomplete="email" required=true max=limits::EMAIL />
        <TextField id="phone" label="전화번호 (선택)" value=phone error=error("phone") kind="tel" autocomplete="tel" max=limits::PHONE />
    }
}

/// The honeypot (a field people never see, so only robots fill it) and the consent to the
/// collection of personal data, with its purpose and retention.
#[component]
fn ConsentFields(
    consent: RwSignal<bool>,
    website: RwSignal<String>,
    #[prop(into)] answer: Signal<Option<Result<Created, AppError>>>,
) -> impl IntoView {
    let retention = Resource::new(|| (), |_| inquiry_retention());
    let lang = use_lang();
    let consent_text = move |years: i64| lang.pick(consent_text(years), consent_text_en(years));
    view! {
        <div class="hp" aria-hidden="true">
            <label for="website">{lang.tr("웹사이트 (비워 두세요)")}</label>
            <input id="website" name="website" type="text" tabindex="-1" autocomplete="off"
                prop:value=move || website.get()
                on:input=move |ev| website.set(event_target_value(&ev)) />
        </div>
        <div class="field consent">
            <p class="consent-text" id="consent-text">
                <Suspense fallback=move || consent_text(3)>
                    {move || Suspend::new(async move { consent_text(retention.await.unwrap_or(3)) })}
                </Suspense>
            </p>
            <label class="check">
                <input type="checkbox" id="consent" name="consent" aria-describedby="consent-text consent-error"
                    prop:checked=move || consent.get()
                    on:change=move |ev| consent.set(event_target_checked(&ev)) />
                {lang.tr(" 개인정보 수집·이용에 동의합니다 (필수)")}
            </label>
            <p class="field-error" id="consent-error" role="alert">{move || field_error(lang, &answer.get(), "consent")}</p>
        </div>
    }
}

/// What a company reads once its inquiry or need is stored: its number and private link.
#[component]
fn Sent(created: Created, title: &'static str, email: String) -> impl IntoView {
    let lang = use_lang();
    // the same private page, in the page's language
    let tracking = match lang {
        Lang::Ko => created.tracking_url.clone(),
        Lang::En => created.tracking_url.replacen("/track/", "/en/track/", 1),
    };
    view! {
        <div class="notice sent" role="status">
            <h2>{lang.tr(title)}</h2>
            <p>{lang.pick(
                format!("번호 #{}. 진행 상황과 답변은 아래 링크에서 볼 수 있으며, 같은 링크를 {email}(으)로도 보냈습니다.", created.id),
                format!("Number #{}. Follow its progress and the answers at the link below; the same link went to {email}.", created.id),
            )}</p>
            <p><a class="button" href=tracking>{lang.tr("진행 상황 보기")}</a></p>
        </div>
    }
}

/// The inquiry form.
#[component]
pub fn InquiryPage() -> impl IntoView {
    let query = use_query_map();
    let slugs = move || {
        query.with(|q| {
            q.get_all("cards")
                .unwrap_or_default()
                .iter()
                .flat_map(|v| v.split(',').map(|s| s.trim().to_string()))
                .filter(|s| !s.is_empty())
                .collect::<Vec<String>>()
        })
    };
    let targets = Resource::new(slugs, inquiry_targets);
    let lang = use_lang();
    let company = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let preferred_time = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let website = RwSignal::new(String::new());
    let send = Action::new(|new: &NewInquiry| {
        let new = new.clone();
        async move { send_inquiry(new).await }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send.dispatch(NewInquiry {
            cards: slugs(),
            company: company.get_untracked(),
            name: name.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
            kind: kind.get_untracked(),
            message: message.get_untracked(),
            preferred_time: preferred_time.get_untracked(),
            consent: consent.get_untracked(),
            website: website.get_untracked(),
        });
    };
    let error = move |path: &'static str| {
        Signal::derive(move || field_error(lang, &send.value().get(), path))
    };
    // any other error (a flood, the server) is shown above the button; what was typed stays
    let other_error = move || match send.value().get() {
        Some(Err(AppError::Invalid(_))) | Some(Ok(_)) | None => None,
        Some(Err(e)) => Some(e),
    };
    view! {
        <Title text=lang.tr("협력 문의") />
        <Meta name="robots" content="noindex" />
        <section class="inquiry">
            <h1>{lang.tr("협력 문의")}</h1>
            <Suspense fallback=move || view! { <p class="loading">{lang.tr("불러오는 중…")}</p> }>
                {move || Suspend::new(async move {
                    match targets.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="notice">
                                {lang.tr("문의할 연구자를 고르지 않았거나, 고른 연구자의 카드가 공개되어 있지 않습니다. ")}
                                <a href=lang.path("/")>{lang.tr("검색")}</a>{lang.tr("에서 연구자를 찾아 ‘협력 문의하기’를 누르세요.")}
                            </p>
                        }.into_any(),
                        Ok(list) => {
                            // the first researcher's first offer is the likely kind of help
                            if kind.get_untracked().is_empty()
                                && let Some(o) = list.iter().flat_map(|t| t.offers.first()).next()
                            {
                                kind.set(o.key().to_string());
                            }
                            view! {
                                <div class="inquiry-to">
                                    <h2>{lang.tr("받는 연구자")}</h2>
                                    <ul>
                                        {list.into_iter().map(|t| {
                                            let away = t.availability.status == AvailabilityStatus::Closed;
                                            view! {
                                                <li>
                                                    <a href=lang.path(&format!("/cards/{}", t.slug))>{t.name.clone()}</a>
                                                    {format!(" · {} · {}", t.position, t.division)}
                                                    {(!t.availability.is_default()).then(|| view! {
                                                        <span class=format!("availability availability-{}", t.availability.status.key())>
                                                            {format!(" {}{}", lang.tr(t.availability.status.label()),
                                                                if t.availability.until.is_empty() { String::new() } else { format!(" (~{})", t.availability.until) })}
                                                        </span>
                                                    })}
                                                    {away.then(|| view! { <p class="field-help">{lang.tr("이 연구자는 당분간 협력이 어려워, 문의는 부서 협력 담당자가 먼저 받습니다.")}</p> })}
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                    <p class="lead">{lang.tr("문의는 연구자와 소속 부서의 협력 담당자에게 함께 전달됩니다. 연구자의 개인 연락처는 공개되지 않으며, 답변은 메일과 진행 상황 페이지로 받습니다.")}</p>
                                </div>
                            }.into_any()
                        }
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })}
            </Suspense>
            {move || match send.value().get() {
                Some(Ok(created)) => view! { <Sent created title="문의를 보냈습니다" email=email.get_untracked() /> }.into_any(),
                _ => view! {
                    <form id="inquiry-form" class="inquiry-form" on:submit=on_submit novalidate=true>
                        <ContactFields company name email phone answer=send.value() />
                        <div class="field">
                            <label for="kind">{lang.tr("도움 받을 분야 (필수)")}</label>
                            <select id="kind" name="kind" required=true
                                aria-describedby="kind-error"
                                prop:value=move || kind.get()
                                on:change=move |ev| kind.set(event_target_value(&ev))>
                                <option value="">{lang.tr("고르세요")}</option>
                                {Offer::ALL.into_iter().map(|o| view! {
                                    <option value=o.key() selected=move || kind.get() == o.key()>{lang.tr(o.label())}</option>
                                }).collect_view()}
                            </select>
                            <p class="field-error" id="kind-error" role="alert">{move || error("kind").get()}</p>
                        </div>
                        <div class="field">
                            <label for="message">{lang.tr("문의 내용 (필수)")}</label>
                            <textarea id="message" name="message" rows="7" required=true
                                maxlength=limits::MESSAGE
                                aria-describedby="message-error message-help"
                                placeholder=lang.tr("무엇을 함께 하고 싶은지, 일정과 규모를 적어 주세요. 예: 센서 모듈 EMC 시험을 다음 달 안에 의뢰하고 싶습니다.")
                                prop:value=move || message.get()
                                on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                            <p class="field-help" id="message-help">{move || {
                                let n = message.with(|m| m.chars().count());
                                lang.pick(format!("{n} / {}자", limits::MESSAGE), format!("{n} / {} characters", limits::MESSAGE))
                            }}</p>
                            <p class="field-error" id="message-error" role="alert">{move || error("message").get()}</p>
                        </div>
                        <TextField id="preferred_time" label="연락 희망 시간 (선택)" value=preferred_time error=error("preferred_time") max=limits::PREFERRED_TIME />
                        <ConsentFields consent website answer=send.value() />
                        <p class="field-error" role="alert">{move || error("cards").get()}</p>
                        {move || other_error().map(|e| view! { <ErrorView error=e /> })}
                        <button type="submit" disabled=move || send.pending().get()>
                            {move || lang.tr(if send.pending().get() { "보내는 중…" } else { "문의 보내기" })}
                        </button>
                        <noscript><p class="notice">{lang.tr("문의를 보내려면 JavaScript가 필요합니다. 어렵다면 카드에 있는 부서 연락처로 연락해 주세요.")}</p></noscript>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}

/// A company posts a need (기술 수요) without naming a researcher: staff find the right ones.
#[component]
pub fn NeedPage() -> impl IntoView {
    let company = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let lang = use_lang();
    let kind = RwSignal::new("joint_rnd".to_string());
    let text = RwSignal::new(String::new());
    let deadline = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let website = RwSignal::new(String::new());
    let send = Action::new(|need: &NewNeed| {
        let need = need.clone();
        async move { send_need(need).await }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send.dispatch(NewNeed {
            company: company.get_untracked(),
            name: name.get_untracked(),
            email: email.get_untracked(),
            phone: phone.get_untracked(),
            kind: kind.get_untracked(),
            text: text.get_untracked(),
            deadline: deadline.get_untracked(),
            consent: consent.get_untracked(),
            website: website.get_untracked(),
        });
    };
    let error = move |path: &'static str| {
        Signal::derive(move || field_error(lang, &send.value().get(), path))
    };
    let other_error = move || match send.value().get() {
        Some(Err(AppError::Invalid(_))) | Some(Ok(_)) | None => None,
        Some(Err(e)) => Some(e),
    };
    view! {
        <Title text=lang.tr("기술 수요 등록") />
        <section class="inquiry">
            <h1>{lang.tr("기술 수요 등록")}</h1>
            <p class="lead">{lang.tr("어느 연구자에게 물어야 할지 모를 때, 필요한 기술을 적어 주세요. 기관 담당자가 맞는 연구자를 찾아 전달하고, 연구자의 답변은 메일과 진행 상황 페이지로 받습니다.")}</p>
            {move || match send.value().get() {
                Some(Ok(created)) => view! { <Sent created title="기술 수요를 등록했습니다" email=email.get_untracked() /> }.into_any(),
                _ => view! {
                    <form id="need-form" class="inquiry-form" on:submit=on_submit novalidate=true>
                        <ContactFields company name email phone answer=send.value() />
                        <div class="field">
                            <label for="kind">{lang.tr("필요한 도움 (필수)")}</label>
                            <select id="kind" name="kind" prop:value=move || kind.get() on:change=move |ev| kind.set(event_target_value(&ev))>
                                {Offer::ALL.into_iter().map(|o| view! { <option value=o.key()>{lang.tr(o.label())}</option> }).collect_view()}
                            </select>
                            <p class="field-error" role="alert">{move || error("kind").get()}</p>
                        </div>
                        <div class="field">
                            <label for="text">{lang.tr("필요한 기술 (필수)")}</label>
                            <textarea id="text" name="text" rows="7" maxlength=limits::MESSAGE aria-describedby="text-error"
                                placeholder=lang.tr("해결하려는 문제, 지금의 방법, 바라는 결과를 적어 주세요. 예: 사출 성형품의 미세 기포를 라인에서 자동으로 찾고 싶습니다.")
                                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                            <p class="field-error" id="text-error" role="alert">{move || error("text").get()}</p>
                        </div>
                        <TextField id="deadline" label="답변이 필요한 날 (선택, YYYY-MM-DD)" value=deadline error=error("deadline") kind="date" max=10 />
                        <ConsentFields consent website answer=send.value() />
                        {move || other_error().map(|e| view! { <ErrorView error=e /> })}
                        <button type="submit" disabled=move || send.pending().get()>{lang.tr("기술 수요 보내기")}</button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}

use crate::model::inquiry::kst as when;

/// The company's private tracking page.
#[component]
pub fn TrackPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let tracking = Resource::new(token, track_inquiry);
    let lang = use_lang();
    let text = RwSignal::new(String::new());
    let post = Action::new(move |body: &String| {
        let (token, body) = (token(), body.clone());
        async move { company_message(token, body).await }
    });
    Effect::new(move || {
        if let Some(Ok(_)) = post.value().get() {
            text.set(String::new());
            tracking.refetch();
        }
    });
    view! {
        <Title text=lang.tr("문의 진행 상황") />
        <Meta name="robots" content="noindex" />
        <section class="track">
            <h1>{lang.tr("문의 진행 상황")}</h1>
            <Suspense fallback=move || view! { <p class="loading">{lang.tr("불러오는 중…")}</p> }>
                {move || Suspend::new(async move {
                    match tracking.await {
                        Ok(t) => view! { <TrackingView t post text /> }.into_any(),
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn TrackingView(
    t: Tracking,
    post: Action<String, Result<Tracking, AppError>>,
    text: RwSignal<String>,
) -> impl IntoView {
    let closed = t.status == InquiryStatus::Closed;
    let lang = use_lang();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        post.dispatch(text.get_untracked());
    };
    view! {
        <p class="lead">
            {lang.pick(
                format!("{} · {} · 접수 {}", t.company, t.kind_label, when(&t.created_at)),
                format!("{} · {} · received {}", t.company, lang.translate(&t.kind_label), when(&t.created_at)),
            )}
        </p>
        <ol class="status-steps" aria-label=lang.tr("진행 단계")>
            {t.timeline.iter().map(|s| {
                let reached = !s.at.is_empty();
                let current = s.status == t.status;
                view! {
                    <li class:reached=reached class:current=current aria-current=current.then_some("step")>
                        <span class="step-label">{lang.translate(&s.label)}</span>
                        <span class="step-at">{if reached { when(&s.at) } else { "—".to_string() }}</span>
                    </li>
                }
            }).collect_view()}
        </ol>
        {(t.researchers.is_empty()).then(|| view! {
            <p class="notice">{lang.tr("기관 담당자가 이 기술 수요에 맞는 연구자를 찾고 있습니다. 전달되면 이 페이지와 메일로 알려 드립니다.")}</p>
        })}
        {(!t.deadline.is_empty()).then(|| view! { <p class="lead">{lang.pick(format!("답변 희망일: {}", t.deadline), format!("Answer wanted by {}", t.deadline))}</p> })}
        {(!t.researchers.is_empty()).then(|| view! {
            <h2>{lang.tr(if t.origin == "need" { "전달된 연구자" } else { "문의한 연구자" })}</h2>
            <ul class="asked">
                {t.researchers.iter().map(|r| view! {
                    <li><a href=lang.path(&format!("/cards/{}", r.slug))>{r.name.clone()}</a>{format!(" · {}", r.division)}</li>
                }).collect_view()}
            </ul>
        })}
        <h2>{lang.tr("메시지")}</h2>
        <ol class="messages">
            {t.messages.iter().map(|m| view! {
                <li class=format!("message from-{}", m.from.key())>
                    <p class="message-meta"><strong>{lang.tr(m.from.label())}</strong>" · "{when(&m.at)}</p>
                    <p class="message-body">{m.body.clone()}</p>
                </li>
            }).collect_view()}
        </ol>
        {if closed {
            view! {
                <p class="notice">{lang.pick(
                    format!("종결된 문의입니다{}. 새로 문의하려면 연구자 카드에서 다시 문의해 주세요.",
                        t.outcome.map(|o| format!(" (결과: {})", crate::model::inquiry::Outcome::label(o))).unwrap_or_default()),
                    format!("This inquiry is closed{}. To ask again, send a new inquiry from the researcher's card.",
                        t.outcome.map(|o| format!(" (outcome: {})", lang.tr(crate::model::inquiry::Outcome::label(o)))).unwrap_or_default()),
                )}</p>
            }.into_any()
        } else {
            view! {
                <form class="message-form" on:submit=on_submit>
                    <label for="company-message">{lang.tr("메시지 남기기")}</label>
                    <textarea id="company-message" rows="4" maxlength=limits::MESSAGE required=true
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                    <button type="submit" disabled=move || post.pending().get()>{lang.tr("보내기")}</button>
                    {move || match post.value().get() {
                        Some(Err(e)) => Some(view! { <ErrorView error=e /> }),
                        _ => None,
                    }}
                </form>
            }.into_any()
        }}
        <p class="auth-help">{lang.pick(
            format!("이 링크는 {}까지 쓸 수 있습니다. 다른 사람과 나누지 마세요.", t.expires_at.get(..10).unwrap_or("")),
            format!("This link works until {}. Do not share it.", t.expires_at.get(..10).unwrap_or("")),
        )}</p>
    }
}
