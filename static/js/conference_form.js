/* The conference form's organiser: a drop-down of the chosen province's xã, phường and đặc khu
   (the official list since 01/7/2025, served by /don-vi-hanh-chinh.json from the data file the
   program ships). Picking a unit fills the unit type and name, the level, and — when they are
   empty or still hold what an earlier pick wrote — the issuer and the địa danh.

   Without this script the form still works: a select of provinces, a unit type and a typed name
   the server checks against the same list. No inline script (the page's CSP allows 'self'). */
(function () {
  "use strict";

  var box = document.querySelector("fieldset.organiser");
  if (!box) { return; }
  var province = document.getElementById("province");
  var unitType = document.getElementById("unit_type");
  var unitName = document.getElementById("unit_name");
  var level = document.getElementById("level");
  var issuer = document.getElementById("issuer");
  var place = document.getElementById("place_name");
  if (!province || !unitType || !unitName) { return; }

  var WORDS = { tinh: "tỉnh", thanh_pho: "thành phố", xa: "xã", phuong: "phường", dac_khu: "đặc khu" };
  var LABELS = { xa: "Xã", phuong: "Phường", dac_khu: "Đặc khu" };
  var LEVELS = { tinh: "tinh", thanh_pho: "tinh", xa: "xa", phuong: "xa", dac_khu: "xa", huyen: "huyen" };
  var OTHER = "__khac__";
  var list = null;
  var written = { issuer: issuer ? issuer.value : "", place: place ? place.value : "" };

  var typeField = unitType.closest(".field");
  var nameField = unitName.closest(".field");
  var pickField = document.createElement("div");
  pickField.className = "field organiser-pick";
  var label = document.createElement("label");
  label.setAttribute("for", "unit_pick");
  label.textContent = "Đơn vị tổ chức";
  var pick = document.createElement("select");
  pick.id = "unit_pick";
  pickField.appendChild(label);
  pickField.appendChild(pick);
  typeField.parentNode.insertBefore(pickField, typeField);

  function option(value, text) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    return o;
  }

  function showManual(on) {
    typeField.hidden = !on;
    nameField.hidden = !on;
  }

  function fill() {
    var chosen = list && list[province.value];
    pick.textContent = "";
    pick.appendChild(option("", chosen ? "— Chọn xã, phường, đặc khu —" : "— Chọn tỉnh, thành phố trước —"));
    if (chosen) {
      var own = chosen.city ? "thanh_pho" : "tinh";
      pick.appendChild(option(own + "|" + province.value,
        (chosen.city ? "Thành phố " : "Tỉnh ") + province.value + " (cấp tỉnh)"));
      chosen.units.slice().sort(function (a, b) { return a[0].localeCompare(b[0], "vi"); })
        .forEach(function (unit) {
          pick.appendChild(option(unit[1] + "|" + unit[0], LABELS[unit[1]] + " " + unit[0]));
        });
    }
    pick.appendChild(option(OTHER, "Khác (tự nhập): Sở, Cụm, Khối thi đua, huyện (hồ sơ cũ)…"));
  }

  function current() {
    var value = unitType.value + "|" + (unitType.value === "tinh" || unitType.value === "thanh_pho" ? province.value : unitName.value);
    for (var i = 0; i < pick.options.length; i++) {
      if (pick.options[i].value === value) { return value; }
    }
    return unitType.value ? OTHER : "";
  }

  function sync() {
    var value = current();
    pick.value = value;
    showManual(value === OTHER);
  }

  function replaceIfOurs(input, key, text) {
    if (!input) { return; }
    if (!input.value || input.value === written[key]) {
      input.value = text;
      written[key] = text;
    }
  }

  pick.addEventListener("change", function () {
    if (pick.value === OTHER) {
      if (LEVELS[unitType.value] && unitType.value !== "huyen") { unitType.value = "khac"; }
      showManual(true);
      return;
    }
    showManual(false);
    if (!pick.value) { return; }
    var parts = pick.value.split("|");
    unitType.value = parts[0];
    unitName.value = parts[0] === "tinh" || parts[0] === "thanh_pho" ? "" : parts[1];
    if (level && LEVELS[parts[0]]) { level.value = LEVELS[parts[0]]; }
    replaceIfOurs(issuer, "issuer", "Ủy ban nhân dân " + WORDS[parts[0]] + " " + parts[1]);
    replaceIfOurs(place, "place", parts[1]);
  });

  province.addEventListener("change", function () {
    fill();
    sync();
  });

  showManual(true);
  fetch(box.dataset.unitsUrl, { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data) { return; }
      list = data;
      fill();
      sync();
    })
    .catch(function () { /* the typed fields stay: the server checks them */ });
})();
