// radiocode offline: registers the service worker (sw.js) and says when the
// site works offline and when a fresh version is ready. Every page works without it.
(function () {
  "use strict";
  // Texts come from the page (gettext); English when the page has none.
  var box = document.getElementById("offline-status");
  var TEXT = {
    ready: "This site now works offline: after this visit you can get a code with no network.",
    offline: "You are offline. Codes are worked out on this device, nothing is sent.",
    fresh: "A fresh version of radiocode is ready.",
    reload: "Reload"
  };
  var text = function (key) { return (box && box.dataset[key]) || TEXT[key]; };

  // The "works offline" news is good to read once; it should not sit over the page for good.
  var READY_SECONDS = 12;
  var hideTimer = null;

  function hide() {
    if (!box) return;
    box.hidden = true;
    document.body.classList.remove("has-status");
  }

  function say(key, action) {
    clearTimeout(hideTimer);
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
    document.body.classList.add("has-status");
    if (key === "ready") hideTimer = setTimeout(hide, READY_SECONDS * 1000);
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
  // The note sits at the bottom of the screen: while a field has the focus (a phone's
  // keyboard up), it steps aside so that it never covers what is being typed.
  document.addEventListener("focusin", function (event) {
    if (box && /^(INPUT|TEXTAREA|SELECT)$/.test(event.target.tagName)) box.classList.add("aside");
  });
  document.addEventListener("focusout", function () { if (box) box.classList.remove("aside"); });
  // The worker's "not saved" page, for a photo sent with no connection.
  if (document.documentElement.dataset.offline === "photo") {
    var photo = document.getElementById("offline-photo");
    if (photo) photo.hidden = false;
  }
  if (!navigator.onLine) say("offline");
  window.addEventListener("offline", function () { say("offline"); });
  window.addEventListener("online", function () { if (box && box.dataset.state === "offline") hide(); });
}());
