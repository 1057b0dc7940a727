/* marsad: light/dark theme. The choice is kept in localStorage; without one the system
   preference (prefers-color-scheme) applies. Loaded from <head> so the page never flashes. */
(function () {
  "use strict";
  var KEY = "marsad-theme";
  var root = document.documentElement;
  function stored() {
    try { return window.localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function apply(theme) {
    if (theme === "light" || theme === "dark") { root.setAttribute("data-theme", theme); }
    else { root.removeAttribute("data-theme"); }
  }
  function current() {
    var t = root.getAttribute("data-theme");
    if (t) { return t; }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  apply(stored());
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("theme-toggle");
    if (!button) { return; }
    button.setAttribute("aria-pressed", current() === "dark" ? "true" : "false");
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      apply(next);
      button.setAttribute("aria-pressed", next === "dark" ? "true" : "false");
      try { window.localStorage.setItem(KEY, next); } catch (e) { /* private mode: not kept */ }
    });
  });
}());
