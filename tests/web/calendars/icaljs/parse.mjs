// Reads an iCalendar file on stdin, parses it with ical.js (Thunderbird's parser) and prints
// what the tests check as JSON: calendar properties, time zones and every VEVENT with its
// local start (as written, with TZID) and absolute start/end in UTC.
import ICAL from "ical.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const text = Buffer.concat(chunks).toString("utf8");

const calendar = new ICAL.Component(ICAL.parse(text));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const utc = (time) => time.toJSDate().toISOString();
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    sequence: event.sequence,
    summary: event.summary,
    location: event.location,
    description: event.description,
    status: component.getFirstPropertyValue("status"),
    tzid: component.getFirstProperty("dtstart").getParameter("tzid"),
    local_start: event.startDate.toString(),
    start_utc: utc(event.startDate),
    end_utc: utc(event.endDate),
    dtstamp: component.getFirstPropertyValue("dtstamp").toString(),
    last_modified: component.getFirstPropertyValue("last-modified").toString(),
    url: component.getFirstPropertyValue("url"),
    conferences: component.getAllProperties("conference").map((property) => ({
      uri: property.getFirstValue(),
      value_type: property.type,
      feature: property.getParameter("feature"),
    })),
  };
});
console.log(JSON.stringify({
  method: calendar.getFirstPropertyValue("method"),
  name: calendar.getFirstPropertyValue("x-wr-calname"),
  refresh: String(calendar.getFirstPropertyValue("refresh-interval")),
  timezones: calendar.getAllSubcomponents("vtimezone").map((z) => z.getFirstPropertyValue("tzid")),
  events,
}));
