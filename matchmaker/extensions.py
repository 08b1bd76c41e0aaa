"""Flask extensions shared by the app (initialised in `create_app`)."""

from __future__ import annotations

from flask_babel import Babel
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

login_manager = LoginManager()
login_manager.session_protection = "basic"
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Please log in to see this page.")
login_manager.login_message_category = "info"
login_manager.localize_callback = str  # the lazy message, in the request's language

csrf = CSRFProtect()

# Translations: new user-facing text goes through gettext (`_` in templates, `gettext` /
# `lazy_gettext` in Python) so that catalogues can be added without touching the code again.
babel = Babel()
