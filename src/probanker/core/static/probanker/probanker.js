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
  // Reflow: on a narrow screen a wide table scrolls in place (probanker.css).
  // Such a table becomes reachable with the keyboard (Tab, then the arrows), as
  // the templates' .table-scroll regions are; it is named by its caption.
  function markScrollingTables() {
    var tables = document.querySelectorAll("main table");
    for (var i = 0; i < tables.length; i++) {
      var table = tables[i];
      if (table.closest(".table-scroll")) { continue; }
      var scrolls = table.scrollWidth > table.clientWidth + 1;
      if (scrolls && !table.hasAttribute("tabindex")) {
        table.setAttribute("tabindex", "0");
        table.setAttribute("data-scroll", "");
      } else if (!scrolls && table.hasAttribute("data-scroll")) {
        table.removeAttribute("tabindex");
        table.removeAttribute("data-scroll");
      }
    }
  }
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(markScrollingTables, 150);
  });
  document.addEventListener("DOMContentLoaded", markScrollingTables);
  document.addEventListener("htmx:afterSettle", markScrollingTables);
  // Large uploads (a FEC can be 150 MB): show the progress of the upload, then
  // that the server is checking the file. Without JavaScript the form posts normally.
  function uploadWithProgress(form) {
    var box = document.getElementById(form.getAttribute("data-upload-progress"));
    if (!box || !window.FormData) { return; }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var bar = box.querySelector("progress");
      var message = box.querySelector(".upload-message");
      var target = form.action || window.location.href;
      box.hidden = false;
      var xhr = new XMLHttpRequest();
      xhr.open("POST", target);
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) { return; }
        var percent = Math.round(e.loaded * 100 / e.total);
        bar.value = percent;
        bar.textContent = percent + " %";
        message.textContent = "Envoi : " + percent + " %";
      });
      xhr.upload.addEventListener("load", function () {
        bar.removeAttribute("value");
        message.textContent = "Fichier reçu, contrôle en cours…";
      });
      xhr.addEventListener("load", function () {
        // Show the answer (report, errors or the analysis after a redirect) in place.
        if (xhr.responseURL && window.history.replaceState) {
          window.history.replaceState(null, "", xhr.responseURL);
        }
        document.open();
        document.write(xhr.responseText);
        document.close();
      });
      xhr.addEventListener("error", function () { form.submit(); });
      xhr.send(new FormData(form));
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-upload-progress]");
    for (var i = 0; i < forms.length; i++) { uploadWithProgress(forms[i]); }
  });
})();
