// Shared by every page: the JSON API with the session's CSRF token, and
// element building that only ever sets text (never HTML), so a value from a
// user or a mail always shows as text; byId for the elements of a page.
"use strict";

const csrfToken = document.querySelector('meta[name="csrf-token"]').content;

const byId = (id) => document.getElementById(id);

class ApiError extends Error {
    constructor(status, code, message) {
        super(message);
        this.status = status;
        this.code = code;
    }
}

async function api(method, path, body) {
    const options = { method, headers: { "Accept": "application/json" }, credentials: "same-origin" };
    if (method !== "GET") options.headers["X-CSRF-Token"] = csrfToken;
    if (body !== undefined) {
        options.headers["Content-Type"] = "application/json";
        options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    if (response.status === 204) return null;
    let data = null;
    try {
        data = await response.json();
    } catch (e) {
        data = null;
    }
    if (!response.ok) {
        const error = (data && data.error) || {};
        throw new ApiError(response.status, error.code || "MW_EUNKNOWN", error.message || response.statusText);
    }
    return data;
}

// el("td", {className: "x"}, "text", child...): attributes are properties or
// aria-/data- attributes; children are strings (as text) or nodes.
function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value === undefined || value === null) continue;
        if (name.startsWith("aria-") || name.startsWith("data-") || name === "role" || name === "for") node.setAttribute(name, value);
        else node[name] = value;
    }
    for (const child of children) {
        if (child === undefined || child === null) continue;
        node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
}

function statusBadge(status) {
    return el("span", { className: "status " + status }, status);
}

function showMessage(node, text, kind) {
    node.textContent = text || "";
    node.className = "message" + (kind ? " " + kind : "");
}

// "2026-11-26T10:00:00Z" as the reader's local time; "—" for null.
function when(value) {
    if (!value) return "—";
    const date = new Date(value);
    return isNaN(date) ? value : date.toLocaleString();
}

// Runs `refresh` now and every `ms` while the page is visible.
function poll(refresh, ms) {
    refresh();
    setInterval(() => { if (!document.hidden) refresh(); }, ms);
}
