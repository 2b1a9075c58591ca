"""Drafting: figures → 第三部分 情况说明 through a Jinja2 template set."""

from narrator.draft.output import write_draft
from narrator.draft.render import Draft, draft
from narrator.draft.templates import TemplateSet, available_sets, load_template_set

__all__ = ["Draft", "TemplateSet", "available_sets", "draft", "load_template_set", "write_draft"]
