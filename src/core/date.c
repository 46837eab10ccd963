/* Day numbers from civil dates and back, after Howard Hinnant's public-domain algorithms
 * (days_from_civil / civil_from_days), which are exact over the whole proleptic Gregorian
 * calendar with integer arithmetic only. */
#include "crlm/date.h"


static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : dm[m - 1];
}

bool crlm_date_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

crlm_date crlm_date_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void crlm_date_to_ymd(crlm_date days, int *y, int *m, int *d)
{
    int z = days + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int yy = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (*m <= 2);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

bool crlm_date_parse(const char *s, crlm_date *out)
{
    if (!s)
        return false;
    for (int i = 0; i < 10; i++)
        if (s[i] == '\0')
            return false;
    if (s[10] != '\0' || s[4] != '-' || s[7] != '-')
        return false;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 0 || m < 0 || d < 0 || !crlm_date_valid(y, m, d))
        return false;
    *out = crlm_date_from_ymd(y, m, d);
    return true;
}

void crlm_date_format(crlm_date dn, char out[11])
{
    int y, m, d;
    crlm_date_to_ymd(dn, &y, &m, &d);
    int parts[3] = {y, m, d}, widths[3] = {4, 2, 2}, pos = 0;
    for (int k = 0; k < 3; k++) {
        int v = parts[k] < 0 ? 0 : parts[k];
        for (int w = widths[k] - 1; w >= 0; w--) {
            out[pos + w] = (char)('0' + v % 10);
            v /= 10;
        }
        pos += widths[k];
        if (k < 2)
            out[pos++] = '-';
    }
    out[10] = '\0';
}

crlm_date crlm_date_add_months(crlm_date dn, int months)
{
    int y, m, d;
    crlm_date_to_ymd(dn, &y, &m, &d);
    int total = y * 12 + (m - 1) + months;
    int ny = total >= 0 ? total / 12 : (total - 11) / 12;
    int nm = total - ny * 12 + 1;
    int dim = days_in_month(ny, nm);
    return crlm_date_from_ymd(ny, nm, d < dim ? d : dim);
}

int crlm_date_months_between(crlm_date from, crlm_date to)
{
    int fy, fm, fd, ty, tm, td;
    crlm_date_to_ymd(from, &fy, &fm, &fd);
    crlm_date_to_ymd(to, &ty, &tm, &td);
    int n = (ty - fy) * 12 + (tm - fm);
    /* The estimate can be one too high (or low) depending on the days; settle it exactly. */
    while (n > -1200000 && crlm_date_add_months(from, n) > to)
        n--;
    while (n < 1200000 && crlm_date_add_months(from, n + 1) <= to)
        n++;
    return n;
}
