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
