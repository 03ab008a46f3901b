// The Lists page: the account's lists with counts by state, one list's
// subscribers, adding one (double opt-in), importing a file with a progress
// bar and the summary, and purging after a preview. The list shown is in
// the address (#list=NAME), so a reload keeps it.
"use strict";

const STATES = ["pending", "confirmed", "unsubscribed", "bounced", "complained", "purged"];
let current = null;    // the list shown
let nextAfter = null;  // paging of its subscribers

function listPath(...rest) {
    return "/api/lists/" + [current, ...rest].map(encodeURIComponent).join("/");
}

async function loadLists() {
    try {
        const data = await api("GET", "/api/lists");
        const rows = data.lists.map((list) => el("tr", {},
            el("th", { scope: "row" }, list.name),
            el("td", {}, list.from),
            ...STATES.map((s) => el("td", {}, String(list.counts[s] || 0))),
            el("td", {}, el("button", {
                type: "button", className: "secondary", "aria-label": "Open list " + list.name,
                onclick: () => { location.hash = "list=" + encodeURIComponent(list.name); },
            }, "Open"))));
        if (rows.length === 0) rows.push(el("tr", {}, el("td", { colSpan: 9, className: "muted" }, "No lists yet.")));
        document.querySelector("#lists tbody").replaceChildren(...rows);
    } catch (e) {
        showMessage(byId("lists-message"), e.message, "error");
    }
}

function subscriberRow(s) {
    const actions = [];
    if (s.state === "pending")
        actions.push(el("button", { type: "button", className: "secondary", "aria-label": "Resend the confirmation to " + s.address,
                                    onclick: () => act("POST", ["subscribers", s.address, "resend"], "A new confirmation went to " + s.address + ".") },
                        "Resend"));
    if (s.state === "pending" || s.state === "confirmed")
        actions.push(el("button", { type: "button", className: "danger", "aria-label": "Unsubscribe " + s.address,
                                    onclick: () => act("DELETE", ["subscribers", s.address], s.address + " is unsubscribed.") },
                        "Unsubscribe"));
    return el("tr", {}, el("td", {}, s.address), el("td", {}, s.name || ""), el("td", {}, statusBadge(s.state)),
              el("td", {}, (s.flags || []).join(", ")), el("td", {}, when(s.created_at)), el("td", {}, ...actions));
}

async function loadSubscribers(more) {
    const tbody = document.querySelector("#subscribers tbody");
    try {
        const query = new URLSearchParams();
        if (byId("state").value) query.set("state", byId("state").value);
        if (more && nextAfter !== null) query.set("after", String(nextAfter));
        const data = await api("GET", listPath("subscribers") + "?" + query);
        const rows = data.subscribers.map(subscriberRow);
        if (more) tbody.append(...rows);
        else tbody.replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colSpan: 6, className: "muted" }, "No subscribers in this state."))]));
        nextAfter = data.next_after;
        byId("more-subscribers").hidden = nextAfter === null;
    } catch (e) {
        showMessage(byId("subscribers-message"), e.message, "error");
    }
}

async function act(method, parts, done) {
    try {
        await api(method, listPath(...parts));
        showMessage(byId("subscribers-message"), done, "ok");
    } catch (e) {
        showMessage(byId("subscribers-message"), e.message, "error");
    }
    refreshList();
}

function refreshList() {
    loadLists();
    if (current) loadSubscribers(false);
}

function showList() {
    const match = /^#list=(.+)$/.exec(location.hash);
    current = match ? decodeURIComponent(match[1]) : null;
    byId("list-detail").hidden = current === null;
    if (current === null) return;
    byId("detail-name").textContent = current;
    byId("import-status").hidden = true;
    byId("purge-preview").hidden = true;
    byId("purge-now").hidden = true;
    loadSubscribers(false);
}

byId("create-list").addEventListener("submit", async (event) => {
    event.preventDefault();
    const name = byId("list-name").value.trim();
    try {
        await api("POST", "/api/lists", { name, from: byId("list-from").value.trim() });
        showMessage(byId("lists-message"), "The list " + name + " is ready.", "ok");
        byId("create-list").reset();
        location.hash = "list=" + encodeURIComponent(name);
    } catch (e) {
        showMessage(byId("lists-message"), e.message, "error");
    }
    loadLists();
});

byId("subscribe").addEventListener("submit", async (event) => {
    event.preventDefault();
    const address = byId("subscribe-address").value.trim();
    try {
        const outcome = (await api("POST", listPath("subscribers"), { address, name: byId("subscribe-name").value })).outcome;
        if (!outcome.accepted) {
            showMessage(byId("subscribe-message"), "Not added: " + outcome.refused_because +
                (outcome.reasons.length ? " (" + outcome.reasons.join(", ") + ")" : ""), "error");
        } else if (outcome.confirm_link) {
            showMessage(byId("subscribe-message"), "A confirmation mail went to " + address + ": it joins once the link is followed.", "ok");
            byId("subscribe").reset();
        } else {
            showMessage(byId("subscribe-message"), address + " is subscribed already.", "ok");
        }
    } catch (e) {
        showMessage(byId("subscribe-message"), e.message, "error");
    }
    refreshList();
});

// Sends the file with upload progress (the first tenth of the bar), then
// follows the import on the server (the rest) until its summary is there.
function upload(path, file) {
    return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open("POST", path);
        xhr.setRequestHeader("X-CSRF-Token", csrfToken);
        xhr.setRequestHeader("Content-Type", "text/csv");
        xhr.setRequestHeader("Accept", "application/json");
        xhr.upload.onprogress = (p) => { if (p.lengthComputable) byId("import-progress").value = 10 * p.loaded / p.total; };
        xhr.onload = () => {
            let data = null;
            try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
            if (xhr.status === 202 && data) resolve(data.import);
            else reject(new Error((data && data.error && data.error.message) || xhr.statusText || "upload failed"));
        };
        xhr.onerror = () => reject(new Error("the upload failed"));
        xhr.send(file);
    });
}

function showSummary(summary) {
    byId("import-rows").textContent = String(summary.rows);
    byId("import-added").textContent = String(summary.added);
    byId("import-refused").textContent = String(summary.refused);
    byId("import-summary").hidden = false;
    const reasons = Object.entries(summary.refused_by_reason || {});
    document.querySelector("#import-reasons tbody").replaceChildren(
        ...reasons.map(([reason, n]) => el("tr", {}, el("td", {}, reason), el("td", {}, String(n)))));
    byId("import-reasons").hidden = reasons.length === 0;
}

byId("import").addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = byId("import-file").files[0];
    if (!file) return;
    byId("import-status").hidden = false;
    byId("import-summary").hidden = true;
    byId("import-reasons").hidden = true;
    byId("import-progress").value = 0;
    showMessage(byId("import-message"), "Uploading " + file.name + "…");
    const query = new URLSearchParams({ source: file.name, notice: byId("import-notice").value });
    try {
        let job = await upload(listPath("imports") + "?" + query, file);
        while (!job.finished) {
            byId("import-progress").value = 10 + 90 * (job.lines ? job.lines_done / job.lines : 0);
            showMessage(byId("import-message"), "Checked " + job.lines_done + " of " + job.lines + " lines…");
            await new Promise((r) => setTimeout(r, 300));
            job = (await api("GET", listPath("imports", job.id))).import;
        }
        byId("import-progress").value = 100;
        if (job.error) throw new Error(job.error.message);
        showMessage(byId("import-message"), "Imported " + file.name + ".", "ok");
        showSummary(job.summary);
    } catch (e) {
        showMessage(byId("import-message"), e.message, "error");
    }
    refreshList();
});

function purgeRequest(dryRun) {
    const number = (id) => (byId(id).value === "" ? null : Number(byId(id).value));
    return { dry_run: dryRun, unconfirmed_days: number("purge-unconfirmed"), inactive_days: number("purge-inactive"),
             min_sends: number("purge-min-sends"), keep_bounced: byId("purge-keep-bounced").checked };
}

byId("purge").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
        const report = (await api("POST", listPath("purge"), purgeRequest(true))).purge;
        document.querySelector("#purge-preview tbody").replaceChildren(...report.purged.map((c) =>
            el("tr", {}, el("td", {}, c.address), el("td", {}, c.state), el("td", {}, c.reason))));
        byId("purge-preview").hidden = report.purged.length === 0;
        byId("purge-now").hidden = report.purged.length === 0;
        byId("purge-now").textContent = "Purge " + report.purged.length + " subscriber" + (report.purged.length === 1 ? "" : "s");
        showMessage(byId("purge-message"), report.purged.length === 0 ? "Nothing to purge." :
            report.purged.length + " would be purged: nothing has changed yet.");
    } catch (e) {
        showMessage(byId("purge-message"), e.message, "error");
    }
});

byId("purge-now").addEventListener("click", async () => {
    try {
        const report = (await api("POST", listPath("purge"), purgeRequest(false))).purge;
        showMessage(byId("purge-message"), report.purged.length + " purged.", "ok");
        byId("purge-preview").hidden = true;
        byId("purge-now").hidden = true;
    } catch (e) {
        showMessage(byId("purge-message"), e.message, "error");
    }
    refreshList();
});

byId("state").addEventListener("change", () => loadSubscribers(false));
byId("more-subscribers").addEventListener("click", () => loadSubscribers(true));
window.addEventListener("hashchange", showList);
loadLists();
showList();
