// Draws every chart on the page (and in content htmx swaps in) from its spec, a JSON data
// block beside it; no inline script. Without JavaScript the summary and the table carry the
// same numbers.
(function () {
  "use strict";

  function data(id) {
    var source = document.getElementById(id);
    return source ? JSON.parse(source.textContent) : null;
  }

  // The page's language's decimal mark and month names ("6,8", "okt. 2026"), from the
  // server's catalogues; without them vega-embed writes English.
  function options() {
    var locale = data("trepart-chart-locale");
    // ast + the interpreter: Vega evaluates expressions without eval (the CSP forbids it).
    var chosen = {
      actions: false,
      renderer: "svg",
      ast: true,
      expr: window.vegaInterpreter.expressionInterpreter,
    };
    if (locale) {
      chosen.formatLocale = locale.number;
      chosen.timeFormatLocale = locale.time;
    }
    return chosen;
  }

  // The drawing is an image named by the chart's title and one-sentence summary.
  function label(el) {
    var svg = el.querySelector("svg");
    var ids = el.getAttribute("data-chart-label");
    if (!svg || !ids) return;
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-labelledby", ids);
  }

  function draw(root) {
    root.querySelectorAll("[data-vega-spec]:not([data-drawn])").forEach(function (el) {
      var spec = data(el.getAttribute("data-vega-spec"));
      if (!spec || typeof window.vegaEmbed !== "function" || !window.vegaInterpreter) return;
      el.setAttribute("data-drawn", "");
      window
        .vegaEmbed(el, spec, options())
        .then(function () {
          label(el);
          el.setAttribute("data-chart-ready", "");
        })
        .catch(function (error) {
          el.removeAttribute("data-drawn");
          console.error(error);
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
})();
