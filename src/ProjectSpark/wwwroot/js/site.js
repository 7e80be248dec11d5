// Progress while drafting runs: poll the request's status, reload when its drafts have arrived.
(function () {
  document.querySelectorAll('[data-poll]').forEach(function (el) {
    var url = el.getAttribute('data-poll');
    var tick = function () {
      fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (s) {
          if (!s) return;
          var label = el.querySelector('[data-status]');
          if (label) label.textContent = s.status;
          if (s.status === 'drafted' || s.status === 'failed') window.location.replace(el.getAttribute('data-done'));
          else setTimeout(tick, 1500);
        })
        .catch(function () { setTimeout(tick, 3000); });
    };
    setTimeout(tick, 1000);
  });
})();
