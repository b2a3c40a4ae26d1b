#!/usr/bin/python3
"""Checks a Course Planner .ics export with an independent parser (python3-icalendar).

The .ics is compared with the JSON export of the same plan: one event per visit, the
UID built from the visit's identity, dated visits at the JSON's local date and times
once converted from UTC to --tz with zoneinfo, windows as all-day spans. Also checks
the raw bytes: CRLF line ends, at most 75 octets a line, valid UTF-8.

With --remind, every dated visit has alarms with relative triggers only (khal ignores absolute
ones): one firing at --remind-at (default 18:00) local time the day before, any other at waking
hours (07:00 to 22:00) local; each alarm's text carries the disclaimer.

Usage: ics_check.py --ics FILE --json FILE --tz ZONE [--remind [--remind-at HH:MM]]
                    [--same-uids OTHER.ics]
Exit status 0 when every check passes, 1 with one line per problem otherwise.
"""
import argparse
import datetime as dt
import json
import re
import sys
from zoneinfo import ZoneInfo

from icalendar import Calendar

DOSE = re.compile(r"([0-9]\s*(mg|mcg|µg|ml)\b)|mg/kg", re.IGNORECASE)


class Checker:
    def __init__(self):
        self.problems = []

    def expect(self, ok, message):
        if not ok:
            self.problems.append(message)
        return ok


def check_bytes(c, raw):
    c.expect(raw.endswith(b"\r\n"), "file does not end with CRLF")
    lines = raw.split(b"\r\n")
    for n, line in enumerate(lines[:-1] if raw.endswith(b"\r\n") else lines, start=1):
        c.expect(b"\n" not in line and b"\r" not in line, f"line {n}: bare CR or LF")
        c.expect(len(line) <= 75, f"line {n}: {len(line)} octets (more than 75)")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            c.problems.append(f"line {n}: not whole UTF-8 characters (a fold split one?)")


def uid_for(visit_id):
    """The UID from the visit id alone: course.phase.number (ids never hold a '.')."""
    course, phase, number = visit_id.split("/")
    return f"{course}.{phase}.{number}@course-planner"


def local(value, zone):
    return value.astimezone(zone)


def check_event(c, ev, visit, zone, remind, disclaimer, remind_at="18:00"):
    uid = str(ev.get("UID"))
    start = ev.decoded("DTSTART")
    end = ev.decoded("DTEND")
    summary = str(ev.get("SUMMARY"))
    description = str(ev.get("DESCRIPTION"))
    alarms = [a for a in ev.walk("VALARM")]
    c.expect(disclaimer in description, f"{uid}: DESCRIPTION lacks the disclaimer")
    c.expect(str(ev.get("DTSTAMP")) is not None, f"{uid}: no DTSTAMP")
    if "date" not in visit:  # a window
        c.expect(type(start) is dt.date and type(end) is dt.date,
                 f"{uid}: a window must be all-day (VALUE=DATE)")
        c.expect(start.isoformat() == visit["earliest"],
                 f"{uid}: window starts {start}, expected {visit['earliest']}")
        latest = dt.date.fromisoformat(visit["latest"])
        c.expect(end == latest + dt.timedelta(days=1),
                 f"{uid}: window DTEND {end}, expected the day after {latest}")
        c.expect(summary.startswith("Window: "), f"{uid}: window summary {summary!r}")
        c.expect(str(ev.get("TRANSP")) == "TRANSPARENT", f"{uid}: window must be TRANSPARENT")
        c.expect(not alarms, f"{uid}: a window has no alarm")
        return
    c.expect(isinstance(start, dt.datetime) and start.tzinfo is not None,
             f"{uid}: DTSTART must be a UTC date-time")
    if not isinstance(start, dt.datetime):
        return
    s, e = local(start, zone), local(end, zone)
    c.expect(s.date().isoformat() == visit["date"], f"{uid}: date {s.date()} != {visit['date']}")
    c.expect(s.strftime("%H:%M") == visit["start"],
             f"{uid}: local start {s:%H:%M} != {visit['start']}")
    c.expect(e.strftime("%H:%M") == visit["end"], f"{uid}: local end {e:%H:%M} != {visit['end']}")
    c.expect(not summary.startswith("Window"), f"{uid}: a dated visit is not a window")
    if visit.get("optional"):
        c.expect("optional" in summary or "if needed" in summary,
                 f"{uid}: optional visit not marked in SUMMARY")
    if not remind:
        c.expect(not alarms, f"{uid}: alarms without --remind")
        return
    c.expect(len(alarms) >= 1, f"{uid}: no alarm with --remind")
    evenings = 0
    eve = dt.date.fromisoformat(visit["date"]) - dt.timedelta(days=1)
    for a in alarms:
        c.expect(str(a.get("ACTION")) == "DISPLAY", f"{uid}: alarm ACTION must be DISPLAY")
        text = str(a.get("DESCRIPTION") or "")
        c.expect(disclaimer in text, f"{uid}: alarm without the disclaimer")
        trigger = a.decoded("TRIGGER")
        if not c.expect(isinstance(trigger, dt.timedelta),
                        f"{uid}: alarm trigger {trigger!r} is absolute, not relative to START"):
            continue
        related = a["TRIGGER"].params.get("RELATED", "START")
        c.expect(related == "START", f"{uid}: alarm RELATED={related}, expected START")
        c.expect(trigger < dt.timedelta(0), f"{uid}: alarm {trigger} is not before the visit")
        fires = local(start + trigger, zone)  # a duration is exact time (RFC 5545 3.3.6)
        if fires.date() == eve and fires.strftime("%H:%M") == remind_at:
            evenings += 1
            c.expect("Tomorrow at " + visit["start"] in text,
                     f"{uid}: the evening alarm does not say the visit's time")
        else:
            c.expect(fires.date().isoformat() == visit["date"] and "07:00" <= fires.strftime("%H:%M") < "22:00",
                     f"{uid}: alarm fires at {fires}, outside waking hours of the visit day")
        for word in ("Arrange", "stops in"):
            c.expect(word not in text, f"{uid}: alarm gives an order ({word!r})")
    c.expect(evenings == 1, f"{uid}: {evenings} alarms at {remind_at} the evening before, expected 1")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ics", required=True)
    ap.add_argument("--json", required=True)
    ap.add_argument("--tz", required=True)
    ap.add_argument("--remind", action="store_true")
    ap.add_argument("--remind-at", default="18:00")
    ap.add_argument("--same-uids", help="another export of the plan whose UIDs must match")
    ap.add_argument("--uids-within", help="an export of more courses that holds every UID here")
    args = ap.parse_args()

    c = Checker()
    raw = open(args.ics, "rb").read()
    plan = json.load(open(args.json, encoding="utf-8"))
    zone = ZoneInfo(args.tz)
    check_bytes(c, raw)
    cal = Calendar.from_ical(raw)
    c.expect(str(cal.get("VERSION")) == "2.0", "VERSION is not 2.0")
    c.expect(str(cal.get("PRODID")) == "-//Course Planner//EN", "PRODID")
    c.expect(cal.get("METHOD") is None, "METHOD present (RFC 5546 wants an ORGANIZER with it)")
    c.expect(str(cal.get("CALSCALE")) == "GREGORIAN", "CALSCALE is not GREGORIAN")
    c.expect(not DOSE.search(raw.decode("utf-8", "replace")), "a dose unit appears in the file")

    events = cal.walk("VEVENT")
    visits = plan["visits"]
    left_out = [v for course in plan["courses"] for v in course.get("left_out", [])]
    c.expect(len(events) == len(visits) + len(left_out),
             f"{len(events)} events for {len(visits)} visits and {len(left_out)} left out")
    uids = [str(ev.get("UID")) for ev in events]
    c.expect(len(set(uids)) == len(uids), "UIDs are not unique")
    by_uid = {str(ev.get("UID")): ev for ev in events}
    for visit in visits:
        uid = uid_for(visit["id"])
        if c.expect(uid in by_uid, f"no event with UID {uid}"):
            check_event(c, by_uid[uid], visit, zone, args.remind, plan["disclaimer"],
                        args.remind_at)
            for text in visit.get("differences", []):
                c.expect(text in str(by_uid[uid].get("DESCRIPTION")),
                         f"{uid}: DESCRIPTION lacks the difference {text!r}")
    for visit in left_out:  # kept as a cancelled event, so a re-import cancels it
        uid = uid_for(visit["id"])
        if c.expect(uid in by_uid, f"no event with UID {uid} (left out)"):
            c.expect(str(by_uid[uid].get("STATUS")) == "CANCELLED", f"{uid}: not CANCELLED")
    # every difference of every course is in the calendar's description
    about = str(cal.get("X-WR-CALDESC"))
    for course in plan["courses"]:
        for d in course.get("differences", []):
            c.expect(d["text"] in about, f"X-WR-CALDESC lacks the difference {d['text']!r}")

    if args.same_uids:
        other = Calendar.from_ical(open(args.same_uids, "rb").read())
        other_uids = sorted(str(ev.get("UID")) for ev in other.walk("VEVENT"))
        c.expect(other_uids == sorted(uids), f"UIDs differ from {args.same_uids}")

    if args.uids_within:
        other = Calendar.from_ical(open(args.uids_within, "rb").read())
        wider = {str(ev.get("UID")) for ev in other.walk("VEVENT")}
        missing = sorted(set(uids) - wider)
        c.expect(not missing, f"UIDs not in {args.uids_within}: {missing[:3]}")

    for p in c.problems:
        print(f"{args.ics}: {p}")
    if c.problems:
        return 1
    print(f"{args.ics}: ok, {len(events)} events checked against {args.json} in {args.tz}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
