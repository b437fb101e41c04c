// Behaviour shared by every page. No inline scripts anywhere: the Content-Security-Policy
// allows scripts from this site only.
(function () {
  "use strict";


  // Ask before a destructive form is sent (forms carry data-confirm="…").
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute && event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });
})();
