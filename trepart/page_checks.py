"""What the browser tests check in every page they load, apart from the Nu HTML checker
(``nu_checker``): axe-core's run, two landmark rules axe-core leaves out, and the page's
Content-Security-Policy violations. ``conftest.py`` applies them; tests may call them too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

AXE_RUN = """
async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}
"""


# IBM's accessibility engine checks two things about landmarks that axe-core's WCAG rules
# do not: forms that share a parent landmark need distinct accessible names, or a screen
# reader's list of form landmarks shows several alike (aria_landmark_name_unique); and all
# content, the skip link too, sits inside a landmark (aria_content_in_landmark).
LANDMARK_CHECK = """
() => {
  const landmarks = 'header, nav, main, aside, footer, form, section[aria-label], '
    + 'section[aria-labelledby], [role=banner], [role=navigation], [role=main], '
    + '[role=complementary], [role=contentinfo], [role=form], [role=search], [role=region]';
  const name = (el) => {
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    const text = ids.length
      ? ids.map((id) => document.getElementById(id)?.textContent || '').join(' ')
      : el.getAttribute('aria-label') || el.getAttribute('title') || '';
    return text.replace(/\\s+/g, ' ').trim();
  };
  const describe = (el) => el.outerHTML.slice(0, 160);
  const problems = [];
  // Forms by their parent landmark, then by role (a role=search form is another kind).
  const groups = new Map();
  for (const form of document.querySelectorAll('form')) {
    // A form with no control is nothing to a user (Vega's empty form for chart bindings).
    if (form.elements.length === 0) continue;
    const parent = form.parentElement?.closest(landmarks) || document.body;
    const role = form.getAttribute('role') || 'form';
    const byRole = groups.get(parent) || new Map();
    byRole.set(role, [...(byRole.get(role) || []), form]);
    groups.set(parent, byRole);
  }
  for (const forms of [...groups.values()].flatMap((byRole) => [...byRole.values()])) {
    if (forms.length < 2) continue;
    const seen = new Set();
    for (const form of forms) {
      const label = name(form);
      if (!label) {
        problems.push('a form without an accessible name (aria-label or aria-labelledby) '
          + 'beside other forms in the same landmark: ' + describe(form));
      } else if (seen.has(label)) {
        problems.push(`forms in the same landmark share the name "${label}": ` + describe(form));
      }
      seen.add(label);
    }
  }
  for (const control of document.querySelectorAll('a[href], button, input, select, textarea')) {
    if (control.type !== 'hidden' && !control.closest(landmarks)) {
      problems.push('a link or control outside every landmark: ' + describe(control));
    }
  }
  return problems;
}
"""


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    """Describe axe-core's violations so the failure says what to fix and where."""
    lines = [f"{len(violations)} accessibility violation(s) (WCAG 2.1 A/AA) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} [{v['impact']}]: {v['help']} ({v['helpUrl']})")
        targets = v["targets"]
        lines.extend(f"    at {target}" for target in targets[:10])
        if len(targets) > 10:
            lines.append(f"    … and {len(targets) - 10} more")
    return "\n".join(lines)


# Reports every CSP violation in each document the page loads, from its very start.
_CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (event) => {
  window.__trepartCspViolation(
    `${event.violatedDirective} blocked ${event.blockedURI || 'inline code'}`
    + ` at ${event.sourceFile || document.URL}:${event.lineNumber}`
    + (event.sample ? ` (${event.sample})` : ''));
}, true);
"""


def watch_csp(page: Page) -> list[str]:
    """Collect the page's Content-Security-Policy violations, and the console's reports of
    them, into the list returned (the same list however often it is asked for)."""
    existing: list[str] | None = getattr(page, "_trepart_csp", None)
    if existing is not None:
        return existing
    violations: list[str] = []
    page._trepart_csp = violations  # type: ignore[attr-defined]

    def on_violation(description: str) -> None:
        violations.append(description)

    page.expose_function("__trepartCspViolation", on_violation)
    page.add_init_script(_CSP_LISTENER)

    def on_console(message: Any) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            violations.append(f"console: {message.text}")

    page.on("console", on_console)
    return violations


def assert_no_csp_violations(violations: list[str]) -> None:
    if violations:
        pytest.fail(
            "Content-Security-Policy violations:\n" + "\n".join(dict.fromkeys(violations)),
            pytrace=False,
        )
