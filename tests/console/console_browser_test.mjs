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
import { execFileSync, spawn } from "node:child_process";
import { createSign, randomUUID } from "node:crypto";
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

// The SNS side of the test: a throw-away key and certificate that signs the
// notifications POSTed to /sns; the console pins it (--sns-cert), and still
// checks each message's SigningCertURL against SNS's hosts.
const snsKey = join(home, "sns-key.pem"), snsCert = join(home, "sns-cert.pem");
execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", snsKey, "-out", snsCert,
                         "-days", "2", "-subj", "/CN=sns.us-east-1.amazonaws.com"], { stdio: "ignore" });

// POSTs one SES event (`event`) to the console's /sns as SNS delivers it:
// an envelope signed with SignatureVersion 2 (SHA256withRSA over the
// type's fields, each "Name\nvalue\n", in byte order of the names).
async function postSes(baseUrl, event, tamper = (e) => e) {
    const envelope = {
        Type: "Notification", MessageId: randomUUID(), TopicArn: "arn:aws:sns:us-east-1:123456789012:ses-events",
        Message: JSON.stringify(event), Timestamp: new Date().toISOString(), SignatureVersion: "2",
        SigningCertURL: "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-console-test.pem",
        UnsubscribeURL: "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x",
    };
    const signed = ["Message", "MessageId", "Timestamp", "TopicArn", "Type"].map((k) => k + "\n" + envelope[k] + "\n").join("");
    envelope.Signature = createSign("RSA-SHA256").update(signed).sign(readFileSync(snsKey), "base64");
    const answer = await fetch(new URL("/sns", baseUrl), {
        method: "POST", headers: { "Content-Type": "text/plain; charset=UTF-8", "x-amz-sns-message-type": "Notification" },
        body: JSON.stringify(tamper(envelope)),
    });
    return answer.status;
}

function sesEvent(type, messageId, recipients, extra) {
    return {
        eventType: type,
        mail: { timestamp: new Date().toISOString(), source: "alice@example.test", messageId, destination: recipients,
                commonHeaders: { from: ["alice@example.test"], to: recipients, messageId, subject: "News" } },
        ...extra,
    };
}

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
    const child = spawn(binary, ["--listen", "127.0.0.1:0", "--home", home, "--allow-special-use", "--dns", dns,
                                 "--sns-cert", snsCert], {
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

// The newest link matching `pattern` in the outbox's mails to `address`.
function mailedLink(address, pattern) {
    const folder = join(home, "outbox", "new");
    let link = null;
    for (const name of readdirSync(folder).sort()) {
        const text = readFileSync(join(folder, name), "latin1").replace(/=\r?\n/g, "");
        if (!text.includes(address)) continue;
        const match = text.match(pattern);
        if (match) link = match[0].replace(/=3D/g, "=");
    }
    return link;
}

// The newest verification link in the outbox for `address`.
function linkFor(address) {
    return mailedLink(address, /http:\/\/127\.0\.0\.1:\d+\/verify\?[^\s"<>]+/);
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
    // Lists: create one, subscribe (double opt-in), import a file and see
    // the summary, preview a purge and run it.
    await page.goto(new URL("/lists", consoleProcess.url).href);
    await page.fill("#list-name", "news");
    await page.fill("#list-from", "alice@example.test");
    await page.click("#create-list button");
    await page.waitForURL(/#list=news$/);
    expect(await waitForText(page.locator("#lists tbody tr"), "news"), "a new list is listed");
    await page.fill("#subscribe-address", "reader@example.test");
    await page.fill("#subscribe-name", "<b>Reader</b>");
    await page.click("#subscribe button");
    expect(await waitForText(page.locator("#subscribe-message.ok"), "confirmation"), "subscribing says a confirmation went out");
    const reader = page.locator("#subscribers tbody tr", { hasText: "reader@example.test" });
    expect(await waitForText(reader, "pending"), "the subscriber is listed pending");
    expect((await reader.locator("td").nth(1).textContent()) === "<b>Reader</b>", "its name shows as text");
    await page.fill("#subscribe-address", "postmaster@example.test");
    await page.click("#subscribe button");
    expect(await waitForText(page.locator("#subscribe-message.error"), "role"), "a role address is refused with its reason");

    const csv = "email,name\r\na@example.test,A\r\nb@example.test,B\r\nA@example.test,again\r\n" +
        "abuse@example.test,role\r\n<img src=x onerror=alert(1)>,bad\r\n";
    await page.setInputFiles("#import-file", { name: "people.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.click("#import button");
    expect(await waitForText(page.locator("#import-message.ok"), "Imported people.csv", 30000),
        "the import finishes (" + await page.locator("#import-message").textContent() + ")");
    expect((await page.locator("#import-progress").evaluate((n) => n.value)) === 100, "its progress bar is full");
    expect((await page.locator("#import-rows").textContent()) === "5" &&
           (await page.locator("#import-added").textContent()) === "2" &&
           (await page.locator("#import-refused").textContent()) === "3", "the summary: 5 rows, 2 added, 3 refused");
    const reasons = await page.locator("#import-reasons tbody td:first-child").allTextContents();
    expect(reasons.includes("duplicate") && reasons.includes("role") && reasons.length === 3,
        "refused by reason: " + reasons.join(", "));
    expect(await waitForText(page.locator("#lists tbody tr", { hasText: "news" }), /news.*2/), "the list's counts follow");
    await page.screenshot({ path: join(outDir, "lists.png"), fullPage: true });

    await page.evaluate(async () => fetch("/api/suppressions", {
        method: "POST", headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken },
        body: JSON.stringify({ address: "b@example.test", note: "bounced elsewhere" }),
    }));
    await page.click("#purge button");
    const preview = page.locator("#purge-preview tbody tr");
    expect(await waitForText(preview, "b@example.test"), "the purge preview lists the suppressed subscriber");
    expect((await preview.count()) === 1 && await waitForText(page.locator("#purge-now"), "Purge 1 subscriber"),
        "and offers to purge exactly it");
    await page.screenshot({ path: join(outDir, "lists-purge-preview.png"), fullPage: true });
    await page.click("#purge-now");
    expect(await waitForText(page.locator("#purge-message.ok"), "1 purged"), "the purge runs after the preview");
    await axeCheck(page, "Lists");

    // The public confirm page: GET shows a button, the click confirms.
    const confirmLink = mailedLink("reader@example.test", /http:\/\/127\.0\.0\.1:\d+\/lists\/confirm\?[^\s"<>]+/);
    expect(confirmLink !== null, "the confirmation mail links to the console's /lists/confirm");
    const subscriber = await context.newPage();
    await subscriber.goto(confirmLink);
    expect(await waitForText(subscriber.locator("main"), "reader@example.test"), "the confirm page names the address");
    await subscriber.screenshot({ path: join(outDir, "list-confirm.png"), fullPage: true });
    await axeCheck(subscriber, "Confirm page");
    await subscriber.click("button[type=submit]");
    expect(await waitForText(subscriber.locator("h1"), "You are subscribed"), "the button confirms");
    await subscriber.close();
    await page.selectOption("#state", "confirmed");
    expect(await waitForText(page.locator("#subscribers tbody tr", { hasText: "reader@example.test" }), "confirmed"),
        "the subscriber shows confirmed");

    // A list named in markup shows as text, in the table and as the list opened.
    const markupName = "<img src=x onerror=alert(2)>";
    await page.fill("#list-name", markupName);
    await page.fill("#list-from", "alice@example.test");
    await page.click("#create-list button");
    expect(await waitForText(page.locator("#detail-name"), markupName), "a list named in markup opens, its name as text");
    expect(await waitForText(page.locator("#lists tbody th"), markupName), "and is listed as text");
    expect((await page.locator("#lists img, #list-detail img").count()) === 0, "no element was made from it");

    // Keyboard: Tab goes from the list name to its sender, then to the button.
    await page.focus("#list-name");
    await page.keyboard.press("Tab");
    const afterName = await page.evaluate(() => document.activeElement.id);
    await page.keyboard.press("Tab");
    const afterFrom = await page.evaluate(() => document.activeElement.textContent);
    expect(afterName === "list-from" && afterFrom === "Create list", "Tab order: list name, sender, Create list");

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

    // Feedback through the SNS endpoint moves the chart; past 5 % the
    // account shows Suspended. 600 sends, then 12 and 30 hard bounces.
    await later.goto(new URL("/deliverability", consoleProcess.url).href);
    await waitForText(later.locator("#stat-sends"), /^\d+$/);
    const earlier = Number(await later.locator("#stat-sends").textContent());  // the lists' confirmation mail
    const rateText = (bounces) => new RegExp("^" + (100 * bounces / (earlier + 600)).toFixed(2).replace(".", "\\.") + " %");
    const recipients = Array.from({ length: 600 }, (_, i) => "reader" + i + "@example.test");
    expect(await postSes(consoleProcess.url, sesEvent("Send", "console-test-1", recipients, { send: {} })) === 200,
        "an SES Send event through /sns is taken (200)");
    expect(await waitForText(later.locator("#stat-sends"), new RegExp("^" + (earlier + 600) + "$")),
        "the window shows 600 more sends (" + await later.locator("#stat-sends").textContent() + ")");
    const bounceLine = later.locator("#rates-chart path.line-bounce");
    const bounce = (n, from) => sesEvent("Bounce", "console-test-1", recipients.slice(from, from + n), {
        bounce: { bounceType: "Permanent", bounceSubType: "General", timestamp: new Date().toISOString(),
                  feedbackId: randomUUID(),
                  bouncedRecipients: recipients.slice(from, from + n).map((a) => ({ emailAddress: a, status: "5.1.1",
                                                                                    action: "failed" })) },
    });
    const before = await bounceLine.getAttribute("d");
    expect(await postSes(consoleProcess.url, bounce(12, 0)) === 200, "12 hard bounces through /sns (200)");
    expect(await waitForText(later.locator("#stat-bounce"), rateText(12)), "the bounce rate shows about 2 %");
    await later.waitForFunction((d) => document.querySelector("#rates-chart path.line-bounce")?.getAttribute("d") !== d,
                                before, { timeout: 8000 }).catch(() => null);
    const moved = await bounceLine.getAttribute("d");
    expect(moved !== before, "the chart's bounce line moves");
    expect(await waitForText(later.locator("#account-status"), "active"), "under 5 % the account stays active");
    expect(await postSes(consoleProcess.url, bounce(30, 12)) === 200, "30 more through /sns (200)");
    expect(await waitForText(later.locator("#account-status"), "suspended"), "past 5 % the page shows Suspended");
    expect(await waitForText(later.locator("#stat-bounce"), rateText(42)),
        "at a bounce rate of about 7 % (" + await later.locator("#stat-bounce").textContent() + ")");
    expect(await later.locator("#resume").isVisible(), "and offers Resume, with a reason");
    expect(await waitForText(later.locator("#stat-totals"), new RegExp("^" + (earlier + 600) + " sends, 42 hard bounces, ")),
        "the all-time totals count them (" + await later.locator("#stat-totals").textContent() + ")");
    await later.screenshot({ path: join(outDir, "deliverability-suspended.png"), fullPage: true });
    const forged = await postSes(consoleProcess.url, bounce(1, 50),
                                 (e) => ({ ...e, Message: e.Message.replace("reader50@", "reader51@") }));
    expect(forged >= 400 && forged < 500, "a bounce changed after signing is refused (" + forged + ")");
} catch (e) {
    expect(false, "unexpected: " + (e.stack || e));
} finally {
    if (consoleProcess) await stopConsole(consoleProcess);
    await browser.close();
    rmSync(home, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
