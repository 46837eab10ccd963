/* A list of changes made to a case ("what if the remnant were 520 mL?"): which JSON pointer
 * changed, from what, to what. Model layer: the what-if reader (crlm/whatif.h) fills it, the
 * report shows it (crlm_report_set_what_if). */
#ifndef CRLM_CHANGE_H
#define CRLM_CHANGE_H

#include <stddef.h>

#define CRLM_WHATIF_MAX 16
typedef struct crlm_change {
    char pointer[192];
    char before[160];   /* the JSON text of the old value, "(absent)" when there was none */
    char after[160];
} crlm_change;

typedef struct crlm_what_if {
    size_t n;
    crlm_change changes[CRLM_WHATIF_MAX];
} crlm_what_if;

#endif
