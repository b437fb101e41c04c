"""The permission matrix: every address the platform answers (pages, API, open data, back
office) × every role × read (GET) and write (POST; PATCH on an API record).

Each address names who is *served*; every other role must be refused (403/404/405, or sent to
sign in), and a refused write leaves no trace in the audit log. An address in the URL
configuration without an expectation here fails `test_every_address_has_an_expectation`, so a
new page cannot ship without someone deciding who may use it.

The per-app matrices (tests/*/test_permissions.py) post real forms and check what changed;
this one is about reach: nobody gets past the door they should not. The writes here carry an
empty form, so "served" means let past the door: a role that passes it may still be refused by
the form or the service for the particular record it names (coordinator B choosing entity A's
initiative in a resource request, say), which the per-app matrices check with real forms.

The same walk checks two more things on every answer: who finds the learner's contact details
or accommodation needs in it (`personal`), and that no page prints stored text unescaped (every
free-text column of the world holds a script payload; see tests/test_escaping.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib import admin
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from learningcity.catalogue import credentials
from learningcity.core.admin import ReadOnlyAdmin
from learningcity.core.models import AuditAction, AuditEntry
from tests.conftest import client_for, folders, module_data
from tests.world import PERSONAL_MARKERS, ROLES, UNESCAPED, build_world, form_address, plant_payloads

# The world is built once per module: under xdist every case of the module runs on one worker
# (make test passes --dist loadgroup), so the world is not built again on the other.
pytestmark = pytest.mark.xdist_group("permission-matrix")

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {"anonymous"}
STAFF = SIGNED_IN - {"learner"}
MANAGER = frozenset({"manager"})
OWNER = frozenset({"manager", "coordinator_a"})  # entity A's coordinator and the managers
COORDINATORS = frozenset({"manager", "coordinator_a", "coordinator_b"})
NOBODY: frozenset[str] = frozenset()


def roles(*names: str) -> frozenset[str]:
    unknown = set(names) - EVERYONE
    assert not unknown, unknown
    return frozenset(names)


@dataclass(frozen=True)
class Expect:
    """Who is served on GET (`read`) and on POST/PATCH (`write`) at one address."""

    read: frozenset[str]
    write: frozenset[str]
    kwargs: Callable[[dict], dict[str, Any]] = lambda world: {}
    label: str = ""
    # Who finds the learner's mobile number, e-mail or accommodation needs in the answer.
    personal: frozenset[str] = frozenset()


def pk(key: str, name: str = "pk") -> Callable[[dict], dict[str, Any]]:
    return lambda world: {name: world[key].pk}


def fixed(**kwargs: Any) -> Callable[[dict], dict[str, Any]]:
    return lambda world: kwargs


def slug(key: str) -> Callable[[dict], dict[str, Any]]:
    return lambda world: {"slug": world[key].slug}


def code(key: str) -> Callable[[dict], dict[str, Any]]:
    return lambda world: {"code": world[key].code}


def uuid(key: str) -> Callable[[dict], dict[str, Any]]:
    return lambda world: {"uuid": str(world[key].uuid)}


E = Expect
# A page with no write path that answers a POST as it answers a GET (function views that do
# not check the method): the POST must reach the same people and change nothing.
READ_ONLY = frozenset({"read only"})


# Addresses deliberately outside the matrix, with the reason.
EXEMPT = {
    # Django's static() helper: only mounted with DEBUG on a developer's machine; production
    # serves public uploads from the proxy or object storage, private files never from here.
    "^media/(?P<path>.*)$": "development-only file serving",
    # No person uses it: only a call signed with the WhatsApp app's secret is heard
    # (tests/notifications/test_delivery_reports.py refuses unsigned and wrongly signed ones).
    "whatsapp_webhook": "the WhatsApp Cloud API's signed delivery receipts",
    # No person uses it either: only a call to the address holding UNIFONIC_DLR_SECRET is heard
    # (tests/notifications/test_delivery_reports.py refuses a wrong or unset secret).
    "unifonic_dlr_webhook": "Unifonic's delivery receipts, at an address holding a secret",
}

EXPECTATIONS: dict[str, Expect | list[Expect]] = {
    "root": E(EVERYONE, NOBODY),
    "healthz": E(EVERYONE, NOBODY),
    "readyz": E(EVERYONE, NOBODY),
    "set_language": E(NOBODY, EVERYONE),
    "api-schema": E(EVERYONE, NOBODY),
    "api-docs": E(EVERYONE, NOBODY),
    "open_data_csv": E(EVERYONE, NOBODY, fixed(kind="partners")),
    "open_data_package": E(EVERYONE, NOBODY),
    "open_data_catalog": E(EVERYONE, NOBODY),
    "open_data_hsds": E(EVERYONE, NOBODY),
    "open_data_hsds_services": E(EVERYONE, NOBODY),
    "home": E(EVERYONE, READ_ONLY),
    "my_work": E(SIGNED_IN, READ_ONLY),
    "core:geography": E(EVERYONE, READ_ONLY),
    "core:accessibility": E(EVERYONE, READ_ONLY),
    "core:audit_log": E(MANAGER, READ_ONLY),
    # Uploaded documents are served only through this address (learningcity/core/files.py).
    "core:document": [
        E(
            STAFF,
            READ_ONLY,
            lambda world: {"kind": "meeting-attachment", "pk": world["attachment"].pk},
            "[meeting]",
        ),
        E(
            STAFF,
            READ_ONLY,
            lambda world: {"kind": "initiative-document", "pk": world["document"].pk},
            "[initiative]",
        ),
        E(
            STAFF,
            READ_ONLY,
            lambda world: {"kind": "practice-attachment", "pk": world["practice_attachment"].pk},
            "[practice]",
        ),
        E(
            OWNER,
            READ_ONLY,
            lambda world: {"kind": "channel-attachment", "pk": world["channel_post"].pk},
            "[channel]",
        ),
    ],
    "login": E(EVERYONE, EVERYONE),
    "logout": E(NOBODY, EVERYONE),
    "password_reset": E(EVERYONE, EVERYONE),
    "password_change": E(SIGNED_IN, SIGNED_IN),
    "password_change_done": E(SIGNED_IN, NOBODY),
    "password_reset_done": E(EVERYONE, NOBODY),
    "password_reset_confirm": E(EVERYONE, EVERYONE, fixed(uidb64="MQ", token="set-password")),
    "password_reset_complete": E(EVERYONE, NOBODY),
    "accounts:profile": E(SIGNED_IN, READ_ONLY, personal=roles("learner")),
    # Signing in through an identity provider (the local one, started for the tests): anyone
    # may go out and come back (a return without the session's state is refused with 400);
    # the pages of a link or a sign-up waiting in the session send everyone else home.
    "identity:start": E(EVERYONE, NOBODY, fixed(name="national")),
    "identity_callback": E(EVERYONE, NOBODY, fixed(name="national")),
    "identity:link": E(EVERYONE, EVERYONE),
    "identity:new_learner": E(EVERYONE, EVERYONE),
    "identity:waiting": E(EVERYONE, EVERYONE),
    "identity:linked": E(SIGNED_IN, READ_ONLY),
    "identity:link_start": E(SIGNED_IN, NOBODY, fixed(name="national")),
    "identity:unlink": E(NOBODY, roles("learner"), pk("identity")),
    "identity:staff_rule": E(MANAGER, MANAGER),
    "partners:list": E(EVERYONE, READ_ONLY),
    "partners:create": E(MANAGER, MANAGER),
    "partners:detail": E(EVERYONE, READ_ONLY, pk("entity_a")),
    "partners:edit": E(OWNER, OWNER, pk("entity_a")),
    "partners:coordinator_create": E(OWNER, OWNER, pk("entity_a")),
    "partners:coordinator_edit": E(OWNER, OWNER, pk("coordinator_record")),
    "partners:coordinator_delete": E(NOBODY, OWNER, pk("coordinator_record")),
    "partners:agreements": E(STAFF, READ_ONLY),
    "partners:agreement_create": E(MANAGER, MANAGER),
    "partners:agreement_edit": E(MANAGER, MANAGER, pk("agreement")),
    "partners:responsibilities": E(EVERYONE, MANAGER),
    "partners:responsibility_delete": E(NOBODY, MANAGER, pk("responsibility")),
    "coordination:meeting_list": E(STAFF, READ_ONLY),
    "coordination:meeting_create": E(MANAGER, MANAGER),
    "coordination:meeting_series_create": E(MANAGER, MANAGER),
    "coordination:meeting_detail": E(STAFF, READ_ONLY, pk("meeting")),
    "coordination:meeting_edit": E(MANAGER, MANAGER, pk("meeting")),
    "coordination:meeting_cancel": E(NOBODY, MANAGER, pk("meeting")),
    "coordination:invitation_reply": E(NOBODY, STAFF, pk("meeting")),
    "coordination:attachment_add": E(NOBODY, MANAGER, pk("meeting")),
    "coordination:agenda_item_add": E(NOBODY, MANAGER, pk("meeting")),
    "coordination:agenda_item_edit": E(MANAGER, MANAGER, pk("agenda")),
    "coordination:agenda_item_delete": E(NOBODY, MANAGER, pk("agenda")),
    "coordination:agenda_item_move": E(NOBODY, MANAGER, pk("agenda")),
    "coordination:attendance_add": E(NOBODY, MANAGER, pk("meeting")),
    "coordination:attendance_remove": E(NOBODY, MANAGER, pk("attendance")),
    "coordination:check_in": E(STAFF, STAFF, pk("meeting")),
    "coordination:checkin_qr": E(MANAGER, READ_ONLY, pk("meeting")),
    "coordination:decision_add": E(NOBODY, MANAGER, pk("meeting")),
    "coordination:decision_edit": E(MANAGER, MANAGER, pk("decision")),
    "coordination:decision_delete": E(NOBODY, MANAGER, pk("decision")),
    "coordination:minutes_publish": E(NOBODY, MANAGER, pk("meeting")),
    "coordination:minutes_correct": E(NOBODY, MANAGER, pk("meeting")),
    "coordination:minutes_pdf": E(STAFF, READ_ONLY, pk("meeting")),
    "coordination:meeting_ics": E(STAFF, READ_ONLY, pk("meeting")),
    "coordination:action_item_create": E(MANAGER, MANAGER, pk("meeting")),
    "coordination:action_item_list": E(STAFF, READ_ONLY),
    "coordination:my_action_items": E(STAFF, READ_ONLY),
    "coordination:action_item_detail": E(STAFF, READ_ONLY, pk("action_item")),
    "coordination:action_item_edit": E(MANAGER, MANAGER, pk("action_item")),
    "coordination:action_item_progress": E(NOBODY, OWNER, pk("action_item")),
    "coordination:calendar_feed": E(EVERYONE, READ_ONLY, lambda world: {"token": world["feed"].token}),
    "coordination:calendar_feed_regenerate": E(NOBODY, SIGNED_IN),
    "coordination:calendar_feed_revoke": E(NOBODY, SIGNED_IN),
    "programme:roadmap": E(STAFF, READ_ONLY),
    "programme:timeline": E(STAFF, READ_ONLY),
    "programme:axis_board": E(
        STAFF, READ_ONLY, lambda world: {"number": world["initiative"].track.axis.number}
    ),
    "programme:initiative_list": E(STAFF, READ_ONLY),
    "programme:at_risk": E(STAFF, READ_ONLY),
    "programme:initiative_create": E(COORDINATORS, COORDINATORS),
    "programme:initiative_detail": E(STAFF, READ_ONLY, pk("initiative")),
    "programme:initiative_edit": E(OWNER, OWNER, pk("initiative")),
    "programme:milestone_add": E(NOBODY, OWNER, pk("initiative")),
    "programme:milestone_edit": E(OWNER, OWNER, pk("milestone")),
    "programme:milestone_delete": E(NOBODY, OWNER, pk("milestone")),
    "programme:partner_add": E(NOBODY, OWNER, pk("initiative")),
    "programme:partner_remove": E(
        NOBODY, OWNER, lambda world: {"pk": world["initiative"].pk, "entity_pk": world["partner"].pk}
    ),
    "programme:funding_add": E(NOBODY, OWNER, pk("initiative")),
    "programme:funding_delete": E(NOBODY, OWNER, pk("funding")),
    "programme:document_add": E(NOBODY, OWNER, pk("initiative")),
    "programme:note_add": E(NOBODY, OWNER, pk("initiative")),
    "programme:beneficiaries_add": E(NOBODY, OWNER, pk("initiative")),
    "programme:challenge_add": E(NOBODY, OWNER, pk("initiative")),
    "programme:evaluation_add": E(NOBODY, roles("evaluator", "manager"), pk("initiative")),
    "programme:recommendation_to_action": E(MANAGER, MANAGER, pk("recommendation")),
    "programme:proposal_submit": E(SIGNED_IN, SIGNED_IN),
    "programme:proposal_list": E(SIGNED_IN, READ_ONLY),
    "programme:proposal_detail": E(OWNER, READ_ONLY, pk("proposal")),
    "programme:proposal_review": E(NOBODY, MANAGER, pk("proposal")),
    "programme:resource_list": E(STAFF, READ_ONLY),
    "programme:resource_create": E(COORDINATORS, COORDINATORS),
    "programme:resource_detail": E(STAFF, READ_ONLY, pk("resource")),
    "programme:resource_edit": E(OWNER, OWNER, pk("resource")),
    "programme:resource_request": E(NOBODY, COORDINATORS, pk("resource")),
    "programme:resource_request_decide": E(NOBODY, OWNER, pk("resource_request")),
    "programme:challenge_list": E(STAFF, READ_ONLY),
    "programme:challenge_detail": E(STAFF, OWNER, pk("challenge")),
    "programme:challenge_escalate": E(NOBODY, OWNER, pk("challenge")),
    "indicators:dashboard": E(STAFF, READ_ONLY),
    "indicators:list": E(STAFF, READ_ONLY),
    "indicators:create": E(MANAGER, MANAGER),
    "indicators:framework": E(STAFF, READ_ONLY),
    "indicators:framework_code": E(STAFF, READ_ONLY, fixed(code="unesco-kf")),
    "indicators:freshness": E(STAFF, READ_ONLY),
    "datacollection:to_fill": E(STAFF, READ_ONLY),
    "datacollection:to_approve": E(STAFF, READ_ONLY),
    "datacollection:data_sets": E(STAFF, READ_ONLY),
    "datacollection:data_set": E(STAFF, READ_ONLY, pk("data_set")),
    "datacollection:data_set_create": E(MANAGER, MANAGER),
    "datacollection:data_set_edit": E(MANAGER, MANAGER, pk("data_set")),
    "datacollection:approvers": E(STAFF, READ_ONLY),
    "datacollection:approver_form": E(MANAGER, MANAGER, lambda world: {"scope": f"city:{world['city'].pk}"}),
    "indicators:rules": E(STAFF, READ_ONLY),
    "indicators:action_plan": E(STAFF, READ_ONLY, pk("action_plan")),
    "indicators:action_plan_edit": E(OWNER, OWNER, pk("action_plan")),
    "indicators:action_plan_create": E(OWNER, OWNER, pk("indicator", "indicator_pk")),
    "indicators:action_plan_add_action": E(NOBODY, MANAGER, pk("action_plan")),
    "indicators:rule_create": E(MANAGER, MANAGER),
    "indicators:rule_edit": E(MANAGER, MANAGER, pk("rule")),
    "indicators:rule_report": E(MANAGER, READ_ONLY),
    "datacollection:form": E(OWNER, OWNER, form_address(0)),
    "datacollection:form_check": E(NOBODY, OWNER, form_address(0)),
    "datacollection:form_approve": E(NOBODY, MANAGER, form_address(1)),
    "datacollection:form_return": E(NOBODY, MANAGER, form_address(1)),
    "datacollection:form_unlock": E(NOBODY, MANAGER, form_address(2)),
    "indicators:verification": E(MANAGER, READ_ONLY),
    "indicators:verification_decide": E(NOBODY, MANAGER),
    "indicators:detail": E(STAFF, READ_ONLY, pk("indicator")),
    "indicators:edit": E(MANAGER, MANAGER, pk("indicator")),
    "indicators:target_add": E(NOBODY, MANAGER, pk("indicator")),
    "indicators:report": E(OWNER, OWNER, pk("indicator")),
    "indicators:public_list": E(EVERYONE, READ_ONLY),
    "indicators:public_detail": E(EVERYONE, READ_ONLY, code("indicator")),
    "indicators:public_metadata": E(EVERYONE, READ_ONLY, code("indicator")),
    "indicators:public_csv": E(EVERYONE, READ_ONLY, code("indicator")),
    "notifications:list": E(SIGNED_IN, READ_ONLY),
    "notifications:read_all": E(NOBODY, SIGNED_IN),
    "notifications:read": E(NOBODY, SIGNED_IN, pk("notification")),
    "notifications:preferences": E(SIGNED_IN, SIGNED_IN),
    "notifications:delivery_log": E(MANAGER, READ_ONLY),
    "notifications:announcement_list": E(STAFF, READ_ONLY),
    "notifications:announcement_create": E(MANAGER, MANAGER),
    "notifications:announcement_detail": E(COORDINATORS, READ_ONLY, pk("announcement")),
    "catalogue:search": E(EVERYONE, NOBODY),
    "catalogue:opportunity_detail": E(EVERYONE, NOBODY, pk("opportunity")),
    "catalogue:opportunity_calendar": E(EVERYONE, NOBODY, pk("opportunity")),
    "catalogue:provider_detail": E(EVERYONE, NOBODY, pk("entity_a")),
    "catalogue:session_register": E(EVERYONE, roles("learner"), pk("session")),
    "catalogue:session_register_group": E(roles("learner"), roles("learner"), pk("session")),
    "catalogue:manage_list": E(COORDINATORS, READ_ONLY),
    "catalogue:opportunity_create": E(COORDINATORS, COORDINATORS),
    "catalogue:opportunity_edit": E(OWNER, OWNER, pk("opportunity")),
    "catalogue:opportunity_status": E(NOBODY, OWNER, pk("opportunity")),
    "catalogue:manage_sessions": E(OWNER, OWNER, pk("opportunity")),
    "catalogue:session_edit": E(OWNER, OWNER, pk("session")),
    "catalogue:session_cancel": E(NOBODY, OWNER, pk("session")),
    "catalogue:session_registrants": E(OWNER, READ_ONLY, pk("session"), personal=OWNER),
    "catalogue:session_attendance": E(NOBODY, OWNER, pk("past_session")),
    "catalogue:session_complete": E(NOBODY, OWNER, pk("past_session")),
    "catalogue:campaign_list": E(EVERYONE, NOBODY),
    "catalogue:campaign_detail": E(EVERYONE, NOBODY, lambda world: {"slug": world["campaign"].slug}),
    "catalogue:sign_up": E(EVERYONE, EVERYONE),
    "catalogue:mobile_verify": E(roles("learner"), roles("learner")),
    "catalogue:sign_in_code": E(EVERYONE, EVERYONE),
    "catalogue:privacy": E(EVERYONE, READ_ONLY),
    "catalogue:my_learning": E(SIGNED_IN, READ_ONLY),
    "catalogue:registration_detail": E(roles("learner"), READ_ONLY, pk("registration")),
    "catalogue:registration_calendar": E(roles("learner"), READ_ONLY, pk("registration")),
    "catalogue:learner_profile": E(roles("learner"), roles("learner"), personal=roles("learner")),
    "catalogue:my_data": E(roles("learner"), READ_ONLY, personal=roles("learner")),
    "catalogue:my_data_page": E(roles("learner"), READ_ONLY, personal=roles("learner")),
    "catalogue:delete_account": E(roles("learner"), roles("learner")),
    "catalogue:registration_cancel": E(
        NOBODY, roles("learner", "coordinator_a", "manager"), pk("registration")
    ),
    # Only the person offered a place takes it; the session's staff may let it go for them.
    "catalogue:offer_accept": E(NOBODY, roles("learner"), pk("registration")),
    "catalogue:offer_decline": E(NOBODY, roles("learner", "coordinator_a", "manager"), pk("registration")),
    "catalogue:saved_search_create": E(NOBODY, roles("learner")),
    # The host app: the hosts of sessions (a coordinator of an entity, a manager) check people
    # in; its manifest and service worker carry nothing of anyone's.
    "hostapp:app": E(COORDINATORS, NOBODY),
    "hostapp:service_worker": E(EVERYONE, NOBODY),
    "hostapp:manifest": E(EVERYONE, NOBODY),
    "hostapp:day": E(COORDINATORS, NOBODY),
    "hostapp:token": E(COORDINATORS, NOBODY),
    "hostapp:walk_in_places": E(NOBODY, OWNER, pk("session")),
    "hostapp:sync": E(NOBODY, COORDINATORS),
    "festivals:list": E(EVERYONE, READ_ONLY),
    "festivals:create": E(MANAGER, MANAGER),
    "festivals:programme": E(EVERYONE, READ_ONLY, slug("festival")),
    "festivals:edit": E(MANAGER, MANAGER, slug("festival")),
    # Open to everyone: an organisation without an account asks to host.
    "festivals:host_sign_up": E(EVERYONE, EVERYONE, slug("festival")),
    "festivals:submissions": E(COORDINATORS, READ_ONLY, slug("festival")),
    "festivals:event_submit": E(COORDINATORS, COORDINATORS, slug("festival")),
    "festivals:event_detail": E(OWNER, READ_ONLY, pk("festival_event")),
    "festivals:event_edit": E(OWNER, OWNER, pk("festival_event")),
    "festivals:event_review": E(NOBODY, MANAGER, pk("festival_event")),
    "festivals:host_list": E(MANAGER, READ_ONLY),
    "festivals:host_detail": E(MANAGER, READ_ONLY, pk("host_sign_up")),
    "festivals:host_review": E(NOBODY, MANAGER, pk("host_sign_up")),
    "catalogue:saved_search_delete": E(NOBODY, roles("learner"), pk("saved_search")),
    "credentials:issuer": E(EVERYONE, NOBODY),
    "credentials:key_set": E(EVERYONE, NOBODY),
    "credentials:key": E(EVERYONE, NOBODY, lambda world: {"kid": credentials.key_id()}),
    "credentials:revocation_list": E(EVERYONE, NOBODY),
    "catalogue:certificate_lookup": E(EVERYONE, NOBODY),
    "catalogue:certificate_verify": E(EVERYONE, NOBODY, uuid("certificate")),
    "catalogue:certificate_pdf": E(roles("learner", "coordinator_a", "manager"), NOBODY, uuid("certificate")),
    "catalogue:certificate_credential": E(
        roles("learner", "coordinator_a", "manager"), NOBODY, uuid("certificate")
    ),
    "catalogue:certificate_revoke": E(NOBODY, OWNER, uuid("certificate")),
    "collaboration:practice_list": E(STAFF, READ_ONLY),
    "collaboration:practice_create": E(COORDINATORS, COORDINATORS),
    "collaboration:practice_detail": [
        E(STAFF, READ_ONLY, pk("practice"), "[published]"),
        E(OWNER, READ_ONLY, pk("draft_practice"), "[awaiting review]"),
    ],
    "collaboration:practice_edit": [
        E(OWNER, OWNER, pk("practice"), "[published]"),
        E(OWNER, OWNER, pk("draft_practice"), "[awaiting review]"),
    ],
    "collaboration:practice_review": E(NOBODY, MANAGER, pk("draft_practice")),
    "collaboration:practice_attach": E(NOBODY, OWNER, pk("practice")),
    # Useful marks and comments: every staff member, on a published practice only (not even
    # its own entity before the review).
    # (tests/collaboration/test_practices.py: nobody responds to one awaiting review).
    "collaboration:practice_mark": E(NOBODY, STAFF, pk("practice")),
    "collaboration:practice_comment": E(NOBODY, STAFF, pk("practice")),
    # Entity A owns an initiative on the track; entity B has none there.
    "collaboration:channel_list": E(STAFF, READ_ONLY),
    "collaboration:channel": E(OWNER, READ_ONLY, pk("track")),
    "collaboration:channel_post": E(NOBODY, OWNER, pk("track")),
    "collaboration:channel_hide": E(NOBODY, MANAGER, pk("channel_post")),
    "collaboration:need_list": E(STAFF, READ_ONLY),
    "collaboration:contributions": E(STAFF, READ_ONLY),
    "collaboration:need_create": E(OWNER, OWNER),
    "collaboration:need_detail": E(STAFF, READ_ONLY, pk("need")),
    "collaboration:need_edit": E(OWNER, OWNER, pk("need")),
    "collaboration:need_close": E(NOBODY, OWNER, pk("need")),
    # Entity B pledges to entity A's need; entity A cannot pledge to its own initiative.
    "collaboration:pledge_create": E(NOBODY, roles("manager", "coordinator_b"), pk("need")),
    "collaboration:pledge_decide": E(NOBODY, OWNER, pk("pledge")),
    "collaboration:pledge_withdraw": E(NOBODY, roles("manager", "coordinator_b"), pk("pledge")),
    "collaboration:pledge_delivered": E(NOBODY, OWNER, pk("pledge")),
    "collaboration:story_list": E(EVERYONE, READ_ONLY),
    "collaboration:story_feed": E(EVERYONE, READ_ONLY),
    "collaboration:story_create": E(COORDINATORS, COORDINATORS),
    "collaboration:story_detail": [
        E(EVERYONE, READ_ONLY, pk("story"), "[published]"),
        E(OWNER, READ_ONLY, pk("draft_story"), "[awaiting review]"),
    ],
    "collaboration:story_edit": E(OWNER, OWNER, pk("story")),
    "collaboration:story_review": E(NOBODY, MANAGER, pk("draft_story")),
    "skills:gaps": E(STAFF, READ_ONLY),
    "skills:demand_list": E(STAFF, READ_ONLY),
    # Coordinators of government and private entities declare demand (A is government, B private).
    "skills:demand_create": E(COORDINATORS, COORDINATORS),
    "skills:demand_edit": E(OWNER, OWNER, pk("demand")),
    "skills:demand_withdraw": E(NOBODY, OWNER, pk("demand")),
    "skills:skill_list": E(STAFF, READ_ONLY),
    "skills:skill_create": E(MANAGER, MANAGER),
    "skills:skill_edit": E(MANAGER, MANAGER, pk("skill")),
    "skills:group_create": E(MANAGER, MANAGER),
    "skills:pathway_list": E(EVERYONE, READ_ONLY),
    "skills:pathway_detail": E(EVERYONE, READ_ONLY, pk("pathway")),
    "skills:pathway_create": E(MANAGER, MANAGER),
    "skills:pathway_edit": E(MANAGER, MANAGER, pk("pathway")),
    "skills:group_edit": E(MANAGER, MANAGER, lambda world: {"pk": world["skill"].group_id}),
    "exchange:token_list": E(COORDINATORS, COORDINATORS),
    "exchange:token_revoke": E(NOBODY, OWNER, pk("token")),
    "exchange:open_data": E(EVERYONE, NOBODY),
    "exchange:home": E(STAFF, READ_ONLY),
    "exchange:webhook_list": E(COORDINATORS, COORDINATORS),
    "exchange:webhook_detail": E(OWNER, READ_ONLY, pk("webhook")),
    "exchange:webhook_toggle": E(NOBODY, OWNER, pk("webhook")),
    "exchange:webhook_delete": E(NOBODY, OWNER, pk("webhook")),
    "exchange:template": E(STAFF, READ_ONLY, fixed(kind="partners", fmt="csv")),
    "exchange:export": [
        E(STAFF, READ_ONLY, fixed(kind="partners", fmt="csv"), "[partners]"),
        E(STAFF, READ_ONLY, fixed(kind="attendance", fmt="csv"), "[attendance]", personal=OWNER),
    ],
    "exchange:export_job": E(roles("coordinator_a"), READ_ONLY, pk("export_job")),
    "exchange:import_history": E(STAFF, READ_ONLY),
    "exchange:import_start": E(COORDINATORS, COORDINATORS),
    "exchange:import_run": E(OWNER, READ_ONLY, pk("import_run")),
    "exchange:import_commit": E(NOBODY, OWNER, pk("import_run")),
    "reports:index": E(STAFF, READ_ONLY),
    "reports:city_pdf": E(STAFF, READ_ONLY),
    "reports:city_xlsx": E(STAFF, READ_ONLY),
    "reports:initiative_pdf": E(STAFF, READ_ONLY, pk("initiative")),
    "reports:gnlc_create": E(NOBODY, MANAGER),
    "reports:gnlc_detail": E(STAFF, MANAGER, pk("gnlc")),
    "reports:gnlc_pdf": E(STAFF, READ_ONLY, pk("gnlc")),
    "reports:gnlc_xlsx": E(STAFF, READ_ONLY, pk("gnlc")),
    "reports:gnlc_versions": E(STAFF, READ_ONLY, pk("gnlc")),
    "reports:archive": E(STAFF, READ_ONLY),
    "reports:archive_download": E(STAFF, READ_ONLY, pk("archived")),
    "reports:subscribe": E(NOBODY, STAFF),
    "reports:unsubscribe": E(NOBODY, MANAGER, pk("subscription")),
}

# The API: each resource's list and one of entity A's records; writes are POST on the list and
# PATCH on the record. Signed-in staff reach the API through the session (the interactive
# docs); tokens are covered in tests/exchange/test_api_permissions.py.
API_RECORDS = {
    "entity": "entity_a",
    "track": None,
    "meeting": "meeting",
    "initiative": "initiative",
    "milestone": "milestone",
    "challenge": "challenge",
    "measurement": "measurement",
    "opportunity": "opportunity",
    "session": "session",
    "registration": "registration",
    "action-item": "action_item",
}
API_ACTIONS = {
    "opportunity-set-status": "opportunity",
    "session-attendance": "past_session",
    "session-complete": "past_session",
    "action-item-progress": "action_item",
}
# Lists: every staff member reads (rows scoped to what they may see); coordinators and managers
# may post to the resources that can be created (coordinator B is refused by the service for
# entity A's records, after validation: see tests/exchange/test_api_permissions.py).
API_CREATABLE = {"initiative", "milestone", "challenge", "measurement", "opportunity", "session"}
# Records: entity A's meeting, measurement, registration and action item are A's own business;
# the programme and catalogue records are visible to all staff. Updates: A and the managers.
API_PRIVATE_RECORDS = {"meeting", "measurement", "registration", "action-item"}
API_UPDATABLE = {"initiative", "milestone", "challenge", "opportunity", "session"}
for resource, record in API_RECORDS.items():
    EXPECTATIONS[f"api:{resource}-list"] = E(
        STAFF,
        COORDINATORS if resource in API_CREATABLE else NOBODY,
        personal=OWNER if resource == "registration" else NOBODY,
    )
    detail = (lambda world: {"pk": world["initiative"].track.pk}) if record is None else pk(record)
    EXPECTATIONS[f"api:{resource}-detail"] = E(
        OWNER if resource in API_PRIVATE_RECORDS else STAFF,
        OWNER if resource in API_UPDATABLE else NOBODY,
        detail,
        personal=OWNER if resource == "registration" else NOBODY,
    )
for action, record in API_ACTIONS.items():
    EXPECTATIONS[f"api:{action}"] = E(NOBODY, OWNER, pk(record))


# --- Walking the URL configuration ------------------------------------------------------------


def configured_addresses() -> set[str]:
    """Every address name in the URL configuration (unnamed ones by their pattern), without
    the back office, which `test_back_office` walks model by model."""

    def walk(patterns: list, namespace: str | None) -> Any:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or namespace
                if inner == "admin":
                    continue
                yield from walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                if pattern.name is None:
                    yield "root" if str(pattern.pattern) == "" else str(pattern.pattern)
                else:
                    yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns, None)) - set(EXEMPT)


def _url(name: str, kwargs: dict[str, Any]) -> str:
    return "/" if name == "root" else reverse(name, kwargs=kwargs)


def outcome(response: Any) -> str:
    """served, refused (403/404/405/401, or sent to sign in); a server error fails outright."""
    status = response.status_code
    assert status < 500, (status, response.content[:2000])
    if status in (301, 302) and "/login/" in response.get("Location", "").split("?")[0]:
        return "refused"
    if status in (401, 403, 404, 405):
        return "refused"
    return "served"


def _changes() -> int:
    return AuditEntry.objects.exclude(action=AuditAction.ACCESS).count()


def _request(client: Any, method: str, name: str, url: str) -> Any:
    if method == "GET":
        return client.get(url)
    if name.startswith("api:") and name.endswith("-detail"):
        return client.patch(url, data="{}", content_type="application/json")
    if name.startswith("api:"):
        return client.post(url, data="{}", content_type="application/json")
    return client.post(url, {})


def _body(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def observe(world: dict, name: str, expect: Expect) -> dict[str, set[str]]:
    """Who is served at `name`, per method. Each request runs in a savepoint that is rolled
    back, so one role's write (a deletion, say) does not change what the next role meets; a
    refused write, and any POST to a read-only address, must leave no audit entry."""
    url = _url(name, expect.kwargs(world))
    served: dict[str, set[str]] = {"GET": set(), "POST": set(), "personal": set()}
    for role in ROLES:
        for method in ("GET", "POST"):
            client = signed_in(world, role)
            with transaction.atomic():
                before = _changes()
                response = _request(client, method, name, url)
                result = outcome(response)
                if method == "GET" and result == "served":
                    body = _body(response)
                    if any(marker in body for marker in PERSONAL_MARKERS):
                        served["personal"].add(role)
                    if "html" in response.get("Content-Type", ""):
                        assert not [text for text in UNESCAPED if text in body], (name, role, "unescaped")
                if method == "POST" and (result == "refused" or expect.write is READ_ONLY):
                    assert _changes() == before, (name, role, "a refused write changed something")
                transaction.set_rollback(True)
            if result == "served":
                served[method].add(role)
    return served


@pytest.fixture(scope="module")
def world_root(tmp_path_factory):
    return tmp_path_factory.mktemp("world")


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker, world_root):
    """Built once for the module: every request here runs in a savepoint that is rolled back,
    so no case changes what the next one meets."""
    with module_data(django_db_blocker, world_root):
        world = build_world()
        # Every free-text column holds a script payload, so every page walked is also an
        # escaping test (tests/test_escaping.py checks the planting itself).
        plant_payloads()
        world["sessions"] = {role: _session_of(client_for(user)) for role, user in world["users"].items()}
        yield world


def _session_of(client: Client) -> str | None:
    cookie = client.cookies.get(django_settings.SESSION_COOKIE_NAME)
    return cookie.value if cookie else None


def signed_in(world: dict, role: str) -> Client:
    """A fresh client in the session `role` signed in with when the world was built. A real
    sign-in (a new session, the lockout records cleared, the last sign-in written) cost more
    than most requests of the walk, and the walk made one for every role, method and address.
    Each client is new, so a request that signs out or changes the session key (and is rolled
    back) leaves the next one as it was."""
    client = Client()
    if session := world["sessions"][role]:
        client.cookies[django_settings.SESSION_COOKIE_NAME] = session
    return client


@pytest.fixture
def world(module_world, world_root, db, settings, identity_provider_server):
    # Every role posts to the rate-limited forms here; the limits have their own tests.
    settings.RATE_LIMITS = dict.fromkeys(settings.RATE_LIMITS, (10000, 3600))
    settings.IDENTITY_PROVIDERS = identity_provider_server.settings_for("national", "organisation")
    for name, path in folders(world_root).items():
        setattr(settings, name, path)
    return module_world


def test_every_address_has_an_expectation():
    configured = configured_addresses()
    missing = sorted(configured - set(EXPECTATIONS))
    stale = sorted(set(EXPECTATIONS) - configured)
    assert not missing, f"addresses without an expectation in the permission matrix: {missing}"
    assert not stale, f"expectations for addresses that no longer exist: {stale}"


def test_every_address_lets_someone_in():
    """A wrong record in the address would refuse everyone and prove nothing."""
    for name, expectations in EXPECTATIONS.items():
        for expect in expectations if isinstance(expectations, list) else [expectations]:
            assert expect.read | expect.write, name


def _cases() -> list[tuple[str, Expect]]:
    cases = []
    for name, expectations in EXPECTATIONS.items():
        for expect in expectations if isinstance(expectations, list) else [expectations]:
            cases.append((name, expect))
    return cases


def preferred_role(roles: frozenset[str]) -> str | None:
    """The role to walk an address as: the one who sees the most there."""
    for role in ("manager", "coordinator_a", "learner", "anonymous"):
        if role in roles:
            return role
    return next(iter(sorted(roles)), None)


def cases_in_shares(group: str, shares: int) -> list[Any]:
    """Every (name, expect) case, dealt round-robin into `shares` xdist groups: building the
    world takes a second, so each share builds its own and the shares run on every core,
    where one group held the longest run of the suite on a single worker."""
    return [
        pytest.param(
            name, expect, id=f"{name}{expect.label}", marks=pytest.mark.xdist_group(f"{group}-{i % shares}")
        )
        for i, (name, expect) in enumerate(_cases())
    ]


@pytest.mark.parametrize(("name", "expect"), cases_in_shares("permission-matrix", 2))
def test_address(world, name, expect):
    served = observe(world, name, expect)
    write = expect.read if expect.write is READ_ONLY else expect.write
    assert (served["GET"], served["POST"]) == (set(expect.read), set(write)), name
    assert served["personal"] == set(expect.personal), (name, "who sees the learner's personal data")


# Third-party records kept by the superuser only (groups, lockout logs, the job queue).
SUPERUSER_ONLY_APPS = {"auth", "axes", "django_rq", "django_tasks_database"}


def _back_office_addresses(world: dict) -> list[tuple[str, dict[str, bool]]]:
    """The back office's index, and each registered model's list, add form and the change
    form of one of its records where the world has one; each with whether a programme manager
    is let in to read (GET) and to write (POST). The audit log, and the records changed only
    through the platform's pages (ReadOnlyAdmin: registrations), are read there, never written."""
    addresses = [(reverse("admin:index"), {"GET": True, "POST": True})]
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        manager_in = meta.app_label not in SUPERUSER_ONLY_APPS
        writable = manager_in and not isinstance(model_admin, ReadOnlyAdmin)
        prefix = f"admin:{meta.app_label}_{meta.model_name}"
        addresses.append((reverse(f"{prefix}_changelist"), {"GET": manager_in, "POST": manager_in}))
        addresses.append((reverse(f"{prefix}_add"), {"GET": writable, "POST": writable}))
        # (Unmanaged models, such as the job queue's dashboard, have no table to read from.)
        record = model._default_manager.order_by("pk").first() if meta.managed else None
        if record is not None:
            change = reverse(f"{prefix}_change", args=[record.pk])
            addresses.append((change, {"GET": manager_in, "POST": writable}))
    return addresses


def test_back_office(world):
    """Only programme managers pass the back office's door, for reading and for writing."""
    wrong = []
    for url, manager_in in _back_office_addresses(world):
        for role in ROLES:
            client = signed_in(world, role)
            for method in ("GET", "POST"):
                with transaction.atomic():
                    before = _changes()
                    response = client.get(url) if method == "GET" else client.post(url, {})
                    result = outcome(response)
                    if result == "refused":
                        assert _changes() == before, (url, role)
                    transaction.set_rollback(True)
                if (result == "served") != (role == "manager" and manager_in[method]):
                    wrong.append((url, role, method, response.status_code))
    assert wrong == [], wrong[:20]
