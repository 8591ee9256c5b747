// The Applications board: drag a card to another column to move it, and keep the
// keyboard focus in a sensible place after any in-place update. Without this file
// every card still moves with its "Move to" list and button (a plain form).
"use strict";

(() => {
  let dragged = null; // the card being dragged
  let lastMoved = null; // the application id of the last card moved, to put the focus back on it

  function csrfHeaders() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}");
    } catch {
      return {};
    }
  }

  function columnOf(element) {
    return element && element.closest ? element.closest(".board-column[data-stage]") : null;
  }

  function clearTargets() {
    document.querySelectorAll(".board-column.drop-target").forEach((c) => c.classList.remove("drop-target"));
  }

  document.addEventListener("dragstart", (event) => {
    const card = event.target.closest && event.target.closest(".board-card[data-move-url]");
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.app);
  });

  document.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    clearTargets();
  });

  document.addEventListener("dragover", (event) => {
    const column = columnOf(event.target);
    if (!dragged || !column) return;
    event.preventDefault(); // allows the drop
    event.dataTransfer.dropEffect = "move";
    if (!column.classList.contains("drop-target")) {
      clearTargets();
      column.classList.add("drop-target");
    }
  });

  document.addEventListener("dragleave", (event) => {
    const column = columnOf(event.target);
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("drop-target");
  });

  document.addEventListener("drop", (event) => {
    const column = columnOf(event.target);
    if (!dragged || !column) return;
    event.preventDefault();
    const card = dragged;
    const stage = column.dataset.stage;
    clearTargets();
    if (stage === card.dataset.stage) return;
    move(card, stage);
  });

  function move(card, stage) {
    lastMoved = card.dataset.app;
    if (window.htmx) {
      window.htmx.ajax("POST", card.dataset.moveUrl, {
        source: card,
        target: "#board",
        swap: "outerHTML",
        values: { to: stage },
        headers: csrfHeaders(),
      });
      return;
    }
    // No htmx: the card's own form does the same, as a normal page load.
    const form = card.querySelector("form.move-form");
    if (!form) return;
    form.querySelector("select[name=to]").value = stage;
    form.submit();
  }

  // "Move" waits for a column to be chosen (without this file the browser refuses the empty choice).
  function syncMoveButtons(root) {
    root.querySelectorAll("form.move-form").forEach((form) => {
      const select = form.querySelector("select[name=to]");
      const button = form.querySelector("button[type=submit]");
      if (select && button) button.disabled = !select.value;
    });
  }
  document.addEventListener("change", (event) => {
    const form = event.target.closest && event.target.closest("form.move-form");
    if (form) syncMoveButtons(form.parentNode);
  });
  document.addEventListener("DOMContentLoaded", () => syncMoveButtons(document));
  document.addEventListener("htmx:afterSettle", () => syncMoveButtons(document));

  // Where the keyboard focus goes after part of the page is replaced.
  document.addEventListener("htmx:beforeRequest", (event) => {
    const card = event.target.closest && event.target.closest(".board-card");
    if (card) lastMoved = card.dataset.app;
  });

  document.addEventListener("htmx:afterSettle", (event) => {
    const area = event.target;
    if (!area || !area.querySelector) return;
    const first = area.matches("[data-autofocus]") ? area : area.querySelector("[data-autofocus]");
    if (first) {
      first.focus();
      return;
    }
    if (area.id === "board" && lastMoved) {
      const link = document.querySelector(`#card-${CSS.escape(lastMoved)} h3 a`);
      if (link) link.focus();
      lastMoved = null;
      return;
    }
    if (area.classList && area.classList.contains("editable")) {
      // A form opened in place: its first field; a piece saved or cancelled: its Edit link.
      const next =
        area.querySelector("form input:not([type=hidden]), form select, form textarea, form button") ||
        area.querySelector("a[hx-get$='/edit']") ||
        area.querySelector("a, button");
      if (next) next.focus();
    }
  });
})();
