/* Watch and read together. A talk page offers the video in a docked player that loads
   YouTube's privacy-enhanced embed only when the reader asks; until then nothing is requested
   from another host. Once it plays, timestamps seek it instead of leaving the page, and the
   section being spoken is marked in the text and in the table of contents, from the player's
   own message channel. Without this script every timestamp is a plain link to YouTube. */
(function () {
  "use strict";
  var box = document.querySelector(".talk-player");
  if (!box) return;
  var HOST = "https://www.youtube-nocookie.com";
  var frame = null, marked = null, sections = [];

  function seconds(link) {
    var t = new URL(link.href).searchParams.get("t");
    return t ? parseInt(t, 10) : null;
  }
  function clock(s) {
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  /* Each section's start: the first timestamp after its heading. */
  document.querySelectorAll("article h2[id]").forEach(function (h) {
    var next = h.nextElementSibling;
    var link = next && next.querySelector("a.timestamp");
    if (link && seconds(link) !== null) sections.push({ id: h.id, at: seconds(link), h: h });
  });
  var wanted = parseInt(new URLSearchParams(location.search).get("t"), 10);
  var start = isNaN(wanted) ? (sections[0] ? sections[0].at : 0) : wanted;
  var load = box.querySelector(".talk-player__load");
  if (!isNaN(wanted)) load.textContent = "Play the talk here from " + clock(wanted) + " — loads YouTube";

  function send(func, args) {
    if (frame) frame.contentWindow.postMessage(JSON.stringify(
      { event: "command", func: func, args: args || [] }), HOST);
  }
  function follow(now) {
    var current = null;
    sections.forEach(function (s) { if (s.at <= now) current = s; });
    if (!current || current === marked) return;
    if (marked) {
      marked.h.classList.remove("is-speaking");
      var old = document.querySelector(".md-nav__link.is-speaking");
      if (old) old.classList.remove("is-speaking");
    }
    marked = current;
    current.h.classList.add("is-speaking");
    var toc = document.querySelector('.md-nav--secondary a[href="#' + current.id + '"]');
    if (toc) toc.classList.add("is-speaking");
    box.querySelector(".talk-player__now").textContent = "Now: " + current.h.textContent.replace("¶", "").trim();
  }
  window.addEventListener("message", function (event) {
    if (event.origin !== HOST || !frame || event.source !== frame.contentWindow) return;
    var data;
    try { data = JSON.parse(event.data); } catch (e) { return; }
    if (data && data.info && typeof data.info.currentTime === "number") follow(Math.floor(data.info.currentTime));
  });

  function open(at) {
    frame = document.createElement("iframe");
    frame.src = HOST + "/embed/" + box.dataset.video + "?start=" + at +
      "&autoplay=1&enablejsapi=1&rel=0&origin=" + encodeURIComponent(location.origin);
    frame.title = "Video: Ilya Sutskever's NeurIPS 2024 talk";
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.addEventListener("load", function () {
      frame.contentWindow.postMessage(JSON.stringify({ event: "listening", id: "talk", channel: "widget" }), HOST);
    });
    box.querySelector(".talk-player__screen").appendChild(frame);
    box.classList.add("is-open");
    box.querySelector(".talk-player__controls").hidden = false;
    load.hidden = true;
    box.querySelector(".talk-player__note").hidden = true;
    /* Focus goes to the video that appeared, so its own keys work at once; a second Enter
       on the button that was there must not close it again. */
    frame.focus();
  }
  load.addEventListener("click", function () { open(start); });

  box.querySelector(".talk-player__mini").addEventListener("click", function () {
    var mini = box.classList.toggle("is-mini");
    this.setAttribute("aria-pressed", String(mini));
  });
  box.querySelector(".talk-player__close").addEventListener("click", function () {
    frame.remove();
    frame = null;
    box.classList.remove("is-open", "is-mini");
    box.querySelector(".talk-player__controls").hidden = true;
    load.hidden = false;
    load.focus();
  });
  box.querySelector(".talk-player__share").addEventListener("click", function () {
    var at = marked ? marked : sections[0];
    var url = location.origin + location.pathname + "?t=" + (at ? at.at : 0) + (at ? "#" + at.id : "");
    var say = box.querySelector(".talk-player__now");
    if (navigator.clipboard) navigator.clipboard.writeText(url).then(function () {
      say.textContent = "Link to this moment copied";
    });
  });

  /* Once the player is open, a plain click on a timestamp seeks it; a modifier key or a
     middle click still opens YouTube, as the link says. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.timestamp");
    if (!link || !frame || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) return;
    var at = seconds(link);
    if (at === null) return;
    event.preventDefault();
    send("seekTo", [at, true]);
    send("playVideo");
    follow(at);
  });
})();
