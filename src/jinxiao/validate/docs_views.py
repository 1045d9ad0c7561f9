"""Data Docs page views that HTML-escape every value the renderers hand over as plain text.

GX 1.x renders its pages from *.j2 templates, which its `select_autoescape(["html", "xml"])` does
not cover, so nothing is escaped by Jinja. It escapes string-template params itself (without
quotes), but a plain string or a list element in a table cell goes out raw: a city's activity name
in the unexpected-values table of `expect_compound_columns_to_be_unique` became a live <script>.
Renderers put their own markup in string templates or content-block dicts, never in bare strings,
so escaping bare strings here leaves GX's markup alone and catches every value, whichever
expectation shows it. The site config in data_docs.py names these classes for every section.
"""

from __future__ import annotations

import html
from typing import Any

from great_expectations.render.view import DefaultJinjaIndexPageView, DefaultJinjaPageView
from jinja2 import pass_context


def _escaped(value: object) -> object:
    return html.escape(value) if isinstance(value, str) else value


class _EscapeValues:
    @staticmethod
    def _escape_template_param_value(value: Any) -> Any:
        # Quotes too: a param that lands in an attribute must not be able to close it.
        return _escaped(value)

    @pass_context
    def render_content_block(
        self,
        jinja_context: Any,
        content_block: Any,
        index: Any = None,
        content_block_id: Any = None,
        render_to_markdown: bool = False,
    ) -> Any:
        if isinstance(content_block, str):
            return html.escape(content_block)
        if isinstance(content_block, list):
            content_block = [_escaped(item) for item in content_block]
        return super().render_content_block(  # type: ignore[misc]
            jinja_context, content_block, index, content_block_id, render_to_markdown
        )

    def render_string_template(self, template: Any) -> Any:
        # A bare string where a template dict is expected is text, not markup.
        if isinstance(template, str):
            return html.escape(template)
        return super().render_string_template(template)  # type: ignore[misc]


class EscapingPageView(_EscapeValues, DefaultJinjaPageView):
    """Suite and validation pages."""


class EscapingIndexPageView(_EscapeValues, DefaultJinjaIndexPageView):
    """The site's index."""
