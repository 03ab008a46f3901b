// Deliverability: the account's standing and rates, the chart over time,
// Resume (with a reason) when suspended or warned, and the suppression list.
"use strict";

const percent = (rate) => (rate * 100).toFixed(2) + " %";

async function loadStanding() {
    try {
        const data = await api("GET", "/api/deliverability");
        const s = data.stats;
        byId("account-name").textContent = data.account;
        byId("account-status").replaceChildren(statusBadge(s.status));
        byId("status-reason").textContent = s.status_reason || "";
        byId("stat-sends").textContent = String(s.sends);
        byId("stat-bounce").textContent = percent(s.bounce_rate) + " (" + s.hard_bounces + " hard bounces; suspended at 5 %)";
        byId("stat-complaint").textContent = percent(s.complaint_rate) + " (" + s.complaints + " complaints; warning at 0.1 %, suspended at 0.5 %)";
        const t = s.totals;
        byId("stat-totals").textContent = t.sends + " sends, " + t.hard_bounces + " hard bounces, " +
            t.complaints + " complaints, " + t.deliveries + " deliveries";
        byId("resume").hidden = s.status === "active";
        drawRates(byId("rates-chart"), data.samples || [], data.lines);
    } catch (e) {
        showMessage(byId("page-message"), e.message, "error");
    }
}

byId("resume").addEventListener("submit", async (event) => {
    event.preventDefault();
    const reason = byId("resume-reason").value.trim();
    if (reason === "") {
        showMessage(byId("page-message"), "Say why sending may resume: the reason is kept in the audit log.", "error");
        byId("resume-reason").focus();
        return;
    }
    try {
        await api("POST", "/api/account/resume", { reason });
        showMessage(byId("page-message"), "Sending resumed.", "ok");
        byId("resume").reset();
    } catch (e) {
        showMessage(byId("page-message"), e.message, "error");
    }
    loadStanding();
});

async function loadSuppressions() {
    const query = byId("suppression-query").value.trim();
    try {
        const data = await api("GET", "/api/suppressions?q=" + encodeURIComponent(query));
        const rows = data.suppressions.map((s) => el("tr", {},
            el("td", {}, s.address), el("td", {}, s.reason), el("td", {}, when(s.at)), el("td", {}, s.note || ""),
            el("td", {}, el("button", {
                type: "button", className: "danger", "aria-label": "Remove " + s.address + " from the suppression list",
                onclick: () => unsuppress(s.address),
            }, "Remove"))));
        if (rows.length === 0) rows.push(el("tr", {}, el("td", { colSpan: 5, className: "muted" }, "No suppressed addresses.")));
        byId("suppressions").tBodies[0].replaceChildren(...rows);
    } catch (e) {
        showMessage(byId("suppression-message"), e.message, "error");
    }
}

async function unsuppress(address) {
    try {
        await api("DELETE", "/api/suppressions/" + encodeURIComponent(address));
        showMessage(byId("suppression-message"), address + " may be mailed again.", "ok");
    } catch (e) {
        showMessage(byId("suppression-message"), e.message, "error");
    }
    loadSuppressions();
}

byId("suppression-search").addEventListener("submit", (event) => {
    event.preventDefault();
    loadSuppressions();
});

byId("suppression-add").addEventListener("submit", async (event) => {
    event.preventDefault();
    const address = byId("suppress-address").value.trim();
    try {
        await api("POST", "/api/suppressions", { address, note: byId("suppress-note").value });
        showMessage(byId("suppression-message"), address + " is suppressed.", "ok");
        byId("suppression-add").reset();
    } catch (e) {
        showMessage(byId("suppression-message"), e.message, "error");
    }
    loadSuppressions();
});

poll(loadStanding, 2000);
loadSuppressions();
