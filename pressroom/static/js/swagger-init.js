/* Starts Swagger UI on /docs over the API's OpenAPI description (the URL is on the page's
   #swagger-ui element). A file, not an inline script: the Content-Security-Policy forbids those. */
(function () {
  "use strict";
  var el = document.getElementById("swagger-ui");
  if (!el || typeof SwaggerUIBundle !== "function") return;
  window.ui = SwaggerUIBundle({
    url: el.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    validatorUrl: null,  // no badge fetched from validator.swagger.io
    presets: [SwaggerUIBundle.presets.apis]
  });
})();
