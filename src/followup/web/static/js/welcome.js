// The first-run screen: the browser knows its own time zone, so it is chosen for the user.
// Without JavaScript the server's guess (this computer's zone) stays selected.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const select = document.querySelector("select[data-browser-zone]");
  // After a problem with the form, the zone the user sent back stays as it is.
  if (!select || select.hasAttribute("data-chosen")) return;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || !Array.from(select.options).some((option) => option.value === zone)) return;
  select.value = zone;
  const source = document.getElementById("first-run-zone-source");
  if (source) source.textContent = `This browser's zone is chosen (${zone}).`;
});
