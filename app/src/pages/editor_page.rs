//! The card editor at `/edit/{slug}`: researchers keep their own card, staff any card.
//!
//! The form edits one `CardRecord` in a signal. Inputs read their value when the form is drawn
//! and write on every keystroke; the form is redrawn only when its shape changes (an entry added,
//! removed or moved, or another version loaded), so typing never loses focus. The browser runs
//! the same validation as the server before saving; a save based on a stale version gets the
//! conflict view, which keeps everything typed.

use crate::api::auth::who_am_i;
use crate::api::editing::{card_history, load_editable_card, revert_card, save_card};
use crate::api::staff::{merge_cards, set_card_status};
use crate::api::suggest_terms;
use crate::components::changes::ChangesView;
use crate::components::error_view::ErrorView;
use crate::error::AppError;
use crate::model::account::{
    EditableCard, HistoryEntry, Me, Places, SaveOutcome, card_changes, field_label, source_label,
};
use crate::model::card::AvailabilityStatus;
use crate::model::card::{
    CardRecord, CareerEntry, Offer, Patent, Project, PublicCard, Publication, Video, youtube_id,
};
use crate::model::validate::FieldErrors;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The editor page: loads the card and the signed-in account, then shows the form.
#[component]
pub fn EditorPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let loaded = Resource::new(slug, |slug| async move {
        let me = who_am_i().await?.ok_or_else(AppError::sign_in)?;
        let card = load_editable_card(slug.clone()).await?;
        Ok::<_, AppError>((slug, me, card))
    });
    view! {
        <Title text="카드 편집" />
        <Suspense fallback=|| view! { <p class="loading">"불러오는 중…"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok((slug, me, card)) => view! { <Editor slug me initial=card /> }.into_any(),
                    Err(AppError::Unauthorized(_)) => view! {
                        <section class="auth">
                            <p class="notice">"카드를 고치려면 먼저 로그인하세요."</p>
                            <a class="button" href="/login">"로그인"</a>
                        </section>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// What every input of the form needs.
#[derive(Clone, Copy)]
struct Form {
    card: RwSignal<CardRecord>,
    errors: RwSignal<FieldErrors>,
    /// Bumped when the form's shape changes, to redraw it.
    layout: RwSignal<u32>,
    /// The divisions and sites to choose from.
    places: StoredValue<Places>,
}

impl Form {
    fn redraw(&self) {
        self.layout.update(|n| *n += 1);
    }

    fn error(&self, path: &str) -> Option<String> {
        self.errors.with(|errors| {
            errors
                .iter()
                .find(|e| e.path == path)
                .map(|e| e.message.clone())
        })
    }
}

/// A labelled text input (or textarea) bound to a part of the card.
fn text_input(
    form: Form,
    path: String,
    label: &'static str,
    multiline: bool,
    read: impl Fn(&mut CardRecord) -> String + 'static,
    write: impl Fn(&mut CardRecord, String) + 'static,
) -> AnyView {
    text_input_with(form, path, label, multiline, None, read, write)
}

/// [`text_input`] offering the choices of the `<datalist>` with id `choices`, if given.
fn text_input_with(
    form: Form,
    path: String,
    label: &'static str,
    multiline: bool,
    choices: Option<&'static str>,
    read: impl Fn(&mut CardRecord) -> String + 'static,
    write: impl Fn(&mut CardRecord, String) + 'static,
) -> AnyView {
    let id = format!("f-{}", path.replace(['[', ']', '.'], "-"));
    // the attribute serves the server-rendered page, the property redraws after typing
    let value = form
        .card
        .try_update_untracked(|c| read(c))
        .unwrap_or_default();
    let initial = value.clone();
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        form.card.update(|c| write(c, v));
    };
    let p = StoredValue::new(path.clone());
    let error = move || p.with_value(|p| form.error(p));
    let input = if multiline {
        view! { <textarea id=id.clone() name=path.clone() rows="5" prop:value=initial on:input=on_input>{value}</textarea> }
            .into_any()
    } else {
        view! { <input id=id.clone() name=path.clone() type="text" list=choices value=value prop:value=initial on:input=on_input /> }
            .into_any()
    };
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id.clone()>{label}</label>
            {input}
            {move || error().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </div>
    }
    .into_any()
}

/// A list of words (keywords, technology fields) as removable chips, with suggestions.
fn chip_input(
    form: Form,
    path: &'static str,
    label: &'static str,
    list: fn(&mut CardRecord) -> &mut Vec<String>,
) -> AnyView {
    let words = form
        .card
        .try_update_untracked(|c| list(c).clone())
        .unwrap_or_default();
    let draft = RwSignal::new(String::new());
    let suggestions = RwSignal::new(Vec::<String>::new());
    let add = move || {
        let word = draft.get_untracked().trim().to_string();
        if !word.is_empty() {
            form.card.update(|c| {
                let l = list(c);
                if !l.iter().any(|w| w.eq_ignore_ascii_case(&word)) {
                    l.push(word);
                }
            });
            draft.set(String::new());
            form.redraw();
        }
    };
    let list_id = format!("{path}-suggestions");
    let input_id = format!("f-{path}");
    let error = move || {
        form.errors.with(|errors| {
            errors
                .iter()
                .find(|e| e.path == path || e.path.starts_with(&format!("{path}[")))
                .map(|e| e.message.clone())
        })
    };
    view! {
        <div class="field chips" class:invalid=move || error().is_some()>
            <label for=input_id.clone()>{label}</label>
            <ul class="chip-list" aria-label=label>
                {words.into_iter().enumerate().map(|(i, w)| {
                    let remove_label = format!("{w} 삭제");
                    view! {
                        <li class="chip">
                            <span>{w}</span>
                            <button type="button" class="chip-remove" aria-label=remove_label
                                on:click=move |_| {
                                    form.card.update(|c| { let l = list(c); if i < l.len() { l.remove(i); } });
                                    form.redraw();
                                }>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="chip-add">
                <input id=input_id type="text" list=list_id.clone() placeholder="입력 후 Enter"
                    prop:value=move || draft.get()
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        draft.set(v.clone());
                        if !v.trim().is_empty() {
                            leptos::task::spawn_local(async move {
                                if let Ok(found) = suggest_terms(v).await {
                                    suggestions.set(found.into_iter().map(|s| s.text).collect());
                                }
                            });
                        }
                    }
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            add();
                        }
                    } />
                <button type="button" on:click=move |_| add()>"추가"</button>
                <datalist id=list_id>
                    {move || suggestions.get().into_iter().map(|s| view! { <option value=s></option> }).collect_view()}
                </datalist>
            </div>
            {move || error().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        </div>
    }
    .into_any()
}

/// One text property of the `i`th entry of a list section.
#[allow(clippy::too_many_arguments)]
fn entry_text<T: 'static>(
    form: Form,
    key: &'static str,
    list: fn(&mut CardRecord) -> &mut Vec<T>,
    i: usize,
    prop: &'static str,
    label: &'static str,
    get: fn(&T) -> String,
    set: fn(&mut T, String),
) -> AnyView {
    text_input(
        form,
        format!("{key}[{i}].{prop}"),
        label,
        prop == "summary",
        move |c| list(c).get(i).map(get).unwrap_or_default(),
        move |c, v| {
            if let Some(e) = list(c).get_mut(i) {
                set(e, v);
            }
        },
    )
}

/// A year (`Option<i32>`) of the `i`th entry; anything but digits reads as no year.
fn entry_year<T: 'static>(
    form: Form,
    key: &'static str,
    list: fn(&mut CardRecord) -> &mut Vec<T>,
    i: usize,
    get: fn(&T) -> Option<i32>,
    set: fn(&mut T, Option<i32>),
) -> AnyView {
    text_input(
        form,
        format!("{key}[{i}].year"),
        "연도",
        false,
        move |c| {
            list(c)
                .get(i)
                .and_then(get)
                .map(|y| y.to_string())
                .unwrap_or_default()
        },
        move |c, v| {
            if let Some(e) = list(c).get_mut(i) {
                set(e, v.trim().parse().ok());
            }
        },
    )
}

/// A change to one of the card's lists of entries.
type ListEdit<T> = Box<dyn Fn(&mut Vec<T>)>;

/// A section with a list of entries that can be added, removed and reordered.
fn list_section<T: Default + 'static>(
    form: Form,
    key: &'static str,
    list: fn(&mut CardRecord) -> &mut Vec<T>,
    entry: fn(Form, usize) -> AnyView,
) -> AnyView {
    let n = form
        .card
        .try_update_untracked(|c| list(c).len())
        .unwrap_or(0);
    let title = field_label(key);
    let change = move |f: ListEdit<T>| {
        form.card.update(|c| f(list(c)));
        form.redraw();
    };
    view! {
        <fieldset class="entries" data-section=key>
            <legend>{title}</legend>
            {move || form.error(key).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <ol>
                {(0..n).map(|i| view! {
                    <li class="entry">
                        {entry(form, i)}
                        <div class="entry-actions">
                            <button type="button" disabled=i == 0 aria-label=format!("{title} {}번 위로", i + 1)
                                on:click=move |_| change(Box::new(move |l| l.swap(i - 1, i)))>"↑"</button>
                            <button type="button" disabled=i + 1 == n aria-label=format!("{title} {}번 아래로", i + 1)
                                on:click=move |_| change(Box::new(move |l| l.swap(i, i + 1)))>"↓"</button>
                            <button type="button" class="danger" aria-label=format!("{title} {}번 삭제", i + 1)
                                on:click=move |_| change(Box::new(move |l| { l.remove(i); }))>"삭제"</button>
                        </div>
                    </li>
                }).collect_view()}
            </ol>
            <button type="button" class="add-entry" on:click=move |_| change(Box::new(|l| l.push(T::default())))>
                {format!("{title} 추가")}
            </button>
        </fieldset>
    }
    .into_any()
}

fn career_entry(form: Form, i: usize) -> AnyView {
    let l: fn(&mut CardRecord) -> &mut Vec<CareerEntry> = |c| &mut c.career;
    view! {
        {entry_text(form, "career", l, i, "organization", "기관", |e| e.organization.clone(), |e, v| e.organization = v)}
        {entry_text(form, "career", l, i, "role", "직위·역할", |e| e.role.clone(), |e, v| e.role = v)}
        {entry_text(form, "career", l, i, "start", "시작 (YYYY-MM)", |e| e.start.clone(), |e, v| e.start = v)}
        {entry_text(form, "career", l, i, "end", "종료 (비우면 현재)", |e| e.end.clone(), |e, v| e.end = v)}
    }
    .into_any()
}

fn project_entry(form: Form, i: usize) -> AnyView {
    let l: fn(&mut CardRecord) -> &mut Vec<Project> = |c| &mut c.projects;
    view! {
        {entry_text(form, "projects", l, i, "title", "과제명", |e| e.title.clone(), |e, v| e.title = v)}
        {entry_text(form, "projects", l, i, "funder", "지원 기관", |e| e.funder.clone(), |e, v| e.funder = v)}
        {entry_text(form, "projects", l, i, "role", "역할", |e| e.role.clone(), |e, v| e.role = v)}
        {entry_text(form, "projects", l, i, "start", "시작 (YYYY-MM)", |e| e.start.clone(), |e, v| e.start = v)}
        {entry_text(form, "projects", l, i, "end", "종료", |e| e.end.clone(), |e, v| e.end = v)}
        {entry_text(form, "projects", l, i, "summary", "요약", |e| e.summary.clone(), |e, v| e.summary = v)}
    }
    .into_any()
}

fn publication_entry(form: Form, i: usize) -> AnyView {
    let l: fn(&mut CardRecord) -> &mut Vec<Publication> = |c| &mut c.publications;
    view! {
        {entry_text(form, "publications", l, i, "title", "제목", |e| e.title.clone(), |e, v| e.title = v)}
        {entry_text(form, "publications", l, i, "venue", "학술지·학회", |e| e.venue.clone(), |e, v| e.venue = v)}
        {entry_year(form, "publications", l, i, |e| e.year, |e, v| e.year = v)}
        {entry_text(form, "publications", l, i, "url", "링크 (https://…)", |e| e.url.clone(), |e, v| e.url = v)}
    }
    .into_any()
}

fn patent_entry(form: Form, i: usize) -> AnyView {
    let l: fn(&mut CardRecord) -> &mut Vec<Patent> = |c| &mut c.patents;
    view! {
        {entry_text(form, "patents", l, i, "title", "발명의 명칭", |e| e.title.clone(), |e, v| e.title = v)}
        {entry_text(form, "patents", l, i, "number", "번호", |e| e.number.clone(), |e, v| e.number = v)}
        {entry_year(form, "patents", l, i, |e| e.year, |e, v| e.year = v)}
        {entry_text(form, "patents", l, i, "status", "상태 (출원·등록)", |e| e.status.clone(), |e, v| e.status = v)}
    }
    .into_any()
}

fn video_entry(form: Form, i: usize) -> AnyView {
    let l: fn(&mut CardRecord) -> &mut Vec<Video> = |c| &mut c.videos;
    // the preview follows the address as it is typed
    let url = move || {
        form.card
            .with(|c| c.videos.get(i).map(|v| v.url.clone()).unwrap_or_default())
    };
    view! {
        {entry_text(form, "videos", l, i, "title", "영상 제목", |e| e.title.clone(), |e, v| e.title = v)}
        {entry_text(form, "videos", l, i, "url", "YouTube 주소", |e| e.url.clone(), |e, v| e.url = v)}
        <div class="video-preview">
            {move || {
                let url = url();
                match youtube_id(&url) {
                    Some(id) => view! {
                        <img src=format!("https://i.ytimg.com/vi/{id}/mqdefault.jpg") alt="영상 미리보기" width="240" height="135" loading="lazy" />
                    }.into_any(),
                    None if url.trim().is_empty() => ().into_any(),
                    None => view! { <p class="field-hint">"YouTube 영상 주소가 아닙니다. 미리보기 없이 링크로 표시됩니다."</p> }.into_any(),
                }
            }}
        </div>
    }
    .into_any()
}

/// The whole form, redrawn when its shape changes.
fn form_view(form: Form) -> AnyView {
    let basic = |path: &'static str, label: &'static str, multiline: bool| {
        text_input(
            form,
            path.to_string(),
            label,
            multiline,
            move |c| basic_field(c, path).clone(),
            move |c, v| *basic_field(c, path) = v,
        )
    };
    let contact = form.card.with_untracked(|c| c.contact.clone());
    let offers = form.card.with_untracked(|c| c.offers.clone());
    view! {
        <fieldset>
            <legend>"기본 정보"</legend>
            {basic("name", "이름", false)}
            {basic("name_en", "영문 이름", false)}
            {basic("position", "직위", false)}
            {basic("organization", "기관", false)}
            {text_input_with(form, "division".into(), "부서", false, Some("division-choices"), |c| c.division.clone(), |c, v| c.division = v)}
            {text_input_with(form, "site".into(), "지역", false, Some("site-choices"), |c| c.site.clone(), |c, v| c.site = v)}
            <datalist id="division-choices">
                {form.places.with_value(|p| p.divisions.iter().map(|d| {
                    let label = if d.site.is_empty() { String::new() } else { d.site.clone() };
                    view! { <option value=d.name.clone()>{label}</option> }
                }).collect_view())}
            </datalist>
            <datalist id="site-choices">
                {form.places.with_value(|p| p.sites.iter().map(|s| view! { <option value=s.clone()></option> }).collect_view())}
            </datalist>
            {basic("bio", "소개", true)}
        </fieldset>
        <fieldset>
            <legend>"전문 분야"</legend>
            {chip_input(form, "fields", "기술 분야", |c| &mut c.fields)}
            {chip_input(form, "keywords", "키워드", |c| &mut c.keywords)}
        </fieldset>
        {list_section(form, "career", |c| &mut c.career, career_entry)}
        {list_section(form, "projects", |c| &mut c.projects, project_entry)}
        {list_section(form, "publications", |c| &mut c.publications, publication_entry)}
        {list_section(form, "patents", |c| &mut c.patents, patent_entry)}
        {list_section(form, "videos", |c| &mut c.videos, video_entry)}
        <fieldset>
            <legend>"링크"</legend>
            {text_input(form, "links.homepage".into(), "홈페이지", false, |c| c.links.homepage.clone(), |c, v| c.links.homepage = v)}
            {text_input(form, "links.orcid".into(), "ORCID", false, |c| c.links.orcid.clone(), |c, v| c.links.orcid = v)}
            {text_input(form, "links.scholar".into(), "Google Scholar", false, |c| c.links.scholar.clone(), |c, v| c.links.scholar = v)}
        </fieldset>
        <fieldset>
            <legend>"연락처와 공개 범위"</legend>
            {text_input(form, "contact.email".into(), "이메일", false, |c| c.contact.email.clone(), |c, v| c.contact.email = v)}
            <label class="check">
                <input type="checkbox" name="contact.email_public" prop:checked=contact.email_public
                    on:change=move |ev| form.card.update(|c| c.contact.email_public = event_target_checked(&ev)) />
                "이메일을 공개합니다"
            </label>
            {text_input(form, "contact.phone".into(), "전화", false, |c| c.contact.phone.clone(), |c, v| c.contact.phone = v)}
            <label class="check">
                <input type="checkbox" name="contact.phone_public" prop:checked=contact.phone_public
                    on:change=move |ev| form.card.update(|c| c.contact.phone_public = event_target_checked(&ev)) />
                "전화번호를 공개합니다"
            </label>
        </fieldset>
        <fieldset>
            <legend>"협력 제안"</legend>
            {Offer::ALL.into_iter().map(|offer| view! {
                <label class="check">
                    <input type="checkbox" name=format!("offers.{}", offer.key()) prop:checked=offers.contains(&offer)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            form.card.update(|c| {
                                c.offers.retain(|o| *o != offer);
                                if on { c.offers.push(offer); c.offers.sort(); }
                            });
                        } />
                    {offer.label()}
                </label>
            }).collect_view()}
        </fieldset>
        <fieldset>
            <legend>"협력 가능 여부"</legend>
            <label for="availability-status">"지금 기업 문의를 받을 수 있나요?"</label>
            <select id="availability-status" name="availability.status"
                on:change=move |ev| {
                    let status = AvailabilityStatus::from_key(&event_target_value(&ev)).unwrap_or_default();
                    form.card.update(|c| c.availability.status = status);
                }>
                {AvailabilityStatus::ALL.into_iter().map(|a| view! {
                    <option value=a.key() selected=move || form.card.with(|c| c.availability.status == a)>{a.label()}</option>
                }).collect_view()}
            </select>
            {text_input(form, "availability.until".into(), "언제까지 (YYYY-MM-DD, 당분간 불가일 때 다시 가능해지는 날)", false, |c| c.availability.until.clone(), |c, v| c.availability.until = v)}
            {text_input(form, "availability.note".into(), "기업에 보일 메모 (예: 2027년 3월까지 해외 파견)", false, |c| c.availability.note.clone(), |c, v| c.availability.note = v)}
            <p class="field-help">"당분간 불가로 두면 문의는 부서 협력 담당자에게만 전달됩니다."</p>
        </fieldset>
    }
    .into_any()
}

fn basic_field<'a>(c: &'a mut CardRecord, key: &str) -> &'a mut String {
    match key {
        "name" => &mut c.name,
        "name_en" => &mut c.name_en,
        "position" => &mut c.position,
        "organization" => &mut c.organization,
        _ => &mut c.bio,
    }
}

/// Takes the other side's value for every field only they changed; returns the fields both
/// changed (where `mine` is kept).
fn merge(base: &CardRecord, mine: &CardRecord, theirs: &CardRecord) -> (CardRecord, Vec<String>) {
    let my_fields: Vec<String> = card_changes(Some(base), mine)
        .into_iter()
        .map(|c| c.field)
        .collect();
    let their_changes = card_changes(Some(base), theirs);
    let mut merged = serde_json::to_value(mine).unwrap_or_default();
    let mut both = Vec::new();
    for change in their_changes {
        if my_fields.contains(&change.field) {
            both.push(change.field);
        } else if let Some(map) = merged.as_object_mut() {
            if change.after.is_null() {
                map.remove(&change.field);
            } else {
                map.insert(change.field, change.after);
            }
        }
    }
    (
        serde_json::from_value(merged).unwrap_or_else(|_| mine.clone()),
        both,
    )
}

#[component]
fn Editor(slug: String, me: Me, initial: EditableCard) -> impl IntoView {
    let form = Form {
        card: RwSignal::new(initial.card.clone()),
        errors: RwSignal::new(FieldErrors::new()),
        layout: RwSignal::new(0),
        places: StoredValue::new(initial.places.clone()),
    };
    // the version the edit is based on, and the card as it was then
    let version = RwSignal::new(initial.version);
    let base = RwSignal::new(initial.card.clone());
    let conflict = RwSignal::new(None::<EditableCard>);
    let notice = RwSignal::new(None::<String>);
    let preview = RwSignal::new(false);
    let curator = me.role.curates();
    let csrf = me.csrf_token.clone();
    let slug_for_save = slug.clone();
    let save = Action::new(move |(card, v): &(CardRecord, i64)| {
        let (card, v, slug, csrf) = (card.clone(), *v, slug_for_save.clone(), csrf.clone());
        async move { save_card(slug, card, v, csrf).await }
    });
    let submit = move || {
        let mut card = form.card.get_untracked();
        card.normalize();
        // the server's own check, run here first so errors show without a round trip
        let unlisted = form
            .places
            .with_value(|p| base.with_untracked(|b| p.check(&card, b)));
        let checked = match card.validate() {
            Ok(()) if unlisted.is_empty() => Ok(()),
            Ok(()) => Err(unlisted),
            Err(errors) => Err(errors),
        };
        if let Err(errors) = checked {
            form.errors.set(errors);
            notice.set(Some("표시된 항목을 고친 뒤 저장하세요.".into()));
            return;
        }
        form.errors.set(Vec::new());
        save.dispatch((card, version.get_untracked()));
    };
    Effect::new(move || match save.value().get() {
        Some(Ok(saved)) => {
            version.set(saved.version);
            base.set(form.card.get_untracked());
            conflict.set(None);
            notice.set(Some(match saved.outcome {
                SaveOutcome::Published => "저장했습니다. 검색 결과에 바로 반영됩니다.".into(),
                SaveOutcome::PendingReview | SaveOutcome::Rejected => {
                    "저장했습니다. 담당 직원이 검토한 뒤 공개됩니다.".into()
                }
            }));
        }
        Some(Err(AppError::Stale(current))) => {
            notice.set(None);
            conflict.set(Some(*current));
        }
        Some(Err(AppError::Invalid(errors))) => {
            form.errors.set(errors);
            notice.set(Some("표시된 항목을 고친 뒤 저장하세요.".into()));
        }
        _ => {}
    });
    let last_edit = initial.last_edit.clone();
    let public_href = format!("/cards/{slug}");
    let head = view! {
        <header class="editor-head">
            <h1>{move || form.card.with(|c| format!("{} 카드 편집", c.name))}</h1>
            <p class="editor-meta">
                <a href=public_href>"공개 카드 보기"</a>
                " · 버전 " <span id="card-version">{move || version.get()}</span>
                {initial.review.then_some(" · 저장한 내용은 직원 검토 뒤 공개됩니다")}
            </p>
            {last_edit.map(|e| view! {
                <div class="review-status" data-state=e.state.clone()>
                    {match e.state.as_str() {
                        "pending" => "검토를 기다리는 수정이 있습니다.".to_string(),
                        "rejected" => "지난 수정이 반려되었습니다.".to_string(),
                        _ => "지난 수정이 승인되었습니다.".to_string(),
                    }}
                    {(!e.comment.is_empty()).then(|| view! { <blockquote class="review-comment">{e.comment.clone()}</blockquote> })}
                </div>
            })}
        </header>
    }
    .into_any();
    let conflict_view = move || {
        conflict
            .get()
            .map(|current| conflict_box(form, base, version, conflict, notice, current))
    };
    let editor = view! {
        <form id="card-editor" class="editor-form" novalidate=true on:submit=move |ev| { ev.prevent_default(); submit(); }>
            {move || { form.layout.track(); form_view(form) }}
            <div class="editor-actions">
                <button type="button" class="secondary" on:click=move |_| preview.update(|p| *p = !*p)>
                    {move || if preview.get() { "미리보기 닫기" } else { "공개 카드 미리보기" }}
                </button>
                <button type="submit" id="save" disabled=move || save.pending().get()>
                    {move || if save.pending().get() { "저장 중…" } else { "저장" }}
                </button>
            </div>
            {move || notice.get().map(|m| view! { <p class="notice" role="status" id="save-status">{m}</p> })}
            {move || match save.value().get() {
                Some(Err(e)) if !matches!(e, AppError::Stale(_) | AppError::Invalid(_)) => Some(view! { <ErrorView error=e /> }),
                _ => None,
            }}
        </form>
    }
    .into_any();
    let preview_view = move || {
        preview.get().then(|| {
        let card = form.card.get();
        let public = PublicCard::from_record(card, String::new(), version.get_untracked());
        view! { <div class="preview" aria-label="공개 카드 미리보기"><crate::pages::card_page::CardView card=public /></div> }.into_any()
    })
    };
    let history = curator.then(|| {
        view! {
            <StatusActions slug=slug.clone() me=me.clone() version form base />
            <History slug=slug.clone() me=me.clone() version form base />
        }
        .into_any()
    });
    view! {
        <section class="editor">
            {head}
            {conflict_view}
            {editor}
            {preview_view}
            {history}
        </section>
    }
}

/// What changed meanwhile, with a merge that keeps everything typed.
fn conflict_box(
    form: Form,
    base: RwSignal<CardRecord>,
    version: RwSignal<i64>,
    conflict: RwSignal<Option<EditableCard>>,
    notice: RwSignal<Option<String>>,
    current: EditableCard,
) -> AnyView {
    let mine = form.card.get_untracked();
    let theirs_changes = card_changes(Some(&base.get_untracked()), &current.card);
    let (merged, both) = merge(&base.get_untracked(), &mine, &current.card);
    let take_merged = {
        let current = current.clone();
        move |_| {
            form.card.set(merged.clone());
            base.set(current.card.clone());
            version.set(current.version);
            conflict.set(None);
            form.redraw();
            notice.set(Some(
                "다른 사람의 변경을 합쳤습니다. 확인한 뒤 다시 저장하세요.".into(),
            ));
        }
    };
    let take_theirs = {
        let current = current.clone();
        move |_| {
            form.card.set(current.card.clone());
            base.set(current.card.clone());
            version.set(current.version);
            conflict.set(None);
            form.redraw();
            notice.set(Some(
                "최신 내용을 불러왔습니다. 내 편집은 버렸습니다.".into(),
            ));
        }
    };
    view! {
        <div class="conflict" role="alert" id="conflict">
            <h2>"다른 사람이 먼저 저장했습니다"</h2>
            <p>{format!("이 카드는 그 사이 버전 {}이 되었습니다. 내가 입력한 내용은 아직 그대로 있습니다. 바뀐 내용:", current.version)}</p>
            <ChangesView changes=theirs_changes />
            {(!both.is_empty()).then(|| view! {
                <p class="conflict-both">{format!("양쪽이 모두 고친 항목(내 내용을 유지): {}", both.iter().map(|f| field_label(f)).collect::<Vec<_>>().join(", "))}</p>
            })}
            <div class="conflict-actions">
                <button type="button" id="merge" on:click=take_merged>"바뀐 내용 합치기"</button>
                <button type="button" class="secondary" on:click=take_theirs>"최신 내용으로 바꾸기 (내 편집 버림)"</button>
            </div>
        </div>
    }
    .into_any()
}

/// Archive (the researcher left) or restore the card (staff).
#[component]
fn StatusActions(
    slug: String,
    me: Me,
    version: RwSignal<i64>,
    form: Form,
    base: RwSignal<CardRecord>,
) -> impl IntoView {
    let note = RwSignal::new(String::new());
    let merge_slug = slug.clone();
    let merge_csrf = me.csrf_token.clone();
    let change = Action::new(move |archive: &bool| {
        let (slug, archive, note, csrf) = (
            slug.clone(),
            *archive,
            note.get_untracked(),
            me.csrf_token.clone(),
        );
        async move {
            let saved = set_card_status(slug.clone(), archive, note, csrf).await?;
            let card = load_editable_card(slug).await?;
            Ok::<_, AppError>((saved, card))
        }
    });
    Effect::new(move || {
        if let Some(Ok((saved, card))) = change.value().get() {
            form.card.set(card.card.clone());
            base.set(card.card);
            version.set(saved.version);
            form.redraw();
        }
    });
    let archived = move || {
        form.card
            .with(|c| c.status == crate::model::card::Status::Archived)
    };
    let draft = move || {
        form.card
            .with(|c| c.status == crate::model::card::Status::Draft)
    };
    let duplicate = RwSignal::new(String::new());
    let merge = Action::new(move |from: &String| {
        let (slug, from, csrf) = (merge_slug.clone(), from.clone(), merge_csrf.clone());
        async move {
            let saved = merge_cards(slug.clone(), from.clone(), csrf).await?;
            let card = load_editable_card(slug).await?;
            Ok::<_, AppError>((saved, card, from))
        }
    });
    Effect::new(move || {
        if let Some(Ok((saved, card, _))) = merge.value().get() {
            form.card.set(card.card.clone());
            base.set(card.card);
            version.set(saved.version);
            form.redraw();
        }
    });
    view! {
        <section class="status-actions" id="status">
            <h2>"공개 상태"</h2>
            <p>{move || if archived() {
                "보관됨: 검색에 나오지 않고, 카드 페이지는 연락할 부서만 보여 줍니다."
            } else if draft() {
                "초안: 아직 검색에 나오지 않고 카드 페이지도 없습니다."
            } else {
                "공개 중: 검색에 나옵니다."
            }}</p>
            <label for="status-note">"메모 (이력에 남습니다)"</label>
            <input id="status-note" type="text" on:input=move |ev| note.set(event_target_value(&ev)) />
            <div class="review-actions">
                {move || if archived() {
                    view! { <button type="button" id="restore" on:click=move |_| { change.dispatch(false); }>"다시 공개"</button> }.into_any()
                } else if draft() {
                    view! { <button type="button" id="publish" on:click=move |_| { change.dispatch(false); }>"공개하기"</button> }.into_any()
                } else {
                    view! { <button type="button" id="archive" class="danger" on:click=move |_| { change.dispatch(true); }>"보관 (퇴직·이동)"</button> }.into_any()
                }}
            </div>
            {move || match change.value().get() {
                Some(Err(e)) => Some(view! { <ErrorView error=e /> }),
                _ => None,
            }}
            <h3>"중복 카드 합치기"</h3>
            <p class="field-hint">"같은 연구자의 다른 카드를 이 카드로 합칩니다. 이 카드에 없는 항목(경력, 과제, 논문, 특허, 영상, 키워드 등)이 더해지고, 다른 카드는 보관되어 이 카드로 안내합니다. 양쪽 모두 이력에 남아 되돌릴 수 있습니다."</p>
            <form class="inline-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                merge.dispatch(duplicate.get_untracked());
            }>
                <label for="merge-from">"중복 카드 주소 (/cards/ 뒤의 이름)"</label>
                <input id="merge-from" type="text" required=true on:input=move |ev| duplicate.set(event_target_value(&ev)) />
                <button type="submit" id="merge-card" disabled=move || merge.pending().get()>"이 카드로 합치기"</button>
            </form>
            {move || merge.value().get().map(|r| match r {
                Ok((_, _, from)) => view! {
                    <p class="notice" role="status">{format!("`{from}` 카드를 합쳤습니다. 그 카드는 보관되었고 이 카드로 안내합니다.")}</p>
                }.into_any(),
                Err(e) => view! { <ErrorView error=e /> }.into_any(),
            })}
        </section>
    }
}

/// A card's versions with what changed, and revert (staff).
#[component]
fn History(
    slug: String,
    me: Me,
    version: RwSignal<i64>,
    form: Form,
    base: RwSignal<CardRecord>,
) -> impl IntoView {
    let slug_key = slug.clone();
    let history = Resource::new(
        move || (slug_key.clone(), version.get()),
        |(slug, _)| card_history(slug),
    );
    let revert = Action::new(move |to: &i64| {
        let (slug, to, v, csrf) = (
            slug.clone(),
            *to,
            version.get_untracked(),
            me.csrf_token.clone(),
        );
        async move {
            let saved = revert_card(slug.clone(), to, v, csrf).await?;
            let card = load_editable_card(slug).await?;
            Ok::<_, AppError>((saved, card))
        }
    });
    Effect::new(move || {
        if let Some(Ok((saved, card))) = revert.value().get() {
            form.card.set(card.card.clone());
            base.set(card.card);
            version.set(saved.version);
            form.redraw();
        }
    });
    let entry = move |e: HistoryEntry| {
        let to = e.version;
        let current = to == version.get_untracked();
        view! {
            <li class="history-entry" data-version=to>
                <p class="history-head">
                    <strong>{format!("버전 {to}")}</strong>
                    {format!(" · {} · {} · {}", e.at, source_label(&e.source), e.by.clone().unwrap_or_else(|| "시스템".into()))}
                    {(!e.note.is_empty()).then(|| format!(" · {}", e.note))}
                </p>
                {if e.changes.len() > 4 {
                    // a first version lists every field: folded, so the history stays scannable
                    let n = e.changes.len();
                    view! { <details><summary>{format!("{n}개 항목")}</summary><ChangesView changes=e.changes /></details> }.into_any()
                } else {
                    view! { <ChangesView changes=e.changes /> }.into_any()
                }}
                {(!current).then(|| view! {
                    <button type="button" class="secondary revert" on:click=move |_| { revert.dispatch(to); }>
                        {format!("버전 {to}으로 되돌리기")}
                    </button>
                })}
            </li>
        }
    };
    view! {
        <section class="history" id="history">
            <h2>"변경 이력"</h2>
            {move || match revert.value().get() {
                Some(Err(e)) => Some(view! { <ErrorView error=e /> }),
                _ => None,
            }}
            <Suspense fallback=|| view! { <p class="loading">"불러오는 중…"</p> }>
                {move || Suspend::new(async move {
                    match history.await {
                        Ok(entries) => view! { <ol class="history-list">{entries.into_iter().map(entry).collect_view()}</ol> }.into_any(),
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_takes_their_fields_and_keeps_mine() {
        let line = include_str!("../../../server/tests/fixtures/cards.jsonl")
            .lines()
            .next()
            .unwrap();
        let base: CardRecord = serde_json::from_str(line).unwrap();
        let mut mine = base.clone();
        mine.position = "수석연구원(겸임)".into();
        let mut theirs = base.clone();
        theirs.bio = "첫 번째 편집자가 고친 소개입니다.".into();
        let (merged, both) = merge(&base, &mine, &theirs);
        assert!(both.is_empty());
        assert_eq!(merged.bio, theirs.bio);
        assert_eq!(merged.position, mine.position);
    }
}
