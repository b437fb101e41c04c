from __future__ import annotations

from django import template
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe

from learningcity.collaboration.services.channels import MENTION

register = template.Library()


@register.filter
def with_mentions(text: str) -> SafeString:
    """A post's text, escaped, in paragraphs, with each @mention isolated (<bdi>) so that a
    Latin username keeps its @ in place inside Arabic text, and marked for the eye."""
    escaped = escape(text)
    marked = MENTION.sub(lambda match: f'<bdi class="mention">@{match.group(1)}</bdi>', escaped)
    return mark_safe(linebreaks(marked, autoescape=False))  # noqa: S308 - escaped above
