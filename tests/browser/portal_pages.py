"""Helpers for the portal's browser tests: a citizen's session in a Playwright context, files to upload, axe."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.test import Client

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}


def citizen_context(browser, base: str, citizen, *, auth_method: str = "vneid", viewport=None):
    """A browser context already signed in as ``citizen`` (the identity app's log-in is not needed here)."""
    client = Client()
    client.force_login(citizen)
    session = client.session
    session["cqs_auth_method"] = auth_method
    session.save()
    context = browser.new_context(viewport=viewport or PHONE, locale="vi-VN")
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )
    return context


def serious_violations(page) -> list[dict]:
    """axe-core's serious and critical findings on the page as it is now (WCAG 2.1 A and AA rules)."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                          nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }"""
    )
    return [v for v in found if v["impact"] in ("serious", "critical")]


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=1)


def fits_the_screen(page, width: int = PHONE["width"]) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= width


def wider_than_the_screen(page) -> list[str]:
    """The first elements that stick out to the right, to say what broke the layout."""
    return page.evaluate(
        """() => [...document.querySelectorAll('*')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 8).map(e => `${e.tagName}.${e.className}#${e.id}`)"""
    )
