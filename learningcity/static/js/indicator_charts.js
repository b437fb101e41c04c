// Charts of an indicator page, drawn with the vendored Chart.js from the JSON the page
// carries in <script type="application/json" id="indicator-chart-data"> (allowed by the CSP,
// unlike inline scripts). Time runs left to right in Arabic too, as Arabic statistics and
// finance publications print it (mirrored, a rise reads as a fall); legends and tooltips
// read right to left. Every chart has the same data as a table on the page.
(function () {
  "use strict";
  var source = document.getElementById("indicator-chart-data");
  if (!source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var font = { family: getComputedStyle(document.body).fontFamily };
  Chart.defaults.font.family = font.family;
  var green = "#0b5d4b", gold = "#b07d12", grey = "#4a5157";

  var trend = document.getElementById("trend-chart");
  if (trend && data.labels.length) {
    var datasets = [
      { label: data.names.value, data: data.values, borderColor: green, backgroundColor: green, spanGaps: true, tension: 0.2 },
      { label: data.names.target, data: data.targets, borderColor: gold, backgroundColor: gold, borderDash: [6, 4], spanGaps: true, pointRadius: 2 },
    ];
    if (data.baseline !== null) {
      datasets.push({
        label: data.names.baseline,
        data: data.labels.map(function () { return data.baseline; }),
        borderColor: grey, backgroundColor: grey, borderDash: [2, 3], pointRadius: 0,
      });
    }
    new Chart(trend, {
      type: "line",
      data: { labels: data.labels, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { rtl: data.rtl, textDirection: data.rtl ? "rtl" : "ltr" }, tooltip: { rtl: data.rtl } },
      },
    });
  }

  document.querySelectorAll("canvas[data-breakdown]").forEach(function (canvas) {
    var part = data.breakdown[canvas.getAttribute("data-breakdown")];
    if (!part) return;
    new Chart(canvas, {
      type: "bar",
      data: { labels: part.labels, datasets: [{ label: canvas.getAttribute("aria-label"), data: part.values, backgroundColor: green }] },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: "y",
        scales: { x: { reverse: data.rtl }, y: { position: data.rtl ? "right" : "left" } },
        plugins: { legend: { display: false }, tooltip: { rtl: data.rtl } },
      },
    });
  });
})();
