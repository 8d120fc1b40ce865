/* The conference form's planned date (issue 17): show only the boxes of the chosen "Thời gian
   tổ chức" — the day for "Ngày cụ thể", the two days for "Một trong hai ngày", the month and its
   part for "Đầu, giữa hoặc cuối tháng", the quarter and its year for "Trong quý". A box of
   another kind is only hidden, never emptied: switching back finds what was typed, and the
   server ignores the boxes the kind does not use (ConferenceForm._resolve_planned_date).

   Without this script every box stays visible, as before. No inline script (CSP 'self'). */
(function () {
  "use strict";

  var kind = document.getElementById("date_kind");
  if (!kind) { return; }
  var fields = document.querySelectorAll(".planned-date .date-kinds");

  function show() {
    var chosen = kind.value || "exact";
    for (var i = 0; i < fields.length; i += 1) {
      var field = fields[i];
      // a box with an error message stays visible whatever the kind: the officer must see it
      var wanted = field.classList.contains(chosen) || field.classList.contains("has-error");
      field.hidden = !wanted;
      field.style.display = wanted ? "" : "none";  // .field sets its own display
    }
  }

  kind.addEventListener("change", show);
  show();
}());
