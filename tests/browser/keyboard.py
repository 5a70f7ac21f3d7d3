"""Moving through a page with the keyboard alone, checking the focus at every step.

``KeyboardUser`` only presses keys (Tab, Shift+Tab, Enter, Space, arrows, typing); it never
clicks. After every key it asks the browser where the focus is and fails when the focus
is lost (on ``<body>``), invisible (no outline and no box shadow) or off screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page

# Reads what a sighted keyboard user sees of the focused element.
FOCUS_SCRIPT = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) {
    return {lost: true};
  }
  const style = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  const name = (el.getAttribute("aria-label") || label || el.innerText || el.value || "")
    .replace(/\\s+/g, " ").trim();
  return {
    lost: false,
    tag: el.tagName.toLowerCase(),
    id: el.id,
    role: el.getAttribute("role") || "",
    name: name,
    href: el.getAttribute("href") || "",
    tabIndex: el.tabIndex,
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    boxShadow: style.boxShadow !== "none",
    rect: [Math.round(rect.left), Math.round(rect.top), Math.round(rect.width),
      Math.round(rect.height), window.innerWidth, window.innerHeight],
    onScreen: rect.bottom > 0 && rect.right > 0
      && rect.top < window.innerHeight && rect.left < window.innerWidth
      && rect.width > 0 && rect.height > 0,
  };
}"""


@dataclass(frozen=True)
class Focus:
    tag: str
    id: str
    role: str
    name: str
    href: str
    tab_index: int

    def __str__(self) -> str:
        return f"<{self.tag} id={self.id!r} role={self.role!r}> {self.name[:60]!r}"


class KeyboardUser:
    """A person who uses the keyboard only."""

    def __init__(self, page: Page, max_steps: int = 120):
        self.page = page
        self.max_steps = max_steps
        self.path: list[str] = []  # every focus stop, for the failure message

    def focus(self) -> Focus:
        """Where the focus is now; fails if it is lost, invisible or off screen."""
        info = self.page.evaluate(FOCUS_SCRIPT)
        trail = " → ".join(self.path[-6:])
        assert not info["lost"], f"focus lost (on <body>) after: {trail}"
        focus = Focus(
            info["tag"], info["id"], info["role"], info["name"], info["href"], info["tabIndex"]
        )
        assert info["outline"] or info["boxShadow"], f"focus not visible on {focus}"
        assert info["onScreen"], (
            f"focused element off screen: {focus} at [left, top, width, height, viewport width, height] {info['rect']}"
        )
        return focus

    def press(self, key: str) -> Focus:
        self.page.keyboard.press(key)
        focus = self.focus()
        self.path.append(str(focus))
        return focus

    def activate(self, key: str = "Enter") -> None:
        """Follow a link or press a button, and wait for the page that answers."""
        with self.page.expect_navigation():
            self.page.keyboard.press(key)
        self.path.append(f"[{key} → {self.page.url}]")

    def tab_to(self, name: str, *, tag: str | None = None, backwards: bool = False) -> Focus:
        """Press Tab (or Shift+Tab) until an element whose name contains ``name`` has focus."""
        key = "Shift+Tab" if backwards else "Tab"
        for _ in range(self.max_steps):
            focus = self.press(key)
            if name in focus.name and (tag is None or focus.tag == tag):
                return focus
        raise AssertionError(f"{name!r} not reached with {key} after {self.max_steps} steps")

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
