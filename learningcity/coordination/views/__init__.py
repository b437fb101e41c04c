"""Coordination pages, one module per part: meetings, agenda, attendance, minutes, action items,
calendars."""
