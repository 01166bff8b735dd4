(function () {
  "use strict";
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.seg"));
  function clear() {
    document.body.classList.remove("focusing");
    cards.forEach(function (c) { c.classList.remove("active"); c.setAttribute("aria-pressed", "false"); });
    marks.forEach(function (m) { m.classList.remove("focus"); });
  }
  function select(card) {
    var id = card.getAttribute("data-event");
    var wasActive = card.classList.contains("active");
    clear();
    if (wasActive) { return; }
    document.body.classList.add("focusing");
    card.classList.add("active");
    card.setAttribute("aria-pressed", "true");
    var first = null;
    marks.forEach(function (m) {
      if (m.getAttribute("data-events").split(" ").indexOf(id) >= 0) {
        m.classList.add("focus");
        if (first === null) { first = m; }
      }
    });
    if (first !== null && first.scrollIntoView) { first.scrollIntoView({ block: "nearest" }); }
  }
  cards.forEach(function (card) {
    card.addEventListener("click", function () { select(card); });
    card.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(card); }
    });
  });
  marks.forEach(function (m) {
    m.addEventListener("click", function () {
      var id = m.getAttribute("data-events").split(" ")[0];
      var card = document.querySelector('.card[data-event="' + CSS.escape(id) + '"]');
      if (card !== null) { select(card); card.scrollIntoView({ block: "nearest" }); }
    });
  });
}());
