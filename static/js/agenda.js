// The programme pages' small script; everything works without it.
// - Drag-and-drop reordering of the programme table (the ↑ ↓ buttons, plain POST forms, do the
//   same): on drop the rows are reordered on the page and the new order is posted with the page's
//   CSRF token; the server recomputes the times.
// - On the item form, a button that copies the default MC words into the box to edit them.
(function () {
  "use strict";
  document.documentElement.classList.add("has-js");
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  // The item form: put the default MC words into the box, to edit them rather than start blank.
  ready(function () {
    var button = document.getElementById("use-default-mc");
    var box = document.getElementById("mc_text");
    if (!button || !box) return;
    button.addEventListener("click", function () {
      if (box.value.trim() && !window.confirm("Thay lời dẫn đang có bằng lời mặc định?")) return;
      box.value = button.dataset.default;
      box.focus();
    });
  });

  ready(function () {
    var table = document.getElementById("agenda-table");
    var form = document.getElementById("reorder-form");
    if (!table || !form) return;
    var body = table.tBodies[0];
    var dragged = null;

    function rows() { return Array.prototype.slice.call(body.rows); }
    function clearMarks() {
      rows().forEach(function (r) { r.classList.remove("drop-before", "drop-after"); });
    }
    function after(row, event) {
      var box = row.getBoundingClientRect();
      return event.clientY > box.top + box.height / 2;
    }

    rows().forEach(function (row) {
      var handle = row.querySelector(".drag-handle");
      if (!handle) return;
      // Only the handle is draggable, so the text of a row can still be selected and copied.
      handle.draggable = true;
      handle.addEventListener("dragstart", function (event) {
        dragged = row;
        row.classList.add("dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", row.dataset.id);
        if (event.dataTransfer.setDragImage) event.dataTransfer.setDragImage(row, 12, 12);
      });
      handle.addEventListener("dragend", function () {
        row.classList.remove("dragging");
        clearMarks();
        dragged = null;
      });
      row.addEventListener("dragover", function (event) {
        if (!dragged || dragged === row) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "move";
        clearMarks();
        row.classList.add(after(row, event) ? "drop-after" : "drop-before");
      });
      row.addEventListener("drop", function (event) {
        if (!dragged || dragged === row) return;
        event.preventDefault();
        body.insertBefore(dragged, after(row, event) ? row.nextSibling : row);
        clearMarks();
        form.elements.order.value = rows().map(function (r) { return r.dataset.id; }).join(",");
        form.classList.add("changed");
        form.submit();
      });
    });
  });
})();
