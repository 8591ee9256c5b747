// Small behaviours shared by every page. Inline scripts are forbidden by the
// Content-Security-Policy, so pages opt in with data- attributes instead.
"use strict";

document.addEventListener("click", async (event) => {
  const copy = event.target.closest("[data-copy-target]");
  if (copy) {
    const source = document.getElementById(copy.dataset.copyTarget);
    if (!source) return;
    const text = "value" in source ? source.value : source.innerText;
    try {
      await navigator.clipboard.writeText(text);
      announce(copy.dataset.copiedText || "Copied to the clipboard.");
    } catch {
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      announce("Selected: press Ctrl+C (or ⌘C) to copy.");
    }
    return;
  }
  const confirmer = event.target.closest("[data-confirm]");
  if (confirmer && !window.confirm(confirmer.dataset.confirm)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

// Tell screen-reader and sighted users alike what just happened.
function announce(text, kind = "ok") {
  const area = document.getElementById("messages");
  if (!area) return;
  const note = document.createElement("p");
  note.className = `flash flash-${kind}`;
  note.textContent = text;
  area.replaceChildren(note);
}
window.followupAnnounce = announce;

// Auto-submit a select when it changes (with a submit button kept for no-JS users).
document.addEventListener("change", (event) => {
  const select = event.target.closest("[data-autosubmit]");
  if (select && select.form) select.form.requestSubmit();
});

// A message is said once: a page the browser brings back from its history (Back, Forward)
// comes without the message it showed the first time.
window.addEventListener("pageshow", (event) => {
  if (!event.persisted) return;
  document.querySelectorAll("#messages .flash, .undo-bar").forEach((note) => note.remove());
});

// The next thing the user does on the page takes the last message away (a new one comes with its answer).
document.addEventListener("htmx:beforeRequest", () => {
  document.querySelectorAll("#messages .flash").forEach((note) => note.remove());
});
