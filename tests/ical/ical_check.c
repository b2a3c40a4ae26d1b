/* A strict reader for the planner's .ics files: libical parses the file, counts every parse
 * error it records, runs its RFC 5546 restriction check (icalrestriction_check), and prints
 * one line per event: "UID start-UTC minutes", the real minutes from DTSTART to DTEND.
 * Usage: ical_check FILE.ics   (exit 0 when the file passes, 1 with the errors otherwise) */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char* slurp(const char* path) {
    FILE* f = fopen(path, "rb");
    if (f == NULL) return NULL;
    size_t size = 0;
    size_t cap = 65536;
    char* data = malloc(cap + 1);
    size_t n = 0;
    while (data != NULL && (n = fread(data + size, 1, cap - size, f)) > 0) {
        size += n;
        if (size == cap) {
            cap *= 2;
            data = realloc(data, cap + 1);
        }
    }
    fclose(f);
    if (data != NULL) data[size] = '\0';
    return data;
}

/* Prints every X-LIC-ERROR libical attached anywhere in the tree; returns how many. */
static int report_errors(icalcomponent* comp) {
    int errors = 0;
    for (icalproperty* p = icalcomponent_get_first_property(comp, ICAL_XLICERROR_PROPERTY);
         p != NULL; p = icalcomponent_get_next_property(comp, ICAL_XLICERROR_PROPERTY)) {
        printf("error in %s: %s\n", icalcomponent_kind_to_string(icalcomponent_isa(comp)),
               icalproperty_get_xlicerror(p));
        ++errors;
    }
    for (icalcomponent* c = icalcomponent_get_first_component(comp, ICAL_ANY_COMPONENT); c != NULL;
         c = icalcomponent_get_next_component(comp, ICAL_ANY_COMPONENT))
        errors += report_errors(c);
    return errors;
}

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: ical_check FILE.ics\n");
        return 2;
    }
    char* text = slurp(argv[1]);
    if (text == NULL) {
        fprintf(stderr, "ical_check: cannot read %s\n", argv[1]);
        return 2;
    }
    icalcomponent* cal = icalparser_parse_string(text);
    free(text);
    if (cal == NULL || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
        printf("error: not a VCALENDAR\n");
        return 1;
    }
    int errors = report_errors(cal); /* parse errors first */
    icalcomponent_strip_errors(cal);
    if (!icalrestriction_check(cal)) printf("error: the RFC 5546 restriction check failed\n");
    errors += report_errors(cal);
    int events = 0;
    for (icalcomponent* ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
         ev != NULL; ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        ++events;
        const struct icaltimetype start = icalcomponent_get_dtstart(ev);
        const struct icaltimetype end = icalcomponent_get_dtend(ev);
        if (start.is_date) continue; /* a window: an all-day span */
        const long minutes = (long)(icaltime_as_timet(end) - icaltime_as_timet(start)) / 60;
        printf("%s %s %ld\n", icalcomponent_get_uid(ev), icaltime_as_ical_string(start), minutes);
    }
    icalcomponent_free(cal);
    printf("ical_check: %d events, %d errors\n", events, errors);
    return errors == 0 ? 0 : 1;
}
