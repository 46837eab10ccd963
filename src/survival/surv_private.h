/* Private entry points between the survival sources (km.c, logrank.c, cox.c, analyze.c).
 * They work on rows already sorted by time (and by stratum where stated). */
#ifndef CRLM_SURV_PRIVATE_H
#define CRLM_SURV_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "crlm/survival.h"

/* z for the two-sided interval at opt->conf_level (0.95 by default). */
double crlm__conf_z(const crlm_surv_options *opt);

/* Kaplan-Meier of the rows with group[i] == g (all rows when group is NULL); time ascending. */
crlm_status crlm__km_build(const double *time, const unsigned char *status, const int *group,
                           int g, size_t n, const crlm_surv_options *opt, crlm_km_curve *out);

/* Log-rank test over ngroups groups; rows sorted by stratum, then time (strata may be NULL). */
crlm_status crlm__logrank(const double *time, const unsigned char *status, const int *group,
                          size_t ngroups, const int *strata, size_t n, double toler_chol,
                          crlm_logrank *out);

/* crlm_cox_fit with the order by stratum then time already computed (ord[n]). */
crlm_status crlm__cox_fit_ordered(const crlm_surv_data *d, const crlm_surv_options *opt,
                                  const uint32_t *ord, crlm_cox **out, crlm_errors *errors);

#endif
