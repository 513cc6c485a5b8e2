import { expect, test, type Browser, type Page } from "@playwright/test";
import { hydrated, PASSWORD, shots, signIn } from "./helpers";
import { readFileSync } from "node:fs";

async function openEditor(page: Page, email: string) {
  await signIn(page, email);
  if (!email.startsWith("researcher")) {
    await expect(page).toHaveURL(/\/staff$/);
    await page.goto(`/edit/${process.env.E2E_CARD}`);
  }
  await expect(page).toHaveURL(new RegExp(`/edit/${process.env.E2E_CARD}$`));
  await hydrated(page);
  await expect(page.locator("#card-editor")).toBeVisible();
}

test("a researcher edits a career entry and a keyword, saves, and search finds it", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await openEditor(page, "researcher@e2e.test");
  const version = Number(await page.locator("#card-version").textContent());

  // a new career entry, moved to the top
  const career = page.locator('fieldset[data-section="career"]');
  const before = await career.locator(".entry").count();
  await career.locator(".add-entry").click();
  await expect(career.locator(".entry")).toHaveCount(before + 1);
  const last = career.locator(".entry").last();
  await last.locator('input[name$=".organization"]').fill("이투이 양자연구소");
  await last.locator('input[name$=".start"]').fill("2025-01");
  // invalid input is caught in the browser, next to its field
  await last.locator('input[name$=".end"]').fill("2020-01");
  await page.locator("#save").click();
  await expect(last.locator(".field-error")).toBeVisible();
  await last.locator('input[name$=".end"]').fill("");

  const keyword = page.locator("#f-keywords");
  await keyword.fill("이투이양자센서");
  await keyword.press("Enter");
  await expect(page.locator(".chip", { hasText: "이투이양자센서" })).toBeVisible();

  await page.locator("#save").click();
  await expect(page.locator("#save-status")).toContainText("저장했습니다");
  await expect(page.locator("#card-version")).toHaveText(String(version + 1));
  await page.screenshot({ path: `${shots}/editor-saved.png`, fullPage: true });

  // the preview shows the public card; the page stays the editor, under the editor's title
  const title = await page.title();
  expect(title).toContain("카드 편집");
  await page.getByRole("button", { name: "공개 카드 미리보기" }).click();
  await expect(page.locator(".preview .card-name")).toContainText(process.env.E2E_CARD_NAME!);
  await expect(page.locator(".preview .card")).toContainText("이투이양자센서");
  expect(await page.title()).toBe(title);
  await page.getByRole("button", { name: "미리보기 닫기" }).click();
  await expect(page.locator(".preview")).toHaveCount(0);

  await page.goto(`/?q=${encodeURIComponent("이투이양자센서")}`);
  await expect(page.locator("#results .hit")).toHaveCount(1);
  await expect(page.locator("#results .hit").first()).toContainText(process.env.E2E_CARD_NAME!);
  expect(errors).toEqual([]);
});

test("two editors: the second save gets the conflict view and merges without losing anything", async ({ browser }) => {
  const first = await (await browser.newContext()).newPage();
  const second = await (await browser.newContext()).newPage();
  await openEditor(first, "staff@e2e.test");
  await openEditor(second, "admin@e2e.test");

  await first.locator('textarea[name="bio"]').fill("첫 번째 편집자가 고친 소개입니다.");
  await first.locator("#save").click();
  await expect(first.locator("#save-status")).toContainText("저장했습니다");

  await second.locator('input[name="position"]').fill("수석연구원(겸임)");
  await second.locator("#save").click();
  const conflict = second.locator("#conflict");
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText("첫 번째 편집자가 고친 소개입니다.");
  await second.screenshot({ path: `${shots}/editor-conflict.png`, fullPage: true });
  // what the second editor typed is still in the form
  await expect(second.locator('input[name="position"]')).toHaveValue("수석연구원(겸임)");

  await second.locator("#merge").click();
  await expect(second.locator('textarea[name="bio"]')).toHaveValue("첫 번째 편집자가 고친 소개입니다.");
  await expect(second.locator('input[name="position"]')).toHaveValue("수석연구원(겸임)");
  await second.locator("#save").click();
  await expect(second.locator("#save-status")).toContainText("저장했습니다");

  const card = await (await second.request.get(`/api/cards/${process.env.E2E_CARD}`)).json();
  expect(card.bio).toBe("첫 번째 편집자가 고친 소개입니다.");
  expect(card.position).toBe("수석연구원(겸임)");
});

test("staff reject an edit and the researcher sees the comment", async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, "admin@e2e.test");
  await expect(admin).toHaveURL(/\/staff$/);
  const me = await (await admin.request.get("/api/me")).json();
  const on = await admin.request.put("/api/settings", {
    data: { review_edits: true },
    headers: { "X-CSRF-Token": me.csrf_token },
  });
  expect(on.status()).toBe(200);

  try {
    const researcher = await (await browser.newContext()).newPage();
    await openEditor(researcher, "researcher@e2e.test");
    await researcher.locator('input[name="name_en"]').fill("Reviewed Name");
    await researcher.locator("#save").click();
    await expect(researcher.locator("#save-status")).toContainText("검토한 뒤 공개됩니다");

    await admin.goto("/staff");
    await hydrated(admin);
    const item = admin.locator(".review-item").first();
    await expect(item).toContainText("Reviewed Name");
    await item.locator("textarea").fill("영문 이름은 여권 표기로 적어 주세요.");
    await item.locator("button.reject").click();
    await expect(admin.locator(".review-item")).toHaveCount(0);

    await researcher.reload();
    await hydrated(researcher);
    await expect(researcher.locator(".review-status")).toContainText("반려");
    await expect(researcher.locator(".review-comment")).toHaveText("영문 이름은 여권 표기로 적어 주세요.");
    await researcher.screenshot({ path: `${shots}/editor-rejected.png`, fullPage: true });
  } finally {
    await admin.request.put("/api/settings", {
      data: { review_edits: false },
      headers: { "X-CSRF-Token": me.csrf_token },
    });
  }
});

test("staff revert a card to an earlier version", async ({ page }) => {
  await openEditor(page, "staff@e2e.test");
  const version = Number(await page.locator("#card-version").textContent());
  const history = page.locator("#history");
  await expect(history.locator(".history-entry").first()).toBeVisible();
  // the oldest version: the card as imported
  await history.locator(".history-entry").last().locator("button.revert").click();
  await expect(page.locator("#card-version")).toHaveText(String(version + 1));
  await expect(history.locator(".history-entry").first()).toContainText("되돌리기 · staff@e2e.test");
  // times in Korean time, to the minute, as the inbox shows them
  await expect(history.locator(".history-head").first()).toHaveText(/^버전 \d+ · \d{4}-\d{2}-\d{2} \d{2}:\d{2} · /);
  await page.screenshot({ path: `${shots}/editor-history.png`, fullPage: true });
  const card = await (await page.request.get(`/api/cards/${process.env.E2E_CARD}`)).json();
  expect(card.keywords).not.toContain("이투이양자센서");
});

test("staff archive a card: it leaves search and its page names whom to contact; restore brings it back", async ({ page }) => {
  await openEditor(page, "staff@e2e.test");
  const name = process.env.E2E_CARD_NAME!;
  await page.locator("#status-note").fill("퇴직");
  await page.locator("#archive").click();
  await expect(page.locator("#restore")).toBeVisible();

  await page.goto(`/?q=${encodeURIComponent(name)}`);
  await expect(page.locator("#results .hit", { hasText: name })).toHaveCount(0);
  await page.goto(`/cards/${process.env.E2E_CARD}`);
  await expect(page.locator("article.card")).toHaveClass(/archived/);
  await page.screenshot({ path: `${shots}/card-archived.png`, fullPage: true });

  await page.goto(`/edit/${process.env.E2E_CARD}`);
  await hydrated(page);
  await page.locator("#restore").click();
  await expect(page.locator("#archive")).toBeVisible();
  await page.goto(`/?q=${encodeURIComponent(name)}`);
  await expect(page.locator("#results .hit", { hasText: name }).first()).toBeVisible();
});

test("staff see the dashboard and edit the search synonyms", async ({ page }) => {
  await signIn(page, "staff@e2e.test");
  await expect(page).toHaveURL(/\/staff$/);
  await hydrated(page);
  await expect(page.locator("#dashboard")).toBeVisible();
  const synonyms = page.locator("#synonyms");
  await expect(synonyms).not.toHaveValue("");
  const text = await synonyms.inputValue();
  await synonyms.fill(`${text}\n이투이양자센서 = e2equantumsensor`);
  // the controlled lists: a new site and a division at it, with a contact
  await expect(page.locator("#divisions")).not.toHaveValue("");
  const sites = await page.locator("#sites").inputValue();
  await page.locator("#sites").fill(`${sites}\n이투이지역`);
  const divisions = await page.locator("#divisions").inputValue();
  await page.locator("#divisions").fill(`${divisions}\n이투이센터 | 이투이지역 | e2e-center@keti.re.kr`);
  await page.locator("#lists button[type=submit]").click();
  await expect(page.locator("#lists .notice")).toContainText("저장했습니다");
  await expect(page.locator("#divisions")).toHaveValue(/이투이센터 \| 이투이지역 \| e2e-center@keti\.re\.kr/);
  const lists = await (await page.request.get("/api/lists")).json();
  expect(lists.divisions).toContainEqual({ name: "이투이센터", site: "이투이지역", contact: "e2e-center@keti.re.kr" });

  // a password-reset link for a researcher who forgot theirs
  await page.locator("#reset-email").fill("researcher@e2e.test");
  await page.locator("#reset button[type=submit]").click();
  await expect(page.locator("#reset .notice a")).toHaveAttribute("href", /\/set-password\?token=[0-9a-f]{64}$/);
  await page.screenshot({ path: `${shots}/staff.png`, fullPage: true });

  // signing out ends the session on the server
  await page.locator(".nav-logout").click();
  await expect(page.locator("a.nav-login", { hasText: "로그인" })).toBeVisible();
  expect((await page.request.get("/api/me")).status()).toBe(401);
});

test("staff import a file from the browser: check first, then apply", async ({ page }) => {
  await signIn(page, "staff@e2e.test");
  await expect(page).toHaveURL(/\/staff$/);
  await hydrated(page);
  const lines = [
    { id: "E2E-UP-1", name: "업로드연구자", keywords: ["이투이업로드키워드"] },
    { id: "E2E-UP-2", name: "" },
  ];
  const file = (rows: object[]) => ({
    name: "cards.jsonl",
    mimeType: "application/json",
    buffer: Buffer.from(rows.map((r) => JSON.stringify(r)).join("\n") + "\n"),
  });
  await page.locator("#import-file").setInputFiles(file(lines));
  await page.locator("#import-check").click();
  await expect(page.locator("#import-report")).toContainText("아무것도 가져오지 않았습니다");
  await expect(page.locator("#import-report li").first()).toContainText("2행");

  await page.locator("#import-file").setInputFiles(file(lines.slice(0, 1)));
  await page.locator("#import-check").click();
  await expect(page.locator("#import-report")).toContainText("검사 완료: 카드 1장");
  await page.locator("#import-apply").click();
  await expect(page.locator("#import-report")).toContainText("새 카드 1");
  await page.screenshot({ path: `${shots}/staff-import.png`, fullPage: true });
  await page.goto(`/?q=${encodeURIComponent("이투이업로드키워드")}`);
  await expect(page.locator("#results .hit")).toHaveCount(1);

  // a partial import: the valid line is written, the rejected one offered for download
  await page.goto("/staff");
  await hydrated(page);
  const partial = [
    { id: "E2E-UP-3", name: "부분업로드연구자", keywords: ["이투이부분키워드"] },
    { id: "E2E-UP-4", name: "" },
  ];
  await page.locator("#import-file").setInputFiles(file(partial));
  await page.locator("#import-skip-invalid").check();
  await page.locator("#import-apply").click();
  await expect(page.locator("#import-report")).toContainText("일부만 가져왔습니다: 새 카드 1");
  const download = page.waitForEvent("download");
  await page.locator("#import-rejects").click();
  const saved = await (await download).path();
  const rejected = readFileSync(saved, "utf8").trim().split("\n").map((l: string) => JSON.parse(l));
  expect(rejected.map((r: { line: number }) => r.line)).toEqual([2]);
  expect(JSON.parse(rejected[0].text).id).toBe("E2E-UP-4");
  await page.screenshot({ path: `${shots}/staff-import-partial.png`, fullPage: true });
  // the new card first; the earlier upload may follow as a partial match of the compound
  await page.goto(`/?q=${encodeURIComponent("이투이부분키워드")}`);
  await expect(page.locator("#results .hit").first()).toContainText("부분업로드연구자");
});

test("staff merge a duplicate card: its content joins, its page points to the kept card", async ({ page }) => {
  // two cards for the same researcher, made through the API
  const login = await page.request.post("/api/auth/login", { data: { email: "staff@e2e.test", password: PASSWORD } });
  expect(login.ok()).toBeTruthy();
  const csrf = (await login.json()).csrf_token;
  const create = async (card: object) => {
    const r = await page.request.post("/api/cards", { data: card, headers: { "X-CSRF-Token": csrf } });
    expect(r.status(), await r.text()).toBe(201);
    return (await r.json()).slug as string;
  };
  const kept = await create({ id: "E2E-DUP-1", name: "중복연구자", name_en: "Dup Kim", keywords: ["이투이중복하나"] });
  const other = await create({ id: "E2E-DUP-2", name: "중복 연구자", keywords: ["이투이중복둘"], bio: "둘째 카드의 소개" });

  await page.goto(`/edit/${kept}`);
  await hydrated(page);
  await page.locator("#merge-from").fill(other);
  await page.locator("#merge-card").click();
  await expect(page.locator("#status .notice")).toContainText("합쳤습니다");
  await expect(page.locator('ul[aria-label="키워드"]')).toContainText("이투이중복둘");
  await expect(page.locator("#f-bio")).toHaveValue("둘째 카드의 소개");
  await page.screenshot({ path: `${shots}/staff-merge.png`, fullPage: true });

  await page.goto(`/cards/${other}`);
  await expect(page.locator(".merged-notice a")).toHaveAttribute("href", `/cards/${kept}`);
  await page.goto(`/?q=${encodeURIComponent("이투이중복둘")}`);
  // the kept card comes first; the archived duplicate is gone (weaker partial matches may follow)
  // a hit links to its card with the search's topic (`?q=`)
  await expect(page.locator("#results .hit-name").first()).toHaveAttribute("href", new RegExp(`^/cards/${kept}\\?q=`));
  await expect(page.locator(`#results .hit-name[href^="/cards/${other}?"]`)).toHaveCount(0);
});

test("staff start a new card as a draft, fill it in and publish it", async ({ page }) => {
  await signIn(page, "staff@e2e.test");
  await expect(page).toHaveURL(/\/staff$/);
  await hydrated(page);
  await page.locator("#new-id").fill("E2E-NEW-1");
  await page.locator("#new-name").fill("새카드연구자");
  await page.locator("#new-card button[type=submit]").click();
  await expect(page).toHaveURL(/\/edit\/[a-z0-9-]+$/);
  const slug = page.url().split("/edit/")[1];
  await hydrated(page);
  await expect(page.locator("#status")).toContainText("초안");
  expect((await page.request.get(`/api/cards/${slug}`)).status()).toBe(404);

  await page.locator("#f-keywords").fill("이투이새카드키워드");
  await page.locator("#f-keywords").press("Enter");
  await page.locator("#save").click();
  await expect(page.locator("#save-status")).toContainText("저장했습니다");
  await page.locator("#publish").click();
  await expect(page.locator("#status")).toContainText("공개 중");
  await page.goto(`/?q=${encodeURIComponent("이투이새카드키워드")}`);
  await expect(page.locator("#results .hit-name").first()).toHaveAttribute("href", new RegExp(`^/cards/${slug}\\?q=`));
});
