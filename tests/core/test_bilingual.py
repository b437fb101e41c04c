from django.template import Context, Template
from django.utils import translation

from learningcity.core.bilingual import fallback_order
from learningcity.partners.models import Entity


def test_fallback_order():
    assert fallback_order("ar") == ["ar", "en"]
    assert fallback_order("en") == ["en", "ar"]
    assert fallback_order("fr") == ["ar", "en"]


def test_field_reads_the_active_language_with_fallback():
    entity = Entity(name_ar="جامعة طيبة", name_en="Taibah University")
    with translation.override("ar"):
        assert entity.name == "جامعة طيبة"
    with translation.override("en"):
        assert entity.name == "Taibah University"
    arabic_only = Entity(name_ar="جامعة طيبة", name_en="")
    with translation.override("en"):
        assert arabic_only.name == "جامعة طيبة"
    english_only = Entity(name_ar="", name_en="Taibah University")
    with translation.override("ar"):
        assert english_only.name == "Taibah University"


def test_model_has_two_columns_with_translated_labels():
    with translation.override("en"):
        assert str(Entity._meta.get_field("name_ar").verbose_name) == "name (Arabic)"
        assert str(Entity._meta.get_field("name_en").verbose_name) == "name (English)"
    assert not Entity._meta.get_field("name_ar").blank
    assert Entity._meta.get_field("name_en").blank


def test_tr_tag_marks_fallback_text_with_its_language():
    template = Template('{% tr entity "name" %}')
    entity = Entity(name_ar="جامعة طيبة", name_en="")
    with translation.override("en"):
        assert template.render(Context({"entity": entity})) == '<span lang="ar" dir="rtl">جامعة طيبة</span>'
    with translation.override("ar"):
        assert template.render(Context({"entity": entity})) == "جامعة طيبة"


def test_tr_tag_escapes():
    entity = Entity(name_ar="<script>alert(1)</script>")
    with translation.override("ar"):
        rendered = Template('{% tr entity "name" %}').render(Context({"entity": entity}))
    assert "<script>" not in rendered
    assert "&lt;script&gt;" in rendered
