import { execFileSync } from "node:child_process";
import * as path from "node:path";

// cargo-leptos starts the server and the tests together; wait until it answers, then create
// the accounts the editor journeys sign in with (the CLI works while the server runs).
export default async function globalSetup() {
  const addr = process.env.LEPTOS_SITE_ADDR ?? "127.0.0.1:3000";
  const deadline = Date.now() + 60_000;
  let last = "";
  let up = false;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://${addr}/api/health`);
      if (r.ok) {
        up = true;
        break;
      }
      last = `status ${r.status}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (!up) throw new Error(`R-Card did not answer on http://${addr}/api/health within 60 s (${last})`);

  const dataDir = process.env.RCARD_DATA_DIR;
  if (!dataDir) throw new Error("RCARD_DATA_DIR is not set; run the journeys through scripts/test.sh");
  const hits = (await (await fetch(`http://${addr}/api/search?sort=name&per_page=3`)).json()).hits;
  process.env.E2E_CARD = hits[0].slug;
  process.env.E2E_CARD_NAME = hits[0].name;
  const rcard = path.resolve(__dirname, "../target/release/rcard");
  const add = (email: string, role: string, card?: string) => {
    const args = ["--data-dir", dataDir, "user", "add", "--email", email, "--role", role, "--password-stdin"];
    if (card) args.push("--card", card);
    try {
      execFileSync(rcard, args, { input: "e2e password 1234\n", env: { ...process.env, RUST_LOG: "warn" } });
    } catch (e: any) {
      // a rerun on the same data directory finds the accounts already there
      if (!String(e.stderr ?? "").includes("already exists")) throw e;
    }
  };
  add("researcher@e2e.test", "researcher", hits[0].slug);
  add("staff@e2e.test", "staff");
  add("admin@e2e.test", "admin");
}
