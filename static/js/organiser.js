/*
 * Organiser pages (progressive enhancement; every page works without it).
 *
 * <form id="import-form" data-max-bytes="N">: refuse a file larger than N bytes before
 * uploading it, with the same message the server gives, instead of a long upload that
 * ends in an error.
 */
(function () {
  "use strict";

  function showFileError(input, message) {
    var field = input.closest(".field");
    var list = field && field.querySelector(".organiser-js-error");
    if (!field) {
      return;
    }
    if (!list) {
      list = document.createElement("ul");
      list.className = "field__errors organiser-js-error";
      list.id = input.id + "-js-errors";
      input.parentNode.insertBefore(list, input);
    }
    list.textContent = "";
    if (message) {
      var item = document.createElement("li");
      item.textContent = message;
      list.appendChild(item);
      field.classList.add("field--invalid");
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", list.id);
    } else {
      field.classList.remove("field--invalid");
      input.removeAttribute("aria-invalid");
    }
  }

  function tooBig(form) {
    var limit = parseInt(form.getAttribute("data-max-bytes"), 10);
    var input = form.querySelector("input[type=file]");
    if (!limit || !input || !input.files || !input.files.length) {
      return false;
    }
    var file = input.files[0];
    if (file.size > limit) {
      var megabytes = Math.round(limit / 1024 / 1024);
      showFileError(input, window.matchmaker.text("file_too_large", { size: megabytes }));
      return true;
    }
    showFileError(input, "");
    return false;
  }

  var form = document.getElementById("import-form");
  if (form) {
    var input = form.querySelector("input[type=file]");
    if (input) {
      input.addEventListener("change", function () {
        tooBig(form);
      });
    }
    form.addEventListener("submit", function (event) {
      if (tooBig(form)) {
        event.preventDefault();
      }
    });
  }
})();
