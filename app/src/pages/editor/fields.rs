//! The editor's field kit: text inputs, chip lists of words, year inputs and list
//! sections with add, remove and reorder, and the whole form built from them.

use crate::api::suggest_terms;
use crate::i18n::use_lang;
use crate::model::account::{Places, field_label};
use crate::model::card::AvailabilityStatus;
use crate::model::card::{
    CardRecord, CareerEntry, Offer, Patent, Project, Publication, Video, youtube_id,
};
use crate::model::validate::FieldErrors;
use leptos::prelude::*;

/// What every input of the form needs.
#[derive(Clone, Copy)]
pub(super) struct Form {
    pub(super) card: RwSignal<CardRecord>,
    pub(super) errors: RwSignal<FieldErrors>,
    /// Bumped when the form's shape changes, to redraw it.
    pub(super) layout: RwSignal<u32>,
    /// The divisions and sites to choose from.
    pub(super) places: StoredValue<Places>,
}

impl Form {
    pub(super) fn redraw(&self) {
        self.layout.update(|n| *n += 1);
    }

    pub(super) fn error(&self, path: &str) -> Option<String> {
        self.errors.with(|errors| {
            errors
                .iter()
                .find(|e| e.path == path)
                .map(|e| e.message.clone())
        })
    }
}

/// A labelled text input (or textarea) bound to a part of the card.
pub(super) fn text_input(
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
pub(super) fn text_input_with(
    form: Form,
    path: String,
    label: &'static str,
    multiline: bool,
    choices: Option<&'static str>,
    read: impl Fn(&mut CardRecord) -> String + 'static,
    write: impl Fn(&mut CardRecord, String) + 'static,
) -> AnyView {
    let lang = use_lang();
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
        let value = crate::pages::textarea_text(value);
        view! { <textarea id=id.clone() name=path.clone() rows="5" prop:value=initial on:input=on_input>{value}</textarea> }
            .into_any()
    } else {
        view! { <input id=id.clone() name=path.clone() type="text" list=choices value=value prop:value=initial on:input=on_input /> }
            .into_any()
    };
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id.clone()>{lang.tr(label)}</label>
            {input}
            {move || error().map(|m| view! { <p class="field-error" role="alert">{lang.translate(&m)}</p> })}
        </div>
    }
    .into_any()
}

/// A list of words (keywords, technology fields) as removable chips, with suggestions.
pub(super) fn chip_input(
    form: Form,
    path: &'static str,
    label: &'static str,
    list: fn(&mut CardRecord) -> &mut Vec<String>,
) -> AnyView {
    let lang = use_lang();
    let label = lang.tr(label);
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
                    let remove_label = lang.pick(format!("{w} 삭제"), format!("Remove {w}"));
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
                <input id=input_id type="text" list=list_id.clone() placeholder=lang.tr("입력 후 Enter")
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
                <button type="button" on:click=move |_| add()>{lang.tr("추가")}</button>
                <datalist id=list_id>
                    {move || suggestions.get().into_iter().map(|s| view! { <option value=s></option> }).collect_view()}
                </datalist>
            </div>
            {move || error().map(|m| view! { <p class="field-error" role="alert">{lang.translate(&m)}</p> })}
        </div>
    }
    .into_any()
}

/// One text property of the `i`th entry of a list section.
#[allow(clippy::too_many_arguments)]
pub(super) fn entry_text<T: 'static>(
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
pub(super) fn entry_year<T: 'static>(
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
pub(super) type ListEdit<T> = Box<dyn Fn(&mut Vec<T>)>;

/// A section with a list of entries that can be added, removed and reordered.
pub(super) fn list_section<T: Default + 'static>(
    form: Form,
    key: &'static str,
    list: fn(&mut CardRecord) -> &mut Vec<T>,
    entry: fn(Form, usize) -> AnyView,
) -> AnyView {
    let n = form
        .card
        .try_update_untracked(|c| list(c).len())
        .unwrap_or(0);
    let lang = use_lang();
    let title = lang.translate(field_label(key));
    let change = move |f: ListEdit<T>| {
        form.card.update(|c| f(list(c)));
        form.redraw();
    };
    view! {
        <fieldset class="entries" data-section=key>
            <legend>{title.clone()}</legend>
            {move || form.error(key).map(|m| view! { <p class="field-error" role="alert">{lang.translate(&m)}</p> })}
            <ol>
                {(0..n).map(|i| view! {
                    <li class="entry">
                        {entry(form, i)}
                        <div class="entry-actions">
                            <button type="button" disabled=i == 0 aria-label=lang.pick(format!("{title} {}번 위로", i + 1), format!("Move {title} {} up", i + 1))
                                on:click=move |_| change(Box::new(move |l| l.swap(i - 1, i)))>"↑"</button>
                            <button type="button" disabled=i + 1 == n aria-label=lang.pick(format!("{title} {}번 아래로", i + 1), format!("Move {title} {} down", i + 1))
                                on:click=move |_| change(Box::new(move |l| l.swap(i, i + 1)))>"↓"</button>
                            <button type="button" class="danger" aria-label=lang.pick(format!("{title} {}번 삭제", i + 1), format!("Remove {title} {}", i + 1))
                                on:click=move |_| change(Box::new(move |l| { l.remove(i); }))>{lang.tr("삭제")}</button>
                        </div>
                    </li>
                }).collect_view()}
            </ol>
            <button type="button" class="add-entry" on:click=move |_| change(Box::new(|l| l.push(T::default())))>
                {lang.pick(format!("{title} 추가"), format!("Add to {title}"))}
            </button>
        </fieldset>
    }
    .into_any()
}

pub(super) fn career_entry(form: Form, i: usize) -> AnyView {
    let l: fn(&mut CardRecord) -> &mut Vec<CareerEntry> = |c| &mut c.career;
    view! {
        {entry_text(form, "career", l, i, "organization", "기관", |e| e.organization.clone(), |e, v| e.organization = v)}
        {entry_text(form, "career", l, i, "role", "직위·역할", |e| e.role.clone(), |e, v| e.role = v)}
        {entry_text(form, "career", l, i, "start", "시작 (YYYY-MM)", |e| e.start.clone(), |e, v| e.start = v)}
        {entry_text(form, "career", l, i, "end", "종료 (비우면 현재)", |e| e.end.clone(), |e, v| e.end = v)}
    }
    .into_any()
}

pub(super) fn project_entry(form: Form, i: usize) -> AnyView {
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

pub(super) fn publication_entry(form: Form, i: usize) -> AnyView {
    let l: fn(&mut CardRecord) -> &mut Vec<Publication> = |c| &mut c.publications;
    view! {
        {entry_text(form, "publications", l, i, "title", "제목", |e| e.title.clone(), |e, v| e.title = v)}
        {entry_text(form, "publications", l, i, "venue", "학술지·학회", |e| e.venue.clone(), |e, v| e.venue = v)}
        {entry_year(form, "publications", l, i, |e| e.year, |e, v| e.year = v)}
        {entry_text(form, "publications", l, i, "url", "링크 (https://…)", |e| e.url.clone(), |e, v| e.url = v)}
    }
    .into_any()
}

pub(super) fn patent_entry(form: Form, i: usize) -> AnyView {
    let l: fn(&mut CardRecord) -> &mut Vec<Patent> = |c| &mut c.patents;
    view! {
        {entry_text(form, "patents", l, i, "title", "발명의 명칭", |e| e.title.clone(), |e, v| e.title = v)}
        {entry_text(form, "patents", l, i, "number", "번호", |e| e.number.clone(), |e, v| e.number = v)}
        {entry_year(form, "patents", l, i, |e| e.year, |e, v| e.year = v)}
        {entry_text(form, "patents", l, i, "status", "상태 (출원·등록)", |e| e.status.clone(), |e, v| e.status = v)}
    }
    .into_any()
}

pub(super) fn video_entry(form: Form, i: usize) -> AnyView {
    let lang = use_lang();
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
                        <img src=format!("https://i.ytimg.com/vi/{id}/mqdefault.jpg") alt=lang.tr("영상 미리보기") width="240" height="135" loading="lazy" />
                    }.into_any(),
                    None if url.trim().is_empty() => ().into_any(),
                    None => view! { <p class="field-hint">{lang.tr("YouTube 영상 주소가 아닙니다. 미리보기 없이 링크로 표시됩니다.")}</p> }.into_any(),
                }
            }}
        </div>
    }
    .into_any()
}

/// The whole form, redrawn when its shape changes.
pub(super) fn form_view(form: Form) -> AnyView {
    let lang = use_lang();
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
            <legend>{lang.tr("기본 정보")}</legend>
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
            <legend>{lang.tr("전문 분야")}</legend>
            {chip_input(form, "fields", "기술 분야", |c| &mut c.fields)}
            {chip_input(form, "keywords", "키워드", |c| &mut c.keywords)}
        </fieldset>
        {list_section(form, "career", |c| &mut c.career, career_entry)}
        {list_section(form, "projects", |c| &mut c.projects, project_entry)}
        {list_section(form, "publications", |c| &mut c.publications, publication_entry)}
        {list_section(form, "patents", |c| &mut c.patents, patent_entry)}
        {list_section(form, "videos", |c| &mut c.videos, video_entry)}
        <fieldset>
            <legend>{lang.tr("링크")}</legend>
            {text_input(form, "links.homepage".into(), "홈페이지", false, |c| c.links.homepage.clone(), |c, v| c.links.homepage = v)}
            {text_input(form, "links.orcid".into(), "ORCID", false, |c| c.links.orcid.clone(), |c, v| c.links.orcid = v)}
            {text_input(form, "links.scholar".into(), "Google Scholar", false, |c| c.links.scholar.clone(), |c, v| c.links.scholar = v)}
        </fieldset>
        <fieldset>
            <legend>{lang.tr("연락처와 공개 범위")}</legend>
            {text_input(form, "contact.email".into(), "이메일", false, |c| c.contact.email.clone(), |c, v| c.contact.email = v)}
            <label class="check">
                <input type="checkbox" name="contact.email_public" prop:checked=contact.email_public
                    on:change=move |ev| form.card.update(|c| c.contact.email_public = event_target_checked(&ev)) />
                {lang.tr("이메일을 공개합니다")}
            </label>
            {text_input(form, "contact.phone".into(), "전화", false, |c| c.contact.phone.clone(), |c, v| c.contact.phone = v)}
            <label class="check">
                <input type="checkbox" name="contact.phone_public" prop:checked=contact.phone_public
                    on:change=move |ev| form.card.update(|c| c.contact.phone_public = event_target_checked(&ev)) />
                {lang.tr("전화번호를 공개합니다")}
            </label>
        </fieldset>
        <fieldset>
            <legend>{lang.tr("협력 제안")}</legend>
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
                    {lang.tr(offer.label())}
                </label>
            }).collect_view()}
        </fieldset>
        <fieldset>
            <legend>{lang.tr("협력 가능 여부")}</legend>
            <label for="availability-status">{lang.tr("지금 기업 문의를 받을 수 있나요?")}</label>
            <select id="availability-status" name="availability.status"
                on:change=move |ev| {
                    let status = AvailabilityStatus::from_key(&event_target_value(&ev)).unwrap_or_default();
                    form.card.update(|c| c.availability.status = status);
                }>
                {AvailabilityStatus::ALL.into_iter().map(|a| view! {
                    <option value=a.key() selected=move || form.card.with(|c| c.availability.status == a)>{lang.tr(a.label())}</option>
                }).collect_view()}
            </select>
            {text_input(form, "availability.until".into(), "언제까지 (YYYY-MM-DD, 당분간 불가일 때 다시 가능해지는 날)", false, |c| c.availability.until.clone(), |c, v| c.availability.until = v)}
            {text_input(form, "availability.note".into(), "기업에 보일 메모 (예: 2027년 3월까지 해외 파견)", false, |c| c.availability.note.clone(), |c, v| c.availability.note = v)}
            <p class="field-help">{lang.tr("당분간 불가로 두면 문의는 부서 협력 담당자에게만 전달됩니다.")}</p>
        </fieldset>
    }
    .into_any()
}

pub(super) fn basic_field<'a>(c: &'a mut CardRecord, key: &str) -> &'a mut String {
    match key {
        "name" => &mut c.name,
        "name_en" => &mut c.name_en,
        "position" => &mut c.position,
        "organization" => &mut c.organization,
        _ => &mut c.bio,
    }
}
