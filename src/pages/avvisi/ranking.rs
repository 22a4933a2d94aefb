//! A notice's published ranking, anonymised by protocol number, with the
//! person's own line highlighted (their receipts' protocols), and the
//! riesame: possible only inside the rule set's window, with a countdown.

use super::detail::Fields;
use crate::components::error_summary::field_messages;
use crate::components::field::TextArea;
use crate::components::login_required::LoginRequired;
use crate::components::notice::{Notice, Tone};
use crate::domain::avvisi::{Avviso, Graduatoria, Stage};
use crate::domain::avviso_form::{payload_avviso_id, review_payload, AvvisoIssue};
use crate::domain::outbox::{DeliveryState, SubmissionKind};
use crate::domain::ranking::format_points;
use crate::i18n::{t, t_now, tf, tm};
use crate::net::outbox;
use crate::state::use_app;
use crate::ui::focus::focus_later;
use crate::ui::format::format_date;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn RankingSection(
    avviso: Avviso,
    ranking: Graduatoria,
    fields: Fields,
    errors: RwSignal<Vec<AvvisoIssue>>,
) -> impl IntoView {
    let app = use_app();
    let today = crate::state::today_date();
    let id = avviso.id.clone();
    // The protocol numbers of this person's delivered applications to it.
    let mine = Memo::new(move |_| {
        app.outbox.entries.with(|es| {
            es.iter()
                .filter(|e| {
                    e.kind == SubmissionKind::AvvisoApplication
                        && payload_avviso_id(&e.payload) == Some(id.as_str())
                })
                .filter_map(|e| match &e.state {
                    DeliveryState::Delivered { receipt } => Some(receipt.id.clone()),
                    _ => None,
                })
                .collect::<Vec<String>>()
        })
    });
    let id2 = avviso.id.clone();
    let review = Memo::new(move |_| {
        app.outbox.entries.with(|es| {
            es.iter()
                .filter(|e| {
                    e.kind == SubmissionKind::Review
                        && payload_avviso_id(&e.payload) == Some(id2.as_str())
                })
                .max_by(|x, y| x.created_at.total_cmp(&y.created_at))
                .cloned()
        })
    });
    let window = ranking.may_review(today);
    let stage_key = match ranking.stage {
        Stage::Provisional => "avvisi.ranking.provisional",
        Stage::Final => "avvisi.ranking.final",
    };
    let published = crate::domain::date::Date::parse_iso(&ranking.published)
        .map(format_date)
        .unwrap_or_default();
    let entries = StoredValue::new(ranking.entries.clone());
    let position = {
        let r = ranking.clone();
        Memo::new(move |_| r.find(&mine.get()).map(|e| (e.rank, e.protocol.clone())))
    };
    let a = StoredValue::new(avviso);
    let send_error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = fields.form_untracked();
        let reason = match form.check_review() {
            Ok(r) => r,
            Err(issue) => {
                errors.set(vec![issue]);
                focus_later("av-review-reason");
                return;
            }
        };
        errors.set(Vec::new());
        let protocol = mine.get_untracked().first().cloned();
        let payload = a.with_value(|a| review_payload(a, protocol.as_deref(), &reason));
        let title = a.with_value(|a| tf("avvisi.review.outbox_title", &[("title", &a.title.it)]));
        let owner = app.session.owner();
        spawn_local(async move {
            match outbox::enqueue(SubmissionKind::Review, title, payload, owner).await {
                Ok(_) => {
                    fields.review_reason.set(String::new());
                    app.outbox.flush();
                    focus_later("av-review-status");
                }
                Err(e) => send_error.set(Some(tm(&e.message()))),
            }
        });
    };

    view! {
        <section class="avviso-section" aria-labelledby="av-ranking-title">
            <h2 id="av-ranking-title">{t(stage_key)}</h2>
            <p>{move || tf("avvisi.ranking.published", &[("date", &published)])}" "{t("avvisi.ranking.anonymous")}</p>
            {move || match position.get() {
                Some((rank, protocol)) => view! {
                    <Notice tone=Tone::Info><p class="my-position">{tf("avvisi.ranking.you", &[("rank", &rank.to_string()), ("protocol", &protocol)])}</p></Notice>
                }.into_any(),
                None => view! { <p class="hint">{t("avvisi.ranking.not_you")}</p> }.into_any(),
            }}
            <table class="ranking-table">
                <caption class="visually-hidden">{t(stage_key)}</caption>
                <thead><tr>
                    <th scope="col">{t("avvisi.ranking.rank")}</th>
                    <th scope="col">{t("avvisi.ranking.protocol")}</th>
                    <th scope="col">{t("avvisi.ranking.score")}</th>
                </tr></thead>
                <tbody>
                    {move || {
                        let mine = mine.get();
                        entries.get_value().into_iter().map(|e| {
                            let is_mine = mine.contains(&e.protocol);
                            view! {
                                <tr class:mine=is_mine aria-current=is_mine.then_some("true")>
                                    <td>{e.rank}</td>
                                    <td>{e.protocol.clone()}{is_mine.then(|| view! { " " <strong>{t("avvisi.ranking.you_tag")}</strong> })}</td>
                                    <td>{format_points((e.score * 1000.0).round() as i64, false)}</td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>

            <h3 id="av-review-title">{t("avvisi.review.title")}</h3>
            <div id="av-review-status" tabindex="-1" role="status">
                {move || review.get().map(|e| match e.state {
                    DeliveryState::Pending => view! { <Notice tone=Tone::Warning><p>{t("avvisi.review.pending")}</p></Notice> }.into_any(),
                    DeliveryState::Delivered { receipt } => view! {
                        <Notice tone=Tone::Success><p>{tf("avvisi.review.delivered", &[("id", &receipt.id)])}</p></Notice>
                    }.into_any(),
                    DeliveryState::Rejected { .. } => {
                        let why = e.problem().map(|m| tm(&m)).unwrap_or_default();
                        view! { <Notice tone=Tone::Error><p><strong>{t("avvisi.review.rejected")}</strong></p><p class="review-refused">{why}</p></Notice> }.into_any()
                    }
                })}
            </div>
            {match window {
                Ok(days) => view! {
                    <p class="review-countdown"><strong>{move || if days == 0 { t_now("avvisi.review.last_day") } else { tf("avvisi.review.days_left", &[("days", &days.to_string())]) }}</strong></p>
                    <LoginRequired>
                        <form class="form did-form" on:submit=submit novalidate>
                            <TextArea id="av-review-reason" label=Signal::derive(|| t_now("avvisi.review.reason")) value=fields.review_reason error=field_messages(errors, "av-review-reason") hint=Signal::derive(|| t_now("avvisi.review.reason_hint")) required=true/>
                            {move || send_error.get().map(|e| view! { <Notice tone=Tone::Error><p>{e}</p></Notice> })}
                            <button type="submit" class="btn btn-primary" id="av-review-send">{t("avvisi.review.send")}</button>
                        </form>
                    </LoginRequired>
                }.into_any(),
                Err(msg) => view! { <Notice tone=Tone::Info><p id="av-review-closed">{move || tm(&msg)}</p></Notice> }.into_any(),
            }}
        </section>
    }
}
