// radiocode core in the browser: a port of radiocode.precode, reading, kinds,
// families.entry_steps and lockout.lockout_waits. The Python core is the one
// source of truth; tests/offline proves this file equal to it on all 25,900
// precodes and on every case in tests/cases/readings.json. Change both together.
// The tables (kinds, look-alikes, hints, messages, steps, lockout) come from
// core-data.js, which scripts/make_core_data.py writes from the Python modules:
// load it first. Messages are {id, params}: id is the English gettext msgid, rendered late.
(function (root) {
  "use strict";

  var D = root.radiocodeData;
  var MAX_INPUT_LENGTH = D.MAX_INPUT_LENGTH;
  var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };
  var chars = function (s) { return Array.from(s); };  // code points, as Python counts
  var msg = function (id, params) { return { id: id, params: params || null }; };

  // Python's str.isspace() and \s, wider than JS's \s (\x1c-\x1f, \x85; not \ufeff).
  var SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var STRIP = new RegExp("^[" + SPACE + "]+|[" + SPACE + "]+$", "g");
  var TOKEN_SPLIT = new RegExp("[" + SPACE + ":;,()\\[\\]{}#=*\"'<>]+");
  // The serial before the precode on barcode labels: digits, R, then T (281150198RT).
  var SERIAL_T = /^(?:[0-9]+R?)?T$/;
  // "T0O818": unsure whether the letter is 0 or O, people type both (domain facts §2).
  var DOUBLED_LETTER = /^((?:[0-9]+R?)?T)?[0OQD]{2}([0-9]{3})$/;

  // ---- radiocode.precode -------------------------------------------------
  var SEPARATORS = " \t\r\n\v\f-._\u00a0\u00ad\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u202f\u205f\u2060\u3000\ufe58\ufe63\ufeff\u00b7\u30fb";
  var STRICT = /^[A-Z][0-9]{3}$/;
  var ALNUM = /^[A-Z0-9]$/;

  function fullWidth(c) {
    var n = c.codePointAt(0);
    return n >= 0xff01 && n <= 0xff5e ? String.fromCharCode(n - 0xfee0) : c;
  }

  // Separators out, full-width forms to ASCII, ASCII letters upper-cased ("ı" stays "ı").
  function compact(number) {
    return chars(number).filter(function (c) { return SEPARATORS.indexOf(c) < 0; })
      .map(function (c) { c = fullWidth(c); return c >= "a" && c <= "z" ? c.toUpperCase() : c; }).join("");
  }

  function fail(type, id, params) { return { type: type, id: id, params: params || null }; }

  // Each error type's default message (radiocode.exceptions).
  var E = D.ERRORS;
  var NOT_TEXT = "Expected the precode as text, like A123, not %(type)s.";

  // The canonical precode, or {error} with the Python core's error type and message.
  function validate(number) {
    if (typeof number !== "string") return { error: fail("invalid_format", NOT_TEXT, { type: pyType(number) }) };
    number = compact(number);
    var cs = chars(number);
    if (!cs.length) return { error: fail("empty_input", E.empty_input) };
    var bad = cs.filter(function (c) { return !ALNUM.test(c); });
    if (bad.length) {
      bad = Array.from(new Set(bad)).sort(function (a, b) { return a.codePointAt(0) - b.codePointAt(0); });
      return { error: fail("invalid_characters", E.invalid_characters, { chars: bad.slice(0, 10).join(" ") }) };
    }
    if (cs.length !== 4) return { error: fail("invalid_length", cs.length === 1 ? D.ERRORS_ONE.invalid_length : E.invalid_length, { length: cs.length }) };
    if (!STRICT.test(number)) {
      return { error: fail("invalid_format", "A precode starts with a letter and ends with three digits, like A123. %(number)s does not: check each character on the label.", { number: number }) };
    }
    if (number[0] === "A" && number[1] === "0") return { error: fail("nonexistent_precode", E.nonexistent_precode, { precode: number }) };
    return { precode: number };
  }

  // The algorithm (domain facts §1); `precode` must already be valid.
  function code(precode) {
    var x = 10 * (precode.charCodeAt(0) - 65) + (precode.charCodeAt(1) - 48);
    var y = x + 10 * (precode.charCodeAt(2) - 48) + (precode.charCodeAt(3) - 48);
    var z = (7 * y) % 100;
    var n = 100 * ((259 % x) % 100) + 10 * (z % 10) + Math.floor(z / 10);
    return ("000" + n).slice(-4);
  }

  // The code for any input, or null when it is not a valid precode.
  function radioCode(number) {
    var valid = validate(number);
    return valid.precode ? code(valid.precode) : null;
  }

  // ---- radiocode.kinds ---------------------------------------------------
  var WHERE = D.WHERE;
  // [kind, what, where, pattern, computable]; order matters, as in kinds.KINDS.
  var KINDS = D.KINDS.map(function (k) { return [k.kind, k.what, k.where, k.pattern, k.computable]; });
  var ANY_KIND = new RegExp("^(?:" + KINDS.map(function (k) { return "(" + k[3] + ")"; }).join("|") + ")$");
  // Python's \b: word characters are [\p{L}\p{N}_], not JS's ASCII ones.
  var RADIO_NAMES = D.RADIO_NAMES.map(function (k) { return [k.kind, k.what, k.where, new RegExp(k.pattern, "u"), k.computable]; });

  // The kind of a whole compacted number: [kind, what, where, pattern, computable] or null.
  function identify(compacted) {
    if (chars(compacted).length < 6) return null;
    var match = ANY_KIND.exec(compacted.toUpperCase().replace(/[ .-]/g, ""));
    if (!match) return null;
    for (var i = 0; i < KINDS.length; i++) if (match[i + 1] !== undefined) return KINDS[i];
    return null;
  }

  function identifyRadioName(text) {
    text = text.toUpperCase();
    for (var i = 0; i < RADIO_NAMES.length; i++) if (RADIO_NAMES[i][3].test(text)) return RADIO_NAMES[i];
    return null;
  }

  // A Renault part number as the seed page writes it (8200####, 2811 1234): kinds.identify_written_part_number.
  var WRITTEN_PART_NUMBER = new RegExp("^(?:" + D.WRITTEN_PART_NUMBER + ")$");
  var RENAULT_PART_NUMBER = KINDS.filter(function (k) { return k[0] === "renault_part_number"; })[0];

  function identifyWrittenPartNumber(text) {
    return WRITTEN_PART_NUMBER.test(text.toUpperCase().replace(/[ .-]/g, "")) ? RENAULT_PART_NUMBER : null;
  }

  // ---- radiocode.reading -------------------------------------------------
  var DIGIT_LOOKALIKES = D.DIGIT_LOOKALIKES;
  var LETTER_LOOKALIKES = D.LETTER_LOOKALIKES;
  // A keyword with the precode stuck to it, as OCR gives it: SECURITYW043.
  var KEYWORD_PREFIX = /^(?:(?:PRE)?C[O0]DE|SECURITY(?:C[O0]DE)?)$/;
  var LETTER_GROUPS = D.LETTER_GROUPS;
  var HINTS = D.HINTS;
  var KEYWORDS = D.KEYWORDS;
  var SIMPLE = /^ *([A-Za-z])[ .-]?([0-9])([0-9])([0-9]) *$/;
  var SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\r\n\v\f";
  var DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63";
  var DROPPED = "\u00ad\u200b\u2060\ufeff";
  var AFTER_KEYWORD = 5, WHOLE_INPUT = 4, AFTER_T = 3, TOKEN = 2, SUFFIX = 1;

  var hint = function (precode) { return has(HINTS, precode[0]) ? msg(HINTS[precode[0]]) : null; };

  // Every precode four typed characters may stand for, most likely first.
  function readings(cs, nonexistent) {
    var first = cs[0], letters;
    if (has(LETTER_GROUPS, first)) letters = LETTER_GROUPS[first];
    else if ("oqd".indexOf(first) >= 0) letters = LETTER_GROUPS[first.toUpperCase()];
    else if (/^[A-Za-z]$/.test(first)) letters = first.toUpperCase();
    else letters = has(LETTER_LOOKALIKES, first) ? LETTER_LOOKALIKES[first] : "";
    var digits = "";
    for (var i = 1; i < cs.length; i++) {
      var c = cs[i];
      if (c >= "0" && c <= "9") digits += c;
      else if (has(DIGIT_LOOKALIKES, c)) digits += DIGIT_LOOKALIKES[c];
      else return [];
    }
    var found = [];
    for (var j = 0; j < letters.length; j++) {
      var precode = letters[j] + digits;
      if ((nonexistent || !(letters[j] === "A" && digits[0] === "0")) && found.indexOf(precode) < 0) found.push(precode);
    }
    return found;
  }

  function clean(text) {
    return chars(text).map(function (c) {
      if (SPACES.indexOf(c) >= 0) return " ";
      if (DASHES.indexOf(c) >= 0) return "-";
      if (DROPPED.indexOf(c) >= 0) return "";
      return fullWidth(c);
    }).join("").replace(STRIP, "");
  }

  function tokens(text) {
    return text.split(TOKEN_SPLIT).map(function (t) { return t.replace(/[-._\u00b7\u30fb]/g, ""); })
      .filter(function (t) { return t; });
  }

  function isKeyword(token) {
    return KEYWORDS.indexOf(token.toUpperCase().replace(/0/g, "O").replace(/-+$/, "")) >= 0;
  }

  function found(precode, rank, position, typed, group) {
    return { precode: precode, rank: rank, position: position, typed: typed, group: group };
  }

  // Precode candidates in label tokens, by the rules that hold on real labels; adds to
  // `impossible` what stands where a precode would and reads only as one that does not
  // exist (A000 to A099).
  function searchLabel(toks, impossible) {
    var out = [];
    toks.forEach(function (token, position) {
      var upper = token.toUpperCase();
      if (identify(upper)) return;
      var previous = position ? toks[position - 1].toUpperCase() : "";
      var cs = chars(token), up = chars(upper), group, rank;
      if (cs.length > 4 && KEYWORD_PREFIX.test(up.slice(0, -4).join(""))) {
        group = readings(cs.slice(-4));
        if (group.length) out.push(found(group[0], AFTER_KEYWORD, position, cs.slice(-4).join(""), group));
        else impossible.push.apply(impossible, readings(cs.slice(-4), true));
        return;
      }
      var doubled = DOUBLED_LETTER.exec(upper);
      if (doubled && (doubled[1] || SERIAL_T.test(previous))) {
        group = readings(chars("O" + doubled[2]));
        out.push(found(group[0], AFTER_T, position, cs.slice(-5).join(""), group));
        return;
      }
      if (cs.length === 4) {
        if (position && isKeyword(previous)) rank = AFTER_KEYWORD;
        else if (SERIAL_T.test(previous)) rank = AFTER_T;
        else if (STRICT.test(token)) rank = TOKEN;
        else return;
        group = readings(cs);
      } else if (cs.length > 4 && !/[0-9]/.test(cs[cs.length - 5])) {
        // The last four characters of a longer token, never its middle: BP0490 holds P049.
        var tail = cs.slice(-4);
        if (SERIAL_T.test(up.slice(0, -4).join(""))) rank = AFTER_T;
        else if (STRICT.test(tail.join(""))) rank = SUFFIX;
        else return;
        group = readings(tail);
      } else return;
      if (group.length) out.push(found(group[0], rank, position, cs.slice(-4).join(""), group));
      else impossible.push.apply(impossible, readings(cs.slice(-4), true));
    });
    return out;
  }

  function candidate(precode) {
    return { precode: precode, code: code(precode), hint: hint(precode) };
  }

  function success(kind, best, others) {
    var precode = best.precode, alternatives = best.group.slice(1);
    others.forEach(function (other) {
      other.group.forEach(function (p) { if (p !== precode && alternatives.indexOf(p) < 0) alternatives.push(p); });
    });
    var corrected = best.typed.toUpperCase() !== precode, c = code(precode), messages;
    if (kind === "label") messages = [msg("We read the precode %(precode)s from your label. Its code is %(code)s.", { precode: precode, code: c })];
    else if (corrected) messages = [msg("We read %(typed)s as the precode %(precode)s: a precode is one letter, then three digits. Its code is %(code)s.", { typed: best.typed, precode: precode, code: c })];
    else messages = [msg("The precode %(precode)s gives the code %(code)s.", { precode: precode, code: c })];
    if (others.length) {
      // Why this one, in words that point at it and never at one of the others.
      var names = others.map(function (o) { return o.precode; }).join(", ");
      if (best.rank === AFTER_KEYWORD) messages.push(msg("We chose %(precode)s because the label names it: it follows CODE or SECURITY. We also found %(others)s on the label. Each gives a different code: check which one your label marks as the precode.", { precode: precode, others: names }));
      else if (best.rank === AFTER_T) messages.push(msg("We also found %(others)s on the label. The precode is usually the last four characters of the serial, after a T.", { others: names }));
      else messages.push(msg("We also found %(others)s on the label, and nothing on it says which one is the precode. Each gives a different code: check your label.", { others: names }));
    }
    // Only when a letter may be misread: a second precode elsewhere on the label is no look-alike.
    if (best.group.length > 1 || others.some(function (o) { return o.group.length > 1; })) messages.push(msg("Some characters look alike on labels. Before you enter a code, check which of these your label shows: each gives a different code."));
    return reading({ kind: kind, precode: precode, code: c, alternatives: alternatives.map(candidate), messages: messages, corrected: corrected });
  }

  function reading(fields) {
    var r = { kind: "invalid", precode: null, code: null, alternatives: [], messages: [], error: null, corrected: false, computable: true };
    for (var k in fields) if (has(fields, k)) r[k] = fields[k];
    r.ok = r.error === null;
    return r;
  }

  function error(e, kind, computable) {
    return reading({ kind: kind || "invalid", error: e, computable: computable !== false });
  }

  function notAPrecode(k) {
    var computable = k[4] !== false, params = { what: msg(k[1]), where: msg(WHERE[k[2]]) };
    return error(computable ? fail("not_a_precode", E.not_a_precode, params) : fail("not_computable", E.not_computable, params), k[0], computable);
  }

  function pyType(value) {
    if (value === null || value === undefined) return "NoneType";
    if (typeof value === "boolean") return "bool";
    if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
    return Array.isArray(value) ? "list" : typeof value === "object" ? "dict" : typeof value;
  }

  function readFour(cs) {
    var group = readings(cs);
    if (group.length) return success("precode", found(group[0], WHOLE_INPUT, 0, cs.join(""), group), []);
    var impossible = readings(cs, true);
    return impossible.length ? error(fail("nonexistent_precode", E.nonexistent_precode, { precode: impossible[0] })) : null;
  }

  // Read what was typed or copied off a label, as radiocode.read does; never throws.
  function read(text) {
    if (typeof text !== "string") return error(fail("invalid_format", NOT_TEXT, { type: pyType(text) }));
    var length = chars(text).length;
    if (length > MAX_INPUT_LENGTH) return error(fail("input_too_long", E.input_too_long, { length: length, limit: MAX_INPUT_LENGTH }));
    var simple = SIMPLE.exec(text), whole;
    if (simple && (whole = readFour(simple.slice(1)))) return whole;
    text = clean(text);
    if (!text) return error(fail("empty_input", E.empty_input), "empty");
    var written = identifyWrittenPartNumber(text);
    if (written) return notAPrecode(written);
    var toks = tokens(text), squeezed = toks.join(""), size = chars(squeezed).length;
    if (size === 4 && !(toks.length > 1 && isKeyword(toks[0])) && (whole = readFour(chars(squeezed)))) return whole;
    var impossible = [], all = searchLabel(toks, impossible);
    if (all.length) {
      var best = all.reduce(function (a, f) { return f.rank > a.rank || (f.rank === a.rank && f.position > a.position) ? f : a; });
      return success("label", best, all.filter(function (f) { return f.precode !== best.precode && best.group.indexOf(f.precode) < 0; }));
    }
    // Where the precode would be, one that cannot exist: most likely misread.
    if (impossible.length) return error(fail("nonexistent_precode", E.nonexistent_precode, { precode: impossible[0] }));
    var kind = identify(squeezed);
    for (var n = 1; !kind && n <= 4; n++) {
      for (var start = 0; !kind && start + n <= toks.length; start++) kind = identify(toks.slice(start, start + n).join(""));
    }
    kind = kind || identifyRadioName(text);
    if (kind) return notAPrecode(kind);
    if (toks.length === 1 || size <= 6) {
      var valid = validate(squeezed);
      if (valid.error) return error(valid.error);
    }
    return error(fail("no_precode_found", E.no_precode_found), "unknown");
  }

  // The chosen reading first, then the alternatives.
  function candidates(r) {
    if (r.precode === null) return [];
    return [{ precode: r.precode, code: r.code, hint: r.alternatives.length ? hint(r.precode) : null }].concat(r.alternatives);
  }

  // ---- radiocode.i18n ----------------------------------------------------
  // `catalog` maps msgids to translations (gettext's role); without one, English.
  function render(m, catalog) {
    var text = catalog && has(catalog, m.id) ? catalog[m.id] : m.id;
    if (!m.params) return text;
    // Python's %(name)s, %(name)d and %(name)02d (zero-padded to a width).
    return text.replace(/%\((\w+)\)(0?)([0-9]*)([sd])/g, function (all, name, zero, width, type) {
      var v = m.params[name];
      if (v && typeof v === "object") return render(v, catalog);
      var out = type === "d" ? String(Math.trunc(v)) : String(v);
      return width ? out.padStart(+width, zero ? "0" : " ") : out;
    });
  }

  function message(r, catalog) {
    if (r.error) return render(r.error, catalog);
    return r.messages.map(function (m) { return render(m, catalog); }).join(" ");
  }

  // The reading as radiocode's Reading.to_dict() gives it (the API's shape).
  function toDict(r, catalog) {
    return {
      precode: r.precode,
      code: r.code,
      kind: r.kind,
      alternatives: r.alternatives.map(function (a) {
        var d = { precode: a.precode, code: a.code };
        if (a.hint) d.hint = render(a.hint, catalog);
        return d;
      }),
      corrected: r.corrected,
      computable: r.computable,
      message: message(r, catalog)
    };
  }

  // ---- radiocode.families.entry_steps --------------------------------------
  var TIMES = D.TIMES, ORDINAL = D.ORDINAL;
  var SWITCH_ON = msg("Switch the radio on. The display shows CODE, then 0000.");
  var FAMILY = {};
  D.FAMILIES.forEach(function (f) { FAMILY[f.name] = f; });
  var FAMILIES = D.FAMILIES.map(function (f) { return f.name; });

  // The steps that enter `c` on a radio of `family`: a list of messages, or null for bad input.
  function entrySteps(c, family) {
    family = family || "preset6";
    if (typeof c !== "string" || !/^[0-9]{4}$/.test(c) || FAMILIES.indexOf(family) < 0) return null;
    var steps = [], digits = c.split("").map(Number);
    if (family === "preset6" || family === "preset5") {
      steps.push(SWITCH_ON);
      digits.forEach(function (d, i) {
        var ordinal = msg(ORDINAL[i + 1]);
        steps.push(d === 0
          ? msg("Leave preset %(button)d alone: the %(ordinal)s digit stays 0.", { button: i + 1, ordinal: ordinal })
          : msg("Press preset %(button)d %(times)s: the %(ordinal)s digit shows %(digit)d.", { button: i + 1, times: msg(TIMES[d]), ordinal: ordinal, digit: d }));
      });
      steps.push(msg("Check that the display shows %(code)s.", { code: c }));
    } else if (family === "stalk") {
      // The facts say how to set a digit, not how to move on to the next one.
      steps.push(SWITCH_ON, msg("Press the key on the steering-column stalk."),
        msg("Our sources do not say how to move on to the next digit. Follow what the display shows."));
      digits.forEach(function (d, i) {
        steps.push(msg("Roll the thumbwheel until the %(ordinal)s digit shows %(digit)d.", { ordinal: msg(ORDINAL[i + 1]), digit: d }));
      });
    } else if (family === "philips") {
      digits.forEach(function (d, i) {
        steps.push(msg("Press preset %(button)d, then the < or > station keys until that digit shows %(digit)d.", { button: i + 1, digit: d }));
      });
    } else {
      return FAMILY[family].note ? [FAMILY[family].note] : [];
    }
    steps.push(FAMILY[family].confirm);
    return steps;
  }

  // ---- radiocode.lockout.lockout_waits -------------------------------------
  var MAX_TRIES = D.MAX_TRIES;
  var KEEP_ON = D.KEEP_ON;

  // Every source's wait in minutes after `tries` wrong codes (null: no figure), the wait to
  // recommend and whether the count is past what the sources describe; null for bad input.
  // The table is lockout.lockout_waits for every count, written by scripts/make_core_data.py.
  function lockoutWaits(tries) {
    if (!Number.isInteger(tries) || tries < 1 || tries > MAX_TRIES) return null;
    var e = D.LOCKOUT[tries - 1];
    return {
      tries: e.tries, waits: e.waits, shortest: e.shortest, longest: e.longest, recommended: e.recommended,
      pastSources: e.past_sources, describedUpTo: e.described_up_to, advice: e.advice, keepOn: KEEP_ON
    };
  }

  root.radiocode = {
    MAX_INPUT_LENGTH: MAX_INPUT_LENGTH,
    MAX_TRIES: MAX_TRIES,
    FAMILIES: FAMILIES,
    compact: compact,
    validate: validate,
    radioCode: radioCode,
    read: read,
    candidates: candidates,
    render: render,
    message: message,
    toDict: toDict,
    entrySteps: entrySteps,
    lockoutWaits: lockoutWaits
  };
}(typeof self !== "undefined" ? self : globalThis));
