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

  // Ask before a destructive form is sent (forms carry data-confirm="…"), in the page's own
  // dialog (base.html) and language rather than the browser's confirm(). "No" is focused first;
  // Escape or "No" returns to the button that asked.
  var dialog = document.getElementById("confirm-dialog");
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (!message || form.getAttribute("data-confirmed") === "yes" || !dialog || !dialog.showModal) return;
    event.preventDefault();
    var submitter = event.submitter;
    dialog.querySelector("[data-confirm-message]").textContent = message;
    dialog.returnValue = "";
    dialog.onclose = function () {
      if (dialog.returnValue === "confirm") {
        form.setAttribute("data-confirmed", "yes");
        form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
      } else if (submitter) {
        submitter.focus();
      }
    };
    dialog.showModal();
    dialog.querySelector("[data-confirm-answer=cancel]").focus();
  });
  if (dialog) {
    dialog.addEventListener("click", function (event) {
      var answer = event.target.closest && event.target.closest("[data-confirm-answer]");
      if (answer) dialog.close(answer.getAttribute("data-confirm-answer"));
    });
  }

  // Reports take seconds to draw: a form with data-preparing says so and holds its buttons
  // until the file arrives (reports/views.py sets a cookie named by this request's token).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.hasAttribute || !form.hasAttribute("data-preparing")) return;
    var token = Math.random().toString(36).slice(2, 12) + Date.now().toString(36);
    form.querySelector("input[name=ready]").value = token;
    var status = form.querySelector("[data-preparing-status]");
    var buttons = form.querySelectorAll("button[type=submit]");
    status.textContent = form.getAttribute("data-preparing");
    form.setAttribute("aria-busy", "true");
    // Disabled only after this submit has taken the button's name and value.
    setTimeout(function () { buttons.forEach(function (button) { button.disabled = true; }); }, 0);
    var started = Date.now();
    var timer = setInterval(function () {
      var arrived = document.cookie.split("; ").indexOf("report_ready=" + token) !== -1;
      if (!arrived && Date.now() - started < 120000) return;
      clearInterval(timer);
      buttons.forEach(function (button) { button.disabled = false; });
      form.removeAttribute("aria-busy");
      status.textContent = "";
    }, 300);
  });

  // File pickers (forms/widgets/file.html) say which file was chosen, in the page's language.
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches(".file-picker input[type=file]")) return;
    var name = input.parentNode.querySelector(".file-picker-name");
    if (!name) return;
    var names = Array.prototype.map.call(input.files || [], function (file) { return file.name; });
    name.textContent = names.length ? names.join(", ") : name.getAttribute("data-empty");
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
