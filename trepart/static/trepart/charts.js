// Draws every chart on the page (and in content htmx swaps in) from its inline spec.
// Without JavaScript the summary and the table carry the same numbers.
(function () {
  "use strict";
  function draw(root) {
    root.querySelectorAll("[data-vega-spec]:not([data-drawn])").forEach(function (el) {
      var source = document.getElementById(el.getAttribute("data-vega-spec"));
      if (!source || typeof window.vegaEmbed !== "function" || !window.vegaInterpreter) return;
      el.setAttribute("data-drawn", "");
      // ast + the interpreter: Vega evaluates expressions without eval (the CSP forbids it).
      var options = {
        actions: false,
        renderer: "svg",
        ast: true,
        expr: window.vegaInterpreter.expressionInterpreter,
      };
      window
        .vegaEmbed(el, JSON.parse(source.textContent), options)
        .catch(function () { el.removeAttribute("data-drawn"); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:afterSettle", function (event) { draw(event.target); });
})();
