"""add_widget_class gives selects Bootstrap's select class and keeps the other classes asked for."""

from django import forms

from learningcity.core.templatetags.lc import add_widget_class


class Choices(forms.Form):
    sort = forms.ChoiceField(choices=[("a", "A")])
    name = forms.CharField()


def test_a_select_keeps_its_extra_classes():
    form = Choices()
    assert 'class="form-select w-auto"' in add_widget_class(form["sort"], "form-select w-auto")
    assert 'class="form-select form-select-sm"' in add_widget_class(
        form["sort"], "form-control form-control-sm"
    )
    assert 'class="form-control"' in add_widget_class(form["name"], "form-control")
