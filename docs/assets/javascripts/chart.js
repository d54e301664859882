/* The brain-body chart: each point's values in a tooltip on hover, keyboard focus or tap, and
   on phones a full-screen view of the wide drawing. scripts/brain_chart.py writes this file
   inline after the figure, so it needs no request and no path. No dependencies; one listener
   per event type on the document, so the drawings carry no handlers of their own. */
(function () {
  "use strict";
  var POINT = ".bb-pt";
  var TAP_RADIUS = 24;  /* px: a finger rarely lands on a 9 px marker */
  var current = null;

  function pointOf(target) {
    return target && target.closest ? target.closest(POINT) : null;
  }

  function holder(point) {
    return point.closest(".bb-dialog__body") || point.closest("figure");
  }

  function tipIn(box) {
    var tip = box.querySelector(":scope > .bb-tip");
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "bb-tip";
      tip.hidden = true;
      /* The point's own name says all this; the tooltip is for the eyes only */
      tip.setAttribute("aria-hidden", "true");
      box.appendChild(tip);
    }
    return tip;
  }

  function show(point) {
    if (point === current) return;
    hide();
    var box = holder(point);
    if (!box) return;
    var tip = tipIn(box);
    var label = point.getAttribute("aria-label") || "";
    var cut = label.indexOf(": ");
    var name = document.createElement("strong");
    name.textContent = cut < 0 ? label : label.slice(0, cut);
    tip.replaceChildren(name);
    if (cut >= 0) tip.append(document.createElement("br"), label.slice(cut + 2));
    tip.hidden = false;
    var p = point.getBoundingClientRect(), b = box.getBoundingClientRect();
    var x = p.left + p.width / 2 - b.left + box.scrollLeft;
    var y = p.top - b.top + box.scrollTop;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.max(box.scrollLeft + 2,
                        Math.min(x - w / 2, box.scrollLeft + box.clientWidth - w - 2));
    var top = y - h - 8;
    if (top < box.scrollTop) top = y + p.height + 8;
    tip.style.left = Math.round(left) + "px";
    tip.style.top = Math.round(top) + "px";
    point.classList.add("bb-on");
    current = point;
  }

  function hide() {
    if (!current) return;
    current.classList.remove("bb-on");
    var box = holder(current);
    if (box) tipIn(box).hidden = true;
    current = null;
  }

  function nearest(svg, x, y) {
    var best = null, bestDistance = TAP_RADIUS;
    svg.querySelectorAll(POINT).forEach(function (point) {
      var r = point.getBoundingClientRect();
      var d = Math.hypot(r.left + r.width / 2 - x, r.top + r.height / 2 - y);
      if (d < bestDistance) { best = point; bestDistance = d; }
    });
    return best;
  }

  document.addEventListener("pointerover", function (event) {
    var point = pointOf(event.target);
    if (point && event.pointerType !== "touch") show(point);
  });
  document.addEventListener("pointerout", function (event) {
    var point = pointOf(event.target);
    if (point && point === current && event.pointerType !== "touch"
        && document.activeElement !== point) hide();
  });
  document.addEventListener("focusin", function (event) {
    var point = pointOf(event.target);
    if (point) show(point);
  });
  document.addEventListener("focusout", function (event) {
    if (current && event.target === current) hide();
  });
  /* A tap or click shows the point under it, or the nearest one within reach */
  document.addEventListener("click", function (event) {
    var svg = event.target.closest && event.target.closest("svg.bb");
    if (!svg) { hide(); return; }
    var point = pointOf(event.target) || nearest(svg, event.clientX, event.clientY);
    if (point) show(point); else hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      hide();
      event.preventDefault();  /* the first Escape closes the tooltip, not the dialog */
      return;
    }
    /* Arrow keys step through the points of one drawing, lightest to heaviest */
    var point = pointOf(event.target);
    if (!point || (event.key !== "ArrowRight" && event.key !== "ArrowLeft")) return;
    var all = Array.prototype.slice.call(point.ownerSVGElement.querySelectorAll(POINT));
    var next = all[all.indexOf(point) + (event.key === "ArrowRight" ? 1 : -1)];
    if (next) { next.focus(); event.preventDefault(); }
  });

  /* Enlarge: the wide drawing in a full-screen dialog, scrolled sideways on a phone */
  function enlarge(figure) {
    var dialog = figure.querySelector(".bb-dialog");
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.className = "bb-dialog";
      dialog.setAttribute("aria-label", "The brain-body chart, full size");
      var bar = document.createElement("div"), close = document.createElement("button");
      var body = document.createElement("div");
      bar.className = "bb-dialog__bar";
      close.type = "button";
      close.textContent = "Close";
      close.addEventListener("click", function () { dialog.close(); });
      body.className = "bb-dialog__body";
      var copy = figure.querySelector("svg.bb-wide").cloneNode(true);
      /* Ids stay unique on the page (the tick marks' <use> finds the originals); the copy
         keeps its name, its points and theirs */
      copy.querySelectorAll("style, desc").forEach(function (e) { e.remove(); });
      copy.querySelectorAll("[id]").forEach(function (e) { e.removeAttribute("id"); });
      copy.removeAttribute("aria-describedby");
      bar.appendChild(close);
      body.appendChild(copy);
      dialog.append(bar, body);
      dialog.addEventListener("close", hide);
      figure.appendChild(dialog);
    }
    dialog.showModal();
  }

  document.querySelectorAll("#brain-body-chart .bb-enlarge").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { enlarge(button.closest("figure")); });
  });
})();
