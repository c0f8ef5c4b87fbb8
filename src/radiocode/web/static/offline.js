// radiocode offline: registers the service worker, says when the site works
// offline and when a fresh version is ready, and fills in a result page that
// the worker built from a cached one (<html data-shell>) with the reading
// core.js makes in the browser. Load after core.js. Every page works without it.
(function () {
  "use strict";
  var rc = window.radiocode;
  // Texts come from the page (gettext); English when the page has none.
  var box = document.getElementById("offline-status");
  var TEXT = {
    ready: "This site now works offline: after this visit you can get a code with no network.",
    offline: "You are offline. Codes are worked out on this device, nothing is sent.",
    fresh: "A fresh version of radiocode is ready.",
    reload: "Reload",
    problem: "No code from this"
  };
  var text = function (key) { return (box && box.dataset[key]) || TEXT[key]; };

  function say(key, action) {
    if (!box) {
      box = document.createElement("p");
      box.id = "offline-status";
      box.setAttribute("role", "status");
      var main = document.querySelector("main");
      if (!main) return;
      main.insertBefore(box, main.firstChild);
    }
    box.className = "note offline-" + key;
    box.dataset.state = key;
    box.textContent = text(key) + " ";
    if (action) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = text("reload");
      button.addEventListener("click", action);
      box.appendChild(button);
    }
    box.hidden = false;
  }

  // ---- the service worker ----------------------------------------------------
  function register() {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function (registration) {
      var fresh = function () {
        say("fresh", function () {
          if (registration.waiting) registration.waiting.postMessage("skip-waiting");
          else location.reload();
        });
      };
      if (registration.waiting && navigator.serviceWorker.controller) fresh();
      registration.addEventListener("updatefound", function () {
        var worker = registration.installing;
        worker.addEventListener("statechange", function () {
          if (worker.state === "installed" && navigator.serviceWorker.controller) fresh();
        });
      });
      navigator.serviceWorker.addEventListener("message", function (event) {
        if (event.data && event.data.type === "fresh-version") fresh();
        if (event.data && event.data.type === "offline-ready" && navigator.onLine) say("ready");
      });
    }).catch(function () {});
    var reloading = false;
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      // Only a worker the person asked for replaces a controlling one: reload onto it.
      if (box && box.dataset.state === "fresh" && !reloading) {
        reloading = true;
        location.reload();
      }
    });
  }

  if ("serviceWorker" in navigator && window.isSecureContext) {
    if (document.readyState === "complete") register();
    else window.addEventListener("load", register);
  }
  if (!navigator.onLine) say("offline");
  window.addEventListener("offline", function () { say("offline"); });
  window.addEventListener("online", function () { if (box && box.dataset.state === "offline") box.hidden = true; });

  // ---- a result page built from a cached one ---------------------------------
  var shell = document.documentElement.dataset.shell;
  if (shell && rc) fill(shell);

  function fill(shellPrecode) {
    var params = new URLSearchParams(location.search);
    var family = params.get("family") || "preset6";
    var reading = rc.read(params.get("input") || "");
    if (!reading.ok) return problem(reading);
    var precode = reading.precode, code = reading.code;
    var codeBox = document.getElementById("the-code");
    var shellCode = codeBox.textContent.trim();
    var swap = function (s) { return s.split(shellPrecode).join(precode).split(shellCode).join(code); };

    document.title = swap(document.title);
    var description = document.querySelector('meta[name="description"]');
    if (description) description.content = swap(description.content);
    document.querySelectorAll(".code-label").forEach(function (el) { el.textContent = swap(el.textContent); });
    codeBox.textContent = code;
    document.querySelectorAll("[data-copy]").forEach(function (el) { el.dataset.copy = code; });
    document.querySelectorAll("[data-code]").forEach(function (el) { el.dataset.code = code; });
    document.querySelectorAll("input[name=input]").forEach(function (el) { if (el.type === "hidden") el.value = precode; });
    var from = "input=" + encodeURIComponent(shellPrecode), to = "input=" + encodeURIComponent(precode);
    document.querySelectorAll("a[href], link[href]").forEach(function (el) {
      var href = el.getAttribute("href");
      if (href.indexOf(from) >= 0) el.setAttribute("href", href.split(from).join(to));
    });
    var message = document.querySelector(".reading");
    if (message) message.textContent = rc.message(reading);
    alternatives(reading, family);
    var steps = document.querySelector("ol.steps");
    if (steps) {
      steps.textContent = "";
      rc.entrySteps(code, family).forEach(function (step) {
        var li = document.createElement("li");
        li.textContent = rc.render(step);
        steps.appendChild(li);
      });
    }
    var tries = params.get("tries");
    var estimate = tries ? rc.lockoutWaits(+tries) : null;
    var form = document.querySelector("#wait form");
    if (estimate && form) {
      form.querySelector("input[name=tries]").value = tries;
      var advice = document.createElement("p");
      advice.className = "advice";
      var link = document.createElement("a");
      link.href = "/wait?tries=" + estimate.tries + "#wait";
      link.textContent = rc.render(estimate.advice);
      advice.appendChild(link);
      form.parentNode.insertBefore(advice, form.nextSibling);
    }
  }

  // One line per reading: the chosen one first, each with its code and how to tell it apart.
  function alternatives(reading, family) {
    var list = document.querySelector("ul.alternatives");
    if (!list) return;
    if (!reading.alternatives.length) {
      (list.closest("section") || list).remove();
      return;
    }
    var items = list.querySelectorAll("li");
    var chosen = items[0], other = items[1];
    var otherPrecode = other.querySelector(".alt-precode").textContent.trim();
    list.textContent = "";
    rc.candidates(reading).forEach(function (candidate, i) {
      var li = (i ? other : chosen).cloneNode(true);
      li.querySelector(".alt-precode").textContent = candidate.precode;
      li.querySelector(".alt-code").textContent = candidate.code;
      var hint = li.querySelector(".alt-hint");
      if (candidate.hint) {
        if (!hint) {
          hint = document.createElement("span");
          hint.className = "alt-hint";
          li.querySelector(".alt-code").after(hint);
        }
        hint.textContent = rc.render(candidate.hint);
      } else if (hint) hint.remove();
      var link = li.querySelector("a");
      if (link) {
        link.href = "/code?input=" + encodeURIComponent(candidate.precode) + "&family=" + encodeURIComponent(family);
        link.textContent = link.textContent.split(otherPrecode).join(candidate.precode);
      }
      list.appendChild(li);
    });
  }

  // No code: say why, and keep the form for another try.
  function problem(reading) {
    var main = document.querySelector("main");
    var keep = main.querySelector("form.lookup");
    keep = keep && (keep.closest("section") || keep);
    var h1 = main.querySelector("h1");
    main.textContent = "";
    if (h1) {
      h1.textContent = text("problem");
      main.appendChild(h1);
    }
    var p = document.createElement("p");
    p.className = "warn";
    p.id = "problem-message";
    p.textContent = rc.message(reading);
    main.appendChild(p);
    if (box) main.appendChild(box);
    if (keep) main.appendChild(keep);
    document.title = text("problem") + " · radiocode";
  }
}());
