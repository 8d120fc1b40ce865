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
