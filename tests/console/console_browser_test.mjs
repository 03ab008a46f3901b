// The console end to end in headless Chromium (Debian's chromium, driven by
// playwright-core from tests/peers): sign in with the printed link, add a
// sender and see it Pending, follow the link from the outbox and see
// Success appear without a reload, an invalid address refused inline, an
// alias full of markup shown as text, a request without the CSRF token
// refused, a link left to expire (pinned clock) showing Failed and Resend
// making it Pending again, keyboard order and labels, axe-core with no
// serious violation. Screenshots of each page go to OUT_DIR.
// DNS comes from the unbound run-with-unbound.sh started (MW_TEST_DNS),
// serving tests/console/zones: example.test publishes SPF and DMARC.
//   node console_browser_test.mjs CONSOLE_BINARY OUT_DIR
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const peers = join(dirname(fileURLToPath(import.meta.url)), "..", "peers");
const require = createRequire(join(peers, "package.json"));
const { chromium } = require("playwright-core");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const [binary, outDir] = process.argv.slice(2);
if (!binary || !outDir) {
    console.error("usage: console_browser_test.mjs CONSOLE_BINARY OUT_DIR");
    process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const home = mkdtempSync(join(tmpdir(), "mw-console-"));

let passed = 0, failed = 0;
function expect(ok, what) {
    console.log((ok ? "ok   " : "FAIL ") + what);
    if (ok) passed++; else failed++;
}

// Starts the console on a free port with the clock pinned at `now`;
// resolves with the process and its sign-in URL.
function startConsole(now) {
    const dns = process.env.MW_TEST_DNS;
    if (!dns) throw new Error("MW_TEST_DNS is unset: run through tests/peers/unbound/run-with-unbound.sh");
    const child = spawn(binary, ["--listen", "127.0.0.1:0", "--home", home, "--allow-special-use", "--dns", dns], {
        env: { ...process.env, MAILWARDEN_NOW: now, MAILWARDEN_STORE: "" },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => { stderr += d; });
    return new Promise((resolve, reject) => {
        let out = "";
        const timer = setTimeout(() => reject(new Error("the console printed no URL: " + stderr)), 10000);
        child.stdout.on("data", (d) => {
            out += d;
            const match = out.match(/^console: (http:\/\/\S+)\n/);
            if (match) {
                clearTimeout(timer);
                resolve({ child, url: match[1], stderr: () => stderr });
            }
        });
        child.on("exit", (code) => reject(new Error("the console exited with " + code + ": " + stderr)));
    });
}

function stopConsole(c) {
    return new Promise((resolve) => {
        c.child.removeAllListeners("exit");
        c.child.on("exit", (code, signal) => resolve({ code, signal }));
        c.child.kill("SIGTERM");
    });
}

// The newest verification link in the outbox for `address`.
function linkFor(address) {
    const folder = join(home, "outbox", "new");
    let link = null;
    for (const name of readdirSync(folder).sort()) {
        const text = readFileSync(join(folder, name), "latin1").replace(/=\r?\n/g, "");
        if (!text.includes(address)) continue;
        const match = text.match(/http:\/\/127\.0\.0\.1:\d+\/verify\?[^\s"<>]+/);
        if (match) link = match[0].replace(/=3D/g, "=");
    }
    return link;
}

async function axeCheck(page, name) {
    await page.evaluate(axeSource + ";0");
    const result = await page.evaluate(() => axe.run(document, { resultTypes: ["violations"] }));
    const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    for (const v of serious) console.log("     " + v.id + ": " + v.help + " (" + v.nodes.length + ")");
    expect(serious.length === 0, name + ": axe-core finds no serious or critical violation");
}

async function waitForText(locator, pattern, timeout = 8000) {
    try {
        await locator.filter({ hasText: pattern }).first().waitFor({ timeout });
        return true;
    } catch (e) {
        return false;
    }
}

const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: process.getuid && process.getuid() === 0 ? ["--no-sandbox"] : [],
});
let consoleProcess = null;
try {
    consoleProcess = await startConsole("2026-11-26T10:00:00Z");
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    let dialogs = 0;
    page.on("dialog", async (d) => {
        if (d.type() === "alert") dialogs++;
        await d.accept();
    });

    await page.goto(consoleProcess.url);
    expect(new URL(page.url()).pathname === "/channels", "the sign-in link opens the Channels tab");
    await page.screenshot({ path: join(outDir, "channels-empty.png"), fullPage: true });

    // Every form control has a label.
    for (const id of ["sender-type", "sender-address", "sender-alias"])
        expect((await page.locator("#" + id).evaluate((n) => n.labels.length)) > 0, "#" + id + " has a label");

    // Keyboard: Tab reaches type, address, alias, then the button.
    await page.locator("#sender-type").focus();
    const order = [];
    for (let i = 0; i < 3; i++) {
        await page.keyboard.press("Tab");
        order.push(await page.evaluate(() => document.activeElement.id || document.activeElement.tagName));
    }
    expect(order.join(",") === "sender-address,sender-alias,BUTTON", "Tab order: address, alias, Add Sender (" + order + ")");

    // An invalid address is refused inline, before anything is sent.
    await page.fill("#sender-address", "not an address");
    await page.click("button[type=submit]");
    expect(await waitForText(page.locator("#address-message.error"), /./), "an invalid address gets an inline error");
    expect((await page.locator("#sender-address").getAttribute("aria-invalid")) === "true", "and the field is marked invalid");
    await page.screenshot({ path: join(outDir, "channels-invalid.png"), fullPage: true });

    // Role and no-reply advice as the product description gives it.
    await page.fill("#sender-address", "no-reply@example.test");
    expect(await waitForText(page.locator("#address-message.advice"), /no-reply/), "a no-reply address gets the advice");

    // Add a sender whose alias is markup: it shows as text.
    const alias = "<img src=x onerror=alert(1)>";
    await page.fill("#sender-address", "alice@example.test");
    await page.fill("#sender-alias", alias);
    await page.click("button[type=submit]");
    const row = page.locator('tr[data-address="alice@example.test"]');
    await row.waitFor({ timeout: 8000 });
    expect(await waitForText(row, "Pending"), "the new sender is listed Pending");
    expect((await row.locator("td").nth(2).textContent()) === alias, "the alias shows as the text typed");
    expect((await page.locator("#senders img").count()) === 0, "no element was made from it");

    await page.fill("#sender-address", "bob@example.test");
    await page.fill("#sender-alias", "Bob");
    await page.click("button[type=submit]");
    await page.locator('tr[data-address="bob@example.test"]').waitFor({ timeout: 8000 });
    await page.screenshot({ path: join(outDir, "channels-pending.png"), fullPage: true });

    // The link from the outbox, opened elsewhere: Success appears here
    // without a reload.
    const link = linkFor("alice@example.test");
    expect(link !== null && link.startsWith(new URL(consoleProcess.url).origin + "/verify"),
        "the verification mail links to the console's /verify");
    const mailClient = await context.newPage();
    const answer = await mailClient.goto(link);
    expect(answer.status() === 200, "following the link answers 200");
    await mailClient.close();
    expect(await waitForText(row, "Success"), "the row turns Success without a reload");
    await page.screenshot({ path: join(outDir, "channels-success.png"), fullPage: true });

    // A state change without the CSRF token is refused.
    const status = await page.evaluate(async () => (await fetch("/api/senders", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ address: "mallory@example.test", alias: "" }),
    })).status);
    expect(status === 403, "a POST without the CSRF token is refused (" + status + ")");

    await axeCheck(page, "Channels");

    // Sender Details.
    await row.locator("a", { hasText: "Details" }).click();
    await page.waitForURL(/\/senders\//);
    expect(await waitForText(page.locator("#sender-status"), "Success"), "Sender Details shows Success");
    expect((await page.locator("#history tbody tr").count()) >= 2, "and the history (Pending, then Success)");
    expect((await page.locator("#sender-alias").textContent()) === alias, "the alias shows as text there too");
    const spf = page.locator("#records tbody tr", { hasText: "spf" });
    expect(await waitForText(spf, "ok"), "the published SPF record shows ok (live, from DNS)");
    expect(await waitForText(page.locator("#findings"), "dkim"), "and the findings are listed");
    // Test your authentication settings: a pasted message, checked live.
    await page.fill("#message-text", "Return-Path: <alice@example.test>\r\n" +
        "From: Alice <alice@example.test>\r\nTo: reader@example.test\r\n" +
        "Subject: Hello\r\nDate: Thu, 26 Nov 2026 10:00:00 +0000\r\nMessage-ID: <1@example.test>\r\n\r\nHello\r\n");
    await page.fill("#message-ip", "192.0.2.1");
    await page.click("#message-check button[type=submit]");
    const results = page.locator("#check-results tbody");
    expect(await waitForText(results.locator("tr", { hasText: "SPF" }), /softfail|fail|neutral|permerror/),
        "the pasted message's SPF result for an IP the record does not list");
    expect(await waitForText(results.locator("tr", { hasText: "DMARC" }), "fail"),
        "and DMARC fails: nothing aligned passed");
    await page.screenshot({ path: join(outDir, "sender-details.png"), fullPage: true });
    await axeCheck(page, "Sender Details");

    // Deliverability.
    await page.goto(new URL("/deliverability", consoleProcess.url).href);
    expect(await waitForText(page.locator("#account-status"), /active/), "Deliverability shows the account active");
    await page.fill("#suppress-address", "gone@example.test");
    await page.fill("#suppress-note", "<b>asked</b>");
    await page.click("#suppression-add button");
    expect(await waitForText(page.locator("#suppressions"), "gone@example.test"), "a suppression added is listed");
    expect((await page.locator("#suppressions b").count()) === 0, "its note shows as text");
    await page.screenshot({ path: join(outDir, "deliverability.png"), fullPage: true });
    await axeCheck(page, "Deliverability");
    expect(dialogs === 0, "no script ran from any value (" + dialogs + " alerts)");
    await context.close();

    // 25 hours later bob's link has expired: Failed, then Resend.
    const first = await stopConsole(consoleProcess);
    expect(first.code === 0, "SIGTERM stops the console with status 0");
    expect(!consoleProcess.stderr().includes(new URL(consoleProcess.url).searchParams.get("token")),
        "the log never shows the sign-in token");
    consoleProcess = await startConsole("2026-11-27T11:00:00Z");
    const later = await (await browser.newContext()).newPage();
    await later.goto(consoleProcess.url);
    const bob = later.locator('tr[data-address="bob@example.test"]');
    expect(await waitForText(bob, "Failed"), "an unconfirmed sender is Failed after 24 hours");
    await later.screenshot({ path: join(outDir, "channels-failed.png"), fullPage: true });
    await bob.locator("button", { hasText: "Resend" }).click();
    expect(await waitForText(bob, "Pending"), "Resend makes it Pending again");
} catch (e) {
    expect(false, "unexpected: " + (e.stack || e));
} finally {
    if (consoleProcess) await stopConsole(consoleProcess);
    await browser.close();
    rmSync(home, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
