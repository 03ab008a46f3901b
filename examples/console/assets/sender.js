// Sender Details: status and times, the history, the sender's domain (the
// records to publish, each with its live status and a copy button, and the
// findings), and the "test your authentication settings" panel.
"use strict";

const address = decodeURIComponent(location.pathname.replace(/^\/senders\//, ""));

function fill(id, text) {
    byId(id).textContent = text;
}

async function loadSender() {
    try {
        const { sender } = await api("GET", "/api/senders/" + encodeURIComponent(address));
        fill("sender-address", sender.address);
        byId("sender-status").replaceChildren(statusBadge(sender.status));
        fill("sender-alias", sender.alias || "—");
        fill("sender-requested", when(sender.requested_at));
        fill("sender-expires", when(sender.expires_at));
        fill("sender-verified", when(sender.verified_at));
        fill("sender-failed", sender.failed_at ? when(sender.failed_at) + " — " + (sender.failure_reason || "") : "—");
        fill("sender-warnings", (sender.warnings || []).join(" ") || "none");
        byId("history").tBodies[0].replaceChildren(...(sender.history || []).map((h) => el("tr", {},
            el("td", {}, when(h.at)), el("td", {}, h.from || "—"), el("td", {}, h.to),
            el("td", {}, h.event), el("td", {}, h.reason))));
    } catch (e) {
        fill("sender-address", address);
        showMessage(byId("sender-message"), e.message, "error");
    }
}

function copyButton(value, what) {
    const button = el("button", { type: "button", className: "secondary", "aria-label": "Copy " + what }, "Copy");
    button.addEventListener("click", async () => {
        try {
            await navigator.clipboard.writeText(value);
            button.textContent = "Copied";
        } catch (e) {
            button.textContent = "Select and copy";
        }
        setTimeout(() => { button.textContent = "Copy"; }, 2000);
    });
    return button;
}

async function loadDomain() {
    fill("domain-name", address.slice(address.lastIndexOf("@") + 1));
    showMessage(byId("domain-message"), "Checking DNS…");
    try {
        const report = await api("GET", "/api/senders/" + encodeURIComponent(address) + "/domain");
        fill("domain-name", report.domain);
        showMessage(byId("domain-message"), "Verdict: " + report.verdict, report.verdict === "pass" ? "ok" : "advice");
        byId("records").tBodies[0].replaceChildren(...report.records.map((r) => el("tr", {},
            el("td", {}, r.purpose),
            el("td", {}, r.type),
            el("td", {}, el("span", { className: "record" }, r.name), " ", copyButton(r.name, r.type + " record name")),
            el("td", {}, el("span", { className: "record" }, r.value), " ", copyButton(r.value, r.type + " record value")),
            el("td", {}, statusBadge(r.status)))));
        byId("findings").replaceChildren(...report.findings.map((f) =>
            el("li", {}, el("strong", {}, f.severity + ": "), f.message, " ", el("code", {}, f.id))));
    } catch (e) {
        showMessage(byId("domain-message"), "DNS could not be checked: " + e.message, "error");
    }
}

function resultRow(check, result, details) {
    return el("tr", {}, el("td", {}, check), el("td", {}, statusBadge(String(result))), el("td", {}, details || ""));
}

byId("message-check").addEventListener("submit", async (event) => {
    event.preventDefault();
    let message = byId("message-text").value;
    const file = byId("message-file").files[0];
    if (file) message = await file.text();
    if (message.trim() === "") {
        showMessage(byId("check-message"), "Paste a message or choose a file first.", "error");
        byId("message-text").focus();
        return;
    }
    showMessage(byId("check-message"), "Checking…");
    try {
        const report = await api("POST", "/api/message-check", { message, client_ip: byId("message-ip").value.trim() });
        const rows = [];
        if (report.spf) rows.push(resultRow("SPF", report.spf.result, report.spf.explanation || report.spf.domain));
        else rows.push(resultRow("SPF", "none", "not checked: give the sending server's IP"));
        for (const d of report.dkim || []) rows.push(resultRow("DKIM", d.result, "d=" + d.domain + " s=" + d.selector + (d.reason ? " (" + d.reason + ")" : "")));
        if (report.dmarc) rows.push(resultRow("DMARC", report.dmarc.result, report.dmarc.policy ? "policy " + report.dmarc.policy : ""));
        if (report.arc) rows.push(resultRow("ARC", report.arc.result, report.arc.reason || ""));
        // What the receiving provider wrote on the message (its "Show original").
        for (const field of report.authentication_results || [])
            for (const r of field.results || [])
                rows.push(resultRow(r.method.toUpperCase() + " at " + field.authserv_id, r.result, r.reason || ""));
        byId("check-results").tBodies[0].replaceChildren(...rows);
        showMessage(byId("check-message"), report.summary || "Checked.", "ok");
    } catch (e) {
        showMessage(byId("check-message"), e.message, "error");
    }
});

loadSender();
loadDomain();
setInterval(() => { if (!document.hidden) loadSender(); }, 2000);
