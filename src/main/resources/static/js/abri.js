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
})();
