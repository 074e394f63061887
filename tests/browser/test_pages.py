"""The pages we serve to people work in a real browser, offline.

Swagger UI at ``/api`` (drf-spectacular with the sidecar's bundled assets) and the Django admin
at ``/django-admin/``, served by the real ASGI server with ``DEBUG`` off and WhiteNoise serving
the collected static files, in headless Chromium that cannot resolve any host but 127.0.0.1.
"""

from __future__ import annotations

import json
from collections import Counter
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
SWAGGER_TITLE = "Mytegroup Property Management API"

_SCROLL_HELPERS = """
  const operations = () => [...document.querySelectorAll('.opblock')];
  const pathOf = (op) => op.querySelector('.opblock-summary-path')?.dataset.path;
  const settle = () => new Promise(done => requestAnimationFrame(() => setTimeout(done, 40)));
"""
# [method, path] of every operation Swagger UI renders while the page scrolls from top to bottom.
COLLECT_OPERATIONS = f"""(async () => {{{_SCROLL_HELPERS}
  const seen = new Map();
  for (let y = 0; y <= document.documentElement.scrollHeight; y += innerHeight / 2) {{
    scrollTo(0, y);
    await settle(); await settle();
    for (const op of operations()) {{
      const method = op.querySelector('.opblock-summary-method').textContent.trim();
      seen.set(`${{method}} ${{pathOf(op)}}`, [method, pathOf(op)]);
    }}
  }}
  scrollTo(0, 0);
  await settle();
  return [...seen.values()];
}})()"""
# Scroll until the operation on PATH is rendered, then bring it into view; true when found.
SCROLL_TO_PATH = f"""(async (path) => {{{_SCROLL_HELPERS}
  const find = () => operations().find(op => pathOf(op) === path);
  for (let y = 0; !find() && y <= document.documentElement.scrollHeight; y += innerHeight / 2) {{
    scrollTo(0, y);
    await settle(); await settle();
  }}
  if (!find()) return false;
  find().scrollIntoView();
  await settle();
  return true;
}})"""


@pytest.fixture
def page(browser):
    tab = browser.open_page()
    yield tab
    tab.close()


def assert_only_local(page, server) -> list[str]:
    """Every request of the page went to our server (or was inline data), none failed or erred."""
    urls = page.requested_urls()
    assert urls, "the page made no request at all"
    outside = [
        url
        for url in urls
        if urlsplit(url).scheme not in ("data", "blob")
        and (urlsplit(url).hostname, urlsplit(url).port) != (server.host, server.port)
    ]
    assert outside == [], f"assets loaded from outside {server.url}: {outside}"
    assert page.failed_requests() == []
    # The browser asks for /favicon.ico on its own (the admin page names no icon); we serve none.
    errors = [
        (r["status"], r["url"])
        for r in page.responses()
        if r["status"] >= 400 and urlsplit(r["url"]).path != "/favicon.ico"
    ]
    assert errors == []
    assert page.exceptions() == []
    return urls


def schema_operations(server) -> Counter:
    status, headers, body = server.get("/api-json")
    assert status == 200, body[:500]
    assert headers["content-type"].startswith("application/vnd.oai.openapi+json")
    schema = json.loads(body)
    assert schema["info"]["title"] == SWAGGER_TITLE
    return Counter(
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in HTTP_METHODS
    )


def test_swagger_ui_renders_every_operation_offline(page, asgi_server, screenshot_dir):
    expected = schema_operations(asgi_server)
    assert ("POST", "/auth/login") in expected
    assert ("GET", "/properties") in expected

    page.navigate(f"{asgi_server.url}/api")
    page.wait_for("document.querySelectorAll('.opblock').length > 0")
    title = page.evaluate("document.querySelector('.information-container .title').firstChild.textContent")
    assert title.strip() == SWAGGER_TITLE
    assert page.evaluate("document.title") == SWAGGER_TITLE
    # Swagger UI renders only the operations near the viewport: scroll through the whole page.
    rendered = {tuple(operation) for operation in page.evaluate(COLLECT_OPERATIONS)}
    assert {("POST", "/auth/login"), ("GET", "/properties")} <= rendered
    assert set(expected) - rendered == set(), "operations of /api-json not rendered"
    assert rendered - set(expected) == set(), "operations rendered that /api-json does not have"
    # Swagger UI's own error box (e.g. "Failed to load API definition") is absent.
    assert (
        page.evaluate("document.querySelectorAll('.errors-wrapper, .loading-container .errors').length") == 0
    )

    # Every script, stylesheet and icon of the page is ours, served by WhiteNoise.
    assets = page.evaluate(
        "[...document.querySelectorAll('script[src], link[href], img[src]')].map(e => e.src || e.href)"
    )
    assert assets and all(url.startswith(f"{asgi_server.url}/static/") for url in assets), assets
    urls = assert_only_local(page, asgi_server)
    for name in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        assert any(url.endswith(f"/drf_spectacular_sidecar/swagger-ui-dist/{name}") for url in urls), name
    assert f"{asgi_server.url}/api-json" in urls
    styled = page.evaluate("getComputedStyle(document.querySelector('.opblock-summary-method')).color")
    assert styled == "rgb(255, 255, 255)"  # swagger-ui.css applied: white method badges

    page.screenshot(screenshot_dir / "swagger-ui.png")


def test_swagger_ui_try_it_out_calls_the_api(page, asgi_server, screenshot_dir):
    """A person can expand an operation, press "Try it out" and "Execute", and see the answer."""
    page.navigate(f"{asgi_server.url}/api")
    page.wait_for("document.querySelectorAll('.opblock').length > 0")
    assert page.evaluate(f"{SCROLL_TO_PATH}('/health')") is True
    operation = (
        "[...document.querySelectorAll('.opblock')]"
        ".find(op => op.querySelector('.opblock-summary-path')?.dataset.path === '/health')"
    )
    page.evaluate(f"{operation}.querySelector('.opblock-summary-control').click()")
    page.wait_for(f"{operation}.querySelector('.try-out__btn')")
    page.evaluate(f"{operation}.querySelector('.try-out__btn').click()")
    page.wait_for(f"{operation}.querySelector('.btn.execute')")
    page.evaluate(f"{operation}.querySelector('.btn.execute').click()")
    status = page.wait_for(
        f"{operation}.querySelector('.live-responses-table tbody .response-col_status')?.textContent.trim()"
    )
    assert status == "200"
    body = page.evaluate(f"{operation}.querySelector('.live-responses-table tbody .microlight').textContent")
    assert json.loads(body) == {"status": "ok"}
    assert f"{asgi_server.url}/health" in assert_only_local(page, asgi_server)
    page.evaluate(f"{operation}.scrollIntoView()")
    page.screenshot(screenshot_dir / "swagger-ui-try-it-out.png")


def test_django_admin_login_page_is_styled_and_signs_in(page, asgi_server, screenshot_dir):
    page.navigate(f"{asgi_server.url}/django-admin/login/")
    page.wait_for("document.querySelector('form#login-form input[name=username]')")
    assert page.evaluate("document.title").startswith("Log in | Myte Estates")

    sheets = page.evaluate(
        "[...document.styleSheets].filter(s => s.href).map(s => [s.href, s.cssRules.length])"
    )
    hrefs = [href for href, _ in sheets]
    for name in ("base.css", "login.css"):
        assert f"{asgi_server.url}/static/admin/css/{name}" in hrefs, hrefs
    assert all(rules > 0 for _, rules in sheets), sheets
    for href in hrefs:
        status, headers, body = asgi_server.get(urlsplit(href).path)
        assert status == 200, href
        assert headers["content-type"].startswith("text/css"), (href, headers["content-type"])
        assert body
    # Not the browser's unstyled defaults: the admin's header colour and font are applied.
    header_background = page.evaluate("getComputedStyle(document.querySelector('#header')).backgroundColor")
    assert header_background not in ("rgba(0, 0, 0, 0)", "transparent", "rgb(255, 255, 255)")
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Times" not in font and font, font
    assert_only_local(page, asgi_server)
    page.screenshot(screenshot_dir / "django-admin-login.png")

    page.evaluate(
        f"document.querySelector('#id_username').value = {json.dumps(asgi_server.admin_email)};"
        f"document.querySelector('#id_password').value = {json.dumps(asgi_server.admin_password)};"
    )
    page.expect_navigation(
        lambda: page.evaluate("document.querySelector('#login-form [type=submit]').click()")
    )
    page.wait_for("location.pathname === '/django-admin/' && document.querySelector('#content-main')")
    assert page.evaluate("document.querySelector('#content h1').textContent.trim()") == "Site administration"
    user_tools = page.evaluate("document.querySelector('#user-tools').textContent")
    assert "Welcome" in user_tools and "Log out" in user_tools, user_tools
    assert page.evaluate("document.querySelectorAll('#content-main .module table').length") > 0
    assert_only_local(page, asgi_server)
    page.screenshot(screenshot_dir / "django-admin-index.png")
