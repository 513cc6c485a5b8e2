import { expect, test, type Page } from "@playwright/test";
import { hydrated, PASSWORD } from "./helpers";

// Every task a company or a researcher does, with the keyboard alone: Tab to reach a
// control, Enter to use it. Each control reached must show where the focus is.

/** Presses Tab until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const found = await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
    if (found) {
      const visible = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return style.outlineStyle !== "none" || style.boxShadow !== "none";
      });
      expect(visible, `focus is visible on ${selector}`).toBeTruthy();
      return;
    }
  }
  throw new Error(`Tab did not reach ${selector} in ${max} presses`);
}

test("search, filter and open a card with the keyboard", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await tabTo(page, "#q");
  await page.keyboard.type("반도체");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/q=%EB%B0%98%EB%8F%84%EC%B2%B4/);
  await expect(page.locator("#results .hit").first()).toBeVisible();
  // the new count is announced from a status region that the swap leaves in place
  await expect(page.locator("#search-status")).toHaveAttribute("role", "status");
  await expect(page.locator("#search-status")).toContainText("반도체");

  // a facet value, from the keyboard
  await tabTo(page, 'section.facet[data-facet="site"] a.facet-value');
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/site=/);
  await expect(page.locator('section.facet[data-facet="site"] a.facet-value[aria-current="true"]')).toHaveCount(1);

  await tabTo(page, "#results a.hit-name");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/cards\//);
  await expect(page.locator("h1.card-name")).toBeVisible();
});

test("play a card's video with the keyboard", async ({ page }) => {
  await page.goto("/?has_video=true");
  await hydrated(page);
  await tabTo(page, "#results a.hit-name");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/cards\//);
  await hydrated(page);
  await expect(page.locator("iframe")).toHaveCount(0);
  await tabTo(page, ".video-play");
  await page.keyboard.press("Enter");
  await expect(page.locator("iframe").first()).toHaveAttribute("src", /youtube-nocookie\.com\/embed\//);
});

test("sign in, edit and save with the keyboard", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await tabTo(page, "#email");
  await page.keyboard.type("researcher@e2e.test");
  await tabTo(page, "#password");
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/edit\//);
  await hydrated(page);
  await expect(page.locator("#card-editor")).toBeVisible();

  await tabTo(page, "#f-keywords", 200);
  await page.keyboard.type("키보드편집검증");
  await page.keyboard.press("Enter");
  await expect(page.locator(".chip", { hasText: "키보드편집검증" })).toBeVisible();
  await tabTo(page, "#save", 300);
  await page.keyboard.press("Enter");
  await expect(page.locator("#save-status")).toContainText("저장했습니다");
});
