/*
 * Firebreak status banner: include it with one tag on your site,
 *
 *   <script src="https://status.example.com/status/banner.js" data-components="payments,checkout" async></script>
 *
 * It reads /status/banner.json beside it (components: data-components, else ?components= on the
 * script's URL, else all; language: data-language, else the page's <html lang>, else the browser's)
 * and, when one of those components has an active public notice, shows a dismissible banner at the
 * top of the page. Every page view asks again (a conditional request: 304 while nothing changed),
 * so a new notice shows at once. No cookies (the request carries no credentials); a dismissal lasts for the
 * browser tab (sessionStorage) and until the notice changes. Style it with CSS variables on your
 * page, e.g. :root { --firebreak-banner-background: #111; }. The script tag's data-state tells
 * what it did: loading, shown, none (nothing to show), dismissed, failed (status service unreachable).
 * The variables:
 *   --firebreak-banner-background, --firebreak-banner-color, --firebreak-banner-accent,
 *   --firebreak-banner-font, --firebreak-banner-font-size, --firebreak-banner-padding,
 *   --firebreak-banner-z-index, --firebreak-banner-link-color
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !window.fetch) {
    return;
  }
  var source = new URL(script.src, window.location.href);
  var components = script.getAttribute('data-components') || source.searchParams.get('components') || '';
  var language = (script.getAttribute('data-language') || document.documentElement.lang
      || navigator.language || 'en').slice(0, 2).toLowerCase();
  var url = new URL('banner.json', source);
  url.searchParams.set('components', components);
  url.searchParams.set('language', language === 'ko' ? 'ko' : 'en');
  var DISMISSED = 'firebreak-banner-dismissed';

  function state(value) {
    script.setAttribute('data-state', value);
  }

  function dismissedAs() {
    try {
      return window.sessionStorage.getItem(DISMISSED);
    } catch (e) {
      return null;
    }
  }

  function remember(signature) {
    try {
      window.sessionStorage.setItem(DISMISSED, signature);
    } catch (e) {
      // storage refused: the banner is dismissed for this page view only
    }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  var STYLE = ':host{all:initial;display:block;position:relative;z-index:var(--firebreak-banner-z-index,2147483000)}'
      + '.banner{display:flex;gap:1em;align-items:flex-start;box-sizing:border-box;width:100%;'
      + 'padding:var(--firebreak-banner-padding,.75em 1em);background:var(--firebreak-banner-background,#b3261e);'
      + 'color:var(--firebreak-banner-color,#fff);font-family:var(--firebreak-banner-font,system-ui,sans-serif);'
      + 'font-size:var(--firebreak-banner-font-size,15px);line-height:1.4;'
      + 'border-bottom:3px solid var(--firebreak-banner-accent,rgba(0,0,0,.25))}'
      + '.banner.maintenance,.banner.under_maintenance{background:var(--firebreak-banner-maintenance-background,#1d4ed8)}'
      + '.banner.degraded_performance{background:var(--firebreak-banner-degraded-background,#9a6700)}'
      + '.notices{flex:1;margin:0;padding:0;list-style:none}'
      + '.notice+.notice{margin-top:.4em}.title{font-weight:600}.label{font-weight:600;margin-right:.5em}'
      + 'a{color:var(--firebreak-banner-link-color,inherit);text-decoration:underline}'
      + 'button{all:unset;cursor:pointer;font-size:1.3em;line-height:1;padding:0 .3em;border-radius:4px}'
      + 'button:focus-visible{outline:2px solid currentColor}';

  function render(banner) {
    if (!banner || !banner.notices || banner.notices.length === 0) {
      state(banner ? 'none' : 'failed');
      return;
    }
    var signature = banner.notices.map(function (n) { return n.id + '@' + n.updated_at; }).join('|');
    if (dismissedAs() === signature) {
      state('dismissed');
      return;
    }
    var host = element('div');
    host.id = 'firebreak-status-banner';
    host.setAttribute('role', 'region');
    host.setAttribute('aria-label', banner.words.label);
    host.lang = banner.language;
    var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    var style = element('style');
    style.textContent = STYLE;
    root.appendChild(style);
    var box = element('div', 'banner ' + banner.status);
    var list = element('ul', 'notices');
    banner.notices.forEach(function (notice) {
      var item = element('li', 'notice');
      item.setAttribute('data-notice', notice.id);
      item.appendChild(element('span', 'label', notice.components.map(function (c) {
        return c.name + ' · ' + c.status_label;
      }).join(', ')));
      item.appendChild(element('span', 'title', notice.title));
      if (notice.message) {
        item.appendChild(document.createTextNode(' — ' + notice.message + ' '));
      }
      var link = element('a', null, banner.words.details);
      link.href = notice.url;
      link.target = '_blank';
      link.rel = 'noopener';
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    var close = element('button', 'dismiss', '\u00d7');
    close.type = 'button';
    close.setAttribute('aria-label', banner.words.dismiss);
    close.title = banner.words.dismiss;
    close.addEventListener('click', function () {
      remember(signature);
      host.remove();
      state('dismissed');
    });
    box.appendChild(close);
    root.appendChild(box);
    document.body.insertBefore(host, document.body.firstChild);
    state('shown');
  }

  function load() {
    state('loading');
    fetch(url.toString(), { credentials: 'omit', mode: 'cors', cache: 'no-cache' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(render)
      .catch(function () {
        // the status service is unreachable: no banner, the site works on
        state('failed');
      });
  }

  if (document.body) {
    load();
  } else {
    document.addEventListener('DOMContentLoaded', load);
  }
}());
