// Draws the portal's monthly sales chart from the JSON block beside it.
(function () {
  "use strict";
  var canvas = document.getElementById("sales-chart");
  var data = document.getElementById("sales-data");
  if (!canvas || !data || typeof Chart === "undefined") {
    return;
  }
  var series = JSON.parse(data.textContent);
  var rtl = document.documentElement.dir === "rtl";
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: series.labels,
      datasets: [
        { label: canvas.dataset.grossLabel, data: series.gross, backgroundColor: "#b86a00" },
        { label: canvas.dataset.netLabel, data: series.net, backgroundColor: "#3f5a2a" },
      ],
    },
    options: {
      locale: document.documentElement.lang,
      scales: { x: { reverse: rtl } },
      plugins: { legend: { rtl: rtl } },
    },
  });
})();
