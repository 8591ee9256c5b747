// The Settings page: small helps on top of forms that work without JavaScript.
"use strict";

document.documentElement.classList.add("js");

function setUp(root) {
  // "Use default" next to each timing: fills in the default; saving stays the user's choice.
  root.querySelectorAll("[data-default-for]").forEach((button) => {
    const input = document.getElementById(button.dataset.defaultFor);
    if (!input) return;
    const sync = () => { button.hidden = input.value === input.dataset.default; };
    sync();
    input.addEventListener("input", sync);
    button.addEventListener("click", () => {
      input.value = input.dataset.default;
      sync();
      input.focus();
      window.followupAnnounce?.("Default filled in. Save to keep it.", "info");
    });
  });

  // Searching the long list of time zones.
  root.querySelectorAll("[data-filters]").forEach((filter) => {
    const select = document.getElementById(filter.dataset.filters);
    if (!select) return;
    filter.closest(".zone-search").hidden = false;
    filter.addEventListener("input", () => {
      const words = filter.value.toLowerCase().replace(/_/g, " ").split(/\s+/).filter(Boolean);
      let first = null;
      select.querySelectorAll("option").forEach((option) => {
        const text = option.textContent.toLowerCase().replace(/_/g, " ");
        const match = words.every((word) => text.includes(word));
        option.hidden = !match;
        if (match && !first) first = option;
      });
      select.querySelectorAll("optgroup").forEach((group) => {
        group.hidden = !group.querySelector("option:not([hidden])");
      });
      if (first && words.length) select.value = first.value;
    });
  });

  // The browser knows its own zone: offer it when it differs from the saved one.
  root.querySelectorAll("[data-zone-target]").forEach((button) => {
    const select = document.getElementById(button.dataset.zoneTarget);
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!select || !zone || select.value === zone || !select.querySelector(`option[value="${CSS.escape(zone)}"]`)) return;
    button.textContent = `Use this browser's zone (${zone})`;
    button.hidden = false;
    button.addEventListener("click", () => {
      select.value = zone;
      button.hidden = true;
      window.followupAnnounce?.(`Time zone set to ${zone}. Save to keep it.`, "info");
    });
  });
}

// The nav marks the part on show: the one the address names, else the one the page opened on.
function markCurrent() {
  const links = [...document.querySelectorAll(".settings-toc a[href^='#']")];
  if (!links.length) return;
  const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
  const part = target && target.closest(".settings-section");
  const parts = document.querySelector(".settings-sections");
  // Something outside the parts (the skip link's #main) leaves the part on show as it is.
  const kept = target && !part ? parts.dataset.show : null;
  const first = parts.querySelector(".settings-section")?.id;
  const shown = part ? part.id : kept || first;
  parts.dataset.show = shown;
  links.forEach((link) => {
    if (link.getAttribute("href") === `#${shown}`) link.setAttribute("aria-current", "location");
    else link.removeAttribute("aria-current");
  });
}

document.addEventListener("DOMContentLoaded", () => {
  setUp(document);
  markCurrent();
});
window.addEventListener("hashchange", markCurrent);

// After htmx swaps a section in: wire it up again, and take the user to the first problem.
document.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail.target;
  const root = target && target.isConnected ? target : document.getElementById(target?.id) || document;
  setUp(root);
  const invalid = root.querySelector('[aria-invalid="true"]');
  if (invalid && event.detail.xhr && event.detail.xhr.status === 422) invalid.focus();
});
