// Place timeline bars from their data attributes. Logical properties (inset-inline-start,
// inline-size) make the time axis run right-to-left on Arabic pages with no extra code.
// Set through the CSSOM because the Content-Security-Policy forbids inline style attributes.
(function () {
  "use strict";
  document.querySelectorAll("[data-offset]").forEach(function (element) {
    element.style.insetInlineStart = element.getAttribute("data-offset") + "%";
    var width = element.getAttribute("data-width");
    if (width) element.style.inlineSize = width + "%";
  });
})();
