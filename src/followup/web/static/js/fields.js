// Fields that matter for one answer of another field only, such as the recruiter's name when
// "Through a recruiter" is chosen, sit in an element with data-show-if="name=value". Without
// JavaScript they all show and the server reads what is sent; with it, the ones that do not
// apply are hidden and disabled, so they are not sent either.
(function () {
  "use strict";

  function update(root) {
    root.querySelectorAll("[data-show-if]").forEach(function (part) {
      var form = part.closest("form");
      var rule = part.getAttribute("data-show-if").split("=");
      var field = form && form.elements.namedItem(rule[0]);
      if (!field) {
        return;
      }
      var shown = field.value === rule[1];
      part.hidden = !shown;
      part.querySelectorAll("input, select, textarea").forEach(function (input) {
        input.disabled = !shown;
      });
    });
  }

  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form) {
      update(form);
    }
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    update(event.target);
  });
  update(document);
})();
