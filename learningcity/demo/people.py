"""Arabic names (with an English transliteration) for demo coordinators and learners."""

from __future__ import annotations

import random

MEN = (
    ("عبدالله", "Abdullah"), ("محمد", "Mohammed"), ("خالد", "Khalid"), ("فهد", "Fahad"),
    ("سلطان", "Sultan"), ("ماجد", "Majed"), ("أحمد", "Ahmed"), ("سعد", "Saad"),
    ("عبدالرحمن", "Abdulrahman"), ("ياسر", "Yasser"), ("تركي", "Turki"), ("نايف", "Naif"),
    ("بندر", "Bandar"), ("وليد", "Waleed"), ("إبراهيم", "Ibrahim"), ("عمر", "Omar"),
    ("حسن", "Hassan"), ("يوسف", "Yousef"), ("منصور", "Mansour"), ("راكان", "Rakan"),
)  # fmt: skip
WOMEN = (
    ("نورة", "Noura"), ("سارة", "Sarah"), ("هند", "Hind"), ("مها", "Maha"),
    ("ريم", "Reem"), ("أمل", "Amal"), ("منى", "Mona"), ("عبير", "Abeer"),
    ("لطيفة", "Latifa"), ("هيفاء", "Haifa"), ("أسماء", "Asma"), ("غادة", "Ghada"),
    ("خلود", "Kholoud"), ("دلال", "Dalal"), ("جواهر", "Jawaher"), ("رهف", "Rahaf"),
    ("بشرى", "Bushra"), ("وفاء", "Wafa"), ("سمر", "Samar"), ("أروى", "Arwa"),
)  # fmt: skip
FAMILIES = (
    ("الحربي", "Al-Harbi"), ("الجهني", "Al-Juhani"), ("العنزي", "Al-Anazi"), ("المطيري", "Al-Mutairi"),
    ("الرحيلي", "Al-Ruhaili"), ("الصاعدي", "Al-Saedi"), ("المحمدي", "Al-Mohammadi"), ("الأحمدي", "Al-Ahmadi"),
    ("السناني", "Al-Sinani"), ("البلوي", "Al-Balawi"), ("الشمري", "Al-Shammari"), ("العوفي", "Al-Awfi"),
    ("الحازمي", "Al-Hazmi"), ("الزهراني", "Al-Zahrani"), ("القرشي", "Al-Qurashi"), ("الردادي", "Al-Raddadi"),
    ("الصبحي", "Al-Subhi"), ("الحجيلي", "Al-Hujaili"), ("الجابري", "Al-Jabri"), ("العمري", "Al-Omari"),
)  # fmt: skip


def person(rng: random.Random, gender: str) -> tuple[str, str]:
    """(Arabic full name, English full name) for a man ('m') or a woman ('f')."""
    given_ar, given_en = rng.choice(MEN if gender == "m" else WOMEN)
    family_ar, family_en = rng.choice(FAMILIES)
    return f"{given_ar} {family_ar}", f"{given_en} {family_en}"
