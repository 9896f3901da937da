// Abri's only script of its own: sends the CSRF token with htmx requests and keeps
// htmx from injecting inline styles (the Content-Security-Policy forbids them); keeps
// drafts of case forms in the browser and warns before the session times out.
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });
  // Confirmation before actions such as deactivating a user, without inline handlers.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
      event.preventDefault();
    }
  });
  // Show the estimated age only when no date of birth is known, and the reverse.
  document.addEventListener("change", function (event) {
    if (event.target && event.target.name === "dateOfBirth") {
      var age = document.getElementById("ageEstimated");
      if (age && event.target.value) { age.value = ""; }
    }
  });

  // ---- Forms drawn from definitions -------------------------------------------------
  // A field with data-show-when is shown only while the field it names holds one of
  // data-show-values (the server applies the same rule and drops hidden values).
  function valuesOf(form, name) {
    var values = [];
    form.querySelectorAll('[name="' + name.replace(/"/g, '') + '"]').forEach(function (input) {
      // A field hidden by its own condition holds no value (the server drops it too).
      if (input.closest("[hidden]")) { return; }
      if ((input.type === "radio" || input.type === "checkbox") ? input.checked : input.value) {
        values.push(input.value);
      }
    });
    return values;
  }
  function applyConditions(form) {
    form.querySelectorAll("[data-show-when]").forEach(function (field) {
      var accepted = (field.dataset.showValues || "").split(" ");
      var shown = valuesOf(form, field.dataset.showWhen).some(function (v) { return accepted.indexOf(v) >= 0; });
      field.hidden = !shown;
    });
  }
  function updateAges(form) {
    form.querySelectorAll("output[data-age-from]").forEach(function (output) {
      var source = document.getElementById(output.dataset.ageFrom);
      if (!source || !source.value) { return; }
      var born = new Date(source.value), now = new Date();
      var years = now.getFullYear() - born.getFullYear();
      if (now.getMonth() < born.getMonth() || (now.getMonth() === born.getMonth() && now.getDate() < born.getDate())) {
        years--;
      }
      if (!isNaN(years) && years >= 0) { output.textContent = String(years); }
    });
  }
  // A new row of a repeating group: a copy of the last row, emptied, with the next index.
  function addRow(group) {
    var rows = group.querySelectorAll(":scope > .group-row");
    var last = rows[rows.length - 1];
    if (!last) { return; }
    var name = group.dataset.group, max = -1;
    group.querySelectorAll("[name^='" + name + "[']").forEach(function (input) {
      var index = parseInt(input.name.substring(name.length + 1), 10);
      if (index > max) { max = index; }
    });
    var copy = last.cloneNode(true);
    var from = new RegExp("^" + name.replace(/[[\]().*+?^$|\\]/g, "\\$&") + "\\[\\d+\\]");
    var idPrefix = "f-" + name.replace(/\./g, "-");
    copy.querySelectorAll("[name]").forEach(function (input) {
      input.name = input.name.replace(from, name + "[" + (max + 1) + "]");
      if (input.type === "radio" || input.type === "checkbox") { input.checked = false; } else { input.value = ""; }
    });
    copy.querySelectorAll("[id]").forEach(function (element) {
      element.id = element.id.replace(new RegExp("^" + idPrefix + "-\\d+"), idPrefix + "-" + (max + 1));
    });
    copy.querySelectorAll("label[for]").forEach(function (label) {
      label.htmlFor = label.htmlFor.replace(new RegExp("^" + idPrefix + "-\\d+"), idPrefix + "-" + (max + 1));
    });
    copy.querySelectorAll(".error").forEach(function (error) { error.remove(); });
    copy.querySelectorAll(".invalid").forEach(function (input) { input.classList.remove("invalid"); });
    last.parentNode.insertBefore(copy, last.nextSibling);
  }
  document.addEventListener("click", function (event) {
    if (event.target && event.target.classList && event.target.classList.contains("add-row")) {
      var group = event.target.closest(".group");
      if (group) { addRow(group); applyConditions(group.closest("form")); }
    }
  });
  function refresh(event) {
    var form = event.target && event.target.closest ? event.target.closest("form.dynamic-form") : null;
    if (form) { applyConditions(form); updateAges(form); }
  }
  document.addEventListener("change", refresh);
  document.addEventListener("input", refresh);
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.dynamic-form").forEach(function (form) { applyConditions(form); updateAges(form); });
  });

  // ---- Nothing typed is ever lost ---------------------------------------------------
  // A case form (data-draft) is kept in localStorage as it is typed, under the user's id and
  // the form's address, so that an expired session, a dropped connection or a refused save
  // loses nothing: the page comes back with the draft restored. Never passwords, hidden fields
  // (the CSRF token) or files. A draft goes once the save went through, at sign-out, and after
  // two days in any case (a child's details are not left in a shared browser).
  var DRAFTS = "abri.draft.", SUBMITTED = "abri.submitted", DRAFT_DAYS = 2;
  function metaContent(name) {
    var meta = document.querySelector('meta[name="' + name + '"]');
    return meta ? meta.content : null;
  }
  function text(name) {
    var texts = document.getElementById("abri-texts");
    return texts ? texts.getAttribute("data-" + name) || "" : "";
  }
  function storage(kind) {
    try { return kind === "session" ? window.sessionStorage : window.localStorage; } catch (e) { return null; }
  }
  function here() { return location.pathname + location.search; }
  function draftKey(form) {
    var user = metaContent("abri-user");
    return user ? DRAFTS + user + ":" + form.getAttribute("action") : null;
  }
  function kept(element) {
    var type = element.type;
    return element.name && element.name !== "_csrf" && !element.disabled && type !== "password"
        && type !== "file" && type !== "hidden" && type !== "submit" && type !== "button" && type !== "reset";
  }
  function readForm(form) {
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!kept(element)) { return; }
      if (element.type === "checkbox" || element.type === "radio") {
        if (element.checked) { fields.push([element.name, element.value]); }
      } else if (element.type === "select-multiple") {
        Array.prototype.forEach.call(element.options, function (option) {
          if (option.selected) { fields.push([element.name, option.value]); }
        });
      } else {
        fields.push([element.name, element.value]);
      }
    });
    return fields;
  }
  // Rows of a repeating group added while typing are added again before the draft is put back.
  function addRowsFor(form, fields) {
    fields.forEach(function (field) {
      var row = /^(.+)\[(\d+)\]\./.exec(field[0]);
      if (!row) { return; }
      var group = form.querySelector('.group[data-group="' + row[1].replace(/"/g, "") + '"]');
      for (var tries = 0; group && tries < 50 && !form.querySelector('[name="' + field[0].replace(/"/g, "") + '"]'); tries++) {
        addRow(group);
      }
    });
  }
  function writeForm(form, fields) {
    addRowsFor(form, fields);
    var chosen = {}, values = {};
    fields.forEach(function (field) {
      chosen[field[0] + "\u0000" + field[1]] = true;
      (values[field[0]] = values[field[0]] || []).push(field[1]);
    });
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!kept(element)) { return; }
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = !!chosen[element.name + "\u0000" + element.value];
      } else if (element.type === "select-multiple") {
        Array.prototype.forEach.call(element.options, function (option) {
          option.selected = !!chosen[element.name + "\u0000" + option.value];
        });
      } else {
        var next = (values[element.name] || []).shift();
        element.value = next === undefined ? "" : next;
      }
    });
    if (form.classList.contains("dynamic-form")) { applyConditions(form); updateAges(form); }
  }
  function saveDraft(form) {
    var key = draftKey(form), store = storage("local");
    if (!key || !store) { return; }
    try { store.setItem(key, JSON.stringify({ at: Date.now(), fields: readForm(form) })); } catch (e) { /* full */ }
  }
  function loadDraft(key) {
    var store = storage("local");
    try { return key && store ? JSON.parse(store.getItem(key) || "null") : null; } catch (e) { return null; }
  }
  function forgetDrafts(all) {
    var store = storage("local");
    if (!store) { return; }
    var oldest = Date.now() - DRAFT_DAYS * 86400000;
    for (var i = store.length - 1; i >= 0; i--) {
      var key = store.key(i);
      if (key && key.indexOf(DRAFTS) === 0) {
        var draft = null;
        try { draft = JSON.parse(store.getItem(key)); } catch (e) { draft = null; }
        if (all || !draft || !(draft.at > oldest)) { store.removeItem(key); }
      }
    }
  }
  function draftForms() { return document.querySelectorAll("form[data-draft]"); }
  function showsProblems(form) {
    var main = form.closest("main") || document;
    // A field's error, or the page's alert about the form (a conflict, a refusal).
    return !!(form.querySelector(".error, .invalid") || main.querySelector(".alert[role=alert]"));
  }
  // A notice the script puts on the page: an alert, its words and one action (a link or a button).
  function pageNotice(id, kind, role, words, action) {
    var notice = document.createElement("div");
    notice.className = "alert " + kind;
    notice.id = id;
    notice.setAttribute("role", role);
    var said = document.createElement("span");
    said.textContent = text(words) + " ";
    notice.appendChild(said);
    notice.appendChild(action);
    return notice;
  }
  function actionButton(id, words, onClick) {
    var button = document.createElement("button");
    button.type = "button";
    button.id = id;
    button.textContent = text(words);
    button.addEventListener("click", onClick);
    return button;
  }
  function offerDraft(form, draft) {
    var before = readForm(form);
    if (JSON.stringify(before) === JSON.stringify(draft.fields)) { return; }
    writeForm(form, draft.fields);
    var discard = actionButton("discard-draft", "draft-discard", function () {
      writeForm(form, before);
      var store = storage("local");
      if (store) { store.removeItem(draftKey(form)); }
      notice.remove();
    });
    discard.className = "link";
    var notice = pageNotice("draft-restored", "ok draft-notice", "status", "draft-restored", discard);
    form.parentNode.insertBefore(notice, form);
  }
  function settleDrafts() {
    if (document.querySelector("#sign-in-form[data-signed-out]")) { forgetDrafts(true); }
    forgetDrafts(false);
    var session = storage("session"), submitted = null;
    try { submitted = session ? JSON.parse(session.getItem(SUBMITTED) || "null") : null; } catch (e) { submitted = null; }
    var handled = null;
    if (submitted) {
      var navigation = window.performance && performance.getEntriesByType
          ? performance.getEntriesByType("navigation")[0] : null;
      if (document.querySelector("[data-keep-drafts]")) {
        // The save did not go through (session ended, refusal, server down): the draft stays, and
        // signing in again leads back to the form's own page.
        document.querySelectorAll("[data-return-link]").forEach(function (link) { pointBack(link, submitted.page); });
      } else if (!(navigation && navigation.type === "back_forward") && submitted.key) {
        var again = null;
        draftForms().forEach(function (form) { if (draftKey(form) === submitted.key) { again = form; } });
        if (again && showsProblems(again)) {
          saveDraft(again); // the page shows what was sent, with what to correct
          handled = again;
        } else {
          var store = storage("local");
          if (store) { store.removeItem(submitted.key); } // saved
          if (again) { handled = again; }
        }
      }
      if (session) { session.removeItem(SUBMITTED); }
    }
    draftForms().forEach(function (form) {
      if (form === handled) { return; }
      var draft = loadDraft(draftKey(form));
      if (draft && draft.fields) { offerDraft(form, draft); }
    });
  }
  document.addEventListener("input", function (event) {
    var form = event.target && event.target.form;
    if (form && form.hasAttribute("data-draft")) { saveDraft(form); }
  });
  document.addEventListener("change", function (event) {
    var form = event.target && event.target.form;
    if (form && form.hasAttribute("data-draft")) { saveDraft(form); }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form || form.tagName !== "FORM") { return; }
    if (/\/logout$/.test(form.getAttribute("action") || "")) { forgetDrafts(true); return; }
    if ((form.getAttribute("method") || "").toLowerCase() !== "post") { return; }
    var key = null;
    if (form.hasAttribute("data-draft")) { saveDraft(form); key = draftKey(form); }
    var session = storage("session");
    if (session) { session.setItem(SUBMITTED, JSON.stringify({ key: key, page: here() })); }
  });

  // ---- Session expiry ------------------------------------------------------------------
  // The sign-in link of an expiry notice returns to the page the user was on, checked again
  // by the server (a path of this site only).
  function signInAddress(page) {
    return (metaContent("abri-login") || "/login") + "?continue=" + encodeURIComponent(page);
  }
  function pointBack(link, page) {
    if (page && page.charAt(0) === "/" && page.charAt(1) !== "/") { link.href = signInAddress(page); }
  }
  function showNotice(notice) {
    var main = document.querySelector("main") || document.body;
    var old = document.getElementById(notice.id);
    if (old) { old.remove(); }
    main.insertBefore(notice, main.firstChild);
  }
  function expiredNotice() {
    var link = document.createElement("a");
    link.id = "notice-sign-in";
    link.href = signInAddress(here());
    link.textContent = text("sign-in");
    return pageNotice("session-expired", "warn session-expired", "alert", "expired", link);
  }
  // An htmx request that met no session: a notice with a sign-in link, never the sign-in page
  // (nor nothing) swapped into the list.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var xhr = event.detail.xhr;
    if (!xhr || xhr.getResponseHeader("X-Abri-Session") !== "expired") { return; }
    event.detail.shouldSwap = false;
    event.detail.isError = false;
    var notice = expiredNotice();
    var answer = document.createElement("template");
    answer.innerHTML = xhr.responseText;
    var said = answer.content.querySelector("#session-expired");
    if (said) { notice = document.importNode(said, true); }
    var link = notice.querySelector("a");
    if (link) { pointBack(link, here()); }
    showNotice(notice);
    stopIdleTimer();
  });

  // ---- Idle warning ----------------------------------------------------------------------
  // The session ends after the timeout without a request (a little earlier: its last use is
  // written back at most once a minute). Two minutes before, counted from the last page or htmx
  // request, a warning offers to stay signed in; once the time is up, the expiry notice.
  var idleTimers = [];
  function stopIdleTimer() { idleTimers.forEach(clearTimeout); idleTimers = []; }
  function idleWarning() {
    return pageNotice("idle-warning", "warn idle-warning", "alert", "idle-warning",
        actionButton("stay-signed-in", "idle-stay", keepAlive));
  }
  function keepAlive() {
    var address = metaContent("abri-keep-alive"), token = metaContent("_csrf"), header = metaContent("_csrf_header");
    if (!address || !window.fetch) { return; }
    var headers = {};
    if (token && header) { headers[header] = token; }
    fetch(address, { method: "POST", headers: headers, credentials: "same-origin" }).then(function (response) {
      var warning = document.getElementById("idle-warning");
      if (warning) { warning.remove(); }
      if (response.status === 204) { startIdleTimer(); } else { showNotice(expiredNotice()); stopIdleTimer(); }
    }, function () { /* offline: the warning stays, the draft too */ });
  }
  function startIdleTimer() {
    stopIdleTimer();
    var seconds = parseInt(metaContent("abri-session-timeout") || "", 10);
    if (!(seconds > 0) || !metaContent("abri-user")) { return; }
    var warnAt = Math.max(seconds - 120, 0) * 1000;
    idleTimers.push(setTimeout(function () { showNotice(idleWarning()); }, warnAt));
    idleTimers.push(setTimeout(function () {
      var warning = document.getElementById("idle-warning");
      if (warning) { warning.remove(); }
      showNotice(expiredNotice());
    }, seconds * 1000));
  }
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail && event.detail.xhr;
    // Any answer but the expiry notice means the session was used: count again from now.
    if (xhr && xhr.status > 0 && xhr.getResponseHeader("X-Abri-Session") !== "expired") {
      var warning = document.getElementById("idle-warning");
      if (warning) { warning.remove(); }
      startIdleTimer();
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    settleDrafts();
    startIdleTimer();
  });
})();
