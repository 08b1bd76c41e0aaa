"""Accounts: login, logout, sign-up for an event, invitations, password change."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext, refresh
from flask_login import current_user, login_user, logout_user
from sqlalchemy.exc import IntegrityError
from werkzeug.wrappers import Response

from matchmaker.api import tokens as api_tokens
from matchmaker.api.forms import ApiTokenForm
from matchmaker.auth import (
    loader,  # noqa: F401  (registers the Flask-Login user loader)
    login_sessions,
    operations,
    queries,
)
from matchmaker.auth.access import can_organise, event_or_404, login_required
from matchmaker.auth.forms import (
    ConfirmForm,
    InvitationForm,
    LanguageForm,
    LoginForm,
    LogoutEverywhereForm,
    PasswordChangeForm,
    RegistrationForm,
    SignupForm,
)
from matchmaker.auth.redirects import safe_next
from matchmaker.auth.throttle import LoginLimits, ThrottleLimits, address_key
from matchmaker.auth.tokens import hash_token
from matchmaker.calendars.queries import feeds_of_user
from matchmaker.calendars.tokens import revoke_feed_token
from matchmaker.db import get_session, utcnow
from matchmaker.delegations.queries import led_delegations
from matchmaker.i18n import current_locale_code
from matchmaker.live.queries import staffed_events
from matchmaker.models import Event, Participant, Phase, TokenScope, User
from matchmaker.organisations import queries as organisation_queries
from matchmaker.responses import token_page

bp = Blueprint("auth", __name__, cli_group=None)

LOGIN_FAILED = _l("Wrong email or password.")
EMAIL_HAS_ACCOUNT = _l(
    "This email already has an account: log in with it, then register for the event in one click."
)
EMAIL_ON_EVENT_LIST = _l(
    "This email is already on this event's list of participants: use the invitation link "
    "you received, or ask the organisers."
)
INVITATION_NEEDS_LOGIN = _l("You already have an account: log in to accept the invitation.")
INVITATION_ALREADY_REGISTERED = _l(
    "Your account is already registered for this event under another entry: "
    "ask the organisers to merge them."
)


def _profile_url(event: Event) -> str:
    """The participant's profile page of the event."""
    return url_for("participants.profile", slug=event.slug)


def _landing_page(user: User) -> str:
    """Where a login without a `next` page leads: organisers to their dashboard, event
    staff to their events' desks, delegation leads to their delegation (or, leading
    several, to the account page that lists them), a participant to their (newest)
    event's page, anyone else to the home page."""
    if user.is_organiser:
        return url_for("organiser.dashboard")
    if staffed_events(get_session(), user.id):
        return url_for("live.staff_home")
    led = led_delegations(get_session(), user.id)
    if len(led) == 1:
        return url_for("delegations.overview", delegation_id=led[0].id)
    if led:
        return url_for("auth.account")  # it lists the delegations they lead
    registrations = queries.registrations_of_user(get_session(), user.id)
    if registrations:
        return url_for("core.event", slug=registrations[0].event.slug)
    return url_for("core.home")


def _start_session(user: User, login_id: str) -> None:
    """Log `user` in on a fresh session: nothing from before the login survives.

    `login_id` comes from `login_sessions.open_login_session`, committed by the caller.
    """
    session.clear()
    login_sessions.remember(login_id)
    login_user(user)


def _login_limits() -> LoginLimits:
    window_s = int(current_app.config["LOGIN_WINDOW_S"])
    return LoginLimits(
        per_account=ThrottleLimits(int(current_app.config["LOGIN_MAX_FAILURES"]), window_s),
        per_address=ThrottleLimits(
            int(current_app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"]), window_s
        ),
    )


def _signup_limits() -> ThrottleLimits:
    return ThrottleLimits(
        max_attempts=int(current_app.config["SIGNUP_MAX_ATTEMPTS"]),
        window_s=int(current_app.config["SIGNUP_WINDOW_S"]),
    )


def _try_again(wait_s: int, signups: bool = False) -> str:
    minutes = -(-wait_s // 60)
    if signups:
        return str(
            ngettext(
                "Too many sign-ups from your network: try again in %(num)d minute.",
                "Too many sign-ups from your network: try again in %(num)d minutes.",
                minutes,
            )
        )
    return str(
        ngettext(
            "Too many attempts: try again in %(num)d minute.",
            "Too many attempts: try again in %(num)d minutes.",
            minutes,
        )
    )


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response | tuple[str, int]:
    """Email and password; on success a fresh session and the `next` page (same site only)."""
    next_url = safe_next(request.args.get("next"))
    if current_user.is_authenticated and request.method == "GET":
        return redirect(next_url or _landing_page(current_user))
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form)
    db = get_session()
    result = operations.attempt_login(
        db,
        form.email.data,
        form.password.data,
        address_key(request.remote_addr),
        _login_limits(),
        utcnow(),
    )
    login_id = login_sessions.open_login_session(db, result.user) if result.user else ""
    db.commit()
    if result.user is not None:
        _start_session(result.user, login_id)
        return redirect(next_url or _landing_page(result.user))
    if result.wait_s:
        return render_template("auth/login.html", form=form, error=_try_again(result.wait_s)), 429
    return render_template("auth/login.html", form=form, error=LOGIN_FAILED)


@bp.route("/logout", methods=["POST"])
def logout() -> Response:
    """End this session on the server too, so no copy of its cookie works afterwards.

    The CSRF token is checked by CSRFProtect; the person's other devices stay logged in.
    """
    db = get_session()
    login_sessions.close_this_login(db)
    db.commit()
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("core.home"))


def _account_page(
    token_form: ApiTokenForm | None = None,
    new_token: str | None = None,
    language_form: LanguageForm | None = None,
) -> str:
    db = get_session()
    return render_template(
        "auth/account.html",
        form=LogoutEverywhereForm(),
        language_form=language_form
        or LanguageForm(formdata=None, data={"locale": current_user.locale or ""}),
        confirm=ConfirmForm(),
        registrations=queries.registrations_of_user(db, current_user.id),
        feeds=feeds_of_user(db, current_user.id),
        token_form=token_form or ApiTokenForm(formdata=None),
        api_tokens=api_tokens.tokens_of_user(db, current_user.id),
        new_token=new_token,
    )


@bp.route("/account")
@login_required
def account() -> str:
    """The account: its events, email, password change, API tokens, logging out everywhere."""
    return _account_page()


@bp.post("/account/language")
@login_required
def set_language() -> Response | tuple[str, int]:
    """Choose the language of the account's pages and e-mails (none: the browser's); the
    confirmation already speaks the new one."""
    form = LanguageForm()
    if not form.validate_on_submit():
        return _account_page(language_form=form), 400
    user: User = current_user._get_current_object()
    user.locale = form.locale.data or None
    get_session().commit()
    refresh()  # the locale selector reads the new choice
    flash(_("Your language is saved."), "success")
    return redirect(url_for("auth.account"))


@bp.post("/account/tokens")
@login_required
def create_api_token() -> tuple[str, int]:
    """Make a personal access token and show it once, on the account page itself (never in
    a redirect or the session cookie)."""
    form = ApiTokenForm()
    if not form.validate_on_submit():
        return _account_page(token_form=form), 400
    db = get_session()
    try:
        token = api_tokens.create_token(
            db, current_user._get_current_object(), form.name.data, TokenScope(form.scope.data)
        )
    except api_tokens.TokenRefused as refusal:
        form.name.errors.append(str(refusal))
        return _account_page(token_form=form), 400
    db.commit()
    return _account_page(new_token=token), 201


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_api_token(token_id: int) -> Response:
    """Revoke one of the account's tokens."""
    db = get_session()
    token = api_tokens.token_of_user(db, current_user.id, token_id)
    if token is None:
        abort(404)
    api_tokens.revoke_token(db, token)
    db.commit()
    flash(_("Token “%(name)s” revoked.", name=token.name), "info")
    return redirect(url_for("auth.account"))


@bp.route("/account/logout-everywhere", methods=["POST"])
@login_required
def logout_everywhere() -> Response:
    """End every session of this account, on every device, this one included (CSRF checked),
    and switch its calendar links off if asked."""
    db = get_session()
    form = LogoutEverywhereForm()
    if form.validate_on_submit() and form.revoke_feeds.data:
        for participant in feeds_of_user(db, current_user.id):
            revoke_feed_token(participant)
    operations.log_out_everywhere(db, current_user._get_current_object())
    db.commit()
    logout_user()
    session.clear()
    flash(_("You are logged out on every device."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password() -> str | Response:
    """A new password; other sessions end, this one stays logged in."""
    form = PasswordChangeForm()
    if form.validate_on_submit():
        user: User = current_user._get_current_object()
        db = get_session()
        check = operations.attempt_login(
            db,
            user.email,
            form.current_password.data,
            address_key(request.remote_addr),
            _login_limits(),
            utcnow(),
        )
        if check.user is None:
            db.commit()
            form.current_password.errors.append(
                _try_again(check.wait_s)
                if check.wait_s
                else _("That is not your current password.")
            )
        else:
            operations.set_password(db, user, form.password.data)
            login_id = login_sessions.open_login_session(db, user)
            db.commit()
            _start_session(user, login_id)
            flash(_("Your password is changed; other devices are logged out."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/password.html", form=form)


def _unavailable(event: Event, reason: str) -> tuple[str, int]:
    status = 403 if request.method == "POST" else 200
    return render_template("auth/signup_unavailable.html", event=event, reason=reason), status


@bp.route("/e/<slug>/signup", methods=["GET", "POST"])
def signup(slug: str) -> str | Response | tuple[str, int]:
    """Sign up for an event while its registration is open (or register a logged-in user).

    A draft event is not public yet: 404 but for its organisers.
    """
    event = event_or_404(slug)
    if event.phase == Phase.DRAFT and not can_organise(event):
        abort(404)
    if not queries.registration_open(event, utcnow()):
        return _unavailable(event, "closed")
    if current_user.is_authenticated:
        return _register_logged_in(event)
    form = SignupForm()
    valid = form.validate_on_submit()
    email = "" if form.email.errors else form.email.data or ""
    if _organisation_settled(form, email) and valid:
        return _sign_up(event, form)
    return render_template("auth/signup.html", form=form, event=event)


def _organisation_settled(form: RegistrationForm, email: str) -> bool:
    """Whether the organisation part names a new organisation or one the person chose among
    those matching what they typed (see `RegistrationForm.settle_organisation`). Checked
    on every submission whose name passed its own checks, so the matches stay on offer
    while the person corrects another field."""
    if request.method != "POST" or form.organisation_name.errors:
        return False
    matches = organisation_queries.matching_organisations(
        get_session(), form.organisation_name.data, email
    )
    return form.settle_organisation(matches)


def _sign_up(event: Event, form: SignupForm) -> str | Response | tuple[str, int]:
    """Create the account and its registration, within the sign-up throttle of the address.

    The attempt is committed even when refused: each one tells whether an email has an
    account.
    """
    db = get_session()
    wait_s = operations.attempt_signup(
        db, address_key(request.remote_addr), _signup_limits(), utcnow()
    )
    if wait_s:
        error = _try_again(wait_s, signups=True)
        return render_template("auth/signup.html", form=form, event=event, error=error), 429
    if queries.user_by_email(db, form.email.data) is not None:
        refusal = str(EMAIL_HAS_ACCOUNT)
    elif queries.participant_by_email(db, event, form.email.data) is not None:
        refusal = str(EMAIL_ON_EVENT_LIST)
    else:
        name = f"{form.first_name.data} {form.last_name.data}"
        user = operations.create_user(
            db, form.email.data, form.password.data, name, locale=current_locale_code()
        )
        operations.register(db, event, user, form.registration(), utcnow())
        login_id = login_sessions.open_login_session(db, user)
        try:
            db.commit()
        except IntegrityError:
            db.rollback()
            form.email.errors.append(str(EMAIL_HAS_ACCOUNT))
            return render_template("auth/signup.html", form=form, event=event)
        _start_session(user, login_id)
        flash(_("Welcome! You are registered for %(event)s.", event=event.display_name), "success")
        return redirect(_profile_url(event))
    db.commit()
    form.email.errors.append(refusal)
    return render_template("auth/signup.html", form=form, event=event)


def _register_logged_in(event: Event) -> str | Response | tuple[str, int]:
    """Register the logged-in user: one click when an earlier registration gives the details."""
    db = get_session()
    user: User = current_user._get_current_object()
    existing = queries.participant_of_user(db, event, user.id)
    if existing is not None:
        if not existing.active:
            return _unavailable(event, "withdrawn")
        flash(_("You are already registered for this event."), "info")
        return redirect(_profile_url(event))
    if queries.participant_by_email(db, event, user.email) is not None:
        return _unavailable(event, "listed")
    previous = queries.latest_participant_of_user(db, user.id)
    details: operations.Registration | None = None
    if previous is not None:
        form = ConfirmForm()
        if form.validate_on_submit():
            details = operations.registration_from(previous)
    else:
        form = RegistrationForm()
        valid = form.validate_on_submit()
        if _organisation_settled(form, user.email) and valid:
            details = form.registration()
    if details is None:
        return render_template("auth/register.html", form=form, event=event, previous=previous)
    operations.register(db, event, user, details, utcnow())
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        return _unavailable(event, "listed")
    flash(_("You are registered for %(event)s.", event=event.display_name), "success")
    return redirect(_profile_url(event))


@bp.route("/invitation/<token>", methods=["GET", "POST"])
def accept_invitation(token: str) -> Response:
    """An invitation link: a new account for an email without one, else a link to the account.

    The organisers hold every link, so a link never sets the password of an existing
    account: its owner logs in first and then accepts in one click. The link works once,
    for `queries.INVITATION_LIFETIME` after it was issued.
    """
    db = get_session()
    participant = queries.participant_by_invitation_hash(db, hash_token(token))
    if participant is None or not participant.active or participant.user_id is not None:
        abort(404)
    if queries.invitation_expired(participant, utcnow()):
        return _invitation_page(
            "auth/invitation_expired.html",
            participant,
            status=410,
            lifetime_days=queries.INVITATION_LIFETIME.days,
        )
    account = queries.user_by_email(db, participant.email)
    if account is None:
        return _open_account(participant)
    if not current_user.is_authenticated:
        flash(str(INVITATION_NEEDS_LOGIN), "info")
        return redirect(url_for("auth.login", next=request.path))
    if current_user.id != account.id:
        abort(404)
    return _link_account(participant, account)


def _invitation_page(
    template: str, participant: Participant, status: int = 200, **context: object
) -> Response:
    """An invitation page; its URL holds the token, so no Referer may carry it elsewhere."""
    return token_page(render_template(template, participant=participant, **context), status)


def _open_account(participant: Participant) -> Response:
    """The invited email has no account: choose a password to create it, and log in."""
    db = get_session()
    form = InvitationForm()
    if form.validate_on_submit():
        try:
            user = operations.accept_invitation(
                db, participant, form.password.data, locale=current_locale_code()
            )
            login_id = login_sessions.open_login_session(db, user)
            db.commit()
        except (operations.EmailHasAccount, IntegrityError):
            db.rollback()
            return redirect(request.path)
        _start_session(user, login_id)
        flash(
            _(
                "Welcome! Your account for %(event)s is ready.",
                event=participant.event.display_name,
            ),
            "success",
        )
        return redirect(_profile_url(participant.event))
    return _invitation_page("auth/invitation.html", participant, form=form)


def _link_account(participant: Participant, user: User) -> Response:
    """The invited email's own account is logged in: accept the invitation in one click."""
    db = get_session()
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            operations.link_invitation(db, participant, user)
        except operations.AlreadyRegistered:
            return _invitation_page(
                "auth/invitation_confirm.html",
                participant,
                status=409,
                form=form,
                error=INVITATION_ALREADY_REGISTERED,
            )
        db.commit()
        flash(
            _("You are registered for %(event)s.", event=participant.event.display_name), "success"
        )
        return redirect(_profile_url(participant.event))
    return _invitation_page("auth/invitation_confirm.html", participant, form=form)
