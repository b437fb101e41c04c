from django.urls import path

from learningcity.coordination.views import action_items, agenda, attendance, documents, meetings

app_name = "coordination"

urlpatterns = [
    path("meetings/", meetings.meeting_list, name="meeting_list"),
    path("meetings/new/", meetings.meeting_create, name="meeting_create"),
    path("meetings/new-series/", meetings.meeting_create, {"series": True}, name="meeting_series_create"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/reply/", meetings.invitation_reply, name="invitation_reply"),
    path("meetings/<int:pk>/attachments/", meetings.attachment_add, name="attachment_add"),
    path("meetings/<int:pk>/agenda/", agenda.agenda_item_add, name="agenda_item_add"),
    path("meetings/agenda/<int:pk>/edit/", agenda.agenda_item_edit, name="agenda_item_edit"),
    path("meetings/agenda/<int:pk>/delete/", agenda.agenda_item_delete, name="agenda_item_delete"),
    path("meetings/agenda/<int:pk>/move/", agenda.agenda_item_move, name="agenda_item_move"),
    path("meetings/<int:pk>/attendance/", attendance.attendance_add, name="attendance_add"),
    path("meetings/attendance/<int:pk>/remove/", attendance.attendance_remove, name="attendance_remove"),
    path("meetings/<int:pk>/check-in/", attendance.check_in, name="check_in"),
    path("meetings/<int:pk>/check-in.svg", attendance.checkin_qr, name="checkin_qr"),
    path("meetings/<int:pk>/decisions/", meetings.decision_add, name="decision_add"),
    path("meetings/decisions/<int:pk>/edit/", agenda.decision_edit, name="decision_edit"),
    path("meetings/decisions/<int:pk>/delete/", agenda.decision_delete, name="decision_delete"),
    path("meetings/<int:pk>/minutes/publish/", meetings.minutes_publish, name="minutes_publish"),
    path("meetings/<int:pk>/minutes/correct/", meetings.minutes_correct, name="minutes_correct"),
    path("meetings/<int:pk>/minutes.pdf", documents.minutes_pdf, name="minutes_pdf"),
    path("meetings/<int:pk>/calendar.ics", documents.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/action-items/new/", action_items.action_item_create, name="action_item_create"),
    path("action-items/", action_items.action_item_tracker, name="action_item_list"),
    path("action-items/mine/", action_items.my_action_items, name="my_action_items"),
    path("action-items/<int:pk>/", action_items.action_item_detail, name="action_item_detail"),
    path("action-items/<int:pk>/edit/", action_items.action_item_edit, name="action_item_edit"),
    path("action-items/<int:pk>/progress/", action_items.action_item_progress, name="action_item_progress"),
    path("calendar/<str:token>.ics", documents.calendar_feed, name="calendar_feed"),
    path("calendar/regenerate/", documents.calendar_feed_regenerate, name="calendar_feed_regenerate"),
    path("calendar/revoke/", documents.calendar_feed_revoke, name="calendar_feed_revoke"),
]
