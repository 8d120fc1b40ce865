// Decoration pages: ticking an item's box saves it at once (the "Lưu" button is the fallback
// without script), and the page comes back to the same row.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== "checkbox") return;
    var form = box.closest("form.tick-form");
    if (!form) return;
    form.classList.add("saving");
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  });
})();

// The backdrop's title box: one line is one printed line, so the letters shrink to keep the
// longest line inside the box. The page comes with the class fit-N (the longest line is N em
// wide, decor/drawing.fit_class); typing updates it, measured in the box's own font.
(function () {
  "use strict";
  var MIN = 16, MAX = 64, STEP = 2;
  var canvas = document.createElement("canvas");
  function refit(box) {
    var field = box.closest(".text-lines");
    if (!field) return;
    var context = canvas.getContext("2d");
    var style = window.getComputedStyle(box);
    context.font = "100px " + style.fontFamily;
    var widest = 0;
    box.value.split("\n").forEach(function (line) {
      widest = Math.max(widest, context.measureText(line).width / 100);
    });
    var n = Math.min(MAX, Math.ceil(Math.max(widest, MIN) / STEP) * STEP);
    Array.prototype.slice.call(field.classList).forEach(function (name) {
      if (/^fit-\d+$/.test(name)) field.classList.remove(name);
    });
    field.classList.add("fit-" + n);
  }
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box instanceof HTMLTextAreaElement && box.closest(".text-lines")) refit(box);
  });
})();
