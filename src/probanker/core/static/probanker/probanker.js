// probanker: progressive enhancements only. Every page works without this file.
(function () {
  "use strict";
  // Move focus to the error summary so that screen-reader users hear it first.
  function focusErrors() {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  }
  document.addEventListener("DOMContentLoaded", focusErrors);
  // After htmx replaces a result table, keep the keyboard user where they were:
  // focus the table caption area so the new content is read from its start.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail && event.detail.target;
    if (!target || !target.id || target.id.indexOf("-results") === -1) { return; }
    var active = document.activeElement;
    if (active && target.contains(active)) { return; }
    if (active && active !== document.body && !target.contains(active)) { return; }
    target.setAttribute("tabindex", "-1");
    target.focus();
  });
})();
