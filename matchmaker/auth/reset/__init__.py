"""Password reset by e-mail: "Forgot your password?" on the login page."""
