"""End-to-end: a student's own run on the Training page, in Debian's Chromium. The live heatmap
of the probe sentence is photographed at three moments of the default run (the classroom
subset, additive), and the page's own measure of its sharpness, the focus printed beside it
(core.nmt.probes.attention_focus), must climb from the first moment to the last: the fog clears
while the class watches."""
import re
import time

from tests.browser import launch_chromium, open_page, screenshot_dir
from tests.test_browser import PROJECTOR, server  # noqa: F401 - the module's server fixture, this module's own

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


def test_the_live_heatmap_of_a_default_run_grows_sharper_by_the_pages_own_measure(server):
    from playwright.sync_api import sync_playwright
    folder = screenshot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_context(viewport=PROJECTOR, device_scale_factor=1).new_page()
        try:
            open_page(page, server.url + "/Training")
            page.get_by_role("button", name="Start training").click()
            moments: list[tuple[str, float]] = []
            deadline = time.monotonic() + RUN_LIMIT_S
            # the first moment (before training), one later in the run, and the last seen (the run ends)
            while time.monotonic() < deadline:
                moment = live_moment(page)
                if moment is not None and (not moments or moment[0] != moments[-1][0]):
                    if len(moments) < 2 or moment[0].startswith("end of epoch"):
                        moments.append(moment)
                        page.screenshot(path=str(folder / f"training_live_{len(moments)}.png"))
                if len(moments) >= 3 and moments[-1][1] >= moments[0][1] + 0.2:
                    break
                if page.get_by_role("button", name="Stop and keep the best so far").count() == 0 and moments:
                    break   # the run has ended
                page.wait_for_timeout(500)
            stop = page.get_by_role("button", name="Stop and keep the best so far")
            if stop.count():   # the measure has spoken: no need to wait for the last epoch
                stop.click()
        finally:
            browser.close()
    assert len(moments) >= 3, moments
    first, last = moments[0], moments[-1]
    assert first[0] == "before training", moments
    # before training the rows are near-even (focus near 1/S); a run that learned looks at one word a row
    assert last[1] >= first[1] + 0.2, moments
