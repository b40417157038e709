"""Every date a person types in igov, in every app's forms, is the one GOV.UK date field."""
import importlib
import inspect

import pytest
from django import forms

from igov.lib.forms import DateField

MODULES = ["actions.forms", "assets.forms", "risks.forms", "training.forms", "igov.accounts.forms",
           "igov.committee.forms", "igov.front.forms", "igov.org.forms"]


def every_form_class():
    for name in MODULES:
        module = importlib.import_module(name)
        for _, klass in inspect.getmembers(module, inspect.isclass):
            if issubclass(klass, forms.BaseForm) and klass.__module__ == name:
                yield klass


@pytest.mark.parametrize("form_class", list(every_form_class()), ids=lambda k: f"{k.__module__}.{k.__name__}")
def test_every_date_field_is_the_govuk_date_field(form_class):
    dates = {name: field for name, field in form_class.base_fields.items() if isinstance(field, forms.DateField)}
    plain = [name for name, field in dates.items() if not isinstance(field, DateField)]
    assert not plain, f"{form_class.__name__}: {plain} are plain forms.DateField"
