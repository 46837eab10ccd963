/* Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian), and the
 * calendar-month arithmetic the Fong disease-free interval needs: "12 months" is a calendar
 * year, so 2023-03-15 to 2024-03-15 is exactly 12 months and is NOT "< 12 months", whereas a
 * day count divided by 30.44 would wrongly call 365 days 11.99 months. */
#ifndef CRLM_DATE_H
#define CRLM_DATE_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef int32_t crlm_date;
#define CRLM_DATE_UNKNOWN INT32_MIN
#define CRLM_DATE_KNOWN(d) ((d) != CRLM_DATE_UNKNOWN)

/* Day number of a valid y-m-d; the caller guarantees validity (see crlm_date_valid). */
crlm_date crlm_date_from_ymd(int y, int m, int d);
void crlm_date_to_ymd(crlm_date days, int *y, int *m, int *d);
bool crlm_date_valid(int y, int m, int d);
/* Parses exactly "YYYY-MM-DD" (a real calendar day, years 0001-9999). */
bool crlm_date_parse(const char *s, crlm_date *out);
/* Writes "YYYY-MM-DD" and a NUL into out[11]; "unknown" style callers check first. */
void crlm_date_format(crlm_date d, char out[11]);
/* d plus n calendar months; the day is clamped to the end of a shorter month
 * (2024-01-31 + 1 month = 2024-02-29). */
crlm_date crlm_date_add_months(crlm_date d, int months);
/* Whole calendar months from `from` to `to` (negative when to < from): the largest n with
 * add_months(from, n) <= to. */
int crlm_date_months_between(crlm_date from, crlm_date to);

#ifdef __cplusplus
}
#endif
#endif
