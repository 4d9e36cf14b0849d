/* procutext HTML report: filters, rule documentation on demand, mark <-> card links.
   Plain JavaScript over the page's own DOM; no request is made (the page's CSP forbids it). */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var cards = Array.prototype.slice.call(document.querySelectorAll("li.card"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.m"));
  var docs = Array.prototype.slice.call(document.querySelectorAll("details.doc"));
  var shown = document.getElementById("shown");
  var markIds = marks.map(function (m) {
    return m.getAttribute("data-f").split(" ").map(Number);
  });
  var visible = new Uint8Array(cards.length);

  function checked(name) {
    var out = {};
    Array.prototype.forEach.call(form.querySelectorAll('input[name="' + name + '"]'), function (b) {
      if (b.checked) out[b.value] = true;
    });
    return out;
  }

  function apply() {
    var rules = checked("rule"), sevs = checked("sev");
    var bl = form.querySelector('input[name="baselined"]');
    var showBl = !bl || bl.checked;
    var total = 0;
    for (var i = 0; i < cards.length; i++) {
      var c = cards[i];
      var on = rules[c.getAttribute("data-rule")] === true && sevs[c.getAttribute("data-sev")] === true &&
        (showBl || !c.hasAttribute("data-bl"));
      visible[i] = on ? 1 : 0;
      if (c.hidden === on) c.hidden = !on;
      total += visible[i];
    }
    for (var k = 0; k < marks.length; k++) {
      var ids = markIds[k], lit = false;
      for (var j = 0; j < ids.length; j++) if (visible[ids[j]]) { lit = true; break; }
      marks[k].classList.toggle("off", !lit);
    }
    var docsShown = 0;
    docs.forEach(function (d) {
      var lo = +d.getAttribute("data-lo"), hi = +d.getAttribute("data-hi"), n = 0;
      for (var i = lo; i < hi; i++) n += visible[i];
      var keep = n > 0 || (hi === lo);
      d.hidden = !keep;
      if (keep) docsShown++;
      var count = d.querySelector(".count");
      if (count) count.textContent = n;
    });
    shown.textContent = "Showing " + total + " of " + cards.length + " findings in " + docsShown + " of " +
      docs.length + " documents.";
    document.body.setAttribute("data-shown", String(total));
  }

  if (form) {
    form.addEventListener("change", function (e) {
      if (e.target.name === "compact") {
        document.body.classList.toggle("compact", e.target.checked);
        return;
      }
      apply();
    });
    form.addEventListener("click", function (e) {
      var act = e.target.getAttribute && e.target.getAttribute("data-act");
      if (!act) return;
      if (act === "all" || act === "none") {
        Array.prototype.forEach.call(form.querySelectorAll('input[name="rule"]'), function (b) {
          b.checked = act === "all";
        });
        apply();
      } else if (act === "open" || act === "close") {
        docs.forEach(function (d) { if (!d.hidden) d.open = act === "open"; });
      }
    });
  }

  /* a rule's documentation is in the page once (a <template>); a card gets a copy when opened */
  document.addEventListener("toggle", function (e) {
    var d = e.target;
    if (!d.classList || !d.classList.contains("ruledoc") || !d.open || d.getAttribute("data-filled")) return;
    var t = document.getElementById("doc-" + d.getAttribute("data-rule"));
    if (t) d.appendChild(t.content.cloneNode(true));
    d.setAttribute("data-filled", "1");
  }, true);

  function flash(el) {
    el.classList.add("flash");
    setTimeout(function () { el.classList.remove("flash"); }, 1200);
  }

  /* a click on a mark shows its finding's card, a click on a card's position its mark */
  document.addEventListener("click", function (e) {
    var m = e.target.closest && e.target.closest("mark.m");
    if (m && !m.classList.contains("off")) {
      var ids = m.getAttribute("data-f").split(" ");
      for (var i = 0; i < ids.length; i++) {
        var c = document.getElementById("f" + ids[i]);
        if (c && !c.hidden) { c.scrollIntoView({block: "nearest"}); flash(c); break; }
      }
      return;
    }
    var pos = e.target.closest && e.target.closest("a.pos");
    if (pos) {
      var card = pos.closest("li.card");
      var id = card.getAttribute("data-i");
      var mk = document.querySelector('mark.m[data-f~="' + id + '"]');
      if (mk) { e.preventDefault(); mk.scrollIntoView({block: "center"}); flash(mk); }
    }
  });

  if (form) apply();
  document.body.setAttribute("data-ready", "1");
})();
