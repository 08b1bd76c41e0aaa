/*
 * matchmaker — small progressive enhancements shared by every page (no dependencies).
 *
 * 1. <time datetime="ISO" data-zone="Europe/Berlin" data-format="time|datetime|range">
 *    (written by the local_time / time_range macros): when the viewer's own time zone shows a
 *    different clock time, append " (16:00 on this device)" in a .viewer-time span.
 * 2. <form data-confirm="Cancel this meeting?">: ask before submitting.
 * 3. matchmaker.text(key, values): the scripts' texts in the page's language, from the
 *    JSON block #script-texts that base.html writes; "%(name)s" takes values[name].
 */
(function () {
  "use strict";

  var viewerZone = null;
  try {
    viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch (error) {
    viewerZone = null;
  }

  var texts = {};
  var textsBlock = document.getElementById("script-texts");
  if (textsBlock) {
    try {
      texts = JSON.parse(textsBlock.textContent);
    } catch (error) {
      texts = {};
    }
  }
  var language = document.documentElement.lang || "en";

  function text(key, values) {
    var template = texts[key] || key;
    return template.replace(/%\((\w+)\)s/g, function (whole, name) {
      return values && name in values ? String(values[name]) : whole;
    });
  }

  function formatter(zone, withDay) {
    var options = { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    if (withDay) {
      options.weekday = "short";
      options.day = "numeric";
      options.month = "short";
    }
    return new Intl.DateTimeFormat(language === "en" ? "en-GB" : language, options);
  }

  function dayKey(date, zone) {
    return new Intl.DateTimeFormat("en-CA", { timeZone: zone }).format(date);
  }

  function viewerText(element) {
    var eventZone = element.getAttribute("data-zone");
    var format = element.getAttribute("data-format");
    var start = new Date(element.getAttribute("datetime"));
    if (!viewerZone || !eventZone || eventZone === viewerZone || format === "date" || isNaN(start)) {
      return null;
    }
    var eventClock = formatter(eventZone, false).format(start);
    var viewerClock = formatter(viewerZone, false).format(start);
    var otherDay = dayKey(start, eventZone) !== dayKey(start, viewerZone);
    if (eventClock === viewerClock && !otherDay) {
      return null;
    }
    var clock = formatter(viewerZone, otherDay).format(start);
    var endValue = element.getAttribute("data-end");
    if (format === "range" && endValue) {
      clock += "–" + formatter(viewerZone, false).format(new Date(endValue));
    }
    return text("on_this_device", { time: clock });
  }

  function addViewerTimes(root) {
    var elements = root.querySelectorAll("time[data-zone]");
    for (var i = 0; i < elements.length; i += 1) {
      var element = elements[i];
      var next = element.nextElementSibling;
      if (next && next.classList.contains("viewer-time")) {
        continue;
      }
      var shown = viewerText(element);
      if (shown) {
        var span = document.createElement("span");
        span.className = "viewer-time";
        span.textContent = "(" + shown + ")";
        element.insertAdjacentElement("afterend", span);
        element.insertAdjacentText("afterend", " ");
      }
    }
  }

  function confirmSubmissions(event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }

  window.matchmaker = { addViewerTimes: addViewerTimes, text: text };
  document.addEventListener("submit", confirmSubmissions);
  addViewerTimes(document);
})();
