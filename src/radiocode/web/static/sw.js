// radiocode service worker: after one visit the site works with no network.
// Served at /sw.js (scope "/"). Result pages for a readable input are built in
// the browser from a cached page of the same family (nothing is sent); every
// other page comes from the network, with the cached copy when there is none.
"use strict";
importScripts("/static/core.js");

// Bump when the lists below change; changed files are found by revalidation.
var VERSION = "3";
var CACHE = "radiocode-" + VERSION;
// The result page every family's shell is rendered for: it has alternatives.
var SHELL_PRECODE = "O818";
var SHELLS = self.radiocode.FAMILIES.map(function (f) { return "/code?input=" + SHELL_PRECODE + "&family=" + f; });
// With a wait estimate: one wrong code (singular wording) and several (plural); shell.js sets the numbers.
var ESTIMATE_SHELLS = ["&tries=1", "&tries=2"].map(function (t) { return SHELLS.map(function (s) { return s + t; }); });
// Other pages are cached as they are visited.
var PAGES = ["/", "/wait", "/guides/show-precode", "/guides/enter-code", "/guides/lockout"];
var ASSETS = [
  "/static/site.css", "/static/site.js", "/static/core.js", "/static/offline.js", "/static/shell.js", "/static/icon.svg",
  "/static/manifest.webmanifest", "/static/radios.js"
];
// Fetched after activation, not during the first visit: the icons and a wait page per count of tries.
var LATER = ["/static/icons/icon-192.png", "/static/icons/icon-512.png", "/static/icons/maskable-512.png"].concat(Array.from({ length: self.radiocode.MAX_TRIES }, function (_, i) { return "/wait?tries=" + (i + 1); }));
var NAVIGATION_TIMEOUT = 4000;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(PAGES.concat(ASSETS, SHELLS, ESTIMATE_SHELLS[0], ESTIMATE_SHELLS[1]));
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
      LATER.forEach(function (url) { fetch(url).then(function (r) { if (r.ok) cache.put(url, r); }).catch(function () {}); });
    });
  }));
});

self.addEventListener("message", function (event) {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  // The API and JSON twins always come from the server.
  if (url.pathname.indexOf("/api/") === 0 || /\.json$/.test(url.pathname) || url.pathname === "/sw.js") return;
  if (request.mode === "navigate") {
    var shell = shellFor(url);
    event.respondWith(shell ? fromShell(shell, event) : page(request, url, event));
  } else if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(asset(request, event));
  }
});

function tell(message) {
  self.clients.matchAll({ type: "window" }).then(function (clients) {
    clients.forEach(function (client) { client.postMessage(message); });
  });
}

// The cached shell that can show this /code address, or null when the server must answer.
function shellFor(url) {
  if (url.pathname !== "/code") return null;
  var params = url.searchParams, family = params.get("family") || "preset6", tries = params.get("tries");
  if (self.radiocode.FAMILIES.indexOf(family) < 0) return null;
  // A radio chosen (Ford, Fiat): the shells are Renault pages, so the server answers.
  if (params.get("radio")) return null;
  if (tries && !(/^[0-9]{1,3}$/.test(tries.trim()) && self.radiocode.lockoutWaits(+tries))) return null;
  var input = params.get("input");
  if (input === null || !self.radiocode.read(input).ok) return null;
  var shell = "/code?input=" + SHELL_PRECODE + "&family=" + family;
  return tries ? shell + (+tries === 1 ? "&tries=1" : "&tries=2") : shell;
}

// The shell, marked so that offline.js fills it in for the address asked.
function fromShell(shell, event) {
  return caches.match(shell).then(function (cached) {
    if (!cached) return fetch(event.request);
    event.waitUntil(revalidate(shell));
    return cached.text().then(function (html) {
      var marked = html.replace("<html", '<html data-shell="' + SHELL_PRECODE + '"');
      return new Response(marked, { status: 200, headers: cached.headers });
    });
  });
}

// Network first, so pages stay fresh; the cached copy when offline or slow.
function page(request, url, event) {
  var key = url.pathname + url.search;
  return caches.match(key).then(function (cached) {
    var network = fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(key, copy); });
      }
      return response;
    });
    if (!cached) {
      return network.catch(function () {
        // Offline: a /code address the browser cannot read still gets a page that says why.
        if (url.pathname === "/code") return fromShell(SHELLS[0], event);
        return caches.match("/").then(function (home) { return home || Response.error(); });
      });
    }
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
      if (!fresh.ok) return null;
      return Promise.all([old ? old.clone().text() : null, fresh.clone().text()]).then(function (bodies) {
        if (bodies[0] === bodies[1]) return null;
        return cache.put(key, fresh).then(function () { if (old) tell({ type: "fresh-version" }); });
      });
    }).catch(function () {});
  });
}
