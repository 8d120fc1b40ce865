// Đại biểu: "select all" for the rows on this page and a count of the rows selected.
// Optional: without script the checkboxes and the bulk form work the same.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var form = document.getElementById("bulk-form");
    if (!form) return;
    var all = form.querySelector("[data-select-all]");
    var count = form.querySelector("[data-selected-count]");
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name='ids']"));
    if (!boxes.length) return;

    function update() {
      var chosen = boxes.filter(function (b) { return b.checked; }).length;
      if (count) {
        count.hidden = chosen === 0;
        count.textContent = "· đã chọn " + chosen;
      }
      if (all) {
        all.checked = chosen === boxes.length;
        all.indeterminate = chosen > 0 && chosen < boxes.length;
      }
    }
    if (all) {
      all.hidden = false;
      all.addEventListener("change", function () {
        boxes.forEach(function (b) { b.checked = all.checked; });
        update();
      });
    }
    boxes.forEach(function (b) { b.addEventListener("change", update); });
    update();
  });
})();
