"""Pages of the messages area: switching optional messages off."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from werkzeug.wrappers import Response

from matchmaker.db import get_session
from matchmaker.extensions import csrf
from matchmaker.messages import delivery  # noqa: F401  (registers the delivery task)
from matchmaker.messages.unsubscribe import read_unsubscribe_token, set_switched_off

bp = Blueprint("messages", __name__, cli_group=None)


@bp.route("/messages/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # type: ignore[untyped-decorator]
def unsubscribe(token: str) -> str | Response:
    """Switch one optional kind off for one address, without logging in.

    GET asks for confirmation (link checkers and previews follow links); POST switches off,
    from our button or a mail client's RFC 8058 one-click request (which sends no CSRF
    token: the signed token in the URL is the proof).
    """
    found = read_unsubscribe_token(token)
    if found is None:
        abort(404)
    email, kind = found
    if request.method == "POST":
        db = get_session()
        set_switched_off(db, email, kind, off=True)
        db.commit()
        return render_template("messages/pages/unsubscribe.html", email=email, kind=kind, done=True)
    return render_template("messages/pages/unsubscribe.html", email=email, kind=kind, done=False)
