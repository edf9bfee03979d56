"""End-to-end: the real app in Debian's Chromium. Each page is also photographed at a
projector's 1280×720 and a phone's 390 px, into the ignored tests/artifacts/screenshots/
(DHYAN_REFRESH_SCREENSHOTS=1: the README's docs/screenshots/). The checks of what only a
browser shows are here: no sideways scrolling of a page, whole labels, chart text drawn at full
size, the copy button, downloads with no network, projector mode and the owner cookie."""
import re
import time
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from app.page import PAGES
from app.widgets import EXAMPLES
from core.nmt.translate import Translator
from tests.browser import (POLL_MS, launch_chromium, open_page, require_browser, screenshot_dir, start_server,
                           wait_for_app_idle, wait_for_charts_drawn)

# (screenshot name, URL path, words the page's title must contain), in PAGES order
SHOTS = [("home", "/", "Dhyan"), ("lesson", "/Lesson", "attention"), ("compare", "/Compare", "Compare"), ("step_by_step", "/Step_by_step", "Step"),
         ("training", "/Training", "Training"), ("long_sentences", "/Long_sentences", "Long sentences"),
         ("data", "/Data", "Data"), ("what_if", "/What_if", "What if"),
         ("captioning", "/Captioning", "caption"), ("attention_matters", "/Does_attention_matter", "attention"),
         ("self_attention", "/Self-attention", "Self-attention")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_browser()
    running = start_server(tmp_path_factory.mktemp("browser_data"))
    yield running
    running.close()


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


PROJECTOR, PHONE = {"width": 1280, "height": 720}, {"width": 390, "height": 844}
VIEWPORTS = {"projector": PROJECTOR, "phone": PHONE}


@pytest.fixture(scope="module")
def tabs(browser):
    """One tab per screen size, kept for the module's tests: a test that goes to a page in a
    tab already open pays about half the CPU of one in a new browser context (8 pages of the
    app, idle machine: 16 s against 33-38 s of both cores), and CPU is what the suite waits on."""
    contexts = {"projector": browser.new_context(viewport=PROJECTOR, device_scale_factor=1),
                "phone": browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)}
    yield {size: context.new_page() for size, context in contexts.items()}
    for context in contexts.values():
        context.close()


@pytest.fixture
def tab(tabs, server):
    """tab(size) -> that size's tab as a new browser's would be: no cookie (no owner, no projector
    mode remembered) and the window at its size. After the test it leaves the app for the server's
    health check, so no session of it keeps running on the server (the Lesson page of a phone polls
    every second); a page of the same site, because Chromium gives a tab that goes to another site
    (about:blank is one) a new renderer process, which costs most of what the tab saves."""
    used = []

    def fresh(size: str):
        page = tabs[size]
        page.context.clear_cookies()
        page.set_viewport_size(VIEWPORTS[size])
        used.append(page)
        return page
    yield fresh
    for page in used:
        page.goto(server.url + "/_stcore/health")


@pytest.fixture
def page(tab):
    return tab("projector")


@pytest.fixture
def phone(tab):
    return tab("phone")


@pytest.fixture
def new_page(browser):
    """A tab in a browser context of its own, for a test that adds listeners, routes or
    permissions to it or counts its cookies from the first visit."""
    context = browser.new_context(viewport=PROJECTOR, device_scale_factor=1)
    yield context.new_page()
    context.close()


def error_texts(page) -> list[str]:
    exceptions = page.locator('[data-testid="stException"]').all_inner_texts()
    errors = [text for text in page.locator('[data-testid="stAlertContentError"]').all_inner_texts()]
    return exceptions + errors


def sidebar_links(page) -> list[tuple[str, str]]:
    """(label, URL path) of every link in the sidebar's page list, top to bottom."""
    links = page.locator('[data-testid="stSidebarNavLink"]')
    return [(links.nth(i).locator('[data-testid="stMarkdownContainer"]').inner_text().strip(),
             "/" + links.nth(i).get_attribute("href").split("/", 3)[-1]) for i in range(links.count())]


def test_the_sidebar_lists_every_page_in_order_and_its_links_open_them(server, page):
    open_page(page, server.url + "/")
    expected = [(title, path) for (_, path, _), (_, title, _) in zip(SHOTS, PAGES)]
    assert sidebar_links(page) == expected
    page.locator('[data-testid="stSidebarNavLink"]').nth(5).click()   # Long sentences
    # The page writes its bucket into the address as soon as it runs (?bucket=...), which can
    # happen before the wait starts on a busy machine.
    page.wait_for_url(re.compile(r"/Long_sentences(\?.*)?$"), timeout=60_000)
    wait_for_app_idle(page)
    assert "long sentences" in page.locator("h1").first.inner_text().lower()


# What sticks out of the page sideways: the document's and the main section's overflow, and every
# element of the main column whose right edge passes the window's, except inside a box that
# scrolls on its own (a wide chart's, a table's, a code block's).
OVERFLOW = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const width = window.innerWidth;
  const scrolls = (element) => element.closest('[class*="st-key-wide_"], [data-testid="stDataFrame"], '
      + '[data-testid="stCode"], pre, .katex-display, [role="tablist"]');   // the tab bar scrolls itself
  const out = [];
  for (const element of main.querySelectorAll('p, span, button, label, h1, h2, h3, td, th, img, svg')) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1 && !scrolls(element))
      out.push(element.tagName + ' ' + (element.innerText || element.getAttribute('aria-label') || '').slice(0, 40)
               + ' right=' + Math.round(box.right));
  }
  return {document: document.documentElement.scrollWidth - width, main: main.scrollWidth - main.clientWidth,
          sticking_out: out.slice(0, 8)};
}"""

# Buttons, table cells and formulas whose text is cut short ("Random test se…", "I am e", the
# Captioning formula at 390 px).
CUT_TEXT = """() => {
  const out = [];
  for (const element of document.querySelectorAll('[data-testid="stMain"] button p, [data-testid="stTable"] td, '
                                                  + '.katex-display')) {
    if (element.scrollWidth > element.clientWidth + 4) out.push(element.innerText.slice(0, 40));   // KaTeX spills 2 px
  }
  return out;
}"""


@pytest.mark.parametrize("size", ["projector", "phone"])
@pytest.mark.parametrize("name,path,title", SHOTS)
def test_every_page_fits_a_projector_and_a_phone_and_is_photographed(server, tab, name, path, title, size):
    viewport = VIEWPORTS[size]
    page = tab(size)
    open_page(page, server.url + path)
    page.wait_for_selector("h1", timeout=60_000)
    assert title.lower() in page.locator("h1").first.inner_text().lower()
    assert error_texts(page) == []
    page.wait_for_timeout(500)   # the charts' first drawing
    overflow = page.evaluate(OVERFLOW)
    assert overflow == {"document": 0, "main": 0, "sticking_out": []}, f"{name} scrolls sideways at {viewport}"
    assert page.evaluate(CUT_TEXT) == [], f"{name}: text cut short at {viewport}"
    shot = photograph(page, name if size == "projector" else f"{name}_phone")
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def photograph(page, name: str, max_height: int = 4000):
    """Save the whole page (see tests.browser.screenshot_dir). Streamlit scrolls inside its main
    section, not the document, so a full-page screenshot would stop at the window: grow the window
    to the content's height first (capped), let the charts redraw, then take it."""
    width = page.viewport_size["width"]
    height = page.evaluate("() => (document.querySelector('[data-testid=\"stMain\"]') "
                           "|| document.scrollingElement).scrollHeight")
    page.set_viewport_size({"width": width, "height": max(600, min(int(height), max_height))})
    wait_for_app_idle(page)
    page.wait_for_timeout(800)
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"))
    return folder / f"{name}.png"


def test_home_shows_the_translation_table_and_a_heatmap(server, page):
    open_page(page, server.url + "/")
    page.locator('[data-testid="stTable"]').first.wait_for(timeout=60_000)
    heatmap = page.locator('[data-testid="stVegaLiteChart"]').first
    heatmap.wait_for(timeout=60_000)
    # the heatmap's axis labels are SVG text: the seed sentence's words must be there
    assert "खा" in heatmap.inner_text() or "खा" in heatmap.inner_html()


def test_the_home_diagrams_text_is_readable_on_a_projector(server, page):
    open_page(page, server.url + "/")
    page.wait_for_selector('[data-testid="stGraphVizChart"] svg text', timeout=60_000)
    heights = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stGraphVizChart"] svg text')]
                               .map(t => t.getBoundingClientRect().height)""")
    assert len(heights) > 10 and min(heights) >= 12, "drawn at about 7 px, the class could not read them"


def test_compare_translates_a_typed_sentence_as_core_does(server, page):
    sentence = "वह पानी पी रही है"
    open_page(page, server.url + "/Compare")
    box = page.get_by_role("textbox").first
    box.fill(sentence)
    box.press("Enter")
    wait_for_app_idle(page)
    for model in ("encdec", "additive"):   # the two models Compare opens with, side by side
        translation = Translator.from_name(model).translate(sentence).text
        page.get_by_text(f"Translation: {translation}", exact=True).first.wait_for(timeout=60_000)
    heatmaps = page.locator('[data-testid="stVegaLiteChart"]')
    assert any("पानी" in heatmaps.nth(i).inner_html() for i in range(heatmaps.count())), "additive's heatmap"
    assert error_texts(page) == []


def test_step_by_step_slider_changes_the_chart(server, page):
    open_page(page, server.url + "/Step_by_step")
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    charts.first.wait_for(timeout=60_000)
    before = charts.first.inner_html()
    page.get_by_role("button", name="Next").first.click()
    wait_for_app_idle(page)
    page.wait_for_timeout(500)
    assert charts.first.inner_html() != before


# ------------------------------------------------------------------ what only a browser shows

LONG_SENTENCE = " ".join([EXAMPLES[-1][0]] * 2)   # 45 words
FORTY_WORDS = " ".join(LONG_SENTENCE.split()[:40])

# Every text of one chart's SVG with its font size as drawn (px) and whether it can be seen: no
# ancestor that clips (overflow other than visible) cuts it, except sideways where the ancestor
# scrolls (a wide chart's box), and it is not drawn above or left of the page.
CHART_TEXTS = """(chart) => {
  const clips = [];
  for (let node = chart; node && node.dataset.testid !== 'stMain'; node = node.parentElement) {
    const style = getComputedStyle(node);
    if (style.overflowY !== 'visible' || style.overflowX !== 'visible')
      clips.push([node.getBoundingClientRect(), style.overflowX]);
  }
  return [...chart.querySelectorAll('svg text')].filter(t => t.textContent.trim()).map(t => {
    const r = t.getBoundingClientRect();
    const seen = clips.every(([box, sideways]) => r.top >= box.top - 1 && r.bottom <= box.bottom + 1
        && (sideways === 'auto' || sideways === 'scroll' || (r.left >= box.left - 1 && r.right <= box.right + 1)));
    return {text: t.textContent.trim(), size: parseFloat(getComputedStyle(t).fontSize) || 0,
            inside: seen && r.left >= 0 && r.top + window.scrollY >= 0};
  });
}"""


def chart_titled(page, title: str, timeout_ms: int = 60_000):
    """The Vega chart (SVG) whose texts include `title`, once Vega has drawn it."""
    page.wait_for_function("""(title) => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg text')]
                              .some(t => t.textContent.trim() === title)""", arg=title, timeout=timeout_ms,
                           polling=POLL_MS)
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    for i in range(charts.count()):
        if any(t["text"] == title for t in charts.nth(i).evaluate(CHART_TEXTS)):
            return charts.nth(i)
    raise AssertionError(f"no chart titled {title!r}")




def test_the_beam_tree_of_a_40_word_sentence_is_legible(server, page):
    open_page(page, server.url + "/What_if?sentence=" + quote(LONG_SENTENCE))
    tree = chart_titled(page, "beam search tree")
    texts = tree.evaluate(CHART_TEXTS)
    assert len(texts) > 40 and min(t["size"] for t in texts) >= 12, "text about 4 px high is gone"
    photograph(page, "what_if_long_beam_tree")


@pytest.mark.parametrize("size", ["projector", "phone"])
def test_the_counterfactuals_of_a_40_word_sentence_fit_a_projector_and_a_phone(server, tab, size):
    viewport = VIEWPORTS[size]
    page = tab(size)
    open_page(page, server.url + "/Does_attention_matter?model=additive&sentence=" + quote(FORTY_WORDS))
    page.get_by_role("button", name="Reveal").click()
    heatmap = chart_titled(page, "uniform")
    labels = {t["text"] for t in heatmap.evaluate(CHART_TEXTS)}
    words = FORTY_WORDS.split() + ["<eos>"]
    assert all(f"{i} {w}" in labels for i, w in enumerate(words, 1)), "every Hindi word is labelled"
    assert error_texts(page) == []
    assert page.get_by_text("survive uniform attention").count() >= 1
    assert page.evaluate(OVERFLOW)["document"] == 0, f"the page scrolls sideways at {viewport}"
    shot = photograph(page, "attention_matters_long" + ("" if size == "projector" else "_phone"))
    assert shot.stat().st_size > 10_000


def test_share_copies_the_link_of_this_view_and_shows_its_qr_code(server, browser):
    context = browser.new_context(viewport=PROJECTOR)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page = context.new_page()
    try:
        open_page(page, server.url + "/Compare?sentence=" + quote("मैं पानी पी रहा हूँ"))
        page.get_by_role("button", name="Share this view").click()
        page.get_by_role("button", name="Copy link").click()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        # short, whatever the sentence: the page's state is kept on the server behind ?s=<id>
        assert urlsplit(copied).path == "/Compare" and list(parse_qs(urlsplit(copied).query)) == ["s"]
        assert len(copied) <= 60
        assert page.locator('[data-testid="stPopoverBody"] img').first.evaluate("(i) => i.naturalWidth") > 100
        open_page(page, copied)   # the same view, once the page has read the link's state (a rerun)
        from playwright.sync_api import expect
        expect(page.get_by_role("textbox").first).to_have_value("मैं पानी पी रहा हूँ", timeout=60_000)
        assert not page.evaluate("() => new URLSearchParams(location.search).has('s')")
    finally:
        context.close()


def test_charts_download_as_svg_and_png_with_no_network(server, new_page):
    page = new_page
    outside = []

    def only_this_server(route):
        if urlsplit(route.request.url).hostname not in ("127.0.0.1", "localhost"):
            outside.append(route.request.url)
            return route.abort()
        return route.continue_()

    page.route("**/*", only_this_server)
    open_page(page, server.url + "/")
    # The one outside request Streamlit makes: st.navigation looks up the chosen page's sidebar icon
    # as a tab icon on fonts.gstatic.com (it fails offline and the tab keeps app/favicon.png).
    assert all(url.startswith("https://fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/")
               for url in outside), outside
    outside.clear()
    wait_for_charts_drawn(page)                # a chart drawn late would move the menu's anchor
    saves = page.get_by_role("button", name="Save")
    # Its menu opens below it: the anchor goes to the middle of the screen, not near the fold.
    saves.first.evaluate("(button) => button.scrollIntoView({block: 'center'})")
    saves.first.click()
    wait_for_app_idle(page)                    # the menu's files are made on the server when it opens
    svg_button = page.get_by_role("button", name="SVG (vector, for slides and papers)")
    svg_button.evaluate("(button) => button.scrollIntoView({block: 'center'})")
    with page.expect_download() as svg:
        svg_button.click()
    content = open(svg.value.path(), encoding="utf-8").read()
    assert content.lstrip().startswith("<svg") and "खा" in content
    with page.expect_download() as png:
        page.get_by_role("button", name="PNG image").click()
    assert open(png.value.path(), "rb").read()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as matrix:
        page.get_by_role("button", name="The numbers (CSV)").click()
    assert open(matrix.value.path(), encoding="utf-8").readline().startswith("English (written)")
    assert outside == [], "nothing was fetched from outside this server"


def test_projector_mode_folds_the_sidebar_and_enlarges_text_and_charts(server, page):
    open_page(page, server.url + "/Compare?projector=1&models=additive")
    assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "22px"
    assert not page.locator('[data-testid="stSidebar"][aria-expanded="true"]').count()
    assert not page.locator('[data-testid="stToolbar"]').is_visible()
    texts = chart_titled(page, "attention: rows written, columns read").evaluate(CHART_TEXTS)
    assert min(t["size"] for t in texts) >= 18
    for title in ("how sure it was of each word", "attention each word received", "how spread each step was"):
        texts = chart_titled(page, title).evaluate(CHART_TEXTS)
        assert [t["text"] for t in texts if not t["inside"]] == [], f"{title}: nothing cut off"
        assert min(t["size"] for t in texts) >= 18
    plot = page.locator('[data-testid="stVegaLiteChart"] svg').first.evaluate("(s) => s.getBoundingClientRect().height")
    assert plot >= 250, "the chart grew with its text instead of squeezing its plot"
    toggle = page.get_by_text("Projector mode", exact=True).bounding_box()
    header = page.locator('[data-testid="stHeader"]').bounding_box()
    assert toggle["y"] >= header["y"] + header["height"] - 1, "the toggle is not under the header"
    photograph(page, "compare_projector")
    assert "projector" not in page.evaluate("() => location.search"), "never in the address a link copies"
    open_page(page, server.url + "/Step_by_step")   # this browser remembers the choice, no link needed
    assert page.evaluate("() => getComputedStyle(document.documentElement).fontSize") == "22px"


def test_the_owner_cookie_survives_a_reload(server, page):
    open_page(page, server.url + "/Training")
    cookie = next(c for c in page.context.cookies() if c["name"] == "dhyan_owner")
    page.reload(wait_until="commit")
    wait_for_app_idle(page)
    assert [c["value"] for c in page.context.cookies() if c["name"] == "dhyan_owner"] == [cookie["value"]]


# The height of what the main section holds: a lesson stop must not need scrolling.
CONTENT_HEIGHT = "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"


@pytest.mark.parametrize("size", ["projector", "phone"])
def test_every_lesson_stop_fits_one_screen_and_the_arrow_keys_step_through_it(server, tab, size):
    """At 1280x720 in projector mode each stop is one screen (no scrolling either way); at 390 px
    nothing scrolls sideways. The right arrow key is the Next button. Each stop is photographed."""
    from app.lesson_stops import STOPS
    viewport = VIEWPORTS[size]
    page = tab(size)
    open_page(page, server.url + "/Lesson" + ("?projector=1" if size == "projector" else ""))
    for number, stop in enumerate(STOPS):
        if number:
            page.locator("h1").first.click()    # the page, not a widget, has the focus
            page.keyboard.press("ArrowRight")
            page.wait_for_function(f"() => document.querySelector('h1') && "
                                   f"document.querySelector('h1').innerText.includes({stop.title[:20]!r})",
                                   timeout=60_000, polling=POLL_MS)
            wait_for_app_idle(page)
        page.wait_for_timeout(600)   # the charts' first drawing
        assert error_texts(page) == [], stop.id
        overflow = page.evaluate(OVERFLOW)
        assert overflow == {"document": 0, "main": 0, "sticking_out": []}, f"{stop.id} scrolls sideways"
        if size == "projector":
            height = page.evaluate(CONTENT_HEIGHT)
            assert height <= viewport["height"], f"{stop.id} is {height} px tall on a 720 px projector"
        page.screenshot(path=str(_lesson_shot(stop.id, size)))


def _lesson_shot(stop_id: str, size: str):
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"lesson_{stop_id}_{size}.png"


def _h1_includes(page, text: str, timeout_ms: int = 30_000) -> None:
    page.wait_for_function(f"() => document.querySelector('h1') && "
                           f"document.querySelector('h1').innerText.includes({text!r})", timeout=timeout_ms,
                           polling=POLL_MS)


def test_a_phone_joins_by_the_qr_link_follows_the_teacher_and_its_answer_is_counted(server, browser):
    """The teacher starts a class (code and QR code on the projector); a phone opens the join
    link, follows the teacher's arrow key, answers the prediction; the teacher sees it counted
    and reveals, and the phone shows the model's weights."""
    from app.lesson_stops import STOPS
    teacher_context = browser.new_context(viewport=PROJECTOR, device_scale_factor=1)
    phone_context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
    teacher, phone = teacher_context.new_page(), phone_context.new_page()
    try:
        open_page(teacher, server.url + "/Lesson?projector=1")
        teacher.get_by_role("button", name="Start a class").click()
        teacher.wait_for_selector(".dhyan-code", timeout=30_000)
        wait_for_app_idle(teacher)
        code = teacher.locator(".dhyan-code").first.inner_text().strip()
        qr = teacher.locator('img[alt="QR code of the join link"]').first
        assert qr.bounding_box()["width"] >= 300    # scannable from the back of a room
        assert teacher.evaluate(CONTENT_HEIGHT) <= PROJECTOR["height"]
        teacher.screenshot(path=str(_lesson_shot("join", "projector")))

        open_page(phone, f"{server.url}/?join={code}")
        phone.wait_for_url("**/Lesson?join=*", timeout=30_000)
        _h1_includes(phone, STOPS[0].title[:20])
        assert "Teacher's note" not in phone.locator('[data-testid="stMain"]').inner_text()

        teacher.locator("h1").first.click()
        teacher.keyboard.press("ArrowRight")                   # to the prediction stop
        _h1_includes(teacher, STOPS[1].title[:20])
        _h1_includes(phone, STOPS[1].title[:20], timeout_ms=10_000)   # the phone polls every second
        wait_for_app_idle(phone)
        pills = phone.locator('[data-testid="stButtonGroup"] button')
        pills.first.wait_for(timeout=30_000)
        pills.nth([pills.nth(i).inner_text().strip() for i in range(pills.count())].index("खा")).click()
        teacher.wait_for_function("() => document.body.innerText.includes('1 answered so far')", timeout=15_000,
                                  polling=POLL_MS)
        teacher.get_by_role("button", name="Reveal").click()
        phone.wait_for_selector('[data-testid="stVegaLiteChart"], .vega-embed', timeout=15_000)
        wait_for_app_idle(phone)
        phone.screenshot(path=str(_lesson_shot("revealed", "phone")))
        wait_for_app_idle(teacher)
        teacher.wait_for_selector('text="the class"', timeout=15_000)   # the class's answers beside the model's
        assert teacher.evaluate(CONTENT_HEIGHT) <= PROJECTOR["height"]
        teacher.screenshot(path=str(_lesson_shot("revealed", "projector")))
    finally:
        teacher_context.close()
        phone_context.close()


def test_markdown_html_and_link_payloads_in_a_link_are_shown_as_text(server, page):
    """A link's sentence holding an image, a javascript: link and Markdown is shown as its
    characters: the browser fetches no image from that address and offers no such link."""
    payloads = "राम **x** $x^2$ ~~x~~ ![i](http://127.0.0.1:9/x.png) [c](javascript:alert(1)) <b>x</b> है"
    for path in ("/Compare", "/Step_by_step", "/What_if", "/Does_attention_matter"):
        open_page(page, server.url + f"{path}?sentence={quote(payloads)}")
        assert error_texts(page) == [], path
        assert page.locator('img[src*="127.0.0.1:9"]').count() == 0, path
        assert page.locator('a[href^="javascript:"]').count() == 0, path
        assert page.locator('[data-testid="stMarkdownContainer"] b').count() == 0, path
        if path == "/Compare":   # the other pages draw formulas of their own
            assert page.locator(".katex").count() == 0, path


def test_the_owner_cookie_is_renewed_on_every_visit(server, page):
    open_page(page, server.url + "/Data")
    first = next(c for c in page.context.cookies() if c["name"] == "dhyan_owner")
    page.wait_for_timeout(1500)
    page.reload(wait_until="commit")
    wait_for_app_idle(page)
    renewed = next(c for c in page.context.cookies() if c["name"] == "dhyan_owner")
    assert renewed["value"] == first["value"] and renewed["expires"] > first["expires"]


TWO_PAIRS = "राम पानी पीता है\tRam drinks water\nसीता घर जाती है\tSita goes home\n".encode()


def save_corpus_in(tab, name: str) -> None:
    """Upload a two-pair corpus on tab's Data page and save it as `name`, in that tab's session."""
    tab.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": f"{name}.tsv", "mimeType": "text/tab-separated-values", "buffer": TWO_PAIRS}])
    wait_for_app_idle(tab)
    box = tab.get_by_label("Save as", exact=True)
    box.fill(name)
    box.press("Enter")
    wait_for_app_idle(tab)
    tab.get_by_role("button", name="Save corpus").click()
    wait_for_app_idle(tab)


def listed_corpora(tab, names) -> list[str]:
    """Which of names the tab's "Your corpora" list shows (each as "<name> · saved <time>")."""
    return [name for name in names if tab.locator("p", has_text=f"{name} · saved").count() == 1]


def settle_after_loads(tabs, loads: list, quiet_ms: int = 1500) -> None:
    """Wait until every tab is idle and no tab has loaded a page for quiet_ms: a tab that adopts
    another's cookie reloads once its first run has drawn the cookie script."""
    for _ in range(10):
        seen = len(loads)
        for tab in tabs:
            wait_for_app_idle(tab)
        tabs[0].wait_for_timeout(quiet_ms)
        if len(loads) == seen:
            return
    raise AssertionError(f"the tabs kept reloading ({len(loads)} loads)")


def test_two_tabs_opened_before_the_cookie_exists_are_one_owner(server, browser):
    """Both tabs of a fresh browser load at once, so each session starts with no cookie and makes a
    token; the tab that writes its cookie second reloads to adopt the first one's. Afterwards the
    browser holds one signed cookie and each tab's own session saves as its owner: what one tab
    saved, the other lists without a reload."""
    from pathlib import Path
    from core.owners import SECRET_FILE, corpora_folder, owner_of, valid_token
    data_dir = server.log_path.parent   # the server's data folder
    context = browser.new_context(viewport=PROJECTOR, device_scale_factor=1)
    try:
        tabs = [context.new_page(), context.new_page()]
        loads = []   # every page load of either tab, the reload that adopts the cookie included
        for tab in tabs:
            tab.on("load", lambda _: loads.append(1))
        for tab in tabs:   # both navigations under way before either page has written a cookie
            tab.goto(server.url + "/Data", wait_until="commit", timeout=90_000)
        settle_after_loads(tabs, loads)
        cookies = [c["value"] for c in context.cookies() if c["name"] == "dhyan_owner"]
        assert len(cookies) == 1
        assert valid_token(cookies[0], (Path(data_dir) / SECRET_FILE).read_bytes())
        save_corpus_in(tabs[0], "tab_one")
        save_corpus_in(tabs[1], "tab_two")   # tab 2's session as it is, not reloaded since
        saved = sorted(str(p.relative_to(data_dir)) for p in (Path(data_dir) / "corpora").rglob("tab_*.tsv"))
        folder = corpora_folder(data_dir, owner_of(cookies[0])).relative_to(data_dir)
        assert saved == [f"{folder}/tab_one.tsv", f"{folder}/tab_two.tsv"]
        assert listed_corpora(tabs[1], ["tab_one", "tab_two"]) == ["tab_one", "tab_two"]
        tabs[0].reload(wait_until="commit")
        wait_for_app_idle(tabs[0])
        assert listed_corpora(tabs[0], ["tab_one", "tab_two"]) == ["tab_one", "tab_two"]
        assert [c["value"] for c in context.cookies() if c["name"] == "dhyan_owner"] == cookies
    finally:
        context.close()


def test_a_corpus_line_holding_an_image_or_a_javascript_link_is_shown_as_text(server, new_page):
    page = new_page
    """The Data page's pair of an uploaded corpus: `![i](http://127.0.0.1:9/x.png)` and
    `[c](javascript:…)` stay characters; the browser fetches nothing from that address."""
    import hashlib
    from core.language.user_corpus import load_corpus_bytes, save_corpus
    open_page(page, server.url + "/Data")
    token = next(c for c in page.context.cookies() if c["name"] == "dhyan_owner")["value"]
    upload = "राम है\tRam ![i](http://127.0.0.1:9/x.png) [c](javascript:alert(1)) <b>x</b> **x** is\n" * 2
    save_corpus(load_corpus_bytes(upload.encode(), "p.tsv").pairs, "payloads", server.log_path.parent,   # the server's data folder
                owner=hashlib.sha256(token.encode()).hexdigest()[:12])
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if "127.0.0.1:9/" in request.url else None)
    page.reload(wait_until="commit")
    wait_for_app_idle(page)
    page.locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="uploaded: payloads").click()
    wait_for_app_idle(page)
    assert page.get_by_text("![i](http://127.0.0.1:9/x.png)", exact=False).count() >= 1, "shown as its characters"
    assert page.locator('img[src*="127.0.0.1:9"]').count() == 0 and fetched == []
    assert page.locator('a[href^="javascript:"]').count() == 0


FORTY_FIVE_WORDS = " ".join(LONG_SENTENCE.split()[:45])


def test_a_56_word_heatmap_fits_a_phone_with_its_labels_thinned_at_full_size(server, phone):
    open_page(phone, server.url + "/Compare?models=additive&sentence=" + quote(LONG_SENTENCE))
    heatmap = chart_titled(phone, "attention: rows written, columns read")
    texts = heatmap.evaluate(CHART_TEXTS)
    words = LONG_SENTENCE.split() + ["<eos>"]
    labels = {t["text"] for t in texts}
    shown = [f"{i} {w}" for i, w in enumerate(words, 1) if f"{i} {w}" in labels]
    assert shown and shown[0] == f"1 {words[0]}", "thinned labels start at the first word"
    assert min(t["size"] for t in texts) >= 14, "no label shrunk"
    assert all(t["inside"] for t in texts), "nothing cut off"
    assert heatmap.evaluate(HEATMAP_CELLS)["columns"] == len(words), "every column drawn"
    # the chart titles beside it are drawn whole (they were cut or invisible)
    for title in ("attention each word received", "how spread each step was", "how sure it was of each word"):
        assert all(t["inside"] for t in chart_titled(phone, title).evaluate(CHART_TEXTS) if t["text"] == title)
    assert phone.evaluate(OVERFLOW)["document"] == 0


def test_tapping_a_heatmap_cell_on_a_phone_says_its_words_and_weight(server, phone):
    """A phone shows no tooltip: a tap on a cell says under the chart what hovering would."""
    from core.nmt.probes import SEED_SENTENCE
    translation = Translator.from_name("additive").translate(SEED_SENTENCE)
    open_page(phone, server.url + "/Compare?models=additive&sentence=" + quote(SEED_SENTENCE))
    heatmap = chart_titled(phone, "attention: rows written, columns read")
    step, word = 3, 3   # the cells are drawn row by row: English word written, then Hindi word read
    cells = heatmap.locator("svg g.mark-rect.role-mark path")
    assert cells.count() == len(translation.output_tokens) * len(translation.source_tokens)
    cells.nth((step - 1) * len(translation.source_tokens) + word - 1).tap()
    weight = f"{float(translation.attention[step - 1][word - 1]):.3f}"
    said = phone.get_by_text("Tapped: writing", exact=False).first
    said.wait_for(timeout=60_000)
    assert said.inner_text() == (f"Tapped: writing {translation.output_tokens[step - 1]} (step {step}), reading "
                                 f"{translation.source_tokens[word - 1]} (word {word}): weight {weight}")
    assert error_texts(phone) == []


HEATMAP_CELLS = """(chart) => {
  const box = chart.getBoundingClientRect();
  const cells = [...chart.querySelectorAll('svg g.mark-rect.role-mark path')].map(p => p.getBoundingClientRect());
  const xs = new Set(cells.map(r => Math.round(r.left + r.width / 2))), ys = new Set(cells.map(r => Math.round(r.top + r.height / 2)));
  const outside = cells.filter(r => r.left < box.left - 1 || r.right > box.right + 1 || r.right > window.innerWidth + 1);
  return {columns: xs.size, rows: ys.size, outside: outside.length, cells: cells.length};
}"""


@pytest.mark.parametrize("size", ["projector", "phone"])
def test_a_46_word_heatmap_shows_all_46_columns_on_the_screen(server, tab, size):
    page = tab(size)
    open_page(page, server.url + "/Compare?models=additive&sentence=" + quote(FORTY_FIVE_WORDS)
              + ("&projector=1" if size == "projector" else ""))
    heatmap = chart_titled(page, "attention: rows written, columns read")
    drawn = heatmap.evaluate(HEATMAP_CELLS)
    assert drawn["columns"] == 46, drawn   # 45 words and <eos>
    assert drawn["outside"] == 0, "no column cut off or beyond the window"
    texts = heatmap.evaluate(CHART_TEXTS)
    assert min(t["size"] for t in texts) >= 14, "labels large enough to read"
    assert page.evaluate(OVERFLOW)["document"] == 0
    photograph(page, "compare_long_heatmap" + ("_projector" if size == "projector" else "_phone"))


@pytest.mark.parametrize("size", ["projector", "phone"])
def test_compare_keeps_the_models_side_by_side_and_marks_words_not_in_the_reference(server, tab, size):
    page = tab(size)
    # a test-split sentence (the models' reference exists), long enough for encdec to drift
    open_page(page, server.url + "/Compare?projector=1&sentence=" + quote(EXAMPLES[-2][0]))
    page.get_by_role("button", name="Random test sentence").click()
    wait_for_app_idle(page)
    heads = [page.get_by_role("heading", name=name, exact=True).first.bounding_box()
             for name in ("encdec", "additive")]
    if size == "projector":
        assert abs(heads[0]["y"] - heads[1]["y"]) < 5 and heads[1]["x"] > heads[0]["x"] + 300, \
            "side by side on the projector"
    assert page.get_by_text("Against the reference:").count() == 2
    overflow = page.evaluate(OVERFLOW)
    assert overflow["document"] == 0, overflow
    photograph(page, "compare_side_by_side" + ("_projector" if size == "projector" else "_phone"))


@pytest.mark.parametrize("size", ["projector", "phone"])
def test_one_decoding_step_fits_one_projected_screen(server, tab, size):
    page = tab(size)
    open_page(page, server.url + "/Step_by_step?step=3" + ("&projector=1" if size == "projector" else ""))
    chart_titled(page, "context c_t of every step, c_3 outlined")
    grid = page.locator('[class*="st-key-step_grid"]').bounding_box()
    if size == "projector":
        assert grid["height"] <= 720, f"scores, weights, contexts and next words: {grid['height']:.0f} px tall"
    back = page.get_by_role("button", name="Back")
    assert back.evaluate("(b) => b.scrollWidth <= b.clientWidth"), "the button's label is not cut"
    assert page.evaluate(OVERFLOW)["document"] == 0
    for title in ("context c_t of every step, c_3 outlined", "weights α_3,j after the softmax"):
        texts = chart_titled(page, title).evaluate(CHART_TEXTS)
        assert [t["text"] for t in texts if not t["inside"]] == [], title
    labels = [t for t in chart_titled(page, "next word (rank)").evaluate(CHART_TEXTS) if " p " in t["text"]]
    assert len(labels) == 5 and all(t["inside"] for t in labels), "all five next words, each with its p"
    photograph(page, "step_by_step_grid" + ("_projector" if size == "projector" else "_phone"))


@pytest.mark.parametrize("size", ["projector", "phone"])
def test_what_if_fits_and_its_tabs_stay_on_the_strip(server, tab, size):
    viewport = VIEWPORTS[size]
    page = tab(size)
    open_page(page, server.url + "/What_if" + ("?projector=1" if size == "projector" else ""))
    chart_titled(page, "beam search tree")
    assert page.get_by_text("writes the same words as greedy search").count() + \
        page.get_by_text("found a more probable whole translation").count() == 1
    last_tab = page.get_by_role("tab").last.bounding_box()
    assert last_tab["x"] + last_tab["width"] <= viewport["width"], "the last tab is on the screen"
    page.get_by_role("tab", name="Edit").click()
    wait_for_app_idle(page)
    before, after = chart_titled(page, "original attention"), chart_titled(page, "edited at step 1")
    if size == "projector":
        assert abs(before.bounding_box()["y"] - after.bounding_box()["y"]) < 5, "before and after side by side"
    overflow = page.evaluate(OVERFLOW)
    assert overflow["document"] == 0, overflow
    photograph(page, "what_if_edit" + ("_projector" if size == "projector" else "_phone"))


# ------------------------------------------------------------------ a transformer on the pages

TRANSFORMER_SENTENCE = "मेरा भाई कल दिल्ली जाएगा"


def shipped_transformer_heads() -> tuple[int, int]:
    """(decoder layers, heads) of the shipped transformer: its cross-attention grid is layers × heads."""
    from core.nmt.checkpoint import SHIPPED_DIR, load_checkpoint
    model = load_checkpoint(SHIPPED_DIR / "transformer").model
    return len(model.decoder_layers), model.config.heads


@pytest.mark.parametrize("size", ["projector", "phone"])
def test_the_transformer_head_grid_is_whole_on_a_projector_and_a_phone(server, tab, size):
    """Compare with the shipped transformer beside additive: the grid of its layers × heads is on
    the screen unscrolled, every panel named; photographed, with Step by step and Self-attention."""
    viewport = VIEWPORTS[size]
    page = tab(size)
    projector = "&projector=1" if size == "projector" else ""
    open_page(page, server.url + "/Compare?models=additive,transformer&sentence="
              + quote(TRANSFORMER_SENTENCE) + projector)
    layers, heads = shipped_transformer_heads()
    panels = [f"L{layer} · H{head}" for layer in range(1, layers + 1) for head in range(1, heads + 1)]
    wait_for_app_idle(page)   # the page's last run drawn: a chart of an earlier run may be replaced
    grid = chart_titled(page, "English (rows) × Hindi (columns)")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], f"the grid is cut at {viewport}"
    texts = [t["text"] for t in grid.evaluate(CHART_TEXTS)]
    assert all(panel in texts for panel in panels), sorted(set(texts))
    assert error_texts(page) == [] and page.evaluate(OVERFLOW)["document"] == 0
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    grid.screenshot(path=str(folder / f"transformer_head_grid_{size}.png"))
    photograph(page, f"compare_transformer_{size}")
    for name, path in (("step_by_step_transformer", "/Step_by_step?model=transformer&step=2&sentence="),
                       ("self_attention_transformer", "/Self-attention?sentence=")):
        open_page(page, server.url + path + quote(TRANSFORMER_SENTENCE) + projector)
        page.wait_for_selector("h1", timeout=60_000)
        assert error_texts(page) == [] and page.evaluate(OVERFLOW)["document"] == 0, name
        photograph(page, f"{name}_{size}")


# ------------------------------------------------------------------ a student's own run, watched

RUN_LIMIT_S = 600   # the default run is ~90 s of one idle core; a loaded CI machine gets room


def live_moment(page) -> tuple[str, float] | None:
    """(the probe's label, e.g. 'epoch 1, step 300', and the focus shown beside it), or None
    while the live view has no heatmap yet."""
    text = page.locator("[data-testid='stText']").all_inner_texts()
    label = next((m.group(1) for t in text for m in [re.search(r"It writes now \((.*?)\)", t)] if m), None)
    metrics = page.locator("[data-testid='stMetric']").filter(has_text="focus")
    if label is None or metrics.count() == 0:
        return None
    value = metrics.first.locator("[data-testid='stMetricValue']").inner_text()
    return label, float(value)


def test_the_live_heatmap_of_a_default_run_grows_sharper_by_the_pages_own_measure(server, page):
    """A student's own run on the Training page: the live heatmap of the probe sentence is
    photographed before training, at its first redraw, and at the first later redraw whose focus
    (core.nmt.probes.attention_focus, printed beside it) is at least 0.2 above the first, or at the
    run's end: the fog clears while the class watches, by the page's own measure."""
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    open_page(page, server.url + "/Training")
    page.get_by_role("button", name="Start training").click()
    stop = page.get_by_role("button", name="Stop and keep the best so far")
    moments: list[tuple[str, float]] = []
    deadline = time.monotonic() + RUN_LIMIT_S
    while time.monotonic() < deadline:
        moment = live_moment(page)
        ended = bool(moments) and stop.count() == 0
        if moment is not None and (not moments or moment[0] != moments[-1][0]):
            if len(moments) < 2 or moment[1] >= moments[0][1] + 0.2 or ended:
                moments.append(moment)
                page.screenshot(path=str(folder / f"training_live_{len(moments)}.png"))
        if len(moments) >= 3 or ended:
            break
        page.wait_for_timeout(500)
    if stop.count():   # the measure has spoken: no need to wait for the rest of the run
        stop.click()
        wait_for_app_idle(page)
    assert len(moments) >= 3, moments
    first, last = moments[0], moments[-1]
    assert first[0] == "before training", moments
    # before training the rows are near-even (focus near 1/S); a run that learned looks at one word a row
    assert last[1] >= first[1] + 0.2, moments
