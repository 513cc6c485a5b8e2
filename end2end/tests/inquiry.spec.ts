import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { hydrated, shots, signIn } from "./helpers";

// A company asks a researcher from the card page, follows its inquiry through the private
// link, the researcher answers from the inbox, and staff close it with an outcome.

async function axe(page: Page, name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const found = results.violations.map(
    (v) => `${name}: ${v.id} (${v.impact}) ${v.help}\n  ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join("\n  ")}`,
  );
  expect(found, found.join("\n")).toEqual([]);
}

test("card → inquiry → tracking; inbox → reply; staff close with an outcome", async ({ page }) => {
  const card = process.env.E2E_CARD!;
  await page.goto(`/cards/${card}`);
  await hydrated(page);
  await page.locator("a.inquiry-button").click();
  await expect(page).toHaveURL(new RegExp(`/inquiry\\?cards=${card}`));
  await hydrated(page);
  await expect(page.locator(".inquiry-to li").first()).toContainText(process.env.E2E_CARD_NAME!);

  // an incomplete form: each missing field says so, and what was typed stays
  const message = "센서 모듈의 EMC 시험을 다음 달 안에 의뢰하고 싶습니다. 시료는 3개입니다.";
  await page.locator("#message").fill(message);
  await page.locator("#inquiry-form button[type=submit]").click();
  await expect(page.locator("#company-error")).toContainText("회사명");
  await expect(page.locator("#consent-error")).toContainText("동의");
  await expect(page.locator("#message")).toHaveValue(message);
  await axe(page, "inquiry form with errors");
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/inquiry-form-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.locator("#company").fill("(주)한빛센서");
  await page.locator("#name").fill("이도윤");
  await page.locator("#email").fill("doyun@hanbit.example");
  await page.locator("#kind").selectOption("testing");
  await page.locator("#consent").check();
  await page.locator("#inquiry-form button[type=submit]").click();
  await expect(page.locator(".sent")).toContainText("문의를 보냈습니다");
  const tracking = (await page.locator(".sent a.button").getAttribute("href"))!;
  expect(tracking).toMatch(/\/track\/[0-9a-f]{64}$/);

  await page.goto(new URL(tracking).pathname);
  await hydrated(page);
  await expect(page.locator(".status-steps li.reached")).toHaveCount(2);
  await expect(page.locator(".messages li").first()).toContainText("EMC 시험");
  await axe(page, "tracking page");
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/inquiry-tracking-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // the researcher answers from the inbox
  await signIn(page, "researcher@e2e.test");
  await expect(page).toHaveURL(/\/edit\//);
  await page.goto("/inbox");
  await hydrated(page);
  const item = page.locator(".inquiry-item", { hasText: "(주)한빛센서" }).first();
  await expect(item).toBeVisible();
  await item.locator(".message-form textarea").fill("다음 주 화요일 오후에 시험실에서 뵙겠습니다.");
  await item.locator(".message-form button[type=submit]").click();
  await expect(page.locator(".inquiry-item", { hasText: "(주)한빛센서" }).first().locator(".status")).toHaveText("답변");
  await axe(page, "researcher inbox");
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/inbox-reply-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // the company sees the answer through its link
  await page.goto(new URL(tracking).pathname);
  await hydrated(page);
  await expect(page.locator(".messages li.from-researcher")).toContainText("화요일 오후");

  // staff close it with an outcome
  await signIn(page, "staff@e2e.test");
  await expect(page).toHaveURL(/\/staff$/);
  await page.goto("/inbox");
  await hydrated(page);
  const staffItem = page.locator(".inquiry-item", { hasText: "(주)한빛센서" }).first();
  await staffItem.locator(".close-form select").selectOption("test_request");
  await staffItem.locator(".close-form input").fill("EMC 시험 의뢰 접수");
  await staffItem.locator(".close-form button").click();
  await expect(page.locator(".inquiry-item", { hasText: "(주)한빛센서" }).first().locator(".status")).toHaveText("종결");
  await axe(page, "staff inbox");
  await page.screenshot({ path: `${shots}/inbox-staff-closed-1280.png`, fullPage: true });

  // the staff desk reports it: figures, SVG charts drawn on the server, and the CSV
  await page.goto("/staff");
  await hydrated(page);
  const report = page.locator("#inquiries");
  await expect(report.locator(".report-figures")).toContainText("문의");
  await expect(report.locator("svg.chart").first()).toBeVisible();
  await expect(report.locator("svg.chart rect title", { hasText: "접수: 1" }).first()).toBeAttached();
  await axe(page, "staff desk with the report");
  await report.screenshot({ path: `${shots}/staff-report-1280.png` });
  const csv = await page.request.get("/api/inquiries/report.csv");
  expect(csv.ok()).toBeTruthy();
  expect(await csv.text()).toContain("성과,시험 의뢰,1");
});

test("a company posts a need without naming a researcher", async ({ page }) => {
  await page.goto("/match");
  await hydrated(page);
  await page.goto("/needs/new");
  await hydrated(page);
  await page.locator("#need-form button[type=submit]").click();
  await expect(page.locator("#need-form")).toContainText("회사명");
  await page.locator("#company").fill("(주)세라칩");
  await page.locator("#name").fill("박하은");
  await page.locator("#email").fill("haeun@serachip.example");
  await page.locator("#text").fill("사출 성형품의 미세 기포를 라인에서 자동으로 찾고 싶습니다.");
  await page.locator("#consent").check();
  await axe(page, "need form");
  await page.locator("#need-form button[type=submit]").click();
  await expect(page.locator(".sent")).toContainText("기술 수요를 등록했습니다");
  const tracking = (await page.locator(".sent a.button").getAttribute("href"))!;
  await page.goto(new URL(tracking).pathname);
  await hydrated(page);
  await expect(page.locator(".track")).toContainText("맞는 연구자를 찾고 있습니다");
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/need-tracking-${width}.png`, fullPage: true });
  }
});

test("an overseas company contacts a researcher in English, from the card to the tracking page", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const card = process.env.E2E_CARD!;
  await page.goto(`/en/cards/${card}`);
  await hydrated(page);
  await page.locator("a.inquiry-button").click();
  await expect(page).toHaveURL(new RegExp(`/en/inquiry\\?cards=${card}`));
  await hydrated(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("h1")).toHaveText("Contact");
  await expect(page.locator("label[for=company]")).toHaveText("Company (required)");

  // the server's field errors arrive in Korean and are shown in English
  await page.locator("#inquiry-form button[type=submit]").click();
  await expect(page.locator("#company-error")).toHaveText("Please enter the company name.");
  await expect(page.locator("#consent-error")).toContainText("agree to the collection");
  await expect(page.locator("#inquiry-form")).not.toContainText(/[가-힣]{2,}.*입력하세요/);
  await axe(page, "English inquiry form with errors");
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/english-inquiry-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.locator("#company").fill("Nordic Sensors AB");
  await page.locator("#name").fill("Anna Lind");
  await page.locator("#email").fill("anna@nordic.example");
  await page.locator("#kind").selectOption("testing");
  await page.locator("#message").fill("We would like EMC testing of a sensor module next month.");
  await page.locator("#consent").check();
  await page.locator("#inquiry-form button[type=submit]").click();
  await expect(page.locator(".sent h2")).toHaveText("Your inquiry was sent");
  const tracking = (await page.locator(".sent a.button").getAttribute("href"))!;
  expect(tracking).toMatch(/\/en\/track\/[0-9a-f]{64}$/);

  await page.goto(new URL(tracking).pathname);
  await hydrated(page);
  await expect(page.locator("h1")).toHaveText("Inquiry progress");
  await expect(page.locator(".status-steps")).toContainText("Received");
  await expect(page.locator(".messages li").first()).toContainText("Company");
  await axe(page, "English tracking page");
  await page.screenshot({ path: `${shots}/english-tracking-1280.png`, fullPage: true });
  expect(errors).toEqual([]);
});
