"""A keyboard and mouse list that renders only the rows on screen.

A DataTable or ListView builds a widget or row object per item, which takes
seconds at 50,000 journal entries. This list keeps a reference to a sequence
and renders each visible line on demand, so its cost depends on the height of
the screen, not on the length of the journal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.color import Color
from rich.style import Style
from rich.text import Span, Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .. import keys

#: The least contrast (WCAG ratio) a coloured mark keeps on the cursor row;
#: a colour closer to the cursor's background gives way to its foreground.
MIN_CONTRAST = 3.0
READABLE_TEXT = (Color.parse("#000000"), Color.parse("#ffffff"))


def contrast(one: Color, other: Color) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(color: Color) -> float:
        def channel(value: int) -> float:
            c = value / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = color.get_truecolor()
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def on_cursor(text: Text, cursor: Style) -> None:
    """Put ``text`` on the cursor's background: each coloured part keeps its
    colour where it stays readable there, else takes the cursor's foreground
    (its marks, F/I, !, ~, ✓, still say what the colour said)."""
    background, foreground = cursor.bgcolor, cursor.color
    if background is not None and foreground is not None:
        if contrast(foreground, background) < MIN_CONTRAST:
            # A theme's own cursor text can be faint (white on light blue).
            foreground = max(READABLE_TEXT, key=lambda c: contrast(c, background))
            cursor += Style(color=foreground)
        spans = []
        for span in text.spans:
            style = span.style if isinstance(span.style, Style) else Style.parse(span.style)
            if style.color is not None and contrast(style.color, background) < MIN_CONTRAST:
                style += Style(color=foreground)
            spans.append(Span(span.start, span.end, style))
        text.spans = spans
    text.stylize_before(cursor)


class RowList(ScrollView, can_focus=True):
    """A virtual list: subclasses say how one item renders (``render_item``)."""

    BINDINGS: ClassVar[list[BindingType]] = keys.bindings("list")
    COMPONENT_CLASSES: ClassVar[set[str]] = {"rowlist--cursor", "rowlist--cursor-blurred"}

    DEFAULT_CSS = """
    RowList {
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        background: transparent;
        & > .rowlist--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
        & > .rowlist--cursor-blurred {
            background: $block-cursor-blurred-background;
            color: $foreground;
        }
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    class Highlighted(Message):
        """The cursor moved to another item."""

        def __init__(self, rows: RowList, item: Any) -> None:
            super().__init__()
            self.rows = rows
            self.item = item

        @property
        def control(self) -> RowList:
            return self.rows

    class Selected(Highlighted):
        """Enter or a double click on an item."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._items: Sequence[Any] = ()
        self._line_style: Style | None = None

    @property
    def items(self) -> Sequence[Any]:
        return self._items

    @property
    def item(self) -> Any | None:
        """The item under the cursor, if any."""
        if 0 <= self.cursor < len(self._items):
            return self._items[self.cursor]
        return None

    def set_items(self, items: Sequence[Any], cursor: int | None = None) -> None:
        """Show ``items`` (kept by reference, never copied)."""
        before = self.item
        self._items = items
        self._resize_virtual(len(items))
        target = self.cursor if cursor is None else cursor
        self.cursor = max(0, min(target, len(items) - 1))
        if self.item is not before:
            self.post_message(self.Highlighted(self, self.item))
        self.refresh()

    def _resize_virtual(self, count: int) -> None:
        size = Size(0, count)
        if size == self.virtual_size:
            return
        height = self.scrollable_content_region.height
        same_bars = (count > height) == (self.virtual_size.height > height)
        if self.is_mounted and (same_bars or self.styles.overflow_y == "scroll"):
            # Same scrollbars as before: a new layout of the whole screen (what
            # assigning virtual_size does) would only cost time on every move
            # through the stakeholders, so update the scroll range in place.
            self.set_reactive(RowList.virtual_size, size)
            self._scroll_update(size)
        else:
            self.virtual_size = size

    def render_item(self, item: Any, width: int) -> Text:  # pragma: no cover - abstract
        return Text(str(item))

    def render_lines(self, crop: Region) -> list[Strip]:
        # The widget's own style walks every ancestor: once per repaint, not per line.
        self._line_style = self.rich_style
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        style = self.rich_style if self._line_style is None else self._line_style
        if not 0 <= index < len(self._items):
            return Strip.blank(width, style)
        text = self.render_item(self._items[index], width)
        text.truncate(width, overflow="ellipsis", pad=True)
        if index == self.cursor:
            name = "rowlist--cursor" if self.has_focus else "rowlist--cursor-blurred"
            on_cursor(text, self.get_component_rich_style(name, partial=True))
        segments = list(text.render(self.app.console))
        return Strip(segments, width).apply_style(style)

    def watch_cursor(self, old: int, new: int) -> None:
        top = self.scroll_offset.y
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True)
        if self.scroll_offset.y == top:
            # No scroll: only the rows losing and gaining the cursor change.
            self.refresh_line(old)
            self.refresh_line(new)
        else:
            self.refresh()
        if old != new:
            self.post_message(self.Highlighted(self, self.item))

    def on_resize(self) -> None:
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, force=True)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_cursor(self, delta: int) -> None:
        if self._items:
            self.cursor = max(0, min(self.cursor + delta, len(self._items) - 1))

    def action_page(self, direction: int) -> None:
        self.action_cursor(direction * max(1, self.scrollable_content_region.height - 1))

    def action_jump(self, where: int) -> None:
        if self._items:
            self.cursor = where if where >= 0 else len(self._items) - 1

    def action_select(self) -> None:
        if self.item is not None:
            self.post_message(self.Selected(self, self.item))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + self.scroll_offset.y
        if 0 <= index < len(self._items):
            self.cursor = index
            if event.chain >= 2:
                self.action_select()
