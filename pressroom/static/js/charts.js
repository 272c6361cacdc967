/* Draws the Vega-Lite charts whose specifications the page carries as JSON data blocks.
   vega-embed runs with the expression interpreter (ast: true), so no eval is needed. */
(function () {
  "use strict";
  /* On a phone the legend's three columns are wider than the chart: two columns, shorter labels. */
  function narrow(spec, width) {
    var legend = spec.config && spec.config.legend;
    if (!legend || width >= 480) return;
    legend.columns = Math.min(legend.columns || 2, 2);
    legend.labelLimit = Math.min(legend.labelLimit || 120, Math.max(60, Math.floor(width / 2) - 40));
  }
  function draw() {
    if (typeof vegaEmbed !== "function") return;
    document.querySelectorAll(".chart[data-spec]").forEach(function (el) {
      var block = document.getElementById(el.dataset.spec);
      if (!block) return;
      var spec;
      try { spec = JSON.parse(block.textContent); } catch (e) { return; }
      narrow(spec, el.clientWidth);
      vegaEmbed(el, spec, { actions: false, ast: true, renderer: "svg" })
        .then(function () { el.classList.add("drawn"); })
        .catch(function (err) { el.textContent = "Chart unavailable: " + err.message; });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
