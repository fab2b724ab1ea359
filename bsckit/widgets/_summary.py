"""A static record beside every live widget, so saved and exported notebooks show the work.

papermill and nbconvert do not keep live widget state, and JupyterLab shows "Error displaying
widget: model not found" for a widget whose kernel is gone. So each bsckit widget, when
displayed, shows two outputs: the live widget, and below it a plain HTML summary (with a
text/plain fallback) under a ``display_id``. The summary is re-sent with ``update_display``
whenever the widget's content changes, so an executed notebook stores the latest state.

Examples
--------
>>> class Note(StaticSummary):
...     def summary_html(self):
...         return "<p>hello</p>"
...     def summary_text(self):
...         return "hello"
>>> Note().summary_bundle()
{'text/html': '<p>hello</p>', 'text/plain': 'hello'}
"""

from __future__ import annotations

import html
import secrets
from typing import Any

__all__ = ["StaticSummary", "esc"]


def esc(value: Any) -> str:
    """HTML-escape ``value`` (as text) for a summary or a widget's HTML.

    Examples
    --------
    >>> esc("R&D <b>")
    'R&amp;D &lt;b&gt;'
    """
    return html.escape(str(value), quote=True)


class StaticSummary:
    """Mixin: ``widget`` (the live ipywidgets tree) plus a static summary kept in the notebook.

    Subclasses set ``self.widget`` and implement :meth:`summary_html` and :meth:`summary_text`,
    and call :meth:`refresh_summary` after every change.
    """

    widget: Any = None
    _summary_id: str | None = None
    _summary_shown: bool = False

    def summary_html(self) -> str:  # pragma: no cover - always overridden
        """The summary as HTML (no scripts, no styles that need the kit)."""
        raise NotImplementedError

    def summary_text(self) -> str:  # pragma: no cover - always overridden
        """The summary as plain text."""
        raise NotImplementedError

    def summary_bundle(self) -> dict[str, str]:
        """The summary as a MIME bundle: ``text/html`` and ``text/plain``."""
        return {"text/html": self.summary_html(), "text/plain": self.summary_text()}

    def _repr_html_(self) -> str:
        return self.summary_html()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        if self._summary_id is None:
            self._summary_id = f"bsckit-{type(self).__name__.lower()}-{secrets.token_hex(6)}"
        if self.widget is not None:
            display(self.widget)
        display(self.summary_bundle(), raw=True, display_id=self._summary_id)
        self._summary_shown = True

    def refresh_summary(self) -> None:
        """Re-send the static summary to every place this widget was displayed (if any)."""
        if not self._summary_shown or self._summary_id is None:
            return
        from IPython.display import update_display

        update_display(self.summary_bundle(), raw=True, display_id=self._summary_id)
