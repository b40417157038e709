from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm

from igov.lib.forms import GovukFormMixin


class PasswordChangeForm(GovukFormMixin, DjangoPasswordChangeForm):
    pass
