"""Read a page's forms as a browser would submit them, for tests that drive the pages with
Django's test client: ``page_form(html, action)`` gives the form whose ``action`` ends with
the address (or the only form with that ``aria-label``) as the data its submit would send
— text inputs and hidden fields with their values, ticked boxes and radios, each select's
selected option(s), textareas' text — so a test POSTs exactly what the page offers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class PageForm:
    action: str
    method: str
    label: str
    data: dict[str, list[str]] = field(default_factory=dict)
    # Every field name the form carries (also unticked boxes and unselected selects).
    names: set[str] = field(default_factory=set)
    # The values each select offers: a submit may only choose among them.
    options: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def submit(self, **changes: object) -> dict[str, list[str]]:
        """The data with ``changes`` (a value, a list of values, or None to untick)."""
        out = {name: list(values) for name, values in self.data.items()}
        for name, value in changes.items():
            if name not in self.names:
                raise AssertionError(f"the form has no field {name!r}")
            if value is None:
                out.pop(name, None)
                continue
            values = [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
            offered = self.options.get(name)
            if offered is not None and not set(values) <= set(offered):
                raise AssertionError(f"{name!r} does not offer {values} (only {offered})")
            out[name] = values
        return out


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._select: str | None = None
        self._select_multiple = False
        self._options: list[tuple[str, bool]] = []
        self._option_value: str | None = None
        self._option_text = ""
        self._option_selected = False
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = PageForm(
                action=a.get("action", ""),
                method=a.get("method", "get").lower(),
                label=a.get("aria-label", ""),
            )
            self.forms.append(self._form)
            return
        form = self._form
        if form is None or ("name" not in a and tag != "option"):
            return
        name = a.get("name", "")
        if tag == "input":
            form.names.add(name)
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    form.add(name, a.get("value", "on"))
            elif kind not in ("submit", "button", "file"):
                form.add(name, a.get("value", ""))
        elif tag == "select":
            form.names.add(name)
            self._select, self._select_multiple, self._options = name, "multiple" in a, []
        elif tag == "option" and self._select is not None:
            self._option_value = a.get("value")
            self._option_selected = "selected" in a
            self._option_text = ""
        elif tag == "textarea":
            form.names.add(name)
            self._textarea, self._text = name, ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text += data
        if self._select is not None:
            self._option_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "option" and self._select is not None:
            value = self._option_value if self._option_value is not None else self._option_text
            self._options.append((value.strip(), self._option_selected))
        elif tag == "select" and self._form is not None and self._select is not None:
            self._form.options[self._select] = [value for value, _selected in self._options]
            chosen = [value for value, selected in self._options if selected]
            if not chosen and not self._select_multiple and self._options:
                chosen = [self._options[0][0]]
            for value in chosen:
                self._form.add(self._select, value)
            self._select = None
        elif tag == "textarea" and self._form is not None and self._textarea is not None:
            self._form.add(self._textarea, self._text.removeprefix("\n"))
            self._textarea = None
        elif tag == "form":
            self._form = None


def _matches(form: PageForm, action: str, label: str) -> bool:
    if label:
        return form.label == label
    return form.action.endswith(action) if action else form.action == ""


def page_forms(html: str) -> list[PageForm]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def page_form(
    html: str, action: str = "", *, label: str = "", having: tuple[str, str] | None = None
) -> PageForm:
    """The one form posting to ``action`` (the page's own address: ``action=""``), or the one
    with ``label`` as its accessible name; ``having`` a field's value picks among several."""
    found = [
        form
        for form in page_forms(html)
        if _matches(form, action, label)
        and (having is None or having[1] in form.data.get(having[0], []))
    ]
    if len(found) != 1:
        raise AssertionError(f"{len(found)} forms for {action or label!r} on the page")
    return found[0]
