"""End-to-end: the real app in Debian's Chromium. Each page is also photographed, into the
ignored tests/artifacts/screenshots/ (DHYAN_REFRESH_SCREENSHOTS=1: the README's docs/screenshots/)."""
import pytest

from app.ui import PAGES
from core.nmt.translate import Translator
from tests.browser import launch_chromium, open_page, require_browser, screenshot_dir, start_server, wait_for_app_idle

# (screenshot name, URL path, words the page's title must contain), in PAGES order
SHOTS = [("home", "/", "Dhyan"), ("compare", "/Compare", "Compare"), ("step_by_step", "/Step_by_step", "Step"),
         ("training", "/Training", "Training"), ("long_sentences", "/Long_sentences", "Long sentences"),
         ("data", "/Data", "Data"), ("what_if", "/What_if", "What if"),
         ("captioning", "/Captioning", "caption")]


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


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
    page = context.new_page()
    yield page
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
    page.locator('[data-testid="stSidebarNavLink"]').nth(4).click()   # Long sentences
    page.wait_for_url("**/Long_sentences", timeout=60_000)
    wait_for_app_idle(page)
    assert "long sentences" in page.locator("h1").first.inner_text().lower()


@pytest.mark.parametrize("name,path,title", SHOTS)
def test_every_page_loads_without_an_error_and_is_photographed(server, page, name, path, title):
    open_page(page, server.url + path)
    page.wait_for_selector("h1", timeout=60_000)
    assert title.lower() in page.locator("h1").first.inner_text().lower()
    assert error_texts(page) == []
    shot = photograph(page, name)
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def photograph(page, name: str, max_height: int = 2600):
    """Save the whole page (see tests.browser.screenshot_dir). Streamlit scrolls inside its main
    section, not the document, so a full-page screenshot would stop at the window: grow the window
    to the content's height first (capped), let the charts redraw, then take it."""
    height = page.evaluate("() => (document.querySelector('[data-testid=\"stMain\"]') "
                           "|| document.scrollingElement).scrollHeight")
    page.set_viewport_size({"width": 1400, "height": max(1000, min(int(height), max_height))})
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
