// Seating pages. Without script every seat is a link and every action a form, so this file
// only adds comfort: in the hall editor, clicking seats selects them in place (no reload) and
// fills the "Các ghế đã chọn" box; on the chart page the links work as they are.
(function () {
  "use strict";
  var holder = document.querySelector("[data-select-into]");
  if (!holder) return;
  var input = document.getElementById(holder.getAttribute("data-select-into"));
  if (!input) return;
  function codes() {
    return input.value.split(/[\s,;]+/).filter(function (c) { return c; });
  }
  function paint() {
    var chosen = codes();
    holder.querySelectorAll("[data-code]").forEach(function (seat) {
      seat.classList.toggle("seat-selected", chosen.indexOf(seat.getAttribute("data-code")) >= 0);
    });
  }
  holder.addEventListener("click", function (event) {
    var seat = event.target.closest ? event.target.closest("[data-code]") : null;
    if (!seat) return;
    event.preventDefault();
    var code = seat.getAttribute("data-code");
    var chosen = codes();
    var at = chosen.indexOf(code);
    if (at >= 0) { chosen.splice(at, 1); } else { chosen.push(code); }
    input.value = chosen.join(", ");
    paint();
  });
  input.addEventListener("input", paint);
})();
