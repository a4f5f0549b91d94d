/* Firebreak status page service worker (scope /status): shows a pushed public notice. */
'use strict';

self.addEventListener('install', function () {
  self.skipWaiting();
});

self.addEventListener('activate', function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('push', function (event) {
  var notice = {};
  try {
    notice = event.data ? event.data.json() : {};
  } catch (e) {
    notice = { title: event.data ? event.data.text() : '' };
  }
  event.waitUntil(self.registration.showNotification(notice.title || 'Status', {
    body: notice.body || '',
    tag: notice.tag,
    renotify: Boolean(notice.tag),
    data: { url: notice.url || self.registration.scope }
  }));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  event.waitUntil(self.clients.openWindow(event.notification.data.url));
});
