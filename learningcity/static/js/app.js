// Behaviour shared by every page. No inline scripts anywhere: the Content-Security-Policy
// allows scripts from this site only.
(function () {
  "use strict";

  // Filter panels (data-open-when-wide) start closed, so that on a phone the first screen shows
  // the results; beside the results on a wide screen they are open.
  if (window.matchMedia && window.matchMedia("(min-width: 992px)").matches) {
    document.querySelectorAll("details[data-open-when-wide]").forEach(function (panel) {
      panel.open = true;
    });
  }


  // After a failed submit, start where the problem is said: the form's error summary
  // (includes/form_fields.html), whose links lead to each field.
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();

  // Ask before a destructive form is sent (forms carry data-confirm="…").
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // Copy buttons (data-copy-target="<input id>"): copy the field's text and say so.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy-target]");
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    if (!field) return;
    field.select();
    var done = function () {
      button.textContent = button.getAttribute("data-copied-label") || button.textContent;
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, function () {});
    } else if (document.execCommand && document.execCommand("copy")) {
      done();
    }
  });
})();
