// radiocode: optional helpers. Every page works without this file.
(function () {
  "use strict";
  // For browsers without the (scripting) media feature: show what needs this file.
  document.documentElement.classList.add("js");

  function copyButton(button) {
    var status = document.querySelector(".copy-status");
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () { if (status) status.textContent = button.dataset.done; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(button.dataset.copy).then(done, function () { selectCode(); });
      } else {
        selectCode();
      }
    });
  }

  function selectCode() {
    var code = document.getElementById("the-code");
    if (!code) return;
    var range = document.createRange();
    range.selectNodeContents(code);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  // The end of a running wait survives a reload (one radio, one wait): kept in localStorage.
  var WAIT_KEY = "radiocode-wait-end";
  function storedEnd() {
    try { return parseInt(localStorage.getItem(WAIT_KEY), 10) || 0; } catch (e) { return 0; }
  }
  function storeEnd(end) {
    try { if (end) localStorage.setItem(WAIT_KEY, String(end)); else localStorage.removeItem(WAIT_KEY); } catch (e) { /* private mode */ }
  }

  function countdown(box) {
    var minutes = parseInt(box.dataset.minutes, 10);
    if (!(minutes > 0)) return;
    var time = box.querySelector(".timer");
    var start = box.querySelector("button");
    var status = box.querySelector("[role=status]");
    var timer = null;
    box.hidden = false;
    function run(end) {
      if (timer) clearInterval(timer);
      var tick = function () {
        var left = Math.max(0, Math.round((end - Date.now()) / 1000));
        time.textContent = pad(Math.floor(left / 60)) + ":" + pad(left % 60);
        if (left === 0) {
          clearInterval(timer);
          storeEnd(0);
          status.textContent = status.dataset.done;
        }
      };
      tick();
      timer = setInterval(tick, 250);
    }
    start.addEventListener("click", function () {
      var end = Date.now() + minutes * 60000;
      storeEnd(end);
      run(end);
    });
    var running = storedEnd();
    if (running > Date.now()) run(running);
    else if (running) storeEnd(0);
  }

  // A drawn radio: presets 1 to 4 step the digits; the confirm preset is held until the beep,
  // as on the radio. The display shows only what the sources say a radio shows: the digits, CODE.
  // How long the real unit wants the hold is not in the sources: the drawing beeps after HOLD_MS.
  var HOLD_MS = 1000;
  function practice(panel) {
    var code = panel.dataset.code;
    var confirm = panel.dataset.confirm;
    var display = panel.querySelector(".display");
    var status = panel.querySelector(".practice-status");
    var digits, finished, holding = null;
    function reset() {
      digits = [0, 0, 0, 0];
      finished = false;
      display.textContent = "0000";
      status.textContent = "";
      panel.dataset.state = "entering";
    }
    function confirmed() {
      holding = null;
      finished = true;
      var right = digits.join("") === code;
      display.classList.add("beep");
      setTimeout(function () { display.classList.remove("beep"); }, 400);
      display.textContent = right ? digits.join("") : "CODE";
      status.textContent = right ? status.dataset.right : status.dataset.wrong;
      panel.dataset.state = right ? "unlocked" : "wrong";
    }
    function press(button) {
      if (finished || button.dataset.preset === confirm) return;
      var n = parseInt(button.dataset.preset, 10);
      if (n >= 1 && n <= 4) {
        digits[n - 1] = (digits[n - 1] + 1) % 10;
        display.textContent = digits.join("");
      }
    }
    function hold(button) {
      if (finished || button.dataset.preset !== confirm || holding) return;
      holding = setTimeout(confirmed, HOLD_MS);
    }
    function release(button) {
      if (button.dataset.preset !== confirm || !holding) return;
      clearTimeout(holding);
      holding = null;
      if (!finished) status.textContent = status.dataset.hold;
    }
    panel.hidden = false;
    reset();
    panel.querySelectorAll(".preset").forEach(function (button) {
      button.addEventListener("click", function () { press(button); });
      button.addEventListener("pointerdown", function () { hold(button); });
      ["pointerup", "pointerleave", "pointercancel"].forEach(function (type) {
        button.addEventListener(type, function () { release(button); });
      });
      // Keyboard: holding Enter or Space holds the preset.
      button.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          if (button.dataset.preset === confirm) event.preventDefault();
          if (!event.repeat) hold(button);
        }
      });
      button.addEventListener("keyup", function (event) {
        if (event.key === "Enter" || event.key === " ") release(button);
      });
    });
    panel.querySelector("#practice-reset").addEventListener("click", reset);
  }

  // ---- the photo form: a smaller photo, and word of what is happening ---------
  // Phone photos are 2 to 5 MB; the label reads as well at 1600 px on the longest side.
  var LONGEST_SIDE = 1600, JPEG_QUALITY = 0.85;

  function shrink(file) {
    if (!window.createImageBitmap || !file || !/^image\//.test(file.type)) return Promise.resolve(null);
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, LONGEST_SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      return new Promise(function (resolve) { canvas.toBlob(resolve, "image/jpeg", JPEG_QUALITY); });
    }).then(function (blob) {
      // Only when it helps: a small PNG stays as it is.
      return blob && blob.size < file.size ? blob : null;
    }).catch(function () { return null; });  // a format the browser cannot draw: the server reads the original
  }

  function photoForm(form) {
    var button = form.querySelector("button[type=submit]");
    var input = form.querySelector("input[type=file]");
    var status = form.querySelector(".photo-status");
    var idle = button.textContent;
    var busy = false;
    function state(text, disabled) {
      button.textContent = text;
      button.disabled = disabled;
      form.setAttribute("aria-busy", disabled ? "true" : "false");
    }
    function offline() {
      busy = false;
      state(idle, false);
      if (status) status.textContent = form.dataset.offline;
      var field = document.getElementById("input");
      if (field) field.focus();
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) return;
      if (!navigator.onLine) return offline();
      busy = true;
      if (status) status.textContent = "";
      state(form.dataset.uploading, true);
      var file = input.files[0];
      shrink(file).then(function (small) {
        var body = new FormData(form);
        if (small) body.set(input.name, small, (file.name || "photo").replace(/\.[^.]*$/, "") + ".jpg");
        var request = new XMLHttpRequest();
        request.open("POST", form.action);
        request.upload.addEventListener("load", function () { state(form.dataset.reading, true); });
        request.addEventListener("load", function () { show(request); });
        request.addEventListener("error", offline);
        request.send(body);
      });
    });
  }

  // The server's answer replaces this page, at its own address, as the plain form's would.
  function show(request) {
    history.replaceState(null, "", request.responseURL || location.href);
    document.open();
    document.write(request.responseText);
    document.close();
  }

  document.querySelectorAll(".copy").forEach(copyButton);
  document.querySelectorAll(".countdown").forEach(countdown);
  document.querySelectorAll(".practice").forEach(practice);
  document.querySelectorAll("form.photo-form").forEach(photoForm);
  // A result (or the reason there is none) is what the person came for: its heading gets the focus.
  var heading = document.querySelector("main h1");
  if (heading && !location.hash && (document.getElementById("the-code") || /\/(code|label)$/.test(location.pathname))) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }
}());
