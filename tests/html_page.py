"""What a browser makes of a page, for the tests that check city text stays text."""

from __future__ import annotations

from html.parser import HTMLParser

SCRIPT = "<script>alert(1)</script>"
# Planted in every text column a city controls; none may come back as a live tag.
HOSTILE = (SCRIPT, "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>')


class ParsedPage(HTMLParser):
    """A page's tags with their attributes, script bodies, and text."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)
