"""The people the local provider knows, with the claims it vouches for. Two clients share it:
"national" (the national single sign-on: name in Arabic and English, national identity number,
verified mobile) and "organisation" (the administration's staff accounts: name and work e-mail)."""

PASSWORD = "identity-demo"

PEOPLE = {
    # A citizen with no account on the platform yet.
    "1023456789": {
        "name": "ريم سالم العوفي",
        "name_en": "Reem Salem Alaufi",
        "national_id": "1023456789",
        "phone_number": "+966551234567",
        "email": "reem.alaufi@example.sa",
    },
    # The demo's learner (learningcity/demo, mobile 0500000001): the provider knows her
    # number, so her first sign-in asks her to prove the account is hers.
    "1098765432": {
        "name": "نورة عبدالله الحربي",
        "name_en": "Noura Abdullah Alharbi",
        "national_id": "1098765432",
        "phone_number": "+966500000001",
        "email": "",
    },
    # A member of staff at the regional administration.
    "khalid": {
        "name": "خالد الأحمدي",
        "name_en": "Khalid Alahmadi",
        "email": "khalid.alahmadi@gae.example.sa",
    },
}
