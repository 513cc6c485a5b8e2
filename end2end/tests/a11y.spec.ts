import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { hydrated, PASSWORD, shots, signIn } from "./helpers";

// axe-core on every kind of page, signed out and signed in: WCAG 2.1 A and AA, and axe's
// best practices. A violation fails the journey with the rule, the element and axe's help.

async function violations(page: Page, name: string): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  return results.violations.map(
    (v) => `${name}: ${v.id} (${v.impact}) ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join("\n  ")}`,
  );
}

function none(found: string[]) {
  expect(found, found.join("\n")).toEqual([]);
}

test("public pages have no axe violations", async ({ page }) => {
  // fifteen pages, each loaded and analysed by axe: 26 s on a slow 2-core machine
  test.setTimeout(90_000);
  const card = process.env.E2E_CARD;
  const pages: [string, string][] = [
    ["front page", "/"],
    ["results", "/?q=%EB%B0%98%EB%8F%84%EC%B2%B4"],
    ["results with a facet", "/?q=AI&site=%EC%84%B1%EB%82%A8"],
    ["no results", "/?q=zzqxv"],
    ["card", `/cards/${card}`],
    ["need matching", "/match"],
    ["sign-in", "/login"],
    ["not found", "/cards/nobody-here"],
    ["English front page", "/en/"],
    ["English results", "/en/?q=AI&site=%EC%84%B1%EB%82%A8"],
    ["English card", `/en/cards/${card}`],
    ["English need matching", "/en/match"],
  ];
  const found: string[] = [];
  for (const [name, path] of pages) {
    await page.goto(path);
    await hydrated(page);
    found.push(...(await violations(page, name)));
  }
  // a card reached from a search opens with its works on the topic
  await page.goto("/?q=%EB%B0%98%EB%8F%84%EC%B2%B4");
  const fromSearch = await page.locator("#results a.hit-name").first().getAttribute("href");
  expect(fromSearch).toMatch(/\?q=/);
  await page.goto(fromSearch!);
  await hydrated(page);
  await expect(page.locator(".topic-works")).toBeVisible();
  found.push(...(await violations(page, "card from a search")));
  // a phone hides the filters behind a button: the headings must still go in order
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [name, path] of [["phone results", "/?q=%EB%B0%98%EB%8F%84%EC%B2%B4"], ["phone English results", "/en/?q=AI"]]) {
    await page.goto(path);
    await hydrated(page);
    found.push(...(await violations(page, name)));
  }
  none(found);
  const favicon = await page.request.get("/favicon.svg");
  expect(favicon.ok()).toBeTruthy();
});

test("signed-in pages have no axe violations", async ({ page }) => {
  await signIn(page, "staff@e2e.test");
  await expect(page).toHaveURL(/\/staff$/);
  await hydrated(page);
  await expect(page.locator("#synonym-suggestions")).toBeVisible();
  const found = await violations(page, "staff desk");
  await page.goto(`/edit/${process.env.E2E_CARD}`);
  await hydrated(page);
  await expect(page.locator("#card-editor")).toBeVisible();
  found.push(...(await violations(page, "editor")));
  none(found);
});

test("related keywords lead to a new search, and staff see synonym suggestions", async ({ page }) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/?q=%EC%98%88%EC%A7%80%EB%B3%B4%EC%A0%84");
    await hydrated(page);
    const related = page.locator("nav.related-terms a.related-term");
    await expect(related.first()).toBeVisible();
    await page.screenshot({ path: `${shots}/related-terms-${width}.png`, fullPage: false });
  }
  const related = page.locator("nav.related-terms a.related-term").first();
  const term = (await related.textContent())!.trim();
  await related.click();
  await expect(page.locator("#q")).toHaveValue(term);
  await expect(page.locator("#results li").first()).toBeVisible();

  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "staff@e2e.test");
  await expect(page).toHaveURL(/\/staff$/);
  await hydrated(page);
  const rows = page.locator(".suggestions-table tbody tr");
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  const first = (await rows.first().locator("td").nth(0).textContent())!.trim();
  const second = (await rows.first().locator("td").nth(1).textContent())!.trim();
  await rows.first().locator("button.reject-suggestion").click();
  await expect(page.locator("#synonym-suggestions [role=status]")).toContainText("거절");
  await expect(rows).toHaveCount(before - 1 + (before >= 30 ? 1 : 0));
  await page.locator("#synonym-suggestions").screenshot({ path: `${shots}/staff-synonym-suggestions.png` });
  // the rejected pair is no longer offered
  const pairs = await rows.evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll("td")).slice(0, 2).map((td) => td.textContent!.trim()).join("|")),
  );
  expect(pairs).not.toContain(`${first}|${second}`);
});

test("the signed-in pages in English: sign in, staff desk, editor and inbox, without axe violations", async ({ page }) => {
  const hangul = /[\uac00-\ud7a3]/;
  await page.goto("/en/login");
  await hydrated(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("h1")).toHaveText("Sign in (researchers, staff)");
  await expect(page.locator("#login-form button[type=submit]")).toHaveText("Sign in");
  const found = await violations(page, "English sign-in");
  await page.locator("#email").fill("staff@e2e.test");
  await page.locator("#password").fill(PASSWORD);
  await page.locator("#login-form button[type=submit]").click();
  // signing in keeps the language
  await expect(page).toHaveURL(/\/en\/staff$/);
  await hydrated(page);
  await expect(page.locator("#synonym-suggestions")).toBeVisible();
  expect(await page.locator("h1").textContent()).not.toMatch(hangul);
  expect(await page.locator("h2").allTextContents()).not.toContainEqual(expect.stringMatching(hangul));
  await expect(page.locator('.site-tools a[href="/en/inbox"]')).toBeVisible();
  await page.screenshot({ path: `${shots}/en-staff.png`, fullPage: true });
  found.push(...(await violations(page, "English staff desk")));

  await page.goto(`/en/edit/${process.env.E2E_CARD}`);
  await hydrated(page);
  await expect(page.locator("#card-editor")).toBeVisible();
  await expect(page.locator("#card-editor legend").first()).toHaveText("Basic information");
  await expect(page.locator("#save")).toHaveText("Save");
  const labels = await page.locator("#card-editor label, #card-editor legend").allTextContents();
  expect(labels.filter((l) => hangul.test(l))).toEqual([]);
  await page.locator("#save").click();
  await expect(page.locator("#save-status")).toHaveText(/^Saved\./);
  await page.screenshot({ path: `${shots}/en-editor.png`, fullPage: true });
  found.push(...(await violations(page, "English editor")));

  await page.goto("/en/inbox");
  await hydrated(page);
  await expect(page.locator("h1")).toHaveText("Inquiries");
  found.push(...(await violations(page, "English inbox")));
  // and back: the switch leads to the same page in Korean
  await page.locator(".lang-switch").click();
  await expect(page).toHaveURL(/\/inbox$/);
  await expect(page.locator("h1")).toHaveText("받은 문의");
  none(found);
});
