// The live page: turn cards and verdicts as a session's Server-Sent Events arrive (no reload).
// The browser reconnects by itself and resumes with Last-Event-ID; events already shown are skipped.
(function () {
  "use strict";
  var box = document.getElementById("live-turns");
  if (!box || !window.EventSource) return;
  var cards = {};      // turn start offset -> card
  var byTid = {};      // turn id -> start offset (ids move when the parser learns more)
  var asked = {}, answered = {}, qturns = {};
  var counts = { turns: 0, questions: 0, unanswered: 0, verdicts: 0 };
  var lastSeq = 0;
  var CLASS = { "Clear Reply": "verdict-clear", "Ambivalent": "verdict-ambivalent", "Clear Non-Reply": "verdict-nonreply" };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function clock(t) {
    t = Math.max(0, Math.floor(t || 0));
    var h = Math.floor(t / 3600), m = Math.floor(t / 60) % 60, s = t % 60;
    return [h, m, s].map(function (n) { return (n < 10 ? "0" : "") + n; }).join(":");
  }
  function setCount(name, delta) {
    counts[name] += delta;
    document.getElementById("n-" + name).textContent = counts[name];
  }
  function fill(card, ev) {
    card.className = "turn kind-" + ev.kind + (card.classList.contains("is-open") ? " is-open" : "") +
      (card.classList.contains("open-question") ? " open-question" : "");
    card.dataset.tid = ev.id;
    card.id = "live-" + ev.id;
    card.querySelector(".speaker-name").textContent = ev.name || ev.label || "unnamed speaker";
    card.querySelector(".speaker-extra").textContent = [ev.role, ev.affiliation].filter(Boolean).join(" · ");
    card.querySelector(".turn-kind").textContent = ev.kind;
    card.querySelector(".turn-time").textContent = ev.start_time != null ? clock(ev.start_time) : "";
    var text = card.querySelector(".turn-text");
    text.textContent = "";
    (ev.text || "").split(/\n\s*\n/).forEach(function (p) { text.appendChild(el("p", null, p)); });
  }
  function onTurn(ev) {
    byTid[ev.id] = ev.start_char;
    var card = cards[ev.start_char];
    if (ev.action === "withdrawn") {
      if (card) { card.remove(); delete cards[ev.start_char]; setCount("turns", -1); }
      return;
    }
    if (!card) {
      card = el("article", "turn is-open");
      var head = el("header", "turn-head");
      head.appendChild(el("span", "speaker-name"));
      head.appendChild(el("span", "speaker-extra"));
      head.appendChild(el("span", "turn-kind"));
      head.appendChild(el("span", "turn-time muted"));
      card.appendChild(head);
      card.appendChild(el("div", "turn-text"));
      cards[ev.start_char] = card;
      box.appendChild(card);
      setCount("turns", 1);
    }
    if (ev.action === "closed") card.classList.remove("is-open");
    else if (ev.action === "opened" || ev.reopened) card.classList.add("is-open");
    fill(card, ev);
  }
  function cardOf(tid) { return cards[byTid[tid]]; }
  function onExchange(ev) {
    if (ev.action === "asked") {
      if (!asked[ev.id]) { asked[ev.id] = true; setCount("questions", 1); setCount("unanswered", 1); }
      qturns[ev.id] = ev.question_turns;
      box.querySelectorAll(".open-question").forEach(function (c) { c.classList.remove("open-question"); });
      ev.question_turns.forEach(function (t) { var c = cardOf(t); if (c) c.classList.add("open-question"); });
    } else if (ev.action === "answered") {
      if (!answered[ev.id]) { answered[ev.id] = true; if (asked[ev.id]) setCount("unanswered", -1); }
    } else if (ev.action === "verdict" || ev.action === "revised") {
      // the question on the floor stays highlighted until its answer has a verdict
      (qturns[ev.id] || []).forEach(function (t) { var q = cardOf(t); if (q) q.classList.remove("open-question"); });
      var c = cardOf(ev.answer_turns[ev.answer_turns.length - 1]);
      if (!c) return;
      var old = c.querySelector(".live-verdicts");
      if (old) old.remove(); else setCount("verdicts", 1);
      var row = el("div", "live-verdicts");
      (ev.verdicts || []).forEach(function (v) {
        var label = v.clarity ? v.clarity + " p " + (v.confidence || 0).toFixed(2) : "not judged: " + (v.not_judged || "");
        if (v.evasion && v.clarity !== "Clear Reply") label += " · " + v.evasion;
        row.appendChild(el("span", "verdict " + (CLASS[v.clarity] || "verdict-unjudged"), label));
      });
      if (ev.action === "revised") row.appendChild(el("span", "muted", " (revised)"));
      c.appendChild(row);
    }
  }
  function onNotice(ev) {
    var p = el("p", "notice", "Stream " + ev.action + (ev.message ? ": " + ev.message : ""));
    document.getElementById("live-notices").appendChild(p);
  }
  function state(text) { document.getElementById("live-state").textContent = text; }

  var source = new EventSource(box.dataset.events);
  function handle(fn) {
    return function (msg) {
      var ev = JSON.parse(msg.data);
      if (ev.seq <= lastSeq) return;
      lastSeq = ev.seq;
      document.getElementById("live-clock").textContent = clock(ev.t);
      fn(ev);
    };
  }
  source.addEventListener("turn", handle(onTurn));
  source.addEventListener("exchange", handle(onExchange));
  source.addEventListener("stream", handle(onNotice));
  source.addEventListener("event", handle(function (ev) {
    if (ev.event && ev.event.title) document.getElementById("live-title").textContent = ev.event.title;
  }));
  source.addEventListener("session", handle(function (ev) {
    if (ev.action === "started") state("live");
    if (ev.action === "ended") { state("ended (" + ev.reason + ")"); source.close(); }
  }));
  source.onopen = function () { if (document.getElementById("live-state").textContent !== "live") state("live"); };
  source.onerror = function () { if (source.readyState !== 2) state("reconnecting…"); };
})();
