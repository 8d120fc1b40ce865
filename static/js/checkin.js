// Điểm danh (issue 21): the page's forms, answered in JSON so the usher never leaves the input.
// Keyboard only: a USB scanner types the code and Enter; a typed name lists the matches
// (↑ ↓ to choose, Enter to check in, Esc to clear). Without this script every form still posts.
(function () {
  "use strict";
  var root = document.getElementById("checkin");
  if (!root) return;
  var may = root.dataset.may === "yes";
  var form = document.getElementById("checkin-form");
  var input = document.getElementById("checkin-input");
  var point = document.getElementById("checkin-point");
  var list = document.getElementById("checkin-matches");
  var result = document.getElementById("checkin-result");
  var chosen = -1;
  var searchTimer = null;
  var searchSeq = 0;
  var busy = false;
  var queue = [];

  function csrf() {
    var field = document.querySelector('input[name="csrf_token"]');
    return field ? field.value : "";
  }

  function post(url, fields) {
    var body = new FormData();
    body.append("csrf_token", csrf());
    Object.keys(fields).forEach(function (k) { body.append(k, fields[k]); });
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      // LAN mode: a session that has ended is sent to the login page (fetch follows the
      // redirect and gets that page, status 200) — say so, not "lỗi 200"
      var login = response.redirected && /\/dang-nhap$/.test(new URL(response.url).pathname);
      if (login || response.status === 401) {
        return { status: "error", message: "Phiên làm việc đã hết, hãy đăng nhập lại: lượt này CHƯA được ghi." };
      }
      if (type.indexOf("application/json") === -1) {
        var message = response.status === 403
          ? "Tài khoản của bạn không có quyền điểm danh."
          : response.status === 400
            ? "Phiên làm việc đã hết hạn: hãy tải lại trang."
            : "Chưa ghi được (lỗi " + response.status + "): hãy thử lại.";
        return { status: "error", message: message };
      }
      return response.json();
    }).catch(function () {
      return { status: "error", message: "Mất kết nối với máy chủ: lượt này CHƯA được ghi, hãy quét lại." };
    });
  }

  function text(id, value) {
    var el = document.getElementById(id);
    if (el) el.textContent = value;
  }

  function showCounts(counts) {
    if (!counts) return;
    text("count-total", counts.text);
    text("mc-line", counts.mc_line);
    var body = document.getElementById("count-groups");
    if (body) {
      body.textContent = "";
      counts.groups.forEach(function (group) {
        var row = document.createElement("tr");
        var name = document.createElement("td");
        name.textContent = group.name;
        var value = document.createElement("td");
        value.className = "num";
        value.textContent = group.text;
        row.appendChild(name);
        row.appendChild(value);
        body.appendChild(row);
      });
    }
    var recent = document.getElementById("recent");
    if (recent) {
      recent.textContent = "";
      if (!counts.recent.length) {
        var none = document.createElement("li");
        none.className = "muted";
        none.textContent = "Chưa có ai điểm danh.";
        recent.appendChild(none);
      }
      counts.recent.forEach(function (item) {
        var li = document.createElement("li");
        var time = document.createElement("span");
        time.className = "recent-time";
        time.textContent = item.at;
        li.appendChild(time);
        li.appendChild(document.createTextNode(" " + item.name +
          (item.point ? " (" + item.point + ")" : "") +
          (item.substitute_name ? " — dự thay: " + item.substitute_name : "") + " "));
        if (may) {
          var undo = document.createElement("button");
          undo.type = "button";
          undo.className = "link-button small";
          undo.textContent = "Hủy";
          undo.setAttribute("aria-label", "Hủy điểm danh của " + item.name);
          undo.addEventListener("click", function () { undoCode(item.code); });
          li.appendChild(undo);
        }
        recent.appendChild(li);
      });
    }
  }

  function showResult(answer) {
    if (!result) return;
    result.hidden = false;
    result.className = "panel checkin-result result-" + answer.status + (answer.declined ? " result-declined" : "");
    text("result-message", answer.message);
    var person = answer.person;
    var box = document.getElementById("result-person");
    if (box) box.hidden = !person;
    if (person) {
      text("result-name", person.name);
      text("result-role", person.role);
      text("result-seat", person.seat || "Chưa xếp chỗ");
      text("result-group", person.group);
      text("result-code", person.code);
      var undoCodeField = document.getElementById("undo-code");
      if (undoCodeField) undoCodeField.value = person.code;
      var subCode = document.getElementById("substitute-code");
      if (subCode) subCode.value = person.code;
      var subName = document.getElementById("substitute-name");
      if (subName) subName.value = person.substitute_name || "";
    }
    showCounts(answer.counts);
  }

  function clearMatches() {
    chosen = -1;
    if (!list) return;
    list.textContent = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function showMatches(matches) {
    clearMatches();
    if (!list || !matches.length) return;
    matches.forEach(function (person, i) {
      var li = document.createElement("li");
      li.id = "match-" + i;
      li.setAttribute("role", "option");
      li.dataset.code = person.code;
      var name = document.createElement("span");
      name.className = "match-name";
      name.textContent = person.name;
      var role = document.createElement("span");
      role.className = "match-role small";
      role.textContent = person.role + (person.reply === "absent" ? " · đã báo vắng" : "");
      li.appendChild(name);
      li.appendChild(role);
      li.addEventListener("click", function () { submit(person.code); });
      list.appendChild(li);
    });
    input.setAttribute("aria-expanded", "true");
  }

  function choose(step) {
    var items = list ? list.querySelectorAll("li") : [];
    if (!items.length) return;
    chosen = (chosen + step + items.length) % items.length;
    items.forEach(function (li, i) { li.setAttribute("aria-selected", i === chosen ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", items[chosen].id);
  }

  // One request at a time, in the order typed: a scanner can send the next code before the
  // answer to the last one; each waits its turn, none is dropped.
  function submit(value) {
    queue.push(value);
    pump();
  }

  function pump() {
    if (busy || !queue.length) return;
    busy = true;
    var value = queue.shift();
    post(root.dataset.checkUrl, { ma: value, diem: point ? point.value : "" }).then(function (answer) {
      if (answer.status === "matches") {
        // several matches: a neutral panel (not the green of a check-in) and the previous
        // person's card (with its "Hủy" button) hidden, the usher picks from the list
        showMatches(answer.matches);
        showResult({ status: "matches", message: answer.message, person: null, counts: answer.counts });
      } else {
        clearMatches();
        showResult(answer);
      }
      busy = false;
      pump();
    });
  }

  function undoCode(code) {
    post(root.dataset.undoUrl, { ma: code }).then(function (answer) {
      showResult(answer);
      if (input) input.focus();
    });
  }

  if (form && input) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var items = list ? list.querySelectorAll("li") : [];
      var value = chosen >= 0 && items[chosen] ? items[chosen].dataset.code : input.value;
      input.value = "";
      clearMatches();
      if (value.trim()) submit(value);
      input.focus();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); choose(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); choose(-1); }
      else if (event.key === "Escape") { input.value = ""; clearMatches(); }
    });
    input.addEventListener("input", function () {
      chosen = -1;
      clearTimeout(searchTimer);
      var value = input.value.trim();
      // a name (with a space or a Vietnamese letter) is searched as it is typed; a scanner's
      // code arrives with its Enter before the pause ends
      if (value.length < 3) { clearMatches(); return; }
      searchTimer = setTimeout(function () {
        var seq = ++searchSeq;
        fetch(root.dataset.findUrl + "?q=" + encodeURIComponent(value), {
          credentials: "same-origin", headers: { "Accept": "application/json" }
        }).then(function (r) { return r.json(); }).then(function (answer) {
          if (seq === searchSeq && input.value.trim() === value) showMatches(answer.matches);
        }).catch(function () {});
      }, 250);
    });
    if (point) {
      try { point.value = point.value || window.localStorage.getItem("kehoach-diem-danh") || ""; } catch (e) {}
      point.addEventListener("change", function () {
        try { window.localStorage.setItem("kehoach-diem-danh", point.value); } catch (e) {}
      });
    }
  }

  var undoForm = document.getElementById("undo-form");
  if (undoForm) {
    undoForm.addEventListener("submit", function (event) {
      event.preventDefault();
      undoCode(document.getElementById("undo-code").value);
    });
  }
  var subForm = document.getElementById("substitute-form");
  if (subForm) {
    subForm.addEventListener("submit", function (event) {
      event.preventDefault();
      post(root.dataset.substituteUrl, {
        ma: document.getElementById("substitute-code").value,
        ten: document.getElementById("substitute-name").value
      }).then(function (answer) {
        showResult(answer);
        if (input) input.focus();
      });
    });
  }
  document.querySelectorAll("#recent form").forEach(function (f) {
    f.addEventListener("submit", function (event) {
      event.preventDefault();
      undoCode(f.querySelector('input[name="ma"]').value);
    });
  });
  if (list) {
    list.querySelectorAll("li[data-code]").forEach(function (li, i) {
      li.id = "match-" + i;
      li.addEventListener("click", function () { submit(li.dataset.code); });
    });
  }

  // The live count: a light JSON read every 5 s (other check-in points add arrivals too).
  function refresh() {
    if (document.hidden) return;
    fetch(root.dataset.figuresUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(showCounts)
      .catch(function () {});
  }
  setInterval(refresh, 5000);
})();
