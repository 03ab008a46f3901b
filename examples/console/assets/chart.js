// The rates chart: an inline SVG drawn from the samples, with the lines a
// rate must stay under. No library: a few paths and labels.
"use strict";

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text !== undefined) node.textContent = text;
    return node;
}

// drawRates(svgNode, samples [{at, bounce_rate, complaint_rate}], lines {bounce_suspend, ...})
function drawRates(chart, samples, lines) {
    const width = 640, height = 240, left = 48, right = 12, top = 12, bottom = 28;
    const top_rate = Math.max(lines.bounce_suspend * 1.5,
        ...samples.map((s) => s.bounce_rate), ...samples.map((s) => s.complaint_rate));
    const x = (i) => left + (samples.length <= 1 ? 0 : (i * (width - left - right)) / (samples.length - 1));
    const y = (rate) => top + (height - top - bottom) * (1 - rate / top_rate);
    const nodes = [
        svg("line", { x1: left, y1: y(0), x2: width - right, y2: y(0), stroke: "#9aa3b0" }),
        svg("text", { x: 4, y: y(0) + 4 }, "0 %"),
    ];
    for (const [rate, label] of [[lines.bounce_suspend, "5 %"], [lines.complaint_suspend, "0.5 %"], [lines.complaint_warning, "0.1 %"]]) {
        nodes.push(svg("line", { x1: left, y1: y(rate), x2: width - right, y2: y(rate), class: "limit" }));
        nodes.push(svg("text", { x: 4, y: y(rate) + 4 }, label));
    }
    const path = (key) => samples.map((s, i) => (i === 0 ? "M" : "L") + x(i).toFixed(1) + " " + y(s[key]).toFixed(1)).join(" ");
    if (samples.length > 0) {
        nodes.push(svg("path", { d: path("bounce_rate"), class: "line-bounce" }));
        nodes.push(svg("path", { d: path("complaint_rate"), class: "line-complaint" }));
        nodes.push(svg("text", { x: left, y: height - 8 }, when(samples[0].at)));
        nodes.push(svg("text", { x: width - right, y: height - 8, "text-anchor": "end" }, when(samples[samples.length - 1].at)));
    } else {
        nodes.push(svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle" }, "No feedback yet"));
    }
    chart.replaceChildren(...nodes);
}
