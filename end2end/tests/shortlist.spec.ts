import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { hydrated, shots } from "./helpers";

// A company keeps researchers across searches, compares them on a phone, and asks them all
// at once; the list survives a reload (browser storage) and a share link reproduces it.

test("shortlist across searches, compare on a phone, one inquiry to all", async ({ page }) => {
  await page.goto("/?q=%EB%B0%98%EB%8F%84%EC%B2%B4");
  await hydrated(page);
  const toggles = page.locator("#results .shortlist-toggle");
  await toggles.nth(0).click();
  await expect(toggles.nth(0)).toHaveAttribute("aria-pressed", "true");
  await page.goto("/?q=%EB%94%A5%EB%9F%AC%EB%8B%9D");
  await hydrated(page);
  const second = page.locator("#results .shortlist-toggle[aria-pressed=false]").first();
  await second.click();
  await expect(page.locator(".site-nav")).toContainText("관심 목록 2");

  await page.reload();
  await hydrated(page);
  await expect(page.locator(".site-nav")).toContainText("관심 목록 2");
  await page.setViewportSize({ width: 390, height: 900 });
  await page.goto("/shortlist");
  await hydrated(page);
  await expect(page.locator("table.compare thead th a")).toHaveCount(2);
  await expect(page.locator("table.compare")).toContainText("협력 가능 여부");
  const axe = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const found = axe.violations.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, found.join("\n")).toEqual([]);
  await page.screenshot({ path: `${shots}/shortlist-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${shots}/shortlist-1280.png`, fullPage: true });

  const share = await page.locator("#share-link").inputValue();
  expect(share).toMatch(/\/shortlist\?cards=[^,]+,[^,]+$/);
  await page.locator(".shortlist-actions a.button").first().click();
  await expect(page).toHaveURL(/\/inquiry\?cards=/);
  await hydrated(page);
  await expect(page.locator(".inquiry-to li")).toHaveCount(2);

  // a fresh browser with the share link sees the same two
  const other = await page.context().browser()!.newContext();
  const fresh = await other.newPage();
  await fresh.goto(new URL(share).pathname + new URL(share).search);
  await expect(fresh.locator("table.compare thead th a")).toHaveCount(2);
  await other.close();
});
