// The live situation board (and incident page): Server-Sent Events from /incidents/stream say an
// incident changed; the page fetches itself again (same filters, same language) and swaps the
// live region, without a reload. No inline script: a strict Content-Security-Policy holds.
(function () {
  'use strict';
  var region = document.getElementById('board');
  var live = document.getElementById('live');
  if (!region || !region.dataset.stream || !window.EventSource) {
    return;
  }
  var key = region.dataset.key;
  var timer = null;

  function mark(on) {
    if (live) {
      live.classList.toggle('on', on);
      live.textContent = on ? live.dataset.on : live.dataset.off;
    }
  }

  function refresh() {
    if (timer) {
      return;
    }
    timer = window.setTimeout(function () {
      timer = null;
      fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) {
            return;
          }
          var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('board');
          if (fresh) {
            region.replaceChildren.apply(region, Array.prototype.slice.call(fresh.childNodes)
              .map(function (node) { return document.importNode(node, true); }));
            region.dataset.refreshed = String(Date.now());
          }
        })
        .catch(function () { /* the next event or the minute tick tries again */ });
    }, 250);
  }

  var source = new EventSource(region.dataset.stream);
  source.addEventListener('open', function () { mark(true); refresh(); });
  source.addEventListener('error', function () { mark(false); });
  source.addEventListener('incident', function (event) {
    if (!key || event.data === key) {
      refresh();
    }
  });
  // ages and "next update due" move with the clock
  window.setInterval(refresh, 60000);
})();
