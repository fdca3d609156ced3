// Draws the portal's monthly sales chart from the JSON block beside it.
// Chart.js (200 kB) is fetched only when the chart comes near the screen:
// on a phone the dashboard opens on what we owe, and the table under the
// chart gives the same figures to whoever never scrolls down to it.
(function () {
  "use strict";
  var canvas = document.getElementById("sales-chart");
  var data = document.getElementById("sales-data");
  if (!canvas || !data) {
    return;
  }

  function draw() {
    if (typeof Chart === "undefined") {
      return;
    }
    var series = JSON.parse(data.textContent);
    var rtl = document.documentElement.dir === "rtl";
    var marks = series.symbols;
    // Amounts with the marks the tables use (1.350,00 in Arabic, 1 350,00 in
    // French): Intl's idea of a locale differs from the server's in places.
    function amount(value, decimals) {
      var fixed = Math.abs(value).toFixed(decimals).split(".");
      var whole = fixed[0].replace(/\B(?=(\d{3})+(?!\d))/g, marks.group);
      var text = fixed.length > 1 ? whole + marks.decimal + fixed[1] : whole;
      return value < 0 ? marks.minus + text : text;
    }
    var options = {
      locale: document.documentElement.lang,
      // The box around the canvas holds the size (CSS aspect-ratio), so
      // drawing the chart moves nothing on the page.
      maintainAspectRatio: false,
      scales: {
        x: { reverse: rtl },
        y: {
          position: rtl ? "right" : "left",
          ticks: {
            callback: function (value) {
              return amount(value, value % 1 ? 2 : 0);
            },
          },
        },
      },
      plugins: {
        legend: { rtl: rtl },
        tooltip: {
          rtl: rtl,
          callbacks: {
            label: function (context) {
              return context.dataset.label + ": " + amount(context.parsed.y, 2);
            },
          },
        },
      },
    };
    if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
      options.animation = false;
    }
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: series.labels,
        datasets: [
          { label: canvas.dataset.grossLabel, data: series.gross, backgroundColor: "#b86a00" },
          { label: canvas.dataset.netLabel, data: series.net, backgroundColor: "#3f5a2a" },
        ],
      },
      options: options,
    });
  }

  function load() {
    var script = document.createElement("script");
    script.src = canvas.dataset.chartSrc;
    script.onload = draw;
    document.head.appendChild(script);
  }

  if (!("IntersectionObserver" in window)) {
    load();
    return;
  }
  var observer = new IntersectionObserver(
    function (entries) {
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].isIntersecting) {
          observer.disconnect();
          load();
          return;
        }
      }
    },
    { rootMargin: "200px 0px" }
  );
  observer.observe(canvas);
})();
