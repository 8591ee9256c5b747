// "Send to" on the draft page: the preview's To line and the "Open in your mail app" link follow the
// choice as it is made. Without this script the form still sends the choice, and the page shows it
// once loaded with it (after putting the draft in Drafts, or when a pick is refused).
(function () {
  "use strict";

  var select = document.getElementById("mail-to");
  var line = document.getElementById("draft-to");
  if (!select || !line) return;
  var link = document.getElementById("draft-mailto");

  select.addEventListener("change", function () {
    var option = select.options[select.selectedIndex];
    if (!option) return;
    line.textContent = option.textContent;
    var address = option.getAttribute("data-address") || "";
    if (link && address) {
      var href = link.getAttribute("href");
      var query = href.indexOf("?");
      var to = address
        .split(",")
        .map(function (a) {
          return encodeURIComponent(a.trim()).replace(/%40/g, "@");
        })
        .join(",");
      link.setAttribute("href", "mailto:" + to + (query >= 0 ? href.slice(query) : ""));
    }
  });
})();
