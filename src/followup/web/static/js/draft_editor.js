// The draft editor's checks as you type. The form works without this script (Save posts it and
// the page shows the checks of the saved text); with it, the text is sent to the API's check of an
// unsaved text a moment after the user stops typing, and what it finds is listed under the field:
// each finding can select its words in the field, and offers the check's own one-step fix, if any.
// The fixes come from the server's checks, never from here: this file only applies them.
(function () {
  "use strict";

  var WAIT_MS = 300; // typing pauses shorter than this do not start a check
  var LABELS = { error: "Must fix", warning: "Check", info: "Note" };

  var form = document.querySelector("form[data-live-check]");
  if (!form) return;
  var panel = form.querySelector(".live-checks");
  var summary = form.querySelector(".live-summary");
  var list = form.querySelector(".live-list");
  var fields = { subject: form.querySelector("#edit-subject"), body: form.querySelector("#edit-body") };
  var token = form.elements.namedItem("csrf_token").value;
  var kind = form.elements.namedItem("kind").value;
  var timer = null;
  var running = null; // the AbortController of the check under way
  var checked = null; // the text the shown findings belong to

  function text() {
    return { subject: fields.subject ? fields.subject.value : "", body: fields.body.value };
  }

  function same(a, b) {
    return a !== null && b !== null && a.subject === b.subject && a.body === b.body;
  }

  // The server counts characters (code points); the field counts UTF-16 units (an emoji is two).
  function index(value, points) {
    var at = 0;
    for (var n = 0; n < points && at < value.length; n++) {
      at += value.codePointAt(at) > 0xffff ? 2 : 1;
    }
    return at;
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token, Accept: "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  }

  async function answer(response) {
    var data = await response.json().catch(function () { return null; });
    if (!response.ok) {
      var error = data && data.error;
      throw new Error(error ? error.message + (error.hint ? " " + error.hint : "") : "the app answered " + response.status);
    }
    return data;
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, WAIT_MS);
  }

  async function check() {
    window.clearTimeout(timer);
    if (running) running.abort();
    var controller = new AbortController();
    running = controller;
    var sent = text();
    var request = { subject: sent.subject, body: sent.body };
    if (kind) request.kind = kind;
    form.setAttribute("aria-busy", "true");
    try {
      var response = await fetch(form.dataset.liveCheck, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": token, Accept: "application/json" },
        body: JSON.stringify(request),
        credentials: "same-origin",
        signal: controller.signal,
      });
      var data = await answer(response);
      if (running !== controller) return;
      checked = sent;
      show(data.findings, sent);
    } catch (error) {
      if (error.name === "AbortError") return;
      checked = null;
      list.replaceChildren();
      summary.textContent = "The checks could not run (" + error.message + "); they run again when you save.";
    } finally {
      if (running === controller) {
        running = null;
        form.removeAttribute("aria-busy");
      }
    }
  }

  function show(findings, sent) {
    panel.hidden = false;
    if (same(sent, text())) mark(findings);
    else unmark();
    var errors = findings.filter(function (f) { return f.severity === "error"; }).length;
    var others = findings.length - errors;
    if (!findings.length) {
      summary.textContent = "No problems found in your text.";
    } else {
      var parts = [];
      if (errors) parts.push(errors + (errors === 1 ? " problem" : " problems") + " to fix before sending");
      if (others) parts.push(others + (others === 1 ? " thing" : " things") + " to check");
      summary.textContent = parts.join(" and ") + ".";
    }
    list.replaceChildren.apply(list, findings.map(function (finding) { return item(finding, sent); }));
  }

  function item(finding, sent) {
    var li = document.createElement("li");
    li.className = "problem sev-" + finding.severity;
    var label = document.createElement("span");
    label.className = "problem-label";
    label.textContent = LABELS[finding.severity] || finding.severity;
    var message = document.createElement("span");
    message.className = "problem-message";
    message.textContent = finding.message;
    li.append(label, message);
    var buttons = document.createElement("span");
    buttons.className = "problem-buttons";
    var words = sent[finding.field].slice(
      index(sent[finding.field], finding.start), index(sent[finding.field], finding.end)
    );
    var select = button("Show in the " + (finding.field === "subject" ? "subject" : "text"), "ghost small");
    if (words) {
      // Which words, for a screen reader going through the list (the visible label stays short).
      var which = document.createElement("span");
      which.className = "visually-hidden";
      which.textContent = " (“" + words + "”)";
      select.append(which);
    }
    select.addEventListener("click", function () { reveal(finding.field, finding.start, finding.end); });
    buttons.append(select);
    if (finding.fix) {
      var fix = button(finding.fix.label, "small");
      fix.dataset.fix = finding.fix.kind;
      fix.addEventListener("click", function () { apply(finding.fix, fix); });
      buttons.append(fix);
    }
    li.append(buttons);
    return li;
  }

  function button(label, className) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = className;
    b.textContent = label;
    return b;
  }

  function reveal(name, start, end) {
    var field = fields[name];
    if (!field || !same(checked, text())) {
      check();
      return;
    }
    field.focus();
    field.setSelectionRange(index(field.value, start), index(field.value, end));
  }

  async function apply(fix, control) {
    if (!same(checked, text())) {
      // The text changed since it was checked: the fix's place may have moved; check again first.
      await check();
      return;
    }
    if (fix.kind === "replace") {
      var field = fields[fix.field];
      var start = index(field.value, fix.start);
      field.focus();
      field.setRangeText(fix.replacement, start, index(field.value, fix.end), "end");
      unmark();
      window.followupAnnounce && window.followupAnnounce("Changed to “" + fix.replacement + "”.");
      await check();
    } else if (fix.kind === "learn") {
      control.disabled = true;
      try {
        await answer(await post(form.dataset.learn, { word: fix.word }));
        window.followupAnnounce && window.followupAnnounce("“" + fix.word + "” is in your dictionary now.");
        await check();
        fields.body.focus();
      } catch (error) {
        control.disabled = false;
        window.followupAnnounce && window.followupAnnounce("Not added: " + error.message, "error");
      }
    }
  }

  // The findings marked in the text: a copy of the text laid out as the field lays it out, with the
  // findings' words highlighted, drawn under the field (whose own background is then transparent).
  // It is only for the eye (aria-hidden): the list above says the same in words. Marks are taken away
  // as soon as the text changes, so that none is ever drawn on the wrong words.
  var mirror = null;

  function setUpMirror() {
    // The field is never moved (the page wraps it already): moving it would take its focus away.
    var field = fields.body;
    var area = field.parentNode;
    mirror = document.createElement("div");
    mirror.className = "edit-mirror";
    mirror.setAttribute("aria-hidden", "true");
    area.insertBefore(mirror, field);
    layout();
    unmark();
    field.addEventListener("scroll", function () { mirror.scrollTop = field.scrollTop; });
    if (window.ResizeObserver) new ResizeObserver(layout).observe(field);
  }

  function layout() {
    var field = fields.body;
    var style = window.getComputedStyle(field);
    [
      "fontFamily", "fontSize", "fontWeight", "fontStyle", "lineHeight", "letterSpacing", "wordSpacing", "tabSize",
      "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
      "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth", "borderRadius",
    ].forEach(function (name) { mirror.style[name] = style[name]; });
    // clientWidth leaves out the field's scroll bar, so the copy wraps its lines where the field does.
    var borders = parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth);
    mirror.style.width = field.clientWidth + borders + "px";
    mirror.style.height = field.offsetHeight + "px";
    mirror.scrollTop = field.scrollTop;
  }

  function mark(findings) {
    if (!mirror) return;
    var value = fields.body.value;
    var spans = findings
      .filter(function (f) { return f.field === "body" && f.end > f.start; })
      .map(function (f) { return { start: index(value, f.start), end: index(value, f.end), severity: f.severity }; })
      .sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var parts = [];
    var at = 0;
    spans.forEach(function (span) {
      if (span.start < at) return; // overlapping findings: the first one is marked
      parts.push(document.createTextNode(value.slice(at, span.start)));
      var words = document.createElement("mark");
      words.className = "finding sev-" + span.severity;
      words.textContent = value.slice(span.start, span.end);
      parts.push(words);
      at = span.end;
    });
    // A last empty line still takes its height, as in the field.
    parts.push(document.createTextNode(value.slice(at) + "\n"));
    mirror.replaceChildren.apply(mirror, parts);
    layout(); // the field may have gained or lost its scroll bar with the new text
  }

  function unmark() {
    if (!mirror) return;
    mirror.replaceChildren(document.createTextNode(fields.body.value + "\n"));
    layout();
  }

  Object.values(fields).forEach(function (field) {
    if (field) {
      field.addEventListener("input", function () {
        unmark();
        later();
      });
    }
  });
  setUpMirror();
  check();
})();
