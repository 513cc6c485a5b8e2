// cargo-leptos starts the server and the tests together; wait until it answers.
export default async function globalSetup() {
  const addr = process.env.LEPTOS_SITE_ADDR ?? "127.0.0.1:3000";
  const deadline = Date.now() + 60_000;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://${addr}/api/health`);
      if (r.ok) return;
      last = `status ${r.status}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`R-Card did not answer on http://${addr}/api/health within 60 s (${last})`);
}
