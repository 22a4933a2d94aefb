//! `/cpi`: "Qual è il mio CPI". The person types their comune (with the
//! served comuni as suggestions) and sees the competent office; below,
//! every office grouped by province. The comune is kept in the URL
//! (`/cpi?comune=Bologna`) so the answer can be shared and survives reloads.

use super::lang_code;
use crate::components::feed_status::FeedStatus;
use crate::components::kiosk::OutLink;
use crate::components::notice::{Notice, Tone};
use crate::domain::offices::{self, Answer, Office};
use crate::domain::provinces;
use crate::i18n::{t, t_now, tf};
use crate::routes;
use crate::state::use_app;
use crate::ui::focus::focus_later;
use crate::ui::page_title::use_page_title;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

pub const PARAM_COMUNE: &str = "comune";
const INPUT_ID: &str = "cpi-comune";
const RESULT_ID: &str = "cpi-risultato";
const MAX_SUGGESTIONS: usize = 6;

/// The id of a province's heading in the directory.
fn province_anchor(sigla: &str) -> String {
    format!("cpi-prov-{}", sigla.to_ascii_lowercase())
}

#[component]
pub fn OfficesPage() -> impl IntoView {
    let app = use_app();
    app.offices.ensure_loaded();
    use_page_title(move || t_now("offices.title"));

    let query = use_query_map();
    let navigate = use_navigate();
    let asked = Memo::new(move |_| {
        query.with(|q| q.get(PARAM_COMUNE).unwrap_or_default().trim().to_string())
    });
    let text = RwSignal::new(asked.get_untracked());
    Effect::new(move |_| {
        let a = asked.get();
        if text.with_untracked(|t| t.trim() != a) {
            text.set(a);
        }
    });
    let empty_error = RwSignal::new(false);
    let demo = Memo::new(move |_| {
        app.offices
            .data
            .with(|d| d.as_ref().is_some_and(|f| f.demo))
    });

    let answer = Memo::new(move |_| {
        let typed = asked.get();
        app.offices.data.with(|d| {
            offices::answer(
                d.as_ref().map(|f| f.items.as_slice()),
                &typed,
                MAX_SUGGESTIONS,
            )
        })
    });

    let names = Memo::new(move |_| {
        app.offices.data.with(|d| {
            d.as_ref()
                .map(|f| offices::served_names(&f.items))
                .unwrap_or_default()
        })
    });
    let groups = Memo::new(move |_| {
        app.offices.data.with(|d| {
            d.as_ref()
                .map(|f| offices::by_province(&f.items))
                .unwrap_or_default()
        })
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = text.get_untracked().trim().to_string();
        if value.is_empty() {
            empty_error.set(true);
            focus_later(INPUT_ID);
            return;
        }
        empty_error.set(false);
        navigate(
            &routes::offices_with(&[(PARAM_COMUNE, &value)]),
            NavigateOptions {
                scroll: false,
                ..Default::default()
            },
        );
        focus_later(RESULT_ID);
    };

    view! {
        <section class="page offices-page">
            <h1>{t("offices.title")}</h1>
            <p class="lead">{t("offices.lead")}</p>
            <FeedStatus handle=app.offices/>

            <form class="form office-finder" role="search" aria-labelledby="cpi-finder-title" on:submit=on_submit novalidate>
                <h2 id="cpi-finder-title" class="visually-hidden">{t("offices.finder.title")}</h2>
                <div class="field" class:has-error=move || empty_error.get()>
                    <label for=INPUT_ID>{t("offices.finder.label")}</label>
                    <p class="hint" id="cpi-comune-hint">{t("offices.finder.hint")}</p>
                    <div class="search-row">
                        <input
                            id=INPUT_ID
                            name=PARAM_COMUNE
                            type="text"
                            list="cpi-comuni"
                            autocomplete="address-level2"
                            spellcheck="false"
                            aria-describedby=move || if empty_error.get() { "cpi-comune-hint cpi-comune-error" } else { "cpi-comune-hint" }
                            aria-invalid=move || empty_error.get().to_string()
                            prop:value=move || text.get()
                            on:input=move |ev| {
                                text.set(event_target_value(&ev));
                                empty_error.set(false);
                            }
                        />
                        <button type="submit" class="btn btn-primary">{t("offices.finder.submit")}</button>
                    </div>
                    <datalist id="cpi-comuni">
                        {move || names.get().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
                    </datalist>
                    <Show when=move || empty_error.get()>
                        <p class="error-text" id="cpi-comune-error">{t("offices.finder.empty")}</p>
                    </Show>
                </div>
            </form>

            <div id=RESULT_ID class="office-result" tabindex="-1">
                {move || match answer.get() {
                    Answer::Nothing | Answer::Waiting => None,
                    Answer::Found { office, comune } => Some(view! {
                        <section aria-labelledby="cpi-found-title">
                            <h2 id="cpi-found-title">{move || tf("offices.result.title", &[("comune", &comune)])}</h2>
                            <OfficeCard office=*office level=3 demo=demo.get_untracked() full=true/>
                        </section>
                    }.into_any()),
                    Answer::Unknown { typed, close } => Some(view! {
                        <section aria-labelledby="cpi-unknown-title">
                            <h2 id="cpi-unknown-title">{t("offices.unknown.title")}</h2>
                            <Notice tone=Tone::Warning>
                                <p>{move || tf("offices.unknown.text", &[("comune", &typed)])}</p>
                                {(!close.is_empty()).then(|| view! {
                                    <p>{t("offices.unknown.did_you_mean")}</p>
                                    <ul class="chip-list">
                                        {close.into_iter().map(|n| {
                                            let href = routes::offices_with(&[(PARAM_COMUNE, &n)]);
                                            view! {
                                                <li><a class="chip" href=href data-noscroll="" on:click=|_| focus_later(RESULT_ID)>{n}</a></li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                })}
                                <p>{t("offices.unknown.help")}</p>
                            </Notice>
                        </section>
                    }.into_any()),
                }}
            </div>

            <section class="offices-all" aria-labelledby="cpi-all-title">
                <h2 id="cpi-all-title">{t("offices.all.title")}</h2>
                <p>{t("offices.all.lead")}</p>
                <nav class="province-jump" aria-label=t("offices.all.jump")>
                    <ul class="chip-list">
                        {move || groups.get().into_iter().map(|(prov, _)| {
                            let id = province_anchor(&prov);
                            let href = format!("#{id}");
                            view! {
                                <li><a class="chip" href=href on:click=move |_| focus_later(id.clone())>{provinces::heading(&prov)}</a></li>
                            }
                        }).collect_view()}
                    </ul>
                </nav>
                {move || {
                    let is_demo = demo.get();
                    // Re-rendered when the language changes (hours, notes).
                    let _ = lang_code();
                    groups.get().into_iter().map(|(prov, list)| {
                        let id = province_anchor(&prov);
                        let labelled_by = id.clone();
                        view! {
                            <section class="province" aria-labelledby=labelled_by>
                                <h3 id=id tabindex="-1">{provinces::heading(&prov)}</h3>
                                <ul class="office-list">
                                    {list.into_iter().map(|o| view! {
                                        <li><OfficeCard office=o level=4 demo=is_demo full=false/></li>
                                    }).collect_view()}
                                </ul>
                            </section>
                        }
                    }).collect_view()
                }}
            </section>
        </section>
    }
}

/// One office: address, hours, contacts, comuni served. `full` is the
/// answer card: the office's note, hours in view and the link to write to
/// it; in the directory, hours and comuni are folded to keep the list short.
#[component]
fn OfficeCard(office: Office, level: u8, demo: bool, full: bool) -> impl IntoView {
    let o = StoredValue::new(office);
    move || {
        let lang = lang_code();
        o.with_value(|o| {
            let name = o.name.clone();
            let heading = if level <= 3 {
                view! { <h3 class="office-name">{name}</h3> }.into_any()
            } else {
                view! { <h4 class="office-name">{name}</h4> }.into_any()
            };
            let served: Vec<String> = o.serves.iter().map(|c| c.name.clone()).collect();
            let served_count = served.len().to_string();
            let tel = o.phone.clone().map(|p| (offices::phone_href(&p), p));
            let mail = o.email.clone().map(|e| (format!("mailto:{e}"), e));
            let note = o.note.as_ref().map(|n| n.get(lang).to_string()).filter(|n| !n.is_empty());
            let demo_key = if full { "offices.card.demo" } else { "offices.card.demo_short" };
            view! {
                <article class="office-card" class:office-card-full=full>
                    {heading}
                    {demo.then(|| view! { <p class="demo-tag">{t(demo_key)}</p> })}
                    <dl class="facts office-facts">
                        <div>
                            <dt>{t("offices.card.address")}</dt>
                            <dd>{o.address.clone()}<br/>{format!("{} {} ({})", o.cap, o.comune.name, o.province)}</dd>
                        </div>
                        {full.then(|| view! {
                            <div>
                                <dt>{t("offices.card.hours")}</dt>
                                <dd>{hours_view(&o.hours, lang)}</dd>
                            </div>
                        })}
                        {tel.map(|(href, p)| view! {
                            <div>
                                <dt>{t("offices.card.phone")}</dt>
                                <dd><OutLink href=href text=p/></dd>
                            </div>
                        })}
                        {mail.map(|(href, e)| view! {
                            <div>
                                <dt>{t("offices.card.email")}</dt>
                                <dd><OutLink href=href text=e class="break"/></dd>
                            </div>
                        })}
                    </dl>
                    {(full && note.is_some()).then(|| view! { <p class="office-note">{note.clone()}</p> })}
                    {(!full).then(|| view! {
                        <details class="folded">
                            <summary>{t("offices.card.hours")}</summary>
                            {hours_view(&o.hours, lang)}
                        </details>
                    })}
                    <details class="folded">
                        <summary>{move || tf("offices.card.served", &[("count", &served_count)])}</summary>
                        <p>{served.join(", ")}</p>
                    </details>
                    {full.then(|| view! {
                        <p class="office-actions">
                            <a class="btn btn-primary" href=routes::CONTACT>{t("offices.card.write")}</a>
                        </p>
                    })}
                </article>
            }
        })
    }
}

/// Opening hours, one line per day.
fn hours_view(hours: &[offices::OpeningHours], lang: &str) -> AnyView {
    let lines = offices::format_hours(hours, lang);
    if lines.is_empty() {
        view! { <span>{t("offices.card.no_hours")}</span> }.into_any()
    } else {
        view! { <ul class="hours">{lines.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}</ul> }.into_any()
    }
}
