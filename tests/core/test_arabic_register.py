"""Messages read right to a woman and to a man (issue 22, item 2).

An Arabic imperative is masculine or feminine (اختر / اختاري), and the platform speaks to
coordinators, learners and citizens of both sexes. So a sentence the platform says — an error, a
hint, a notification — asks in the neutral written form (يُرجى اختيار، يمكن التواصل، passive)
unless it is said to one known person in their own form (msgctxt "addressed to a man" / "…a
woman"). Short control labels (a button's «سجّل», a link's «أضف إلى التقويم») keep the
imperative Arabic interfaces use; they are not sentences. Read from the Arabic catalogue the
platform ships."""

import re
from pathlib import Path

import polib

import learningcity

CATALOGUE = Path(learningcity.__file__).parent / "locale" / "ar" / "LC_MESSAGES" / "django.po"

# Masculine second-person imperatives the platform's messages used (أدخل، اختر، اكتب…).
IMPERATIVES = (
    "أدخل|اختر|اكتب|أضف|ارفع|حدد|حدّد|سجّل|اضغط|راجع|احفظ|جرّب|جرب|اطلب|تواصل|استخدم|انسخه|"
    "اترك|اتركهما|اذكر|انتظر|حاول|عد|افتح|امسح|أعد|غيّر|غيّره|اعرض|اشترك|اقرأ|ابحث|تحقق"
)
CLAUSE_START = re.compile(rf"(?:^|[.؛:،—]\s*|\s[وف])(?:{IMPERATIVES})\s")

# A sentence is a message with a full stop (a label or a button has none).
SENTENCE = re.compile(r"[.؛]\s|[.؛]$")

# Said to one person in their own grammatical gender, or to a man only (a session for women,
# refused to a man, tells him where to look).
ADDRESSED = {"addressed to a man", "addressed to a woman"}
SAID_TO_MEN_ONLY = {"This session is for women only. Look for a session for men or for everyone."}


def _sentences():
    for entry in polib.pofile(str(CATALOGUE)):
        if entry.msgctxt in ADDRESSED or entry.msgid in SAID_TO_MEN_ONLY or entry.obsolete:
            continue
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in texts:
            if SENTENCE.search(text):
                yield entry.msgid, text


def masculine_imperatives(sentences) -> list[tuple[str, str]]:
    return [(msgid, text) for msgid, text in sentences if CLAUSE_START.search(text)]


def test_the_platforms_sentences_ask_in_a_form_that_fits_everyone():
    assert masculine_imperatives(_sentences()) == []


def test_the_check_finds_a_masculine_imperative():
    # The forms the sweep replaced, so the check above is not empty by construction.
    found = masculine_imperatives(
        [
            ("Enter a number.", "أدخل رقمًا."),
            ("Choose a status.", "اختر الحالة."),
            ("…ask your coordinator.", "يشارك المنسقون ممارسات جهاتهم؛ تواصل مع منسق جهتك."),
            ("Enter a number.", "يُرجى إدخال رقم."),
        ]
    )
    assert [text for _, text in found] == [
        "أدخل رقمًا.",
        "اختر الحالة.",
        "يشارك المنسقون ممارسات جهاتهم؛ تواصل مع منسق جهتك.",
    ]
