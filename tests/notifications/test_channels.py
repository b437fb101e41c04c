"""Each SMS and WhatsApp back-end against a local server speaking the provider's documented API
(tests/message_providers.py): what it sends, what it makes of each documented answer, and that
an outage or a timeout is a failure worth retrying while a wrong number is not."""

import pytest

from learningcity.notifications.channels.base import PermanentFailure, TemporaryFailure
from learningcity.notifications.channels.sms import Taqnyat, Unifonic
from learningcity.notifications.channels.whatsapp import CloudAPI
from learningcity.notifications.models import OutboundMessage

ARABIC = "تأكّد مقعدك في دورة مهارات الحاسب. " * 3  # 111 letters: two Unicode parts


def _message(to="966512345678", body=ARABIC, language="ar"):
    return OutboundMessage(pk=7, channel="sms", to=to, body=body, language=language)


@pytest.mark.parametrize("backend", [Unifonic, Taqnyat])
def test_an_arabic_sms_goes_out_with_the_registered_sender_and_comes_back_counted(providers, backend):
    receipt = backend().send(_message())
    assert receipt.message_id and receipt.parts == 2
    assert providers.sms_to("966512345678") == [ARABIC]


def test_unifonic_receives_the_documented_form_fields(providers):
    Unifonic().send(_message())
    form = providers.received[0]["form"]
    assert form["SenderID"] == "MadinahEdu" and form["Recipient"] == "966512345678"
    assert form["responseType"] == "JSON" and form["CorrelationID"] == "7"


@pytest.mark.parametrize("backend", [Unifonic, Taqnyat])
def test_a_number_the_provider_refuses_is_not_retried(providers, backend):
    with pytest.raises(PermanentFailure):
        backend().send(_message(to="96651234"))
    assert providers.received == []


def test_unifonic_without_balance_is_worth_another_try(providers):
    providers.mode = "no_balance"
    with pytest.raises(TemporaryFailure, match="ER-01"):
        Unifonic().send(_message())


def test_a_wrong_key_is_not_retried(providers, settings):
    settings.UNIFONIC_APP_SID, settings.TAQNYAT_TOKEN, settings.WHATSAPP_TOKEN = "wrong", "wrong", "wrong"
    for backend in (Unifonic, Taqnyat, CloudAPI):
        with pytest.raises(PermanentFailure):
            backend().send(_message())


@pytest.mark.parametrize("mode", ["down", "slow"])
@pytest.mark.parametrize("backend", [Unifonic, Taqnyat, CloudAPI])
def test_an_outage_or_a_timeout_is_worth_another_try(providers, backend, mode):
    providers.mode = mode
    providers.slow_seconds = 2  # the client waits 1 s
    with pytest.raises(TemporaryFailure):
        backend().send(_message())


def test_whatsapp_sends_the_platforms_template_in_the_readers_language(providers):
    receipt = CloudAPI().send(_message(language="en", body="Your place is confirmed"))
    assert receipt.message_id.startswith("wamid.")
    template = providers.received[0]["template"]
    assert template["name"] == "learning_city_notice" and template["language"] == {"code": "en"}
    assert template["components"][0]["parameters"][0]["text"] == "Your place is confirmed"


def test_whatsapp_throttling_is_retried_and_an_unknown_template_is_not(providers, settings):
    providers.mode = "throttled"
    with pytest.raises(TemporaryFailure, match="130429"):
        CloudAPI().send(_message())
    providers.mode = "ok"
    settings.WHATSAPP_TEMPLATE = "no_such_template"
    with pytest.raises(PermanentFailure, match="132001"):
        CloudAPI().send(_message())
