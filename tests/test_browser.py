"""End-to-end: the real app in Debian's Chromium. Also writes docs/screenshots/*.png for the README."""
import pytest

from tests.browser import SCREENSHOT_DIR, StreamlitServer, launch_chromium, open_page, require_browser, wait_for_app_idle

# (screenshot name, URL path, words the page's title must contain)
PAGES = [("home", "/", "Dhyan"), ("compare", "/Compare", "Compare"), ("step_by_step", "/Step_by_step", "Step"),
         ("training", "/Training", "Training"), ("long_sentences", "/Long_sentences", "Long sentences"),
         ("data", "/Data", "Data"), ("what_if", "/What_if", "What if"),
         ("captioning", "/Captioning", "caption")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    require_browser()
    running = StreamlitServer(tmp_path_factory.mktemp("browser_data"))
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


@pytest.mark.parametrize("name,path,title", PAGES)
def test_every_page_loads_without_an_error_and_is_photographed(server, page, name, path, title):
    open_page(page, server.url + path)
    page.wait_for_selector("h1", timeout=60_000)
    assert title.lower() in page.locator("h1").first.inner_text().lower()
    assert error_texts(page) == []
    assert page.get_by_role("link", name="Home").count() == 1, "the sidebar's own page list is drawn"
    photograph(page, name)


def photograph(page, name: str, max_height: int = 2600) -> None:
    """Save the whole page for the README. Streamlit scrolls inside its main section, not the
    document, so a full-page screenshot would stop at the window: grow the window to the
    content's height first (capped), let the charts redraw, then take it."""
    height = page.evaluate("() => (document.querySelector('[data-testid=\"stMain\"]') "
                           "|| document.scrollingElement).scrollHeight")
    page.set_viewport_size({"width": 1400, "height": max(1000, min(int(height), max_height))})
    wait_for_app_idle(page)
    page.wait_for_timeout(800)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"))


def test_home_shows_the_translation_table_and_a_heatmap(server, page):
    open_page(page, server.url + "/")
    page.locator('[data-testid="stDataFrame"]').first.wait_for(timeout=60_000)
    heatmap = page.locator('[data-testid="stVegaLiteChart"]').first
    heatmap.wait_for(timeout=60_000)
    # the heatmap's axis labels are SVG text: the seed sentence's words must be there
    assert "खा" in heatmap.inner_text() or "खा" in heatmap.inner_html()


def test_compare_translates_a_typed_sentence_and_draws_heatmaps(server, page):
    open_page(page, server.url + "/Compare")
    box = page.get_by_role("textbox").first
    box.fill("वह पानी पी रही है")
    box.press("Enter")
    wait_for_app_idle(page)
    page.get_by_text("is drinking water").first.wait_for(timeout=60_000)
    assert page.locator('[data-testid="stVegaLiteChart"]').count() >= 2
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
