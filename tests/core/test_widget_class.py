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


class Bilingual(forms.Form):
    title_ar = forms.CharField()
    title_en = forms.CharField(widget=forms.Textarea)
    code = forms.CharField()
    note_en = forms.CharField(widget=forms.TextInput(attrs={"dir": "auto"}))


def test_the_halves_of_a_bilingual_field_are_typed_in_their_own_direction():
    """On an English page the Arabic half is still typed right to left (and the other way)."""
    form = Bilingual()
    arabic = add_widget_class(form["title_ar"], "form-control")
    english = add_widget_class(form["title_en"], "form-control")
    assert 'dir="rtl"' in arabic and 'lang="ar"' in arabic
    assert 'dir="ltr"' in english and 'lang="en"' in english
    assert "dir=" not in add_widget_class(form["code"], "form-control")
    # A direction the form chose stands.
    assert 'dir="auto"' in add_widget_class(form["note_en"], "form-control")
