/* LED name display: one batch (or one name) at a time, driven by the keyboard or a presenter
   remote. Works offline; no inline script or style (the page's CSP allows 'self' only).

   Keys: → PageDown Space Enter: next · ← PageUp Backspace: previous · Home/End · T: batch or
   one name at a time · F: full screen · B: black screen · H or ?: help. */
(function () {
  "use strict";

  var body = document.body;
  var all = Array.prototype.slice.call(document.querySelectorAll(".led-slide"));
  var bySlideMode = {
    batch: all.filter(function (s) { return s.dataset.mode === "batch"; }),
    name: all.filter(function (s) { return s.dataset.mode === "name"; })
  };
  var mode = "batch";
  var index = 0;
  var position = document.querySelector(".led-position");
  var help = document.querySelector(".led-help");
  var modeButton = document.querySelector('[data-action="mode"]');

  function slides() { return bySlideMode[mode]; }

  /* Columns and rows of each list of names: more columns on a wide wall (data-wide-cols). */
  var wideWall = window.matchMedia ? window.matchMedia("(min-aspect-ratio: 3/1)") : null;
  function layoutGrids() {
    var wide = wideWall && wideWall.matches;
    Array.prototype.forEach.call(document.querySelectorAll(".led-names"), function (list) {
      var count = list.children.length || 1;
      var cols = parseInt(wide ? list.dataset.wideCols : list.dataset.cols, 10) || 1;
      cols = Math.max(1, Math.min(cols, count));
      list.style.setProperty("--cols", String(cols));
      list.style.setProperty("--rows", String(Math.ceil(count / cols)));
    });
  }
  layoutGrids();

  function current() { return slides()[index]; }

  /* Shrink the slide until everything fits: binary search on --fit between 0.3 and 1. */
  function fit(slide) {
    if (!slide) { return; }
    var names = slide.querySelector(".led-names");
    function fits() {
      if (slide.scrollHeight > slide.clientHeight + 1) { return false; }
      if (names && names.scrollHeight > names.clientHeight + 1) { return false; }
      var items = slide.querySelectorAll(".led-name, .led-detail, .led-heading");
      for (var i = 0; i < items.length; i++) {
        if (items[i].scrollWidth > items[i].clientWidth + 1) { return false; }
      }
      return true;
    }
    var low = 0.3, high = 1;
    body.style.setProperty("--fit", "1");
    if (fits()) { return; }
    for (var step = 0; step < 8; step++) {
      var middle = (low + high) / 2;
      body.style.setProperty("--fit", String(middle));
      if (fits()) { low = middle; } else { high = middle; }
    }
    body.style.setProperty("--fit", String(low));
  }

  function show(newIndex) {
    var list = slides();
    if (!list.length) { return; }
    index = Math.max(0, Math.min(list.length - 1, newIndex));
    all.forEach(function (s) { s.classList.remove("is-current"); });
    var slide = list[index];
    slide.classList.add("is-current");
    fit(slide);
    var label = mode === "batch"
      ? "Đợt " + slide.dataset.sequence + " · " + (index + 1) + "/" + list.length
      : "Người " + (index + 1) + "/" + list.length;
    if (position) { position.textContent = label; }
    var hash = "#" + (mode === "batch" ? "dot-" : "nguoi-") + (index + 1);
    if (window.location.hash !== hash) { history.replaceState(null, "", hash); }
  }

  function toggleMode() {
    var slide = current();
    var batch = slide ? slide.dataset.batch : "0";
    mode = mode === "batch" ? "name" : "batch";
    body.dataset.mode = mode;
    var list = slides();
    var target = 0;
    for (var i = 0; i < list.length; i++) {
      if (list[i].dataset.batch === batch) { target = i; break; }
    }
    if (modeButton) { modeButton.textContent = mode === "batch" ? "Từng người" : "Cả đợt"; }
    show(target);
  }

  function fullscreen() {
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else if (document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(function () {});
    }
  }

  function toggleHelp(force) {
    if (!help) { return; }
    var visible = typeof force === "boolean" ? force : help.hidden;
    help.hidden = !visible;
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var key = event.key;
    var handled = true;
    if (key === "ArrowRight" || key === "PageDown" || key === " " || key === "Spacebar" ||
        key === "Enter" || key === "ArrowDown") {
      if (event.target && event.target.tagName === "BUTTON" && (key === " " || key === "Enter")) {
        return; /* a focused control button does its own thing */
      }
      show(index + 1);
    } else if (key === "ArrowLeft" || key === "PageUp" || key === "Backspace" || key === "ArrowUp") {
      show(index - 1);
    } else if (key === "Home") {
      show(0);
    } else if (key === "End") {
      show(slides().length - 1);
    } else if (key === "t" || key === "T") {
      toggleMode();
    } else if (key === "f" || key === "F") {
      fullscreen();
    } else if (key === "b" || key === "B" || key === ".") {
      body.classList.toggle("blank");
    } else if (key === "h" || key === "H" || key === "?") {
      toggleHelp();
    } else if (key === "Escape") {
      toggleHelp(false);
      handled = false;
    } else {
      handled = false;
    }
    if (handled) { event.preventDefault(); }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-action]") : null;
    if (!button) { return; }
    var action = button.dataset.action;
    if (action === "next") { show(index + 1); }
    else if (action === "prev") { show(index - 1); }
    else if (action === "mode") { toggleMode(); }
    else if (action === "fullscreen") { fullscreen(); }
    else if (action === "help") { toggleHelp(); }
    button.blur();
  });

  /* The controls and the pointer show while the mouse moves, then hide again. */
  var idle = null;
  document.addEventListener("mousemove", function () {
    body.classList.add("show-cursor");
    window.clearTimeout(idle);
    idle = window.setTimeout(function () { body.classList.remove("show-cursor"); }, 2500);
  });

  window.addEventListener("resize", function () { layoutGrids(); fit(current()); });

  /* Start where the address says (a reload keeps the place): #dot-3 or #nguoi-12. */
  var match = /^#(dot|nguoi)-(\d+)$/.exec(window.location.hash);
  if (match && match[1] === "nguoi" && bySlideMode.name.length) {
    mode = "name";
    body.dataset.mode = mode;
    if (modeButton) { modeButton.textContent = "Cả đợt"; }
  }
  var start = match ? parseInt(match[2], 10) - 1 : 0;
  if (document.fonts && document.fonts.ready) {
    show(start);
    document.fonts.ready.then(function () { fit(current()); });
  } else {
    show(start);
  }
})();
