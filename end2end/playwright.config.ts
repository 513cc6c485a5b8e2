import { defineConfig } from "@playwright/test";

// cargo-leptos starts the server before running these tests; the address comes from
// LEPTOS_SITE_ADDR (set by scripts/test) so a busy port 3000 on the machine does not matter.
const addr = process.env.LEPTOS_SITE_ADDR ?? "127.0.0.1:3000";
const chromium = process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium";

export default defineConfig({
  testDir: "./tests",
  globalSetup: "./global-setup.ts",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL: `http://${addr}`,
    locale: "ko-KR",
    trace: "off",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [{ name: "chromium" }],
});
