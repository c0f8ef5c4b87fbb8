// radiocode result pages built in the browser: the service worker answers a
// /code address with a cached page of the same kind, family and language
// (<html data-shell> names the input it was rendered for, and
// #radiocode-catalog holds the translations of the core's messages); this fills
// it in with the reading core.js makes here, before site.js starts the copy
// button, practice radio and countdown. Load after core.js, before site.js.
(function () {
  "use strict";
  var rc = window.radiocode;
  var shell = document.documentElement.dataset.shell;
  var catalog = {};
  var data = document.getElementById("radiocode-catalog");
  if (data) {
    try { catalog = JSON.parse(data.textContent); } catch (e) { catalog = {}; }
  }
  var render = function (m) { return rc.render(m, catalog); };
  var WORDS = window.radiocodeData ? window.radiocodeData.PAGE_MESSAGES : {};
  // A text of the page in this language: `key` names one in PAGE_MESSAGES (core-data.js), `n` picks a plural form.
  var say = function (key, params, n) {
    var english = WORDS[key], id = Array.isArray(english) ? english[0] : english, entry = catalog[id];
    var text;
    if (!Array.isArray(english)) text = typeof entry === "string" ? entry : english;
    else if (entry && entry.forms) text = entry.forms[entry.n[n]];
    else text = english[n === 1 ? 0 : 1];
    return rc.render({ id: text, params: params });
  };
  var shellRadio = document.documentElement.dataset.shellRadio;
  if (shell === "wait" && rc) fillWait();
  else if (shellRadio && rc && window.radiocodeRadios) fillRadio(shell, shellRadio);
  else if (shell !== undefined && rc) fill(shell);  // "" is the shell for an empty input

  // Another radio's result page (rendered for its example number), or the page that asks
  // which radio (rendered for digits that fit the same radios): filled in for the input asked.
  function fillRadio(shellInput, shellRadio) {
    var params = new URLSearchParams(location.search);
    var typed = params.get("input") || "", reading = window.radiocodeRadios.read(typed, params.get("radio") || "");
    if (!reading) return;
    var from = "input=" + encodeURIComponent(shellInput);
    var links = function (to) {
      document.querySelectorAll("a[href], link[href]").forEach(function (el) {
        var href = el.getAttribute("href");
        if (href.indexOf(from) >= 0) el.setAttribute("href", href.split(from).join("input=" + encodeURIComponent(to)));
      });
    };
    if (shellRadio === "choice") {
      links(typed);
      document.querySelectorAll("input[name=input]").forEach(function (input) {
        if (input.value === shellInput) input.setAttribute("value", input.value = Array.from(typed).slice(0, 500).join(""));
      });
      return;
    }
    var codeBox = document.getElementById("the-code");
    if (!codeBox || !reading.ok) return;
    var shellCode = codeBox.textContent.trim(), number = reading.number, code = reading.code;
    // The number and the code in one pass: either may hold the other's digits.
    var both = new RegExp(shellInput + "|" + shellCode, "g");
    var swap = function (text) { return text.replace(both, function (m) { return m === shellInput ? number : code; }); };
    document.title = swap(document.title);
    var description = document.querySelector('meta[name="description"]');
    if (description) description.content = swap(description.content);
    document.querySelectorAll(".code-label").forEach(function (el) { el.textContent = swap(el.textContent); });
    codeBox.textContent = code;
    document.querySelectorAll("[data-copy]").forEach(function (el) { el.dataset.copy = code; });
    document.querySelectorAll("[data-code]").forEach(function (el) { el.dataset.code = code; });
    links(number);
    var message = document.querySelector(".reading");
    if (message) message.textContent = reading.messages.map(render).join(" ");
    var steps = document.querySelector("ol.steps");
    if (steps && reading.radio === "ford-m") {
      steps.textContent = "";
      window.radiocodeRadios.fordSteps(code).forEach(function (step) {
        var li = document.createElement("li");
        li.textContent = render(step);
        steps.appendChild(li);
      });
    }
  }

  function fill(shellInput) {
    var params = new URLSearchParams(location.search);
    var family = params.get("family") || rc.FAMILIES[0];
    var typed = params.get("input") || "";
    var reading = rc.read(typed);
    if (!reading.ok) return problem(rc.read(shellInput), reading, shellInput, typed);
    var shellPrecode = shellInput;
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
    var count = document.querySelector(".alts-count strong");
    if (count) {
      var answer = count.closest(".answer");
      if (reading.alternatives.length) count.textContent = say(letterInDoubt(reading) ? "alts_count" : "alts_count_label", { count: reading.alternatives.length + 1 });
      else {
        count.parentNode.remove();
        if (answer) answer.classList.remove("has-alts");
      }
    }
    var message = document.querySelector(".reading");
    if (message) message.textContent = rc.message(reading, catalog);
    otherRadios(params.get("input") || "");
    alternatives(reading, family);
    var steps = document.querySelector("ol.steps");
    if (steps) {
      steps.textContent = "";
      rc.entrySteps(code, family).forEach(function (step) {
        var li = document.createElement("li");
        li.textContent = render(step);
        steps.appendChild(li);
      });
    }
    var tries = params.get("tries");
    var estimate = tries ? rc.lockoutWaits(+tries) : null;
    if (estimate) waits(estimate);
  }

  // The wait page, rendered for one wrong code, for the count asked.
  function fillWait() {
    var tries = new URLSearchParams(location.search).get("tries");
    var estimate = tries ? rc.lockoutWaits(+tries) : null;
    if (!estimate) return;
    var title = document.getElementById("wait-title");
    if (title) title.textContent = say("wait_title", { count: estimate.tries }, estimate.tries);
    document.querySelectorAll("input[name=tries]").forEach(function (input) {
      input.setAttribute("value", input.value = estimate.tries);
    });
    document.querySelectorAll("link[href*='tries='], a[href*='tries=']").forEach(function (link) {
      link.setAttribute("href", link.getAttribute("href").replace(/([?&])tries=[0-9]+/, "$1tries=" + estimate.tries));
    });
    waits(estimate);
  }

  // The shell was rendered for another count of wrong codes: the same wording, this count's figures.
  function waits(estimate) {
    var section = document.getElementById("wait");
    if (!section) return;
    var tries = section.querySelector("input[name=tries]");
    if (tries) tries.setAttribute("value", tries.value = estimate.tries);
    document.querySelectorAll("a[href*='tries=']").forEach(function (link) {
      link.setAttribute("href", link.getAttribute("href").replace(/([?&])tries=[0-9]+/, "$1tries=" + estimate.tries));
    });
    var advice = section.querySelector(".advice strong");
    if (advice) advice.textContent = render(estimate.advice);
    // The countdown runs for the one wait recommended, never past what a source states.
    var countdown = section.querySelector(".countdown");
    if (countdown) {
      countdown.dataset.minutes = estimate.recommended;
      var timer = countdown.querySelector(".timer");
      if (timer) timer.textContent = String(estimate.recommended).padStart(2, "0") + ":00";
    }
    var title = section.querySelector(".sources-title");
    if (title) title.textContent = say("sources_title", { count: estimate.tries }, estimate.tries);
    section.querySelectorAll("ul.sources li").forEach(function (item, index) {
      var wait = estimate.waits[index], figure = item.querySelector(".source-wait");
      if (!wait || !figure) return;
      figure.textContent = wait.minutes === null ? say("no_figure") : say("minutes", { minutes: wait.minutes });
    });
  }

  // Bare digits are also the number of other radios (radiocode.web.pages): show those that
  // read them, as radiocode.radios does: exactly their length in ASCII digits, and a code.
  function otherRadios(input) {
    var section = document.querySelector(".other-radios"), radios = window.radiocodeRadios;
    if (!section || !radios) return;
    var number = rc.compact(input), any = false, typed = Array.from(input).slice(0, 40).join("");
    section.querySelectorAll("li[data-radio]").forEach(function (item) {
      var radio = item.dataset.radio, length = +item.dataset.length;
      var fits = number.length === length && /^[0-9]+$/.test(number) && radios.radioCode(radio, number) !== null;
      item.hidden = !fits;
      any = any || fits;
      var link = item.querySelector("a");
      if (link) link.setAttribute("href", link.getAttribute("href").replace(/input=[^&]*/, "input=" + encodeURIComponent(typed).replace(/%20/g, "+")));
    });
    section.hidden = !any;
  }

  // One line per reading: the chosen one first, each with its code and how to tell it apart.
  // As Reading.letter_in_doubt: an alternative that differs by its letter only is a look-alike.
  function letterInDoubt(reading) {
    return reading.alternatives.some(function (c) { return c.precode.slice(1) === reading.precode.slice(1); });
  }

  function alternatives(reading, family) {
    var list = document.querySelector("ul.alternatives");
    if (!list) return;
    if (!reading.alternatives.length) {
      (list.closest("section") || list).remove();
      return;
    }
    var title = document.getElementById("alts");
    if (title) title.textContent = say(letterInDoubt(reading) ? "alts_title" : "alts_title_label");
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
        hint.textContent = render(candidate.hint);
      } else if (hint) hint.remove();
      var link = li.querySelector("a");
      if (link) {
        link.href = "/code?input=" + encodeURIComponent(candidate.precode) + "&family=" + encodeURIComponent(family);
        link.textContent = link.textContent.split(otherPrecode).join(candidate.precode);
      }
      list.appendChild(li);
    });
  }

  // No code: the cached problem page with the same heading, its texts swapped for this reading's.
  function problem(shown, reading, shellInput, typed) {
    var swaps = [[rc.message(shown, catalog), rc.message(reading, catalog)]];
    var was = shown.error.params || {}, now = reading.error.params || {};
    ["what", "where"].forEach(function (part) {
      if (was[part] && now[part] && typeof was[part] === "object") swaps.push([render(was[part]), render(now[part])]);
    });
    // "A012 does not exist" names the precode as the core writes it (a012 -> A012), not as typed.
    var named = now.precode && was.precode ? now.precode : typed;
    var swap = function (text) {
      var trimmed = text.trim();
      for (var i = 0; i < swaps.length; i++) if (trimmed === swaps[i][0]) return swaps[i][1];
      return shellInput ? text.split(shellInput).join(named) : text;
    };
    document.title = swap(document.title);
    var description = document.querySelector('meta[name="description"]');
    if (description) description.content = swap(description.content);
    document.querySelectorAll("main h1, main h2, main p").forEach(function (el) {
      if (el.children.length) return;
      var text = swap(el.textContent);
      if (text !== el.textContent) el.textContent = text;
    });
    // The server keeps what was typed in the box only where it rendered it (500 characters at most).
    document.querySelectorAll("input[name=input]").forEach(function (input) {
      if (input.value === shellInput) input.setAttribute("value", input.value = Array.from(typed).slice(0, 500).join(""));
    });
  }
}());
