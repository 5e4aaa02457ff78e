// The seed's testing flow (sections 4 to 6) in a real browser: Debian's Chromium driven by
// playwright-core, headless, against a running stack through its gateway. Each person has their
// own browser context (their own sessionStorage, so their own sign-in), as two windows would.
// Every step prints `STEP <name> ok <ms>` and leaves screenshots in SCREENSHOT_DIR; the first
// failed wait exits non-zero. Run by e2e-tests' WebConsoleBrowserTest, or by hand against a dev stack:
//   GATEWAY_URL=http://localhost:8080 node e2e/console-flow.mjs
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

const GATEWAY = process.env.GATEWAY_URL || "http://localhost:8080";
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const SHOTS = process.env.SCREENSHOT_DIR || "target/console-screenshots";
const RUN = process.env.RUN_ID || String(Date.now()).slice(-8);
const WAIT_MS = Number(process.env.WAIT_MS || 30000);
const CHAT_RATE = 7;
const AUDIO_RATE = 11;
const STARTING_COINS = 100;

const astroId = `astro_${RUN}`;
const userId = `user_${RUN}`;
const poorId = `poor_${RUN}`;
const astroName = `Asha ${RUN}`;

/** Chromium's own report of a handled refusal (402, 404...) in the network log; not an error of the page. */
const HANDLED_HTTP_REFUSAL = /^Failed to load resource: the server responded with a status of 4\d\d/;
const consoleErrors = [];
const pages = [];
let shot = 0;

function step(name, fn) {
  return async () => {
    const started = Date.now();
    await fn();
    console.log(`STEP ${name} ok ${Date.now() - started}`);
  };
}

async function open(browser, who) {
  const context = await browser.newContext({ viewport: who === "user" ? { width: 390, height: 844 } : { width: 1200, height: 860 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  page.on("console", (message) => {
    if (message.type() === "error" && !HANDLED_HTTP_REFUSAL.test(message.text())) consoleErrors.push(`${who}: ${message.text()}`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`${who}: ${error.stack || error.message}`));
  await page.goto(GATEWAY + "/");
  pages.push([who, page]);
  return page;
}

async function screenshot(page, name) {
  shot += 1;
  await page.screenshot({ path: join(SHOTS, `${String(shot).padStart(2, "0")}-${name}.png`), fullPage: true });
}

async function signIn(page, id, name, role) {
  await page.getByLabel("User id", { exact: true }).fill(id);
  await page.getByLabel("Display name", { exact: true }).fill(name);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("signed-in-as").filter({ hasText: name }).waitFor();
}

const exactly = (text) => new RegExp(`^${text}$`);

async function main() {
  mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // as root in a container, with no network beyond localhost: no sandbox, no background calls home
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  try {
    const admin = await open(browser, "admin");
    const user = await open(browser, "user");
    const astro = await open(browser, "astrologer");
    const poor = await open(browser, "poor user");

    await step("admin-credits-the-user", async () => {
      await signIn(admin, `admin_${RUN}`, "Ops", "admin");
      await admin.getByLabel("User id", { exact: true }).fill(userId);
      await admin.getByLabel("Coins", { exact: true }).fill(String(STARTING_COINS));
      await admin.getByRole("button", { name: "Credit" }).click();
      await admin.getByRole("status").filter({ hasText: `balance is now ${STARTING_COINS}` }).waitFor();
      await screenshot(admin, "admin-credit");
    })();

    await step("user-signs-in-with-the-balance", async () => {
      await signIn(user, userId, "Uma", "user");
      await user.getByTestId("balance").filter({ hasText: exactly(STARTING_COINS) }).waitFor();
      await screenshot(user, "user-home-nobody-online");
    })();

    await step("astrologer-goes-online-and-the-user-sees-them-appear-live", async () => {
      await signIn(astro, astroId, astroName, "astrologer");
      await astro.getByLabel("chat", { exact: true }).fill(String(CHAT_RATE));
      await astro.getByLabel("audio", { exact: true }).fill(String(AUDIO_RATE));
      await astro.getByLabel("video", { exact: true }).fill("");
      await astro.getByRole("button", { name: "Save rates" }).click();
      await astro.getByRole("status").filter({ hasText: "Rates saved." }).waitFor();
      await astro.getByRole("button", { name: "Go online" }).click();
      await astro.getByTestId("availability").filter({ hasText: exactly("online") }).waitFor();
      await screenshot(astro, "astrologer-online");
      // no reload: the user's list follows presence:changed deltas
      await user.getByTestId("online-astrologers").getByRole("link", { name: astroName }).waitFor();
      await user.getByTestId("online-astrologers").getByText(`chat ${CHAT_RATE}/min`).waitFor();
      await screenshot(user, "user-sees-astrologer-online");
    })();

    await step("a-user-without-coins-is-told-so", async () => {
      await signIn(poor, poorId, "Pat", "user");
      await poor.getByRole("link", { name: astroName }).click();
      await poor.getByRole("button", { name: `Start chat (${CHAT_RATE} coins/min)` }).click();
      await poor.getByRole("alert").filter({ hasText: "Not enough coins" }).waitFor();
      await screenshot(poor, "refusal-not-enough-coins");
    })();

    let sessionUrl;
    await step("user-starts-a-chat-and-waits", async () => {
      await user.getByRole("link", { name: astroName }).click();
      await user.getByRole("button", { name: `Start chat (${CHAT_RATE} coins/min)` }).click();
      await user.getByText("Waiting for the astrologer to accept").waitFor();
      sessionUrl = user.url();
      await screenshot(user, "user-waiting");
    })();

    await step("astrologer-sees-the-request-live-and-accepts", async () => {
      const request = astro.getByTestId("incoming-requests").locator("li").filter({ hasText: userId });
      await request.waitFor();
      await screenshot(astro, "astrologer-incoming-request");
      await request.getByRole("button", { name: "Accept" }).click();
      await astro.getByTestId("session-status").filter({ hasText: exactly("active") }).waitFor();
      await user.getByTestId("session-status").filter({ hasText: exactly("active") }).waitFor();
    })();

    await step("messages-both-ways-in-real-time", async () => {
      await send(user, "Namaste, what do the stars say?");
      await astro.getByTestId("messages").getByText("Namaste, what do the stars say?").waitFor();
      await send(astro, "Jupiter smiles on you — shubh din");
      await user.getByTestId("messages").getByText("Jupiter smiles on you — shubh din").waitFor();
      await screenshot(user, "user-chat");
      await screenshot(astro, "astrologer-chat");
    })();

    await step("a-reload-mid-session-restores-the-chat-from-history", async () => {
      await user.reload();
      await user.getByTestId("messages").getByText("Namaste, what do the stars say?").waitFor();
      await user.getByTestId("messages").getByText("Jupiter smiles on you — shubh din").waitFor();
      if (user.url() !== sessionUrl) throw new Error(`the reload left the session page: ${user.url()}`);
      // and it is live again: rejoined after the reload
      await send(user, "Back after a reload");
      await astro.getByTestId("messages").getByText("Back after a reload").waitFor();
      await send(astro, "Welcome back");
      await user.getByTestId("messages").getByText("Welcome back").waitFor();
      const shown = await user.getByTestId("messages").locator("li .text").allTextContents();
      if (shown.length !== 4) throw new Error(`each message once after the reload, got ${JSON.stringify(shown)}`);
      await screenshot(user, "user-chat-after-reload");
    })();

    await step("the-user-ends-and-both-see-the-bill-and-the-balance-drops", async () => {
      await user.getByRole("button", { name: "End session" }).click();
      for (const page of [user, astro]) {
        await page.getByTestId("session-summary").waitFor();
        await page.getByTestId("coins-charged").waitFor();
      }
      const minutes = Number(await user.getByTestId("billed-minutes").textContent());
      const coins = Number(await user.getByTestId("coins-charged").textContent());
      if (minutes < 1 || coins !== minutes * CHAT_RATE) throw new Error(`bill ${minutes} min, ${coins} coins at ${CHAT_RATE}/min`);
      const astroCoins = Number(await astro.getByTestId("coins-charged").textContent());
      if (astroCoins !== coins) throw new Error(`the astrologer sees ${astroCoins} coins, the user ${coins}`);
      await user.getByTestId("balance").filter({ hasText: exactly(STARTING_COINS - coins) }).waitFor();
      await screenshot(user, "user-summary-and-balance");
      await screenshot(astro, "astrologer-summary");
      console.log(`BILL ${JSON.stringify({ minutes, coins })}`);
    })();

    await step("an-audio-session-shows-the-call-panel-with-a-token", async () => {
      await user.goto(`${GATEWAY}/#/astrologers/${astroId}`);
      await user.getByRole("button", { name: `Start audio (${AUDIO_RATE} coins/min)` }).click();
      await user.getByText("Waiting for the astrologer to accept").waitFor();
      await astro.goto(`${GATEWAY}/#/`);
      const request = astro.getByTestId("incoming-requests").locator("li").filter({ hasText: "audio" });
      await request.getByRole("button", { name: "Accept" }).click();
      for (const [page, id] of [[user, userId], [astro, astroId]]) {
        await page.getByTestId("call-channel").filter({ hasText: /^session_/ }).waitFor();
        await page.getByTestId("call-uid").filter({ hasText: id }).waitFor();
        await page.getByTestId("call-expires").waitFor();
      }
      await screenshot(user, "user-audio-call-panel");
      await screenshot(astro, "astrologer-audio-call-panel");
      await astro.getByRole("button", { name: "End session" }).click();
      await user.getByTestId("session-summary").waitFor();
    })();

    if (consoleErrors.length > 0) throw new Error(`errors in the browser console:\n${consoleErrors.join("\n")}`);
  } catch (error) {
    if (consoleErrors.length > 0) console.error(`errors in the browser console:\n${consoleErrors.join("\n")}`);
    // what each person saw when it failed
    for (const [who, page] of pages) {
      await page.screenshot({ path: join(SHOTS, `failed-${who.replace(/ /g, "-")}.png`), fullPage: true }).catch(() => {});
    }
    throw error;
  } finally {
    await browser.close();
  }
}

async function send(page, text) {
  await page.getByLabel("Message", { exact: true }).fill(text);
  await page.getByRole("button", { name: "Send" }).click();
}

main().then(() => {
  console.log("CONSOLE FLOW passed");
  process.exit(0);
}, (error) => {
  console.error(`CONSOLE FLOW failed: ${error && error.stack ? error.stack : error}`);
  process.exit(1);
});
