from django.core.exceptions import ValidationError


class MaximumLengthValidator:
    """Passwords up to 128 characters (OWASP ASVS 6.2.9); longer ones are refused, not cut."""

    def __init__(self, max_length=128):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                f"This password is too long. It must contain at most {self.max_length} characters.",
                code="password_too_long",
            )

    def get_help_text(self):
        return f"Your password can be up to {self.max_length} characters long."
