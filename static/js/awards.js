/* Awards pages: a search box that filters a long <select> of delegates (no accents needed), and
   the hint saying to whom the chosen award form is given. No inline script (CSP 'self'). */
(function () {
  "use strict";

  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-filter-for]"), function (box) {
    var select = document.getElementById(box.dataset.filterFor);
    if (!select) { return; }
    var options = Array.prototype.slice.call(select.options);
    box.addEventListener("input", function () {
      var words = fold(box.value).split(/\s+/).filter(Boolean);
      var first = null;
      options.forEach(function (option) {
        var text = fold(option.textContent);
        var keep = !option.value || words.every(function (w) { return text.indexOf(w) !== -1; });
        option.hidden = !keep;
        option.disabled = !keep && !option.selected;
        if (keep && option.value && !first) { first = option; }
      });
      if (words.length && first && (!select.value || select.selectedOptions[0].hidden)) {
        select.value = first.value;
      }
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); select.focus(); }
    });
  });

  var hint = document.getElementById("kinds-hint");
  var formSelect = document.getElementById("form_id");
  if (hint && formSelect) {
    var kinds = {};
    try { kinds = JSON.parse(hint.dataset.kinds || "{}"); } catch (e) { kinds = {}; }
    var update = function () {
      var text = kinds[formSelect.value];
      hint.textContent = text ? "Hình thức này tặng cho: " + text + "." : "";
    };
    formSelect.addEventListener("change", update);
    update();
  }
})();
