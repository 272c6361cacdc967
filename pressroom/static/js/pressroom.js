/* pressroom pages: "copy quote" with a citation, and the highlighted target turn.
   No inline scripts anywhere (the Content-Security-Policy forbids them). */
(function () {
  "use strict";

  function toast(text) {
    var el = document.getElementById("toast");
    if (!el) return;
    el.textContent = text;
    el.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { el.hidden = true; }, 2400);
  }

  function plainText(turn) {
    var body = turn.querySelector(".turn-text");
    var parts = [];
    body.querySelectorAll("p").forEach(function (p) { parts.push(p.innerText.trim()); });
    return parts.join("\n\n");
  }

  function selectionIn(turn) {
    var sel = window.getSelection && window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return "";
    var range = sel.getRangeAt(0);
    var body = turn.querySelector(".turn-text");
    if (!body.contains(range.commonAncestorContainer)) return "";
    return sel.toString().trim();
  }

  function permalink(turn) {
    var url = new URL(window.location.href);
    url.search = "";
    url.hash = turn.id;
    return url.toString();
  }

  function quoteFor(turn) {
    var text = selectionIn(turn) || plainText(turn);
    var blocks = turn.closest(".blocks");
    var cite = turn.dataset.who + (blocks && blocks.dataset.eventCite ? ", " + blocks.dataset.eventCite : "");
    return "\u201c" + text + "\u201d\n\u2014 " + cite + "\n" + permalink(turn);
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy") ? resolve() : reject(new Error("copy refused")); }
      catch (e) { reject(e); }
      finally { document.body.removeChild(area); }
    });
  }

  document.addEventListener("click", function (ev) {
    var button = ev.target.closest && ev.target.closest(".copy-quote");
    if (!button) return;
    var turn = button.closest(".turn");
    if (!turn) return;
    var text = quoteFor(turn);
    document.body.dataset.lastQuote = text;
    copy(text).then(function () { toast("Quote copied with its citation"); },
                    function () { toast("Could not copy: select the text and copy it by hand"); });
  });

  function markTarget() {
    document.querySelectorAll(".turn.is-target").forEach(function (el) { el.classList.remove("is-target"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (el && el.classList.contains("turn")) {
      el.classList.add("is-target");
      var card = el.closest(".exchange-card");
      if (card) card.classList.add("has-target");
    }
  }
  window.addEventListener("hashchange", markTarget);
  document.addEventListener("DOMContentLoaded", markTarget);
})();
