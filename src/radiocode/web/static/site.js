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

  function countdown(box) {
    var minutes = parseInt(box.dataset.minutes, 10);
    if (!(minutes > 0)) return;
    var time = box.querySelector(".timer");
    var start = box.querySelector("button");
    var status = box.querySelector("[role=status]");
    var timer = null;
    box.hidden = false;
    start.addEventListener("click", function () {
      var end = Date.now() + minutes * 60000;
      if (timer) clearInterval(timer);
      var tick = function () {
        var left = Math.max(0, Math.round((end - Date.now()) / 1000));
        time.textContent = pad(Math.floor(left / 60)) + ":" + pad(left % 60);
        if (left === 0) {
          clearInterval(timer);
          status.textContent = status.dataset.done;
        }
      };
      tick();
      timer = setInterval(tick, 250);
    });
  }

  // A drawn radio: presets 1 to 4 step the digits, the confirm preset checks them.
  function practice(panel) {
    var code = panel.dataset.code;
    var confirm = panel.dataset.confirm;
    var display = panel.querySelector(".display");
    var status = panel.querySelector(".practice-status");
    var digits, finished;
    function reset() {
      digits = [0, 0, 0, 0];
      finished = false;
      display.textContent = "0000";
      status.textContent = "";
      panel.dataset.state = "entering";
    }
    panel.hidden = false;
    reset();
    panel.querySelectorAll(".preset").forEach(function (button) {
      button.addEventListener("click", function () {
        if (finished) return;
        var preset = button.dataset.preset;
        var n = parseInt(preset, 10);
        if (n >= 1 && n <= 4) {
          digits[n - 1] = (digits[n - 1] + 1) % 10;
          display.textContent = digits.join("");
        } else if (preset === confirm) {
          finished = true;
          var right = digits.join("") === code;
          display.textContent = right ? "UNLOCKED" : "CODE";
          status.textContent = right ? status.dataset.right : status.dataset.wrong;
          panel.dataset.state = right ? "unlocked" : "wrong";
        }
      });
    });
    panel.querySelector("#practice-reset").addEventListener("click", reset);
  }

  document.querySelectorAll(".copy").forEach(copyButton);
  document.querySelectorAll(".countdown").forEach(countdown);
  document.querySelectorAll(".practice").forEach(practice);
}());
