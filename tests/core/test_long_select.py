"""The fast <select> for long lists gives the same choices as Django's own, escaped."""

from django import forms

from learningcity.core.forms import LongSelect
from learningcity.partners.models import Entity
from tests.factories import EntityFactory


class EntityForm(forms.Form):
    entity = forms.ModelChoiceField(queryset=Entity.objects.order_by("pk"), required=False, widget=LongSelect)
    plain = forms.ModelChoiceField(queryset=Entity.objects.order_by("pk"), required=False)


def test_long_select_has_the_same_options_as_djangos_select_with_labels_escaped(db):
    first = EntityFactory(name_ar="جمعية <البر> & الإحسان")
    EntityFactory(name_ar="مدرسة النور")
    form = EntityForm({"entity": first.pk, "plain": first.pk})
    fast, plain = str(form["entity"]), str(form["plain"])
    assert "&lt;البر&gt; &amp;" in fast and "<البر>" not in fast
    assert fast.count("<option") == plain.count("<option") == 3
    assert f'<option value="{first.pk}" selected>' in fast
    assert 'name="entity"' in fast and 'id="id_entity"' in fast


def test_long_select_says_its_empty_choice_in_words_like_every_select(db):
    from django.utils import translation

    EntityFactory()
    form = EntityForm()
    for language, words in (("ar", "اختر…"), ("en", "Choose…")):
        with translation.override(language):
            fast, plain = str(form["entity"]), str(form["plain"])
        assert f'<option value="" selected>{words}</option>' in fast
        assert words in plain and "---------" not in fast + plain
