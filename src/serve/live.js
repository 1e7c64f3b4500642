// dossier serve: reload the page after each rebuild, keeping the scroll
// position, and show the rebuild's errors over the last good page.
// Added by the preview server to HTML responses only; never in a built site.
(function () {
  "use strict";
  var script = document.currentScript;
  var version = Number(script && script.dataset.version);
  var key = "dossier-scroll:" + location.pathname;
  // Kept in step with OVERLAY_STYLE in http.rs.
  var style = "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1em;" +
    "background:#2b0b0b;color:#ffecec;font:14px/1.4 ui-monospace,monospace;border-top:4px solid #e5484d";

  function restoreScroll() {
    var saved = sessionStorage.getItem(key);
    if (saved !== null) {
      sessionStorage.removeItem(key);
      window.scrollTo(0, Number(saved) || 0);
    }
  }

  function showErrors(errors) {
    var old = document.getElementById("dossier-overlay");
    if (old) old.remove();
    if (!errors.length) return;
    var box = document.createElement("div");
    box.id = "dossier-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = style;
    var title = document.createElement("p");
    title.style.cssText = "margin:0 0 .5em;font-weight:bold";
    title.textContent = "dossier serve: the last edit has errors; this is the last good version of the page";
    var text = document.createElement("pre");
    text.style.cssText = "margin:0;white-space:pre-wrap";
    // Error text quotes articles, which come from the web: text only, never HTML.
    text.textContent = errors.join("\n");
    box.appendChild(title);
    box.appendChild(text);
    document.body.appendChild(box);
  }

  // Whether this page is among the files the rebuilds changed (null: any may have).
  function changed(state) {
    if (state.changed === null) return true;
    var path = decodeURIComponent(location.pathname);
    if (path.indexOf(state.base) !== 0) return true;
    path = path.slice(state.base.length);
    if (path === "" || path.charAt(path.length - 1) === "/") path += "index.html";
    return state.changed.indexOf(path) !== -1;
  }

  function poll() {
    fetch("/__dossier/poll?since=" + version, { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.version !== version) {
          version = state.version;
          var shown = document.getElementById("dossier-overlay") !== null;
          if (state.errors.length === 0 && (shown || changed(state))) {
            sessionStorage.setItem(key, String(window.scrollY));
            location.reload();
            return;
          }
          showErrors(state.errors);
        }
        poll();
      }, function () {
        // The server is restarting or gone: try again shortly.
        setTimeout(poll, 1000);
      });
  }

  if (document.readyState === "complete") restoreScroll();
  else window.addEventListener("load", restoreScroll);
  poll();
})();
