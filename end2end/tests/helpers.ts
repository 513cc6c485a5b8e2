import { expect, type Page } from "@playwright/test";

// What every journey shares: the accounts' password (global-setup.ts creates them), where
// screenshots go, waiting for hydration and signing in through the form.
export const PASSWORD = "e2e password 1234";
export const shots = "test-results/screenshots";

export async function hydrated(page: Page) {
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

export async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await hydrated(page);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await page.locator("#login-form button[type=submit]").click();
}
