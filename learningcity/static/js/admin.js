// Names for what Django's admin draws without one, found by axe-core in the back office.
// Runs once the admin's own scripts have drawn their widgets (on load, after their handlers).
(function () {
  "use strict";

  function nameWidgets() {
    // The help icons beside the filter boxes of a two-list selector: a bare <span> may not
    // carry aria-label; as an image it may, and keeps what it says.
    document.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
    // A search-as-you-type choice (Select2) names its box by the current choice alone, which is
    // empty until something is chosen: name it by the field's label first.
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      var box = select.nextElementSibling && select.nextElementSibling.querySelector('[role="combobox"]');
      if (!label || !box) {
        return;
      }
      label.id = label.id || select.id + "-label";
      // Select2 also marks the span showing the choice as a read-only text box, a field with no
      // name of its own; it is only the text the box above is named by.
      var shown = box.querySelector(".select2-selection__rendered[role]");
      if (shown) {
        shown.removeAttribute("role");
        shown.removeAttribute("aria-readonly");
      }
      var named = (box.getAttribute("aria-labelledby") || "").split(" ");
      if (named.indexOf(label.id) === -1) {
        box.setAttribute("aria-labelledby", [label.id].concat(named).join(" ").trim());
      }
    });
  }

  window.addEventListener("load", function () {
    window.setTimeout(nameWidgets, 0);
  });
  // Rows added to an inline formset draw their widgets then.
  document.addEventListener("formset:added", function () {
    window.setTimeout(nameWidgets, 0);
  });
})();
