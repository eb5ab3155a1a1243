/* ggzregio: draws the Plotly figures embedded as JSON, makes tables sortable (keyboard
   accessible buttons in the headers) and downloads figures as PNG/SVG. No external code. */
(function () {
  "use strict";
  const nl = document.documentElement.lang === "nl";

  function drawFigures() {
    document.querySelectorAll("script.plot-data").forEach(function (node) {
      const target = document.getElementById(node.dataset.target);
      if (!target || !window.Plotly) { return; }
      const fig = JSON.parse(node.textContent);
      const config = { displaylogo: false, responsive: true, locale: nl ? "nl" : "en",
        toImageButtonOptions: { filename: target.dataset.name || "figuur" } };
      window.Plotly.newPlot(target, fig.data, fig.layout, config).then(function () {
        target.dataset.ready = "1";
      });
      target.on && target.on("plotly_click", function (event) {
        const point = event.points && event.points[0];
        if (point && point.customdata) { window.location.href = point.customdata; }
      });
    });
  }

  function sortTable(table, column, th) {
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const numeric = th.classList.contains("num");
    rows.sort(function (a, b) {
      const x = a.cells[column].dataset.sort, y = b.cells[column].dataset.sort;
      let order;
      if (numeric) {
        const fx = x === "" ? Infinity : parseFloat(x), fy = y === "" ? Infinity : parseFloat(y);
        order = fx - fy;
      } else { order = x.localeCompare(y, nl ? "nl" : "en", { numeric: true }); }
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function setupTables() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      table.querySelectorAll("thead th").forEach(function (th, index) {
        const button = th.querySelector("button.sort");
        if (button) { button.addEventListener("click", function () { sortTable(table, index, th); }); }
      });
    });
  }

  function setupDownloads() {
    document.querySelectorAll("button[data-download]").forEach(function (button) {
      button.addEventListener("click", function () {
        const target = document.getElementById(button.dataset.download);
        if (target && window.Plotly) {
          window.Plotly.downloadImage(target, { format: button.dataset.format,
            filename: target.dataset.name || "figuur", width: 1100, height: 650 });
        }
      });
    });
  }

  window.addEventListener("DOMContentLoaded", function () {
    setupTables();
    setupDownloads();
    drawFigures();
  });
})();
