// The Channels tab: the Enabled channels table, refreshed every two seconds
// (a Pending row turns Success without a reload when the link is followed),
// and the Add Sender form with the address check's messages inline.
"use strict";

const form = document.getElementById("add-sender");
const addressInput = document.getElementById("sender-address");
const aliasInput = document.getElementById("sender-alias");
const addressMessage = document.getElementById("address-message");
const listMessage = document.getElementById("list-message");
const tbody = document.querySelector("#senders tbody");

// The product description's From-address advice, shown as it gives it.
const NOREPLY_ADVICE = "Avoid using a no-reply address as your \"From\" or \"Reply-to\" address: it tells your " +
    "recipients that you aren't offering them a way to contact you and that you're not interested in their feedback.";
const ROLE_ADVICE = "This is a role account, not a person's address: replies reach a shared mailbox, and some " +
    "providers rank such senders lower.";

function senderRow(sender) {
    const actions = el("td", {},
        el("a", { href: "/senders/" + encodeURIComponent(sender.address) }, "Details"));
    if (sender.status === "Failed") {
        actions.append(" ", el("button", {
            type: "button", className: "secondary", onclick: () => resend(sender.address),
            "aria-label": "Resend the verification mail to " + sender.address,
        }, "Resend"));
    }
    actions.append(" ", el("button", {
        type: "button", className: "danger", onclick: () => remove(sender.address),
        "aria-label": "Remove " + sender.address,
    }, "Remove"));
    return el("tr", { "data-address": sender.address },
        el("td", {}, sender.type || "Email"),
        el("td", {}, sender.address),
        el("td", {}, sender.alias || ""),
        el("td", {}, statusBadge(sender.status)),
        actions);
}

async function refresh() {
    try {
        const data = await api("GET", "/api/senders");
        const rows = data.senders.map(senderRow);
        if (rows.length === 0) rows.push(el("tr", {}, el("td", { colSpan: 5, className: "muted" }, "No senders yet.")));
        tbody.replaceChildren(...rows);
    } catch (e) {
        showMessage(listMessage, e.message, "error");
    }
}

async function resend(address) {
    try {
        await api("POST", "/api/senders/" + encodeURIComponent(address) + "/resend");
        showMessage(listMessage, "A new verification mail was sent to " + address + ".", "ok");
    } catch (e) {
        showMessage(listMessage, e.message, "error");
    }
    refresh();
}

async function remove(address) {
    if (!window.confirm("Remove " + address + "?")) return;
    try {
        await api("DELETE", "/api/senders/" + encodeURIComponent(address));
        showMessage(listMessage, address + " was removed.", "ok");
    } catch (e) {
        showMessage(listMessage, e.message, "error");
    }
    refresh();
}

// Checks the address as it is typed (debounced): the library's verdict.
let checkTimer = null;
let checkSeq = 0;
async function checkAddress() {
    const address = addressInput.value.trim();
    const seq = ++checkSeq;
    if (address === "") {
        showMessage(addressMessage, "");
        addressInput.removeAttribute("aria-invalid");
        return true;
    }
    try {
        const check = await api("GET", "/api/address-check?address=" + encodeURIComponent(address));
        if (seq !== checkSeq) return check.valid;
        if (!check.valid) {
            addressInput.setAttribute("aria-invalid", "true");
            showMessage(addressMessage, check.message || "This is not a valid address.", "error");
        } else {
            addressInput.removeAttribute("aria-invalid");
            if (check.noreply) showMessage(addressMessage, NOREPLY_ADVICE, "advice");
            else if (check.role) showMessage(addressMessage, ROLE_ADVICE, "advice");
            else showMessage(addressMessage, "");
        }
        return check.valid;
    } catch (e) {
        showMessage(addressMessage, e.message, "error");
        return false;
    }
}

addressInput.addEventListener("input", () => {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(checkAddress, 300);
});

form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearTimeout(checkTimer);
    if (!(await checkAddress())) {
        addressInput.focus();
        return;
    }
    try {
        const data = await api("POST", "/api/senders", { address: addressInput.value.trim(), alias: aliasInput.value });
        const warnings = data.sender.warnings || [];
        showMessage(addressMessage, "A verification mail was sent to " + data.sender.address + "." +
            (warnings.length ? " " + warnings.join(" ") : ""), warnings.length ? "advice" : "ok");
        form.reset();
    } catch (e) {
        addressInput.setAttribute("aria-invalid", "true");
        showMessage(addressMessage, e.message, "error");
    }
    refresh();
});

poll(refresh, 2000);
