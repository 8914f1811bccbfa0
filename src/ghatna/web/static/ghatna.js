// Selecting an event (hover, focus or click on it in the list or in the text) marks its words.
(function () {
  "use strict";
  function mark(ids, on) {
    ids.forEach(function (id) {
      document.querySelectorAll('[data-ev~="' + id + '"]').forEach(function (el) {
        el.classList.toggle("active", on);
      });
    });
  }
  function ids(el) { return (el.getAttribute("data-ev") || "").split(" ").filter(Boolean); }
  document.querySelectorAll(".hl, .ev-item").forEach(function (el) {
    var these = ids(el);
    ["mouseenter", "focus"].forEach(function (t) { el.addEventListener(t, function () { mark(these, true); }); });
    ["mouseleave", "blur"].forEach(function (t) { el.addEventListener(t, function () { mark(these, false); }); });
  });
  document.querySelectorAll(".ev-item").forEach(function (el) {
    el.addEventListener("click", function () {
      var first = document.querySelector('.hl[data-ev~="' + ids(el)[0] + '"]');
      if (first) { first.scrollIntoView({ block: "center", behavior: "smooth" }); first.focus({ preventScroll: true }); }
    });
  });
})();
