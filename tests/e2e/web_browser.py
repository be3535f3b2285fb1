#!/usr/bin/python3
"""Drives the page of `iransearch serve` in Debian's headless Chromium.

Usage: web_browser.py BASE_URL OUT_DIR
Loads the page, types a query, clicks a country facet and checks that the hits change,
opens an article, filters to Arabic, checks directions and fonts, and saves screenshots
(English and Arabic result pages, the article view, a 360 px phone width) in OUT_DIR.
Fails (exit 1) on any check that does not hold and on any console error of the page.
"""
import os
import sys
import tempfile
import time
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE, OUT = sys.argv[1].rstrip("/") + "/", sys.argv[2]
os.makedirs(OUT, exist_ok=True)
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def browser(profile):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--lang=en-US", "--window-size=1280,1000",
                 "--user-data-dir=" + profile):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def console_errors(driver):
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def wait_settled(driver):
    """Until the page has answered: no 'Searching…' and no 'Loading…'."""
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(
        "return !document.getElementById('status').classList.contains('busy') &&"
        " document.getElementById('article-title').textContent !== 'Loading…'"))


def hit_paths(driver):
    return [a.get_attribute("href").split("article=")[-1] for a in driver.find_elements(By.CSS_SELECTOR, ".hit .title")]


with tempfile.TemporaryDirectory(prefix="iran-chromium-") as profile:
    driver = browser(profile)
    try:
        driver.get(BASE)
        wait_settled(driver)
        check(driver.title.startswith("iransearch"), "the page loads")
        first = driver.execute_script("const m = performance.getEntriesByName('iran-first-results'); return m.length ? m[0].startTime : -1")
        print(f"first render: {first:.0f} ms from navigation to the first results drawn")
        saved = driver.find_elements(By.CSS_SELECTOR, "#saved a")
        check([a.text for a in saved] == ["arabic-qatar"], f"the saved search is listed ({[a.text for a in saved]})")
        if saved:
            saved[0].click()
            WebDriverWait(driver, 10).until(lambda d: "lang=ar" in d.current_url and "q=Qatar" in d.current_url)
            wait_settled(driver)
            dirs = {h.get_attribute("dir") for h in driver.find_elements(By.CSS_SELECTOR, ".hit")}
            check(dirs == {"rtl"}, f"the saved search runs: Arabic hits ({dirs})")
            driver.get(BASE)
            wait_settled(driver)
        everything = hit_paths(driver)
        check(len(everything) == 10, f"an empty query lists the articles, 10 a page ({len(everything)})")
        # Pagination: the next page, and back.
        driver.find_element(By.CSS_SELECTOR, '#pages a[aria-label="Next page"]').click()
        WebDriverWait(driver, 10).until(lambda d: "offset=10" in d.current_url)
        wait_settled(driver)
        second = hit_paths(driver)
        check(second and not set(second) & set(everything), f"the next page shows the next articles ({second})")
        check(driver.find_element(By.CSS_SELECTOR, "#pages .current").text == "2", "page 2 is marked current")
        driver.find_element(By.CSS_SELECTOR, '#pages a[aria-label="Previous page"]').click()
        WebDriverWait(driver, 10).until(lambda d: "offset=" not in d.current_url)
        wait_settled(driver)
        check(hit_paths(driver) == everything, "and back to the first")

        box = driver.find_element(By.ID, "q")
        box.send_keys("foreign minister")
        box.send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda d: "q=foreign" in d.current_url)
        wait_settled(driver)
        before = hit_paths(driver)
        check(len(before) >= 2, f"typed query: hits ({len(before)})")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".hit mark")) > 0, "snippets highlight the words")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".bars .bar")) >= 2, "a date histogram is drawn")
        driver.save_screenshot(os.path.join(OUT, "results-en.png"))

        facet = driver.find_element(By.CSS_SELECTOR, '.facet[data-field="country"][data-value="QA"]')
        if not facet.is_displayed():  # past the first values: open the whole list
            group = facet.find_element(By.XPATH, "ancestor::section[1]")
            group.find_element(By.CSS_SELECTOR, "button.more").click()
        check(facet.is_displayed(), "the Qatar facet value is shown")
        facet.click()
        WebDriverWait(driver, 10).until(lambda d: "country=QA" in d.current_url)
        wait_settled(driver)
        after = hit_paths(driver)
        check(after and after != before and set(after) <= set(before) | set(after), f"the country facet changes the hits ({before} → {after})")
        check(len(driver.find_elements(By.CSS_SELECTOR, ".chip")) >= 1, "the facet shows as a removable chip")

        # Bookmarkable: the same URL in a fresh load gives the same hits.
        url = driver.current_url
        driver.get(url)
        wait_settled(driver)
        check(hit_paths(driver) == after, "the URL restores the search")

        # The article view, with the whole text and highlights.
        driver.find_element(By.CSS_SELECTOR, ".hit .title").click()
        WebDriverWait(driver, 10).until(lambda d: "article=" in d.current_url)
        wait_settled(driver)
        text = driver.find_element(By.ID, "article-text").text
        check(len(text) > 300, f"the article view shows the whole text ({len(text)} characters)")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#article-text mark")) > 0, "the article text is highlighted")
        driver.save_screenshot(os.path.join(OUT, "article.png"))
        driver.back()
        WebDriverWait(driver, 10).until(lambda d: "article=" not in d.current_url)
        wait_settled(driver)
        check(hit_paths(driver) == after, "back returns to the results")

        # Arabic: a query in Arabic script, hits right to left in a Naskh face.
        driver.get(BASE + "?q=" + "العلاقات")
        wait_settled(driver)
        hits = driver.find_elements(By.CSS_SELECTOR, ".hit")
        check(len(hits) >= 1, f"an Arabic query finds Arabic articles ({len(hits)})")
        rtl = [h for h in hits if h.get_attribute("dir") == "rtl"]
        check(len(rtl) >= 1, "Arabic hits are dir=rtl")
        if rtl:
            font = driver.execute_script("return getComputedStyle(arguments[0].querySelector('.snippet')).fontFamily", rtl[0])
            check("Naskh" in font, f"Arabic text uses the Arabic font stack ({font})")
            align = driver.execute_script(
                "const s = arguments[0].querySelector('.snippet'); return s.getBoundingClientRect().right - arguments[0].getBoundingClientRect().right", rtl[0])
        driver.get(BASE + "?lang=ar,fa")
        wait_settled(driver)
        dirs = {h.get_attribute("dir") for h in driver.find_elements(By.CSS_SELECTOR, ".hit")}
        check(dirs == {"rtl"}, f"lang=ar,fa: every hit right to left ({dirs})")
        driver.save_screenshot(os.path.join(OUT, "results-ar.png"))
        driver.get(BASE)
        wait_settled(driver)
        dirs = {h.get_attribute("dir") for h in driver.find_elements(By.CSS_SELECTOR, ".hit")}
        check(dirs == {"rtl", "ltr"}, f"a mixed list sets the direction per hit ({dirs})")

        # Names as you type, in Arabic script; picking one adds the filter.
        box = driver.find_element(By.ID, "q")
        box.clear()
        box.send_keys("قط")
        WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#suggestions .suggestion"))
        first = driver.find_element(By.CSS_SELECTOR, "#suggestions .suggestion").text
        check("قطر" in first or "Qatar" in first, f"suggestions name Qatar ({first!r})")
        box.send_keys(Keys.ARROW_DOWN)
        box.send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda d: "country=QA" in d.current_url)
        wait_settled(driver)
        check(all("QA" in h for h in [driver.current_url]), "a picked name becomes the country filter")

        # The histogram by keyboard: focus a bar, Enter sets the dates.
        bar = driver.find_element(By.CSS_SELECTOR, '.bars .bar[tabindex="0"]')
        driver.execute_script("arguments[0].focus()", bar)
        bar.send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda d: "from=" in d.current_url)
        wait_settled(driver)
        check("to=" in driver.current_url, "a histogram bar sets the date range")

        # Brushing: drag across three bars of the unfiltered histogram.
        driver.get(BASE + "?q=Iran")
        wait_settled(driver)
        bars = driver.find_elements(By.CSS_SELECTOR, ".bars .bar")
        labels = [b.get_attribute("aria-label").split(":")[0] for b in bars]
        ActionChains(driver).click_and_hold(bars[0]).move_to_element(bars[2]).release().perform()
        WebDriverWait(driver, 10).until(lambda d: "from=" in d.current_url)
        wait_settled(driver)
        url = urllib.parse.unquote(driver.current_url)
        check(f"from={labels[0]}" in url and f"to={labels[2]}" in url, f"dragging across bars sets the range ({url})")
        chip = [c for c in driver.find_elements(By.CSS_SELECTOR, ".chip") if "Dates" in c.text]
        check(len(chip) == 1, "the date range shows as a chip")
        if chip:
            chip[0].click()
            WebDriverWait(driver, 10).until(lambda d: "from=" not in d.current_url)
            check(True, "the date chip removes the range")

        # More like this: a hit's link turns into a like= search with a removable chip.
        wait_settled(driver)
        first_hit = hit_paths(driver)[0]
        driver.find_element(By.CSS_SELECTOR, ".hit .more-row .link").click()
        WebDriverWait(driver, 10).until(lambda d: "like=" in d.current_url)
        wait_settled(driver)
        similar = hit_paths(driver)
        check(similar and first_hit not in similar, f"more like this lists other articles ({similar})")
        check(any("Like:" in c.text for c in driver.find_elements(By.CSS_SELECTOR, ".chip")), "the like filter is a chip")
        driver.get(BASE + "?q=Iran")

        # Keyboard: open an article with Enter, close it with Escape.
        wait_settled(driver)
        link = driver.find_element(By.CSS_SELECTOR, ".hit .title")
        link.send_keys(Keys.ENTER)
        WebDriverWait(driver, 10).until(lambda d: "article=" in d.current_url)
        wait_settled(driver)
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ESCAPE)
        WebDriverWait(driver, 10).until(lambda d: "article=" not in d.current_url)
        check(True, "Enter opens an article, Escape closes it")

        # Readable at 360 px: nothing wider than the window.
        driver.set_window_size(360, 800)
        driver.get(BASE + "?q=Iran")
        wait_settled(driver)
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        check(overflow <= 0, f"no horizontal scrolling at 360 px ({overflow} px too wide)")
        driver.save_screenshot(os.path.join(OUT, "phone-360.png"))

        errors = console_errors(driver)
        check(not errors, f"no console errors ({errors})")
    finally:
        driver.quit()

print(f"{len(failures)} failed")
sys.exit(1 if failures else 0)
