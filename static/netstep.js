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
