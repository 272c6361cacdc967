/* The upload page: sends the files to POST /api/v1/ingest with the bearer token. */
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form) return;
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var data = new FormData();
    var files = document.getElementById("u-files").files;
    for (var i = 0; i < files.length; i++) data.append("files", files[i]);
    var annotators = document.getElementById("u-annotators").value.trim();
    if (annotators) data.append("annotators", annotators);
    var list = document.getElementById("upload-list");
    list.textContent = "";
    document.getElementById("upload-results").hidden = false;
    var token = document.getElementById("u-token").value.trim();
    fetch("/api/v1/ingest", { method: "POST", body: data, headers: { "Authorization": "Bearer " + token } })
      .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (res) {
        if (!res.ok) {
          var li = document.createElement("li");
          li.className = "notice error";
          li.textContent = (res.body.error && res.body.error.message) || "upload failed";
          list.appendChild(li);
          return;
        }
        res.body.results.forEach(function (r) {
          var li = document.createElement("li");
          var status = document.createElement("strong");
          status.textContent = r.status + " ";
          li.appendChild(status);
          if (r.url) {
            var a = document.createElement("a");
            a.href = r.url;
            a.textContent = r.title || r.filename;
            li.appendChild(a);
          } else {
            li.appendChild(document.createTextNode(r.filename + ": " + (r.reason || "")));
          }
          list.appendChild(li);
        });
      })
      .catch(function (err) {
        var li = document.createElement("li");
        li.textContent = "upload failed: " + err.message;
        list.appendChild(li);
      });
  });
})();
