// Abri's only script of its own: sends the CSRF token with htmx requests and keeps
// htmx from injecting inline styles (the Content-Security-Policy forbids them).
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
})();
