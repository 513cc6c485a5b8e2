import { expect, test, type Page } from "@playwright/test";
import { hydrated, shots } from "./helpers";

async function total(page: Page): Promise<number> {
  return Number(await page.locator("#total").getAttribute("data-total"));
}

test("search, facet click without reload, then the card page", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto("/");
  await hydrated(page);
  const all = await total(page);
  expect(all).toBeGreaterThan(100);

  // a marker that survives only while the document is not reloaded
  await page.evaluate(() => ((window as any).__sameDocument = true));

  await page.locator("#q").fill("반도체를");
  await expect(page).toHaveURL(/q=%EB%B0%98%EB%8F%84%EC%B2%B4%EB%A5%BC/);
  await expect(page.locator("#total")).toContainText("반도체를");
  const afterQuery = await total(page);
  expect(afterQuery).toBeGreaterThan(0);
  expect(afterQuery).toBeLessThan(all);
  await expect(page.locator("#results .hit mark").first()).toBeVisible();
  await page.screenshot({ path: `${shots}/search.png`, fullPage: true });

  const site = page.locator('section[data-facet="site"] a.facet-value').first();
  const siteName = await site.getAttribute("data-value");
  const siteCount = Number(await site.locator(".facet-count").textContent());
  await site.click();
  await expect(page).toHaveURL(/site=/);
  await expect(page.locator('section[data-facet="site"] a.facet-value.selected')).toHaveCount(1);
  await expect.poll(() => total(page)).toBe(siteCount);
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
  const sites = await page.locator(".hit .hit-meta").allTextContents();
  expect(sites.every((m) => m.includes(siteName!))).toBe(true);
  await page.screenshot({ path: `${shots}/facet.png`, fullPage: true });

  // back restores the previous results, still without a reload
  await page.goBack();
  await expect(page).not.toHaveURL(/site=/);
  await expect.poll(() => total(page)).toBe(afterQuery);
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);

  const first = page.locator("#results a.hit-name").first();
  const name = (await first.textContent())!.trim();
  await first.click();
  await expect(page).toHaveURL(/\/cards\//);
  await expect(page.locator("h1.card-name")).toContainText(name);
  await page.screenshot({ path: `${shots}/card.png`, fullPage: true });
  expect(errors).toEqual([]);
});

test("the search works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/?q=" + encodeURIComponent("배터리"));
  expect(await total(page)).toBeGreaterThan(0);
  await page.locator("#q").fill("디지털트윈");
  await page.locator("#q").press("Enter");
  await expect(page).toHaveURL(/q=%EB%94%94%EC%A7%80%ED%84%B8%ED%8A%B8%EC%9C%88/);
  expect(await total(page)).toBeGreaterThan(0);
  const facet = page.locator('section[data-facet="field"] a.facet-value').first();
  await facet.click();
  await expect(page).toHaveURL(/field=/);
  await context.close();
});

test("a video loads only when asked to play", async ({ page }) => {
  await page.goto("/?has_video=true");
  await hydrated(page);
  await page.locator("#results a.hit-name").first().click();
  await expect(page.locator(".video-play").first()).toBeVisible();
  await expect(page.locator("iframe")).toHaveCount(0);
  await page.locator(".video-play").first().click();
  await expect(page.locator("iframe").first()).toHaveAttribute("src", /youtube-nocookie\.com\/embed\//);
});

test("the phone layout keeps results readable", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto("/?q=" + encodeURIComponent("인공지능"));
  const box = await page.locator("#results .hit").first().boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${shots}/phone.png`, fullPage: false });

  // a compact header: two rows, every menu link in view, nothing wider than the screen
  const header = await page.locator(".site-header").boundingBox();
  expect(header!.height).toBeLessThanOrEqual(96);
  for (const link of await page.locator(".site-nav a, .site-tools a").all()) {
    await expect(link).toBeInViewport({ ratio: 1 });
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // the filters wait behind a button, above the results; it opens them without script too
  const toggle = page.locator(".filter-toggle summary");
  await expect(toggle).toBeVisible();
  await expect(page.locator("#filters")).toBeHidden();
  const first = await page.locator("#results .hit").first().boundingBox();
  expect(first!.y).toBeLessThan(400);
  await hydrated(page);
  await toggle.click();
  await expect(page.locator("#filters")).toBeVisible();
  await page.screenshot({ path: `${shots}/phone-filters.png`, fullPage: false });
  const before = Number(await page.locator("#total").getAttribute("data-total"));
  await page.locator('#filters [data-facet="site"] .facet-value').first().click();
  await expect(page).toHaveURL(/site=/);
  await expect(page.locator(".filter-toggle .filter-count")).toHaveText("1");
  const after = Number(await page.locator("#total").getAttribute("data-total"));
  expect(after).toBeLessThan(before);
  // the panel stays open for more choices; its last link closes it on the results
  const done = page.locator("#filters .filter-done");
  await expect(done).toHaveText(`결과 ${after}명 보기`);
  await done.click();
  await expect(page.locator("#filters")).toBeHidden();
  await expect(page.locator("#results .hit").first()).toBeInViewport();
  await context.close();

  // a desktop shows the filters beside the results, with no button
  const wide = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await wide.goto("/?q=" + encodeURIComponent("인공지능"));
  await expect(wide.locator("#filters")).toBeVisible();
  await expect(wide.locator(".filter-toggle")).toBeHidden();
  await wide.close();
});

test("negative control: without the WASM, typing does not search", async ({ page }) => {
  await page.route("**/*.wasm", (route) => route.abort());
  await page.goto("/");
  await page.locator("#q").fill("반도체");
  await page.waitForTimeout(1500);
  await expect(page).not.toHaveURL(/q=/);
  await expect(page.locator("body")).not.toHaveAttribute("data-hydrated", "true");
});

test("Enter searches in place once hydrated", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await page.evaluate(() => ((window as any).__sameDocument = true));
  await page.locator("#q").fill("HBM");
  await page.locator("#q").press("Enter");
  await expect(page).toHaveURL(/q=HBM/);
  await expect(page.locator("#total")).toContainText("HBM");
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
});

test("describe a need and get researchers with evidence", async ({ page }) => {
  await page.goto("/match");
  await hydrated(page);
  await page
    .locator("#need")
    .fill("배터리 열폭주를 조기에 감지하는 BMS 알고리즘이 필요합니다. 전기차 배터리 팩 시험도 함께 하고 싶습니다.");
  await page.locator("#match-form button[type=submit]").click();
  const hits = page.locator("#match-results .match-hit");
  await expect(hits.first()).toBeVisible();
  await expect(hits.first().locator(".evidence mark").first()).toBeVisible();
  await page.screenshot({ path: `${shots}/match.png`, fullPage: true });
  await hits.first().locator("a.hit-name").click();
  await expect(page.locator("h1.card-name")).toBeVisible();
  await expect(page.locator("section.similar .match-hit").first()).toBeVisible();
});

test("autocomplete is a keyboard-navigable combobox", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  const q = page.locator("#q");
  await q.pressSequentially("ㅂㄷㅊ", { delay: 30 });
  const options = page.locator("#suggestions [role=option]");
  await expect(options.first()).toBeVisible();
  await expect(q).toHaveAttribute("aria-expanded", "true");
  await page.screenshot({ path: `${shots}/autocomplete.png` });
  await q.press("ArrowDown");
  await expect(options.first()).toHaveAttribute("aria-selected", "true");
  const text = (await options.first().locator(".suggestion-text").textContent())!.trim();
  await q.press("Enter");
  await expect(page).toHaveURL(new RegExp("q=" + encodeURIComponent(text).replace(/%20/g, "(%20|\\+)")));
  await expect(q).toHaveValue(text);
  await expect(page.locator("#suggestions")).toBeHidden();
});

test("English: the switch, a search and a card stay in English, and back to Korean", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto("/?q=" + encodeURIComponent("인공지능"));
  await hydrated(page);
  await page.locator(".lang-switch").click();
  await expect(page).toHaveURL(/\/en\/\?q=/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await hydrated(page);
  await expect(page.locator("#total")).toContainText("researchers for");
  await expect(page.locator(".sort-link.current")).toHaveText("Relevance");

  // a new search in place keeps the English page
  await page.locator("#q").fill("HBM");
  await page.locator("#q").press("Enter");
  await expect(page).toHaveURL(/\/en\/\?q=HBM/);
  await expect(page.locator("#total")).toContainText("for ‘HBM’");
  await page.screenshot({ path: `${shots}/english-results.png`, fullPage: false });

  await page.locator("#results a.hit-name").first().click();
  await expect(page).toHaveURL(/\/en\/cards\/[a-z0-9-]+\?q=HBM$/);
  await expect(page.locator(".contact h2")).toHaveText("Contact");
  // the card opens with its works on the searched topic
  await expect(page.locator(".topic-works h2")).toContainText("on ‘HBM’");
  await expect(page.locator(".topic-works mark").first()).toHaveText(/HBM/i);
  await page.screenshot({ path: `${shots}/english-card.png`, fullPage: true });
  const slug = new URL(page.url()).pathname.split("/").pop();

  await page.locator(".lang-switch").click();
  await expect(page).toHaveURL(new RegExp(`/cards/${slug}\\?q=HBM$`));
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.locator(".topic-works h2")).toContainText("‘HBM’ 주제의 연구");
  await expect(page.locator(".contact h2")).toHaveText("연락처");

  // a page that exists in no language has no switch
  await page.goto("/no-such-page");
  await hydrated(page);
  await expect(page.locator(".lang-switch")).toHaveCount(0);
  expect(errors).toEqual([]);
});
