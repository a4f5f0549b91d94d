/* The status page's push subscription (/status/push): registers the service worker (scope /status),
   subscribes this browser with the page's VAPID key and sends the subscription with the chosen components. */
(function () {
  'use strict';
  var form = document.getElementById('push-form');
  if (!form) {
    return;
  }
  var words = document.getElementById('push-words').dataset;
  var message = document.getElementById('push-message');
  var stop = document.getElementById('push-unsubscribe');

  function say(text) {
    message.textContent = text;
  }

  function key(base64url) {
    var padded = (base64url + '===='.slice(base64url.length % 4)).replace(/-/g, '+').replace(/_/g, '/');
    var raw = window.atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes;
  }

  function post(path, body) {
    return fetch(path, {
      method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response;
    });
  }

  if (!('serviceWorker' in navigator) || !('PushManager' in window)) {
    say(words.unsupported);
    form.querySelector('#push-subscribe').disabled = true;
    return;
  }

  var registration = navigator.serviceWorker.register('/status/push-worker.js', { scope: '/status' });
  form.dataset.worker = 'registering';
  registration.then(function (reg) {
    form.dataset.worker = 'registered';
    return reg.pushManager.getSubscription();
  }).then(function (existing) {
    stop.hidden = !existing;
  }).catch(function () {
    form.dataset.worker = 'failed';
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var components = Array.prototype.map.call(form.querySelectorAll('input[name=component]:checked'),
      function (box) { return box.value; });
    if (components.length === 0) {
      say(words.choose);
      return;
    }
    Notification.requestPermission().then(function (permission) {
      if (permission !== 'granted') {
        throw new Error('denied');
      }
      return registration;
    }).then(function (reg) {
      return reg.pushManager.getSubscription().then(function (existing) {
        return existing || reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(form.dataset.key) });
      });
    }).then(function (subscription) {
      var json = subscription.toJSON();
      return post('/status/push/subscriptions', { endpoint: json.endpoint, keys: json.keys, components: components });
    }).then(function () {
      stop.hidden = false;
      say(words.subscribed);
    }).catch(function (error) {
      say(error && error.message === 'denied' ? words.denied : words.failed);
    });
  });

  stop.addEventListener('click', function () {
    registration.then(function (reg) {
      return reg.pushManager.getSubscription();
    }).then(function (subscription) {
      if (!subscription) {
        return null;
      }
      var endpoint = subscription.endpoint;
      return subscription.unsubscribe().then(function () {
        return post('/status/push/unsubscribe', { endpoint: endpoint });
      });
    }).then(function () {
      stop.hidden = true;
      say(words.unsubscribed);
    }).catch(function () {
      say(words.failed);
    });
  });
}());
