// radiocode's other radio families in the browser: the Ford M-series method (also the
// Fiat Stilo/Bravo Visteon's, on its six digits), Fiat VP1/VP2 and Fiat Daiichi.
// Written from the facts file's statement of each method (domain-facts-brands §10),
// like the Python modules in radiocode/radios/, which are the one source of truth:
// tests/offline/test_radios_js.py proves this file equal to them on every input
// (all 1,000,000 Ford serials, every Fiat number). Change both together.
(function (root) {
  "use strict";

  // ---- Ford M-series (domain-facts-brands §10.1) ---------------------------
  var T = [
    [9, 5, 3, 4, 8, 7, 2, 6, 1, 0],
    [2, 1, 5, 6, 9, 3, 7, 0, 4, 8],
    [0, 4, 7, 3, 1, 9, 6, 5, 8, 2],
    [5, 6, 4, 1, 2, 8, 0, 9, 3, 7],
    [6, 3, 1, 2, 0, 5, 4, 8, 7, 9],
    [4, 0, 8, 7, 6, 1, 9, 3, 2, 5],
    [7, 8, 0, 5, 3, 2, 1, 4, 9, 6],
    [1, 9, 6, 8, 7, 4, 5, 2, 0, 3],
    [3, 2, 9, 0, 4, 6, 8, 7, 5, 1],
    [8, 7, 2, 9, 5, 0, 3, 1, 6, 4]
  ];
  var SIX_DIGITS = /^[0-9]{6}$/;

  // The tens digit and the units digit of x, plus r1, mod 10 (a hundreds digit is dropped).
  function fold(x, r1) { return (Math.floor(x / 10) % 10 + x % 10 + r1) % 10; }

  // The code for six ASCII digits (a Ford serial without its M); null for anything else.
  function fordCode(digits) {
    if (typeof digits !== "string" || !SIX_DIGITS.test(digits)) return null;
    // n1 is the LAST digit, n6 the first; n7 = 0.
    var r1 = T[digits.charCodeAt(5) - 48][5], r2 = T[digits.charCodeAt(4) - 48][3], r3 = T[digits.charCodeAt(3) - 48][8];
    var r4 = T[digits.charCodeAt(2) - 48][2], r5 = T[digits.charCodeAt(1) - 48][1], r6 = T[digits.charCodeAt(0) - 48][6];
    var r7 = T[0][9];
    var a = T[r2][r1] + 1;
    var s1 = (a * (T[r6][r2] + 1) + (T[r4][r3] + 1) * (T[r7][r5] + 1) + T[r1][r4]) % 10;
    var s2 = (a * (T[r5][r4] + 1) + (T[r5][r2] + 1) * (T[r7][r3] + 1) + T[r1][r6]) % 10;
    var s3 = (a * (T[r4][r2] + 1) + (T[r3][r6] + 1) * (T[r7][r4] + 1) + T[r1][r5]) % 10;
    var s4 = (a * (T[r6][r3] + 1) + (T[r3][r7] + 1) * (T[r2][r5] + 1) + T[r4][r1]) % 10;
    var x1 = (T[s1][5] + 1) * (T[s2][1] + 1) + 105;
    var x2 = (T[s2][1] + 1) * (T[s4][0] + 1) + 102;
    var x3 = (T[s1][5] + 1) * (T[s3][8] + 1) + 103;
    var x4 = (T[s3][8] + 1) * (T[s4][0] + 1) + 108;
    return "" + fold(x4, r1) + fold(x3, r1) + fold(x2, r1) + fold(x1, r1);
  }

  // ---- Fiat VP1/VP2 (§10.2): the last four digits of the serial ---------------
  // Per code digit: which input digit it comes from, and the values of inputs 6, 7, 8, 9.
  var VP = [[2, [0, 0, 0, 1]], [0, [1, 1, 0, 1]], [3, [2, 2, 0, 1]], [1, [3, 3, 0, 1]]];
  var FOUR_DIGITS = /^[0-9]{4}$/;

  function vpCode(digits) {
    if (typeof digits !== "string" || !FOUR_DIGITS.test(digits)) return null;
    return VP.map(function (p) {
      var d = digits.charCodeAt(p[0]) - 48;
      return String(1 + (d <= 5 ? d : p[1][d - 6]));
    }).join("");
  }

  // ---- Fiat Daiichi (§10.3): (10000 - the reversed digits) mod 10000 ---------------
  // No code for numbers starting with 0: the sources disagree on them.
  function daiichiCode(digits) {
    if (typeof digits !== "string" || !FOUR_DIGITS.test(digits) || digits[0] === "0") return null;
    var v = Number(digits.split("").reverse().join(""));
    return ("000" + ((10000 - v) % 10000)).slice(-4);
  }

  // ---- The families, by the ids of radiocode.radios -----------------------------
  // Each takes the number as the Python module's validate() returns it (compacted).
  var FAMILIES = {
    "ford-m": function (serial) {
      return typeof serial === "string" && /^M[0-9]{6}$/.test(serial) ? fordCode(serial.slice(1)) : null;
    },
    "fiat-visteon": fordCode,
    "fiat-vp": vpCode,
    "fiat-daiichi": daiichiCode
  };

  // The code of `number` on the radio `radio`, or null when that radio gives none for it.
  function radioCode(radio, number) {
    return Object.prototype.hasOwnProperty.call(FAMILIES, radio) ? FAMILIES[radio](number) : null;
  }

  // ---- radiocode.radios.read, for the inputs the browser answers alone ---------------
  // A Ford serial typed as one (M or V, perhaps a 0, six digits; any separators), and a
  // Fiat family's digits with the radio (or its make) named. null for anything else: the
  // server (or the page it saved) answers. Readings as core.js makes them: messages are
  // {id, params}, rendered late. Needs core-data.js and core.js (compact), loaded after.
  var FORD_SERIAL = /^([MV])(0?)([0-9]{6})$/;
  var DIGITS = /^[0-9]+$/;
  // Python's str.strip() (core.js keeps the same class).
  var STRIP = /^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
  var data = function () { return root.radiocodeData.RADIOS; };
  var compact = function (text) { return root.radiocode.compact(text); };
  var msg = function (id, params) { return { id: id, params: params || null }; };

  function found(radio, number, code, message, corrected) {
    return { ok: true, kind: "serial", radio: radio, number: number, code: code, messages: [message], corrected: !!corrected, error: null };
  }

  function fordRead(text) {
    var m = FORD_SERIAL.exec(compact(text.toUpperCase()));
    if (!m) return null;
    var serial = m[1] + m[3];
    if (m[1] === "V") return { ok: false, kind: "serial", radio: "ford-m", number: serial, code: null, messages: [], error: { type: "not_computable" } };
    var code = fordCode(m[3]), D = data();
    if (m[2]) return found("ford-m", serial, code, msg(D.DROPPED_ZERO, { typed: text.replace(STRIP, ""), serial: serial, code: code }), true);
    return found("ford-m", serial, code, msg(D.SERIAL, { serial: serial, code: code }));
  }

  // The exact digits of one Fiat family (fiat_visteon, fiat_vp, fiat_daiichi .read).
  function digitsRead(radio, text) {
    var number = compact(text), D = data();
    if (!DIGITS.test(number)) return null;
    if (radio === "fiat-vp" && number.length > 4) {
      var last = number.slice(-4), c = vpCode(last);
      return found(radio, last, c, msg(D.LAST_FOUR, { number: last, code: c }), true);
    }
    var code = radioCode(radio, number);
    return code === null ? null : found(radio, number, code, msg(D.NUMBER, { number: number, code: code }));
  }

  // The radios that read these digits when only the make is named: radiocode.radios.read's
  // "fitting" readings (a code, or a number the radio refuses: a Daiichi number with a 0 first).
  function fitting(ids, text) {
    var number = compact(text);
    if (!DIGITS.test(number)) return null;
    return ids.filter(function (radio) {
      if (radio === "fiat-vp") return number.length >= 4;
      if (radio === "fiat-visteon") return number.length === 6;
      if (radio === "fiat-daiichi") return number.length === 4;
      return false;
    });
  }

  function read(text, radio) {
    if (typeof text !== "string" || Array.from(text).length > root.radiocodeData.MAX_INPUT_LENGTH) return null;
    if (!radio) return fordRead(text);
    if (typeof radio !== "string") return null;
    var key = radio.replace(STRIP, "").toLowerCase().replace(/ /g, "-").replace(/_/g, "-"), D = data();
    var ids = Object.prototype.hasOwnProperty.call(FAMILIES, key) ? [key] : key === "renault" ? null : D.MAKES[key];
    if (!ids || ids.indexOf("renault") >= 0) return null;
    if (ids.length === 1) return ids[0] === "ford-m" ? fordRead(text) : digitsRead(ids[0], text);
    var fits = fitting(ids, text);
    if (!fits || !fits.length) return null;
    if (fits.length === 1) return digitsRead(fits[0], text);
    return { ok: false, kind: "ambiguous", radio: null, number: compact(text), code: null, messages: [], error: { type: "ambiguous_radio" }, byRadio: fits };
  }

  // ford_m.entry_steps: presets 1 to 4 set the digits, preset 5 enters the code.
  function fordSteps(code) {
    var S = data().FORD_STEPS, steps = [msg(S.first)];
    code.split("").forEach(function (d, i) {
      steps.push(msg(S.digit, { button: i + 1, ordinal: msg(S.ordinal[i + 1]), digit: +d }));
    });
    steps.push(msg(S.last));
    return steps;
  }

  root.radiocodeRadios = {
    IDS: Object.keys(FAMILIES),
    fordCode: fordCode,
    vpCode: vpCode,
    daiichiCode: daiichiCode,
    radioCode: radioCode,
    read: read,
    fordSteps: fordSteps
  };
}(typeof self !== "undefined" ? self : globalThis));
