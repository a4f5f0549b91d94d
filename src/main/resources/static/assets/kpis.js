// The KPI page's charts (templates/kpi/kpis.html): Chart.js, served from its WebJar, draws each canvas
// from the JSON in #kpi-charts' data-charts. A file, no inline script (a strict Content-Security-Policy
// holds). Every chart is also a table on the page, so nothing depends on this script.
(function () {
  'use strict';
  var COLOURS = ['#c0392b', '#2471a3', '#d68910', '#229954', '#7d3c98', '#5d6d7e', '#16a085', '#a04000'];

  function draw() {
    var holder = document.getElementById('kpi-charts');
    if (!holder || typeof Chart === 'undefined') {
      return;
    }
    var data = JSON.parse(holder.getAttribute('data-charts'));
    var drawn = 0;
    holder.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var chart = data[canvas.getAttribute('data-chart')];
      if (!chart) {
        return;
      }
      var config;
      if (chart.series) {
        config = {
          type: 'bar',
          data: {
            labels: chart.months,
            datasets: chart.series.map(function (s, i) {
              return { label: s.label, data: s.values, backgroundColor: COLOURS[i % COLOURS.length] };
            })
          },
          options: {
            responsive: true, maintainAspectRatio: false, animation: false,
            scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
          }
        };
      } else {
        config = {
          type: 'bar',
          data: {
            labels: chart.months,
            datasets: [
              { type: 'line', label: chart.label, data: chart.minutes, borderColor: COLOURS[1],
                backgroundColor: COLOURS[1], spanGaps: false, yAxisID: 'y' },
              { type: 'bar', label: chart.nLabel, data: chart.n, backgroundColor: '#d5d8dc', yAxisID: 'n' }
            ]
          },
          options: {
            responsive: true, maintainAspectRatio: false, animation: false,
            scales: {
              y: { beginAtZero: true, position: 'left' },
              n: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false }, ticks: { precision: 0 } }
            }
          }
        };
      }
      new Chart(canvas, config);
      drawn++;
    });
    holder.setAttribute('data-drawn', String(drawn));
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
