"""End-to-end: the LSS contact person's monthly report in a real browser (headless Chromium).

Logs in as the demo contact person, starts the LSS report for one of their clients from Mina
sidor, fills step 1 with the conditional reason (choosing "Nej, men något eller några av dem"
shows it, and going on without it is refused), fills step 2, previews, submits and reads the
receipt with its case number.

It runs twice: with JavaScript (the reason appears as soon as the answer changes) and without
(it appears when the step is saved) — the pages must work both ways.

After the run with JavaScript the report goes on to the officer: the contact person writes to the
case officer from the report, the officer (who may view protected identities) finds the
conversation unread under Meddelanden, answers, and returns the report with a comment; the
contact person then sees the unread answer and the return with the comment on Mina sidor.

Run by Tests/e2e/run.sh (`make e2e`), which starts the server and sets REDOVISA_URL.
"""

import os
import re
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ.get("REDOVISA_URL", "http://127.0.0.1:8080")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
REASON = "Fyll i: Vad är anledningen till att du inte har utfört alla tillfällen enligt överenskommelsen?"


def browser(script):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    if not script:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1600", "--lang=sv-SE"):
        options.add_argument(argument)
    # The driver from Debian's chromium-driver: selenium downloads nothing.
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def step(message):
    print(f"e2e: {message}", flush=True)


def fill(driver, name, value):
    element = driver.find_element(By.NAME, name)
    element.clear()
    element.send_keys(value)


def gone(element):
    """A wait condition: `element`'s page has been replaced. Chromium sometimes answers a question
    about a node of the page just left with an inspector error rather than "stale element", so any
    driver error about it counts as gone too."""
    def check(_driver):
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return True
    return check


def press(driver, text):
    """Clicks the button with this text, and waits for the next page."""
    # (Not the form's hidden default button, which only the Enter key reaches.)
    button = driver.find_element(By.XPATH, f"//button[normalize-space()='{text}' and not(@aria-hidden='true')]")
    old = driver.find_element(By.TAG_NAME, "html")
    button.click()
    WebDriverWait(driver, 10).until(gone(old))


def tick(driver, label):
    """Ticks (or chooses) the box or radio labelled `label`, through its label as a person would."""
    target = driver.find_element(By.XPATH, f"//label[normalize-space()='{label}']")
    box = driver.find_element(By.ID, target.get_attribute("for"))
    if not box.is_selected():
        target.click()
    assert box.is_selected(), f"'{label}' is not ticked"


def error_summary(driver):
    boxes = driver.find_elements(By.CSS_SELECTOR, ".error-summary li")
    return [box.text for box in boxes]


def login(driver, username):
    """Logs in as the demo user `username` from the development login's list."""
    driver.get(BASE + "/logga-in")
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(
        By.XPATH, f"//input[@name='anvandare' and @value='{username}']/following-sibling::button").click()
    WebDriverWait(driver, 10).until(gone(old))
    assert "/logga-in" not in driver.current_url, driver.current_url


def notice(driver):
    return driver.find_element(By.CSS_SELECTOR, "main .notice").text


def main_text(driver):
    return driver.find_element(By.TAG_NAME, "main").text


def run(driver, script):
    wait = WebDriverWait(driver, 10)

    step("log in as the demo contact person")
    login(driver, "kontaktperson")
    wait.until(EC.url_contains("/mina-sidor"))

    # One client per run: each run starts a new report for the month, and a month has one.
    client = 0 if script else 1
    step(f"Mina sidor → Ny rapport → client {client + 1}")
    driver.find_element(By.XPATH, "//main//a[normalize-space()='Ny rapport']").click()
    wait.until(EC.presence_of_element_located((By.XPATH, "//h1[normalize-space()='Ny rapport']")))
    driver.find_elements(By.CSS_SELECTOR, "main table a[href^='/rapporter/ny?insats=']")[client].click()
    wait.until(EC.presence_of_element_located((By.NAME, "mall")))
    lss = driver.find_element(By.CSS_SELECTOR, "input[name='mall'][value='lss-kontaktperson']")
    assert lss.is_selected(), "the LSS report is not chosen"
    period = driver.find_element(By.NAME, "period").get_attribute("value")
    assert re.fullmatch(r"[0-9]{4}-[0-9]{2}", period), period
    press(driver, "Starta rapporten")

    step(f"step 1 Rapportering ({period})")
    assert re.search(r"/rapporter/[0-9]+/steg/1$", driver.current_url), driver.current_url
    current = driver.find_element(By.CSS_SELECTOR, "ol.steps li[aria-current='step']").text
    assert current == "1 Rapportering", current
    assert driver.find_element(By.NAME, "ar").get_attribute("value") == period[:4]
    assert driver.find_element(By.NAME, "manad").get_attribute("value") == str(int(period[5:]))
    reason = driver.find_element(By.ID, "f-anledning")
    assert not reason.is_displayed(), "the reason is shown before it is asked for"
    fill(driver, "klient_fornamn", "Anna")
    fill(driver, "klient_efternamn", "Åberg")
    tick(driver, "Nej, men något eller några av dem")
    if script:
        # With the script, the reason appears as soon as the answer changes.
        WebDriverWait(driver, 5).until(EC.visibility_of_element_located((By.ID, "f-anledning")))
        step("the reason appeared when the answer changed")
    else:
        assert not driver.find_element(By.ID, "f-anledning").is_displayed()
        press(driver, "Spara")
        assert "Utkastet är sparat." in driver.find_element(By.CSS_SELECTOR, "main .notice").text
        step("the reason appeared when the step was saved")
    assert driver.find_element(By.ID, "f-anledning").is_displayed(), "the reason is not shown"
    fill(driver, "aktiviteter", "Vi gick på bio och tog en fika.")

    step("going on without the reason is refused")
    press(driver, "Nästa")
    assert REASON in error_summary(driver), error_summary(driver)
    link = driver.find_element(By.CSS_SELECTOR, ".error-summary a[href='#f-anledning']")
    link.click()
    if script:
        assert driver.switch_to.active_element.get_attribute("id") == "f-anledning", "the link does not focus the field"
    else:
        assert driver.current_url.endswith("#f-anledning"), driver.current_url
    fill(driver, "anledning", "Personen var sjuk två veckor.")
    press(driver, "Nästa")

    step("step 2 Information om dig")
    assert re.search(r"/steg/2$", driver.current_url), driver.current_url
    fill(driver, "personnummer", "198112189876")
    fill(driver, "fornamn", "Gunilla")
    fill(driver, "efternamn", "Andreasson")
    fill(driver, "epost", "gunilla@example.se")
    tick(driver, "Jag vill bli notifierad via e-post")
    tick(driver, "Jag förstår")
    press(driver, "Nästa: Förhandsgranska")

    step("the preview")
    assert driver.current_url.endswith("/forhandsgranska"), driver.current_url
    text = driver.find_element(By.TAG_NAME, "main").text
    for expected in ("Nej, men något eller några av dem", "Personen var sjuk två veckor.", "Anna", "198112189876"):
        assert expected in text, f"the preview lacks {expected!r}"
    changes = driver.find_elements(By.XPATH, "//a[starts-with(normalize-space(), 'Ändra')]")
    assert len(changes) >= 10, f"{len(changes)} Ändra links"
    press(driver, "Skicka in")

    step("the receipt")
    assert driver.current_url.endswith("/kvitto"), driver.current_url
    assert driver.find_element(By.TAG_NAME, "h1").text == "Ditt ärende är nu inskickat"
    case_number = driver.find_element(By.CSS_SELECTOR, ".case-number").text
    assert re.fullmatch(r"[0-9]{4}-[0-9]{6}", case_number), case_number
    assert f"Ärendenummer: {case_number}" in driver.find_element(By.TAG_NAME, "main").text
    assert driver.find_element(By.LINK_TEXT, "Rapportera för en till person")
    step(f"submitted: case number {case_number}")
    return int(re.search(r"/rapporter/([0-9]+)/kvitto$", driver.current_url).group(1)), case_number


def messages_and_return(driver, report, case_number):
    """The submitted report's conversation with the officer, and the officer's return."""
    question = "Hej! Anna var sjuk två veckor, jag har ett intyg."
    answer = "Tack! Jag återskickar rapporten så att du kan lägga till datumen."
    comment = "Lägg till vilka datum Anna var sjuk."

    step("the contact person writes to the officer from the report")
    driver.get(f"{BASE}/rapporter/{report}")
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.LINK_TEXT, "Skriv till handläggaren").click()
    WebDriverWait(driver, 10).until(gone(old))
    press(driver, "Skicka")
    assert "Skriv ett meddelande." in error_summary(driver), error_summary(driver)
    fill(driver, "meddelande", question)
    press(driver, "Skicka")
    assert notice(driver) == "Meddelandet är skickat.", notice(driver)
    assert question in main_text(driver)
    press(driver, "Logga ut")

    step("the officer finds it unread under Meddelanden and answers")
    login(driver, "handlaggare-skyddad")
    driver.get(BASE + "/meddelanden")
    row = driver.find_element(By.XPATH, f"//table//tr[td/a[normalize-space()='Ärende {case_number}']]")
    cells = [cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
    assert cells[3:5] == ["1", "1"], cells
    old = driver.find_element(By.TAG_NAME, "html")
    row.find_element(By.TAG_NAME, "a").click()
    WebDriverWait(driver, 10).until(gone(old))
    assert question in main_text(driver)
    fill(driver, "meddelande", answer)
    press(driver, "Skicka")
    assert answer in main_text(driver)

    step("the officer returns the report with a comment")
    driver.get(f"{BASE}/rapporter/{report}")
    press(driver, "Återskicka för komplettering")
    assert "Skriv vad som behöver kompletteras." in error_summary(driver), error_summary(driver)
    fill(driver, "kommentar", comment)
    press(driver, "Återskicka för komplettering")
    assert notice(driver) == "Rapporten är återskickad för komplettering.", notice(driver)
    press(driver, "Logga ut")

    step("the contact person sees the answer and the return on Mina sidor")
    login(driver, "kontaktperson")
    text = main_text(driver)
    assert "Du har 1 oläst meddelande." in text, text
    returned = driver.find_element(By.XPATH, f"//h2[@id='aterskickade']/following-sibling::table[1]//tr[td[normalize-space()='{case_number}']]")
    assert comment in returned.text, returned.text
    step("the return and the answer reached the contact person")


def main():
    started = time.monotonic()
    for script in (True, False):
        step("with JavaScript" if script else "without JavaScript")
        driver = browser(script)
        try:
            report, case_number = run(driver, script)
            if script:
                messages_and_return(driver, report, case_number)
        except Exception:
            path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "redovisa-e2e-failure.png")
            driver.save_screenshot(path)
            print(f"e2e: FAILED at {driver.current_url} (screenshot {path})", file=sys.stderr)
            raise
        finally:
            driver.quit()
    print(f"e2e: passed in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
