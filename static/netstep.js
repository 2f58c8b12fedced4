// Keyboard shortcuts: a key presses the button whose data-key matches it (see the <kbd> on each button).
// Only this; every control is a real form button and works without JavaScript.
document.addEventListener("keydown", function (event) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
  var target = event.target;
  if (target && (target.isContentEditable || /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName))) {
    if (target.tagName !== "BUTTON") return;
  }
  var key = event.key.length === 1 ? event.key.toLowerCase() : "";
  if (event.key === "ArrowRight") key = "n";
  if (!key) return;
  var button = document.querySelector('button[data-key="' + key + '"]');
  if (button) {
    event.preventDefault();
    button.click();
  }
});

// Editing a weight: clicking a cell of the weight tables (or following a diagram edge to it) names it in
// the "Set … to …" form and offers its value, ready to be replaced by the student's guess.
function fillWeightEdit(cell) {
  var parameter = document.getElementById("edit-parameter");
  var value = document.getElementById("edit-value");
  if (!parameter || !value || !/^[wb]\d/.test(cell.id)) return;
  parameter.value = cell.id;
  value.value = cell.getAttribute("title") || cell.textContent.trim();
  value.focus();
  value.select();
}
document.addEventListener("click", function (event) {
  var cell = event.target.closest ? event.target.closest("#weights td[id]") : null;
  if (cell) fillWeightEdit(cell);
});
window.addEventListener("hashchange", function () {
  var cell = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (cell && cell.closest("#weights")) fillWeightEdit(cell);
});

// A click the server refused (a bad value, the database away) says why on the page: htmx swaps no error answer.
document.addEventListener("htmx:responseError", function (event) {
  var message = document.getElementById("server-message");
  if (!message) {
    message = document.createElement("p");
    message.id = "server-message";
    message.className = "error";
    message.setAttribute("role", "alert");
    document.getElementById("main").prepend(message);
  }
  message.textContent = event.detail.xhr.responseText || "The server did not answer; please try again.";
});
document.addEventListener("htmx:afterSwap", function () {
  var message = document.getElementById("server-message");
  if (message) message.remove();
});

// A click on the next phase appends only that phase to the trace (an out-of-band "beforeend" into the trace
// showing the phase before). The phase that was current then folds away as done, as the whole trace shows it.
document.addEventListener("htmx:oobBeforeSwap", function (event) {
  var target = event.detail.target;
  var added = event.detail.fragment;
  if (!target || target.id !== "trace" || !added || !added.classList || !added.classList.contains("trace-phases")) return;
  if (!added.querySelector("details.phase")) return;
  target.querySelectorAll("details.phase.current").forEach(function (phase) {
    phase.classList.remove("current");
    phase.classList.add("done");
    phase.removeAttribute("open");
  });
  target.setAttribute("data-at", added.getAttribute("data-at"));
});
// If the page shows something else there (a step from the history, or is behind another tab's clicks), that
// answer finds no target: fetch the whole current trace instead.
document.addEventListener("htmx:oobErrorNoTarget", function (event) {
  if (String(event.detail.target).indexOf("#trace[") !== 0 || !document.getElementById("trace")) return;
  htmx.ajax("GET", "/", {target: "#trace", select: "#trace", swap: "outerHTML"});
});

// A step's answer leaves out what the page shows already (the diagram's edges and pictures, the map's samples):
// an empty placeholder whose id names the content, which htmx (hx-preserve) replaces by the page's own. If the page
// showed something else (another tab's clicks), a placeholder stays empty: fetch that panel whole.
document.addEventListener("htmx:afterSettle", function () {
  document.querySelectorAll("[hx-preserve]").forEach(function (placeholder) {
    var panel = placeholder.closest(".panel[id]");
    if (!panel || panel.hasAttribute("data-refetching")) return;
    panel.setAttribute("data-refetching", "");
    htmx.ajax("GET", "/", {target: "#" + panel.id, select: "#" + panel.id, swap: "outerHTML"});
  });
});

// A step's answer sends the diagram's tips at backpropagation and the update as their numbers (data-tip, 88 edges
// and 17 neurons on 2-8-8-1): written out here as the page without JavaScript has them (DiagramView.tipFrom and
// neuronTipFrom), so hovering or focusing an edge shows "∂L/∂W₁[1,2] = a · b · c = p" or "ΔW₁[1,2] = Δ: old → new".
function subscript(digits) {
  return digits.replace(/\d/g, function (c) { return "₀₁₂₃₄₅₆₇₈₉".charAt(c); });
}
function tipText(href, n, update) {
  var w = /^#w(\d+)-(\d+)-(\d+)$/.exec(href);
  var b = /^#b(\d+)-(\d+)$/.exec(href);
  if (w) {
    var name = "W" + subscript(w[1]) + "[" + w[2] + "," + w[3] + "]";
    return update ? "Δ" + name + " = " + n[0] + ": " + n[1] + " → " + n[2]
      : "∂L/∂" + name + " = " + n.slice(0, -1).join(" · ") + " = " + n[n.length - 1];
  }
  if (!b) return null;
  return "layer " + b[1] + ", neuron " + b[2] + ": " + (update
    ? "Δb" + subscript(b[1]) + "[" + b[2] + "] = " + n[0] + ": " + n[1] + " → " + n[2]
    : "a = " + n[0] + ", f(a) = " + n[1] + "; ∂L/∂a = " + n[2]);
}
function writeEdgeTips() {
  document.querySelectorAll("#diagram-svg a[data-tip]").forEach(function (link) {
    var text = tipText(link.getAttribute("href") || "", link.getAttribute("data-tip").split(" "),
      !!link.closest(".phase-update"));
    link.removeAttribute("data-tip");
    if (text === null) return;
    var tip = document.createElementNS("http://www.w3.org/2000/svg", "title");
    tip.textContent = text;
    link.insertBefore(tip, link.firstChild);
  });
  // the update's answer leaves the halo under each most changed edge to be drawn here (the same path, widened)
  document.querySelectorAll("#diagram-svg path.changed-most").forEach(function (edge) {
    var before = edge.previousElementSibling;
    if (before && before.classList.contains("edge-halo")) return;
    var halo = document.createElementNS("http://www.w3.org/2000/svg", "path");
    halo.setAttribute("d", edge.getAttribute("d"));
    halo.setAttribute("class", "edge-halo");
    edge.parentNode.insertBefore(halo, edge);
  });
}
document.addEventListener("htmx:afterSettle", writeEdgeTips);

// On a phone the phase buttons are one row that scrolls sideways in the bar at the bottom: keep the current one in it.
document.addEventListener("htmx:afterSettle", function () {
  var current = document.querySelector("#controls .phase-button.current");
  var row = current && current.parentElement;
  if (!row || row.scrollWidth <= row.clientWidth) return;
  row.scrollLeft = current.offsetLeft - row.offsetLeft - (row.clientWidth - current.offsetWidth) / 2;
});

// On a phone the diagram keeps its size and scrolls sideways in its panel: show the side the phase is about, the
// outputs (ŷ against y) at the loss and at backpropagation, which starts there, and the inputs otherwise.
function showThePhasesSideOfTheDiagram() {
  var panel = document.getElementById("diagram");
  var svg = document.getElementById("diagram-svg");
  if (!panel || !svg || panel.scrollWidth <= panel.clientWidth) return;
  panel.scrollLeft = /\bphase-(loss|backward)\b/.test(svg.getAttribute("class")) ? panel.scrollWidth : 0;
}
document.addEventListener("htmx:afterSettle", showThePhasesSideOfTheDiagram);
document.addEventListener("DOMContentLoaded", showThePhasesSideOfTheDiagram);

// A built-in dataset fixes the network's inputs and outputs: fill them in when one is chosen, then let the
// live parameter count (which listens for input) recount.
document.addEventListener("change", function (event) {
  var select = event.target;
  if (!select || select.id !== "dataset") return;
  var option = select.options[select.selectedIndex];
  if (!option || !option.dataset.inputs) return;
  ["inputs", "outputs"].forEach(function (name) {
    var field = document.getElementById(name);
    if (field && !field.disabled && field.value !== option.dataset[name]) {
      field.value = option.dataset[name];
      field.dispatchEvent(new Event("input", {bubbles: true}));
    }
  });
});

// Stepping folds the configuration into its one-line summary, so the diagram and the phase fill the screen.
document.addEventListener("htmx:beforeRequest", function (event) {
  var source = event.detail.elt;
  if (!source || !source.closest || !source.closest("#controls")) return;
  var config = document.getElementById("config");
  if (!config || !config.open || config.querySelector(".field.invalid")) return;
  config.open = false;
  window.scrollTo(0, 0); // the browser keeps the controls where they were; the workbench starts at the top
});

// A shared copy's link: the Copy button (hidden without JavaScript, where the read-only field is selected and
// copied by hand) puts it on the clipboard; focusing the field selects it whole.
document.addEventListener("DOMContentLoaded", function () {
  var field = document.getElementById("share-link");
  var copy = document.getElementById("copy-link");
  if (!field || !copy) return;
  copy.hidden = false;
  field.addEventListener("focus", function () { field.select(); });
  copy.addEventListener("click", function () {
    var status = document.getElementById("copy-status");
    var said = function (text) { if (status) status.textContent = text; };
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { said("Copied."); },
        function () { said("Press Ctrl+C (⌘C) to copy the selected link."); });
    } else {
      said(document.execCommand && document.execCommand("copy") ? "Copied." : "Press Ctrl+C (⌘C) to copy the selected link.");
    }
  });
});

// Play / pause: while playing, click Next (phase by phase) or Whole step again once the previous answer has
// arrived and the chosen pause has passed; one request at a time, so the page and the server stay free.
// Pausing stops before the next click. Playing stops by itself when a click changes nothing (a diverged
// network, a refused step) or the server refuses it.
var netstepPlay = {playing: false, timer: null, waiting: false, seen: null};
function playState() {
  var count = document.getElementById("step-count");
  var phase = document.getElementById("phase-name");
  return (count ? count.textContent : "") + "/" + (phase ? phase.textContent : "");
}
function syncPlay() {
  var controls = document.getElementById("play-controls");
  var button = document.getElementById("play-button");
  if (!controls || !button) return;
  controls.hidden = false;
  button.firstChild.textContent = netstepPlay.playing ? "Pause " : "Play ";
  button.setAttribute("aria-pressed", netstepPlay.playing ? "true" : "false");
  button.classList.toggle("playing", netstepPlay.playing);
}
function setPlaying(on) {
  netstepPlay.playing = on;
  if (!on && netstepPlay.timer) {
    clearTimeout(netstepPlay.timer);
    netstepPlay.timer = null;
  }
  netstepPlay.seen = null;
  syncPlay();
  if (on && !netstepPlay.waiting) playTick();
}
function playTick() {
  netstepPlay.timer = null;
  if (!netstepPlay.playing) return;
  var state = playState();
  if (netstepPlay.seen !== null && netstepPlay.seen === state) return setPlaying(false);
  netstepPlay.seen = state;
  var unit = document.getElementById("play-unit");
  var action = unit && unit.value === "whole" ? "whole" : "next";
  var step = document.querySelector('#controls button[name="action"][value="' + action + '"]');
  if (!step || step.disabled) return setPlaying(false);
  netstepPlay.waiting = true;
  step.click();
}
document.addEventListener("htmx:afterRequest", function (event) {
  if (!netstepPlay.waiting) return;
  netstepPlay.waiting = false;
  if (!event.detail.successful) return setPlaying(false);
  if (!netstepPlay.playing) return;
  var speed = document.getElementById("play-speed");
  netstepPlay.timer = setTimeout(playTick, speed ? Number(speed.value) || 500 : 500);
});
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("#play-button")) setPlaying(!netstepPlay.playing);
});
document.addEventListener("DOMContentLoaded", syncPlay);
document.addEventListener("htmx:afterSettle", syncPlay);
