"""Flask-Login's user loader: the session id is "user id:session token", and the cookie
must also name a login that has not ended (`login_sessions`)."""

from __future__ import annotations

import re
import secrets

from matchmaker.auth import login_sessions
from matchmaker.db import get_session
from matchmaker.extensions import login_manager
from matchmaker.models import User

_USER_ID = re.compile(r"[0-9]{1,18}")


def load_user(session_id: str) -> User | None:
    """The user whose id and current session token match `session_id`, if still active.

    Rotating `User.session_token` therefore logs out every session of that user; deleting
    the login's row (logging out) refuses every copy of this one cookie.
    """
    user_id, separator, token = session_id.partition(":")
    if not separator or not token or not _USER_ID.fullmatch(user_id):
        return None
    user = login_sessions.user_of_open_login(get_session(), int(user_id))
    if user is None or not user.active:
        return None
    if not secrets.compare_digest(user.session_token.encode(), token.encode()):
        return None
    return user


login_manager.user_loader(load_user)
