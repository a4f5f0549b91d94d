// Camunda's webapps (Tasklist, Cockpit, Admin, Welcome) take Firebreak's sign-in, so their own
// "Log out" would end nothing: it only forgets the webapps' copy, and the next request brings the
// same user back. Loaded by each webapp's scripts/config.js (customScripts), this sends the person
// to Firebreak's sign-out page instead, which ends Firebreak's session (the webapps' with it) and,
// under single sign-on, the identity provider's.
const LOGOUT = /\/api\/admin\/auth\/user\/[^/]+\/logout$/;
const appRoot = (document.querySelector('base') || { getAttribute: () => '/camunda' }).getAttribute('app-root') || '/camunda';
const firebreakRoot = appRoot.replace(/\/camunda\/?$/, '');

const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url) {
  this.firebreakSignOut = String(method).toUpperCase() === 'POST' && LOGOUT.test(String(url).split('?')[0]);
  return open.apply(this, arguments);
};
const send = XMLHttpRequest.prototype.send;
XMLHttpRequest.prototype.send = function () {
  if (this.firebreakSignOut) {
    window.location.href = firebreakRoot + '/logout';
    return undefined;
  }
  return send.apply(this, arguments);
};
