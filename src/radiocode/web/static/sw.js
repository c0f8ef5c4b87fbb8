// radiocode service worker: after one visit the site works with no network, in
// the visitor's language. Served at /sw.js (scope "/"). Result and problem pages
// for /code, and /wait pages for any count, are built in the browser from a
// cached page of the same kind and language (nothing is sent; shell.js fills
// them in); every other page comes from the network, with the
// cached copy when there is none, and the "not saved for offline use" page
// (/offline, in that language) when nothing was saved.
"use strict";
importScripts("/static/core-data.js", "/static/core.js", "/static/radios.js");

// Bump when the lists below change; changed files are found by revalidation.
var VERSION = "7";
var CACHE = "radiocode-" + VERSION;
var rc = self.radiocode, DATA = self.radiocodeData, radios = self.radiocodeRadios;
// The result page every family's shell is rendered for: it has alternatives.
var SHELL_PRECODE = "O818";
// A problem page per heading the server gives (templates/problem.html): what was typed goes in its place,
// so the input for "We could not read that" is one that appears nowhere else on the page.
var PROBLEMS = { invalid: "XQ9", nonexistent_precode: "A012", empty_input: "", not_a_precode: "7700434436", not_computable: "CARMINAT" };
var OFFLINE_PAGE = "/offline";
// One wait page, for one wrong code: shell.js writes any other count's figures and words into it.
var WAIT_SHELL = "/wait?tries=1";
var SHELL_SCRIPTS = ["/static/core-data.js", "/static/core.js", "/static/radios.js", "/static/shell.js"];
// The scripts a page lacks of those, as tags.
function shellScripts(html) {
  return SHELL_SCRIPTS.filter(function (src) { return html.indexOf('src="' + src + '"') < 0; }).map(function (src) {
    return '<script src="' + src + '" defer></script>\n';
  }).join("");
}
var ASSETS = [
  "/static/site.css", "/static/site.js", "/static/core-data.js", "/static/core.js", "/static/offline.js", "/static/shell.js",
  "/static/icon.svg", "/static/manifest.webmanifest", "/static/radios.js"
];
var ICONS = ["/static/icons/icon-192.png", "/static/icons/icon-512.png", "/static/icons/maskable-512.png"];
var NAVIGATION_TIMEOUT = 4000;

function familyShell(family) { return "/code?input=" + SHELL_PRECODE + "&family=" + family; }
var SHELLS = rc.FAMILIES.map(familyShell);
// The other radios' result pages, one per radio, for its example number; the page that asks
// which radio when a make's digits fit several (4 digits and 6); the Ford V page.
var EXAMPLES = DATA.RADIOS.EXAMPLES, CHOICE = DATA.RADIOS.CHOICE_MAKE;
function radioShell(radio) { return "/code?input=" + encodeURIComponent(EXAMPLES[radio]) + "&radio=" + radio; }
function choiceInput(fits) { return fits.indexOf("fiat-visteon") >= 0 ? EXAMPLES["fiat-visteon"] : EXAMPLES["fiat-vp"]; }
function choiceShell(input) { return "/code?input=" + encodeURIComponent(input) + "&radio=" + CHOICE; }
var RADIO_SHELLS = radios.IDS.map(radioShell);
var V_SERIAL = "V123456";
var SERVER_ONLY = new RegExp(DATA.RADIOS.SERVER_ONLY_TEXT);
var RADIO_PROBLEMS = ["/code?input=" + V_SERIAL, choiceShell(EXAMPLES["fiat-vp"]), choiceShell(EXAMPLES["fiat-visteon"])];

// The pages saved for one language, under its prefix ("" for the site's own language, "/fr" …).
function pagesFor(prefix) {
  var pages = ["/", "/wait", WAIT_SHELL, "/guides", OFFLINE_PAGE].concat(DATA.GUIDES.map(function (slug) { return "/guides/" + slug; }));
  // With a wait estimate: one wrong code (singular wording) and several (plural); shell.js sets the numbers.
  pages = pages.concat(SHELLS, SHELLS.map(function (s) { return s + "&tries=1"; }), SHELLS.map(function (s) { return s + "&tries=2"; }), RADIO_SHELLS);
  return pages.map(function (p) { return prefix + p; });
}
// Problem pages answer 422: saved as they are.
function problemsFor(prefix) {
  return Object.keys(PROBLEMS).map(function (k) { return "/code?input=" + PROBLEMS[k]; }).concat(RADIO_PROBLEMS)
    .map(function (p) { return prefix + p; });
}
// "/fr/code" -> {prefix: "/fr", rest: "/code"}; unprefixed pages are in the site's own language.
function split(url) {
  var first = url.pathname.split("/")[1];
  if (first && DATA.LANGUAGES.indexOf(first) >= 0) return { prefix: "/" + first, rest: url.pathname.slice(first.length + 1) || "/" };
  return { prefix: "", rest: url.pathname };
}

function put(cache, key, accept) {
  // Marked as a saved copy: the server counts these apart from what the visitor asks for.
  return fetch(key, { cache: "no-cache", headers: { "X-Radiocode-Offline-Copy": "1" } }).then(function (r) {
    return accept(r) ? cache.put(key, r) : null;
  }).catch(function () { return null; });
}

var saved = {};  // prefixes whose pages are in the cache, as far as this worker knows

// Save one language's pages and the translations its result pages need; tolerant of gaps.
function saveLanguage(prefix) {
  return caches.open(CACHE).then(function (cache) {
    var ok = function (r) { return r.ok; };
    var problem = function (r) { return r.ok || r.status === 422; };
    return Promise.all(pagesFor(prefix).map(function (p) { return put(cache, p, ok); })
      .concat(problemsFor(prefix).map(function (p) { return put(cache, p, problem); })))
      .then(function () { return cache.match(prefix + OFFLINE_PAGE); })
      .then(function (page) { return page ? page.text() : ""; })
      .then(function (html) {
        var language = languageOf(html);
        var catalog = language && language !== "en" ? put(cache, catalogKey(language), ok) : null;
        return Promise.resolve(catalog).then(function () {
          if (html) saved[prefix] = true;
          return !!html;
        });
      });
  });
}

function clientPrefixes() {
  return self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (clients) {
    var prefixes = [];
    clients.forEach(function (c) {
      var p = split(new URL(c.url)).prefix;
      if (prefixes.indexOf(p) < 0) prefixes.push(p);
    });
    return prefixes.length ? prefixes : [""];
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(ASSETS);
  }).then(clientPrefixes).then(function (prefixes) {
    return Promise.all(prefixes.map(saveLanguage));
  }).then(function () {
    // The first worker takes over at once; a later one waits until the page asks (see "skip-waiting").
    return self.registration.active ? null : self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf("radiocode-") === 0 && n !== CACHE; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }).then(function () {
    tell({ type: "offline-ready" });
    caches.open(CACHE).then(function (cache) {
      ICONS.forEach(function (url) { put(cache, url, function (r) { return r.ok; }); });
    });
  }));
});

self.addEventListener("message", function (event) {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && request.mode === "navigate") {
    // The photo form: offline, say that it needs a connection instead of the browser's error page.
    var prefix = split(url).prefix;
    event.respondWith(fetch(request).catch(function () { return notSaved(prefix, "photo"); }));
    return;
  }
  if (request.method !== "GET") return;
  // The API and JSON twins always come from the server.
  if (url.pathname.indexOf("/api/") === 0 || /\.json$/.test(url.pathname) || url.pathname === "/sw.js") return;
  if (request.mode === "navigate") {
    var where = split(url);
    if (!saved[where.prefix] && navigator.onLine) event.waitUntil(learn(where.prefix));
    var shell = shellFor(url, where);
    event.respondWith(!shell ? page(request, url, where, event)
      : shell.online ? fetch(request).catch(function () { return shell.serverOnly ? notSaved(where.prefix) : fromShell(shell, event); })
      : fromShell(shell, event));
  } else if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(asset(request, event));
  }
});

// A language visited for the first time since install: save its pages too.
function learn(prefix) {
  return caches.match(prefix + OFFLINE_PAGE).then(function (known) {
    if (known) {
      saved[prefix] = true;
      return null;
    }
    return saveLanguage(prefix).then(function (done) {
      if (done) tell({ type: "offline-ready" });
    });
  });
}

function tell(message) {
  self.clients.matchAll({ type: "window" }).then(function (clients) {
    clients.forEach(function (client) { client.postMessage(message); });
  });
}

// The cached page that can show this /code or /wait address ({key, input}), or null when the server must answer.
function shellFor(url, where) {
  var params = url.searchParams, family = params.get("family") || rc.FAMILIES[0], tries = params.get("tries");
  if (rc.FAMILIES.indexOf(family) < 0) return null;
  var radio = params.get("radio") || "";
  var other = where.rest === "/code" ? radios.read(params.get("input") || "", radio) : null;
  // Their pages have no wait estimate by count: the server answers that.
  if (other && tries) return null;
  if (other) {
    // A Ford serial, or a Fiat radio's digits with the radio named: that radio's page.
    if (other.ok) return { key: where.prefix + radioShell(other.radio), input: EXAMPLES[other.radio], radio: other.radio };
    // Any V serial gets the same page: it has nothing to fill in.
    if (other.error.type === "not_computable") return { key: where.prefix + "/code?input=" + V_SERIAL, asIs: true, typed: params.get("input") || "" };
    if (other.error.type === "ambiguous_radio") {
      var input = choiceInput(other.byRadio);
      return { key: where.prefix + choiceShell(input), input: input, radio: "choice" };
    }
  }
  // Any other radio named (Renault's variants are families): the server answers.
  if (radio) return null;
  if (tries && !(/^[0-9]{1,3}$/.test(tries.trim()) && rc.lockoutWaits(+tries))) return null;
  if (where.rest === "/wait") return tries ? { key: where.prefix + WAIT_SHELL, input: "wait" } : null;
  if (where.rest !== "/code" || rc.FAMILIES.indexOf(family) < 0) return null;
  var typed = params.get("input") || "";
  var reading = rc.read(typed);
  // Longer text may be another radio's number (FDC200, a display scroll) that only the
  // server's reader knows: the server answers it, and this page only when offline.
  var online = typed.replace(/\s+/g, "").length > 4;
  // ... and offline, text the server's Ford reader may read otherwise gets the "needs the server" page, never a guess.
  var upper = typed.toUpperCase(), serverOnly = online && [upper.replace(/\s+/g, ""), upper.replace(/[\s.\-]+/g, "")].some(function (t) { return SERVER_ONLY.test(t); });
  if (!reading.ok) {
    var type = reading.error.type, problem = type in PROBLEMS ? PROBLEMS[type] : PROBLEMS.invalid;
    return { key: where.prefix + "/code?input=" + problem, input: problem, online: online, serverOnly: serverOnly };
  }
  var shell = where.prefix + familyShell(family);
  if (tries) shell += +tries === 1 ? "&tries=1" : "&tries=2";
  return { key: shell, input: SHELL_PRECODE, online: online, serverOnly: serverOnly };
}

function escapeAttribute(text) {
  // As the server's templates escape it (markupsafe).
  return text.replace(/&/g, "&amp;").replace(/"/g, "&#34;").replace(/'/g, "&#39;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function languageOf(html) {
  var match = /<html[^>]*\slang="([a-z]{2,3})"/.exec(html);
  return match ? match[1] : null;
}

function catalogKey(language) { return "/static/i18n/" + language + ".json"; }

// The shell, marked so that shell.js fills it in for the address asked, with its language's catalog.
function fromShell(shell, event) {
  return caches.match(shell.key).then(function (cached) {
    if (!cached) return page(event.request, new URL(event.request.url), split(new URL(event.request.url)), event);
    event.waitUntil(revalidate(shell.key));
    if (shell.asIs) {
      // Nothing to fill in but the box, which keeps what was typed.
      return cached.text().then(function (html) {
        var value = 'value="' + escapeAttribute(shell.typed) + '"';
        return new Response(html.replace('value="' + V_SERIAL + '"', value), { status: 200, headers: cached.headers });
      });
    }
    return cached.text().then(function (html) {
      var language = languageOf(html);
      var catalog = language && language !== "en" ? caches.match(catalogKey(language)) : null;
      if (catalog) event.waitUntil(revalidate(catalogKey(language)));
      return Promise.resolve(catalog).then(function (found) { return found ? found.text() : "{}"; }).then(function (json) {
        var head = '<script type="application/json" id="radiocode-catalog">' + json.replace(/</g, "\\u003c") + "</script>\n";
        var attributes = ' data-shell="' + shell.input + '"' + (shell.radio ? ' data-shell-radio="' + shell.radio + '"' : "");
        var marked = html.replace("<html", "<html" + attributes).replace("</head>", head + "</head>");
        // Problem and wait pages are rendered without the scripts that fill a page in: they come along
        // here, before site.js (deferred scripts run in order), which reads the countdown's minutes.
        if (html.indexOf("/static/shell.js") < 0) {
          var site = '<script src="/static/site.js"';
          marked = marked.indexOf(site) >= 0 ? marked.replace(site, shellScripts(html) + site) : marked.replace("</head>", shellScripts(html) + "</head>");
        }
        // 200: built here for the person, as the server would build it; the status is not theirs to read.
        return new Response(marked, { status: 200, headers: cached.headers });
      });
    });
  });
}

// The "not saved for offline use" page in the language asked, else in any language saved.
function notSaved(prefix, reason) {
  var candidates = [prefix].concat(Object.keys(saved), [""], DATA.LANGUAGES.map(function (l) { return "/" + l; }));
  var next = function (i) {
    if (i >= candidates.length) return Promise.resolve(Response.error());
    return caches.match(candidates[i] + OFFLINE_PAGE).then(function (cached) {
      if (!cached) return next(i + 1);
      return cached.text().then(function (html) {
        var marked = reason ? html.replace("<html", '<html data-offline="' + reason + '"') : html;
        return new Response(marked, { status: 200, headers: cached.headers });
      });
    });
  };
  return next(0);
}

// Network first, so pages stay fresh; the cached copy when offline or slow.
function page(request, url, where, event) {
  var key = url.pathname + url.search;
  return caches.match(key).then(function (cached) {
    var network = fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(key, copy); });
      }
      return response;
    });
    if (!cached) return network.catch(function () { return notSaved(where.prefix); });
    var late = new Promise(function (resolve) { setTimeout(function () { resolve(cached); }, NAVIGATION_TIMEOUT); });
    return Promise.race([network.catch(function () { return cached; }), late]);
  });
}

// Cached assets at once, checked in the background; a changed one means a fresh version.
function asset(request, event) {
  var key = new URL(request.url).pathname;
  return caches.match(key).then(function (cached) {
    if (cached) {
      event.waitUntil(revalidate(key));
      return cached;
    }
    return fetch(request);
  });
}

function revalidate(key) {
  return caches.open(CACHE).then(function (cache) {
    return Promise.all([cache.match(key), fetch(key, { cache: "no-cache" })]).then(function (both) {
      var old = both[0], fresh = both[1];
      if (!fresh.ok && fresh.status !== 422) return null;
      return Promise.all([old ? old.clone().text() : null, fresh.clone().text()]).then(function (bodies) {
        if (bodies[0] === bodies[1]) return null;
        return cache.put(key, fresh).then(function () { if (old) tell({ type: "fresh-version" }); });
      });
    }).catch(function () {});
  });
}
