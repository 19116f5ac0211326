/**
 * Office.js only where Office may be: taskpane.html is both the add-in's pane and the standalone page, and a
 * plain browser tab must not load Office.js (with its helper scripts and mapping table) at all.
 *
 * webpack.config.js inlines officeLoader() into the head of taskpane.html, where Office.js must be referenced
 * (before the body and before the bundle): when the page may be in an Office host, document.write adds the
 * same <script src="assets/office-js/office.js"> a static tag would, at the same place; otherwise nothing.
 * The bundle then finds Office defined, or not (src/taskpane/boot.ts).
 *
 * Plain ES5 without dependencies: it runs before anything else, in every browser an officer may have.
 */
'use strict';

const OFFICE_JS = 'assets/office-js/office.js';

/**
 * Whether anything Office puts around its add-ins is there: a frame (Office on the web), the _host_Info query
 * parameter Office appends to the pane's address (desktop hosts), or a desktop host's bridge (the legacy
 * window.external.GetHostInfo, WebView2's chrome.webview, WKWebView's webkit.messageHandlers). A plain browser
 * tab has none of them.
 */
function mayBeInOffice(win) {
  try {
    if (win.parent !== win) return true;
    var where = String(win.location.search) + String(win.location.hash) + String(win.name);
    if (/_host_Info/i.test(where)) return true;
    var ext = win.external;
    if (ext && typeof ext.GetHostInfo !== 'undefined') return true;
    if (win.chrome && win.chrome.webview) return true;
    return !!(win.webkit && win.webkit.messageHandlers);
    // (a named catch: optional catch binding is too new for some browsers officers use)
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
  } catch (e) {
    // a cross-origin parent refused a look: that is a frame, so maybe Office on the web
    return true;
  }
}

/** The inline script for the head of taskpane.html. */
function officeLoader(src = OFFICE_JS) {
  return `(${mayBeInOffice.toString()})(window)&&document.write('<script src="${src}"><\\/script>');`;
}

module.exports = { mayBeInOffice, officeLoader, OFFICE_JS };
