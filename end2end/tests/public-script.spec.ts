import { expect, test, type Page } from "@playwright/test";
import { hydrated, shots } from "./helpers";

// The public pages load their own small script, the desk pages the app (app/src/bundles.rs).

/** Every WASM response of a page load: its URL and the bytes on the wire. */
async function wasmOf(page: Page, path: string): Promise<{ url: string; bytes: number }[]> {
  const seen: Promise<{ url: string; bytes: number }>[] = [];
  const listener = (response: import("@playwright/test").Response) => {
    if (response.url().endsWith(".wasm")) {
      seen.push(response.request().sizes().then((s) => ({ url: response.url(), bytes: s.responseBodySize })));
    }
  };
  page.on("response", listener);
  await page.goto(path);
  await hydrated(page);
  page.off("response", listener);
  return Promise.all(seen);
}

test("public pages download at most 250 KB of WASM; desk pages get the app", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  const card = process.env.E2E_CARD!;
  for (const path of ["/", "/?q=" + encodeURIComponent("반도체"), `/cards/${card}`, "/match", "/en/", `/en/cards/${card}`]) {
    // a fresh context: nothing cached from the page before
    const context = await page.context().browser()!.newContext({ extraHTTPHeaders: { "Accept-Encoding": "gzip" } });
    const fresh = await context.newPage();
    fresh.on("pageerror", (e) => errors.push(`${path}: ${e}`));
    const wasm = await wasmOf(fresh, path);
    expect(wasm.length, `${path} loads one WASM file`).toBe(1);
    expect(wasm[0].url, path).toContain("/enhance/rcard-enhance.");
    expect(wasm[0].bytes, `${path}: ${wasm[0].bytes} B of WASM`).toBeLessThanOrEqual(250_000);
    await context.close();
  }
  const desk = await wasmOf(page, "/login");
  expect(desk.map((w) => w.url).join(" ")).toContain("/pkg/rcard.");
  expect(errors).toEqual([]);
});

test("an in-place search updates the title, the language switch and the announcement", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await page.evaluate(() => ((window as any).__sameDocument = true));
  await page.locator("#q").fill("이차전지");
  await page.locator("#q").press("Enter");
  await expect(page.locator("#total")).toContainText("이차전지");
  await expect(page).toHaveTitle(/이차전지/);
  await expect(page.locator(".lang-switch")).toHaveAttribute("href", /\/en\/\?q=%EC%9D%B4/);
  await expect(page.locator("#search-status")).toContainText("이차전지");
  await expect(page.locator("link[rel=canonical]")).toHaveAttribute("href", /q=%EC%9D%B4/);
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);

  // a facet by keyboard keeps the focus on that facet after the results change
  const facet = page.locator('section[data-facet="field"] a.facet-value').first();
  const value = await facet.getAttribute("data-value");
  await facet.focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/field=/);
  await expect(page.locator(`section[data-facet="field"] a.facet-value.selected[data-value="${value}"]`)).toBeFocused();

  // a query typed after that keeps the filter
  await page.locator("#q").fill("배터리");
  await page.locator("#q").press("Enter");
  await expect(page).toHaveURL(/field=/);
  await expect(page).toHaveURL(/q=%EB%B0%B0/);
});

test("the shortlist buttons follow the browser's list across pages and tabs", async ({ page, context }) => {
  await page.goto("/?q=" + encodeURIComponent("반도체"));
  await hydrated(page);
  const first = page.locator("#results .hit .shortlist-toggle").first();
  await first.click();
  await expect(first).toHaveAttribute("aria-pressed", "true");
  await expect(first).toHaveAttribute("aria-label", /관심 목록에서 빼기/);
  await expect(page.locator(".site-nav .shortlist-count")).toHaveText("1");

  // results swapped in by a new search show the list too
  const slug = await first.getAttribute("data-slug");
  await page.locator("#q").fill("반도체 공정");
  await page.locator("#q").press("Enter");
  await expect(page.locator("#total")).toContainText("반도체 공정");
  const again = page.locator(`#results .shortlist-toggle[data-slug="${slug}"]`);
  if ((await again.count()) > 0) await expect(again).toHaveAttribute("aria-pressed", "true");
  await page.goBack();
  await expect(page.locator(`#results .shortlist-toggle[data-slug="${slug}"]`)).toHaveAttribute("aria-pressed", "true");

  // another tab sees it, and a change there shows here
  const other = await context.newPage();
  await other.goto("/?q=" + encodeURIComponent("반도체"));
  await hydrated(other);
  await expect(other.locator("#results .hit .shortlist-toggle").first()).toHaveAttribute("aria-pressed", "true");
  await other.locator("#results .hit .shortlist-toggle").first().click();
  await expect(page.locator(".site-nav .shortlist-count")).toHaveText("0");
  await expect(first).toHaveAttribute("aria-pressed", "false");
  await other.close();
});

test("the need form: an empty need gets a clear error, and the page works on a phone", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
  const page = await context.newPage();
  await page.goto("/match");
  await hydrated(page);
  await page.locator("#need").fill("   ");
  await page.locator("#match-form button[type=submit]").click();
  await expect(page.locator("#match-output [role=alert]")).toBeVisible();
  await page.locator("#need").fill("<script>alert(1)</script> 머신비전 불량 검출");
  await expect(page.locator(".char-count")).toContainText(/^\d+ \/ 5000자$/);
  await page.locator("#match-form button[type=submit]").click();
  await expect(page.locator("#match-results")).toBeVisible();
  await page.screenshot({ path: `${shots}/match-phone.png`, fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await context.close();
});

test("a link from a desk page to a public page loads it with the public script", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await page.locator(".site-nav a", { hasText: "키워드 검색" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator("#search-body")).toBeVisible();
  await hydrated(page);
  expect(await page.locator("script[type=module]").first().textContent()).toContain("/enhance/");
  // and back to the desk page
  await page.goBack();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator("#login-form")).toBeVisible();
});
