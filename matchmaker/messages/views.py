"""Pages of the messages area: the outbox of an event and of the site, resending, organiser
broadcasts, invitations by e-mail, "Sent mail" (the `.eml` folder), and switching optional
messages off (by link, or on the account page).
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from matchmaker.auth.access import (
    can_organise,
    login_required,
    organised_event_or_404,
    organiser_required,
)
from matchmaker.auth.redirects import safe_next
from matchmaker.db import get_session, utcnow
from matchmaker.extensions import csrf
from matchmaker.messages import (
    delivery,  # noqa: F401  (registers the delivery task)
    kinds,
    operations,
    queries,
)
from matchmaker.messages.forms import BroadcastForm, ConfirmForm, MessagePreferencesForm
from matchmaker.messages.recipients import reachable
from matchmaker.messages.sentmail import open_mail, sent_mail
from matchmaker.messages.transports import mail_folder
from matchmaker.messages.unsubscribe import (
    read_unsubscribe_token,
    set_switched_off,
    switched_off_kinds,
)
from matchmaker.models import Event, Message, MessageState
from matchmaker.organiser import queries as organiser_queries

bp = Blueprint("messages", __name__, cli_group=None)

SENT_MAIL_LIMIT = 200


def _admin_only() -> None:
    if not current_user.is_admin:
        abort(404)


def _message_or_404(message_id: int) -> Message:
    """A message the current user may see: any for admins, their events' for organisers."""
    message = get_session().get(Message, message_id)
    if message is None:
        abort(404)
    if not current_user.is_admin and (message.event is None or not can_organise(message.event)):
        abort(404)
    return message


def _outbox(template: str, event: Event | None) -> str:
    """A list of messages (of `event`, or all), filtered by the `state` query argument."""
    value = request.args.get("state", "")
    state = MessageState(value) if value in {state.value for state in MessageState} else None
    db = get_session()
    listing = queries.message_page(db, event, state, request.args.get("page", 1, type=int))
    return render_template(
        template,
        event=event,
        listing=listing,
        counts=queries.state_counts(db, event),
        state=state,
        kind_label=kinds.kind_label,
    )


@bp.get("/organise/events/<slug>/messages")
@organiser_required
def event_messages(slug: str) -> str:
    """Every message of the event with its state, attempts and last error."""
    return _outbox("messages/pages/event_messages.html", organised_event_or_404(slug))


@bp.get("/admin/messages")
@organiser_required
def all_messages() -> str:
    """Every message of the site (admins)."""
    _admin_only()
    return _outbox("messages/pages/all_messages.html", None)


@bp.get("/messages/<int:message_id>")
@organiser_required
def message(message_id: int) -> str:
    """One message as it was written: text, HTML (sandboxed), attachments, delivery."""
    shown = _message_or_404(message_id)
    kind = kinds.KINDS.get(shown.kind)
    return render_template(
        "messages/pages/message.html",
        message=shown,
        event=shown.event,
        confidential=kind is not None and kind.confidential,
        kind_label=kinds.kind_label,
        form=ConfirmForm(),
    )


@bp.post("/messages/<int:message_id>/resend")
@organiser_required
def resend(message_id: int) -> Response:
    """Send a sent or failed message again (same Message-ID)."""
    shown = _message_or_404(message_id)
    if shown.state not in (MessageState.SENT, MessageState.FAILED):
        flash(_("This message is still on its way: it cannot be resent now."), "warning")
    else:
        db = get_session()
        operations.resend(db, shown, utcnow())
        db.commit()
        flash(
            _("The message to %(email)s is queued again.", email=shown.recipient_email),
            "success",
        )
    return redirect(
        safe_next(request.args.get("next")) or url_for(".message", message_id=message_id)
    )


@bp.post("/organise/events/<slug>/invitations/email")
@organiser_required
def email_invitations(slug: str) -> Response:
    """Create invitation links like the CSV does, and mail each person theirs."""
    event = organised_event_or_404(slug)
    db = get_session()
    people = organiser_queries.participants_to_invite(
        db, event, include_invited=request.form.get("scope") == "all", now=utcnow()
    )
    if not people:
        flash(_("Everybody without an account has been invited already."), "info")
        return redirect(url_for("organiser.participants", slug=event.slug))
    sent = operations.email_invitations(db, event, people, utcnow())
    db.commit()
    flash(
        ngettext(
            "%(num)d invitation queued for sending.",
            "%(num)d invitations queued for sending.",
            sent,
        ),
        "success",
    )
    return redirect(url_for(".event_messages", slug=event.slug))


@bp.route("/organise/events/<slug>/broadcast", methods=["GET", "POST"])
@organiser_required
def broadcast(slug: str) -> str | Response:
    """Write to everyone or a group: first a preview with the recipient count, then send."""
    event = organised_event_or_404(slug)
    db = get_session()
    form = BroadcastForm(queries.audience_choices(db, event))
    if not form.validate_on_submit() or request.form.get("action") == "edit":
        return render_template("messages/pages/broadcast.html", event=event, form=form)
    group = queries.Audience.parse(form.audience.data)
    recipients = reachable(db, kinds.BROADCAST, queries.audience(db, event, group))
    changed = False
    if request.form.get("action") == "send" and recipients:
        if request.form.get("expected", type=int) == len(recipients):
            written = operations.broadcast(db, event, recipients, form.subject.data, form.body.data)
            db.commit()
            flash(
                ngettext(
                    "Your message is queued for %(num)d person.",
                    "Your message is queued for %(num)d people.",
                    written,
                ),
                "success",
            )
            return redirect(url_for(".event_messages", slug=event.slug))
        changed = True
    sample = (
        operations.preview(event, recipients[0], form.subject.data, form.body.data)
        if recipients
        else None
    )
    return render_template(
        "messages/pages/broadcast_preview.html",
        event=event,
        form=form,
        recipients=recipients,
        sample=sample,
        changed=changed,
        group_label=dict(
            option for options in form.audience.choices.values() for option in options
        ).get(group.key, group.key),
    )


@bp.get("/admin/mail")
@login_required
def sent_mail_list() -> str:
    """The e-mails written to the instance folder when no SMTP server is configured."""
    _admin_only()
    mails, total = sent_mail(mail_folder(current_app), SENT_MAIL_LIMIT)
    return render_template(
        "messages/pages/sent_mail.html",
        mails=mails,
        total=total,
        folder=mail_folder(current_app),
        smtp=bool(current_app.config.get("MAIL_SERVER")),
    )


@bp.get("/admin/mail/<name>")
@login_required
def sent_mail_message(name: str) -> str:
    """One written e-mail: its headers, text, HTML (sandboxed) and other parts."""
    _admin_only()
    mail = open_mail(mail_folder(current_app), name)
    if mail is None:
        abort(404)
    return render_template("messages/pages/sent_mail_message.html", mail=mail)


@bp.route("/account/messages", methods=["GET", "POST"])
@login_required
def preferences() -> str | Response:
    """Which optional messages to get; messages people need are always sent."""
    db = get_session()
    email = current_user.email
    off = switched_off_kinds(db, email)
    form = MessagePreferencesForm(
        data={kind.name: kind.name not in off for kind in kinds.optional_kinds()}
    )
    if form.validate_on_submit():
        for kind in kinds.optional_kinds():
            set_switched_off(db, email, kind, off=not form[kind.name].data)
        db.commit()
        flash(_("Your e-mail choices are saved."), "success")
        return redirect(url_for(".preferences"))
    return render_template(
        "messages/pages/preferences.html", form=form, optional=kinds.optional_kinds()
    )


@bp.route("/messages/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # type: ignore[untyped-decorator]
def unsubscribe(token: str) -> str:
    """Switch one optional kind off for one address, without logging in.

    GET asks for confirmation (link checkers and previews follow links); POST switches off,
    from our button or a mail client's RFC 8058 one-click request (which sends no CSRF
    token: the signed token in the URL is the proof).
    """
    found = read_unsubscribe_token(token)
    if found is None:
        abort(404)
    email, kind = found
    done = request.method == "POST"
    if done:
        db = get_session()
        set_switched_off(db, email, kind, off=True)
        db.commit()
    return render_template("messages/pages/unsubscribe.html", email=email, kind=kind, done=done)
