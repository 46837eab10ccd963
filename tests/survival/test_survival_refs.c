/* crlm survival against R, number for number.
 *
 * Each tests/reference/survival/<case>.json was written by R's survival package
 * (tests/reference/make_survival_refs.R) in crlm's own crlm-survival/1 layout, with an "args"
 * object saying how to run the same analysis. This test runs the library on the same CSV
 * (tests/data/survival/), renders crlm-survival/1 JSON, parses it back and walks R's tree:
 * every number R gives must match within 1e-6 relative (plus 1e-10 absolute for values near
 * 0), every null must be null, every array must have R's length, every string must be equal.
 * That covers Kaplan-Meier rows (time, n_risk, n_event, n_censor, surv, std_err, low, high),
 * medians and their intervals, `at` values, log-rank chisq/df/p and observed/expected, and
 * Cox coef/exp_coef/se/z/p/low/high, both log-likelihoods, LR/Wald/score tests and the
 * concordance, for Efron and Breslow, factors, strata, missing values and three interval
 * types. Where R warned that a coefficient may be infinite, only the beta = 0 quantities
 * (null log-likelihood, score test) are compared and crlm must say converged = false.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crlm/survival.h"

static const char *cases[] = {
    "colon_death_efron", "colon_death_breslow", "colon_recurrence_strata", "colon_km_only",
    "lung_efron",        "lung_breslow",        "lung_plain",              "lung_loglog",
    "lung_all_covariates", "veteran_efron",     "veteran_breslow",         "pbc_death",
    "pbc_breslow_strata", "ovarian_efron",      "ovarian_breslow",         "edge_km",
    "edge_km_plain",     "edge_km_loglog",      "edge_group_efron",
};

typedef struct cmp_state {
    const char *name;
    size_t numbers, failures;
    bool skip_cox_fit; /* R warned of an infinite coefficient */
} cmp_state;

static void mismatch(cmp_state *s, const char *path, const char *what)
{
    if (s->failures < 20)
        print_error("%s: %s: %s\n", s->name, path, what);
    s->failures++;
}

static void compare(cmp_state *s, const char *path, json_t *want, json_t *got)
{
    char msg[256];
    if (!got) {
        mismatch(s, path, "missing in crlm's output");
        return;
    }
    if (json_is_null(want)) {
        if (!json_is_null(got))
            mismatch(s, path, "R has null (NA), crlm has a value");
        return;
    }
    if (json_is_number(want)) {
        if (!json_is_number(got)) {
            mismatch(s, path, "R has a number, crlm has not");
            return;
        }
        double a = json_number_value(got), b = json_number_value(want);
        s->numbers++;
        if (!(fabs(a - b) <= 1e-6 * fabs(b) + 1e-10)) {
            snprintf(msg, sizeof msg, "crlm %.17g, R %.17g", a, b);
            mismatch(s, path, msg);
        }
        return;
    }
    if (json_is_string(want)) {
        if (!json_is_string(got) || strcmp(json_string_value(want), json_string_value(got)) != 0) {
            snprintf(msg, sizeof msg, "R \"%s\", crlm \"%s\"", json_string_value(want),
                     json_is_string(got) ? json_string_value(got) : "(not a string)");
            mismatch(s, path, msg);
        }
        return;
    }
    if (json_is_array(want)) {
        if (!json_is_array(got) || json_array_size(got) != json_array_size(want)) {
            snprintf(msg, sizeof msg, "R has %zu items, crlm %zu", json_array_size(want),
                     json_is_array(got) ? json_array_size(got) : 0);
            mismatch(s, path, msg);
            return;
        }
        for (size_t i = 0; i < json_array_size(want); i++) {
            char sub[512];
            snprintf(sub, sizeof sub, "%s/%zu", path, i);
            compare(s, sub, json_array_get(want, i), json_array_get(got, i));
        }
        return;
    }
    if (json_is_object(want)) {
        const char *key;
        json_t *v;
        json_object_foreach(want, key, v)
        {
            if (!strcmp(key, "args") || !strcmp(key, "generated_by") ||
                !strcmp(key, "r_warning") || !strcmp(key, "iterations"))
                continue;
            if (s->skip_cox_fit && strstr(path, "/cox") &&
                strcmp(key, "loglik_null") != 0 && strcmp(key, "score_test") != 0 &&
                strcmp(key, "n") != 0 && strcmp(key, "events") != 0 && strcmp(key, "ties") != 0)
                continue;
            char sub[512];
            snprintf(sub, sizeof sub, "%s/%s", path, key);
            compare(s, sub, v, json_object_get(got, key));
        }
        return;
    }
    mismatch(s, path, "unexpected JSON type in the reference");
}

static const char *opt_str(json_t *args, const char *key)
{
    json_t *v = json_object_get(args, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static void run_one(const char *name, size_t *total_numbers)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/reference/survival/%s.json", CRLM_SOURCE_DIR, name);
    json_error_t jerr;
    json_t *ref = json_load_file(path, 0, &jerr);
    if (!ref) {
        print_error("%s: %s\n", path, jerr.text);
        fail();
    }
    json_t *args = json_object_get(ref, "args");
    assert_non_null(args);
    crlm_surv_spec spec = {0};
    spec.time_col = opt_str(args, "time");
    spec.event_col = opt_str(args, "event");
    spec.event_value = opt_str(args, "event_value");
    spec.group_col = opt_str(args, "group");
    spec.strata_col = opt_str(args, "strata");
    const char *covs[32];
    json_t *jc = json_object_get(args, "covariates");
    spec.ncovariates = json_array_size(jc);
    assert_true(spec.ncovariates < 32);
    for (size_t i = 0; i < spec.ncovariates; i++)
        covs[i] = json_string_value(json_array_get(jc, i));
    spec.covariates = covs;
    crlm_surv_options opt = {0};
    opt.ties = strcmp(opt_str(args, "ties"), "breslow") == 0 ? CRLM_TIES_BRESLOW
                                                               : CRLM_TIES_EFRON;
    const char *ct = opt_str(args, "conf_type");
    opt.conf_type = strcmp(ct, "plain") == 0     ? CRLM_CONF_PLAIN
                    : strcmp(ct, "log-log") == 0 ? CRLM_CONF_LOGLOG
                                                 : CRLM_CONF_LOG;
    double at[32];
    json_t *ja = json_object_get(args, "at");
    opt.nat = json_array_size(ja);
    for (size_t i = 0; i < opt.nat; i++)
        at[i] = json_number_value(json_array_get(ja, i));
    opt.at = at;

    snprintf(path, sizeof path, "%s/tests/data/survival/%s", CRLM_SOURCE_DIR,
             opt_str(args, "file"));
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    crlm_errors errs = {0};
    crlm_csv_reader *r = NULL;
    crlm_surv_data *d = NULL;
    crlm_surv_result *res = NULL;
    assert_int_equal(crlm_csv_open_file(&r, fp, NULL, &errs), CRLM_OK);
    assert_int_equal(crlm_surv_data_read(r, &spec, &d, &errs), CRLM_OK);
    crlm_csv_close(r);
    fclose(fp);
    assert_int_equal(crlm_surv_analyze(d, &opt, &res, &errs), CRLM_OK);
    crlm_buf out = {0};
    crlm_surv_result_json(res, &out);
    assert_false(out.failed);
    json_t *got = json_loads(out.data, 0, &jerr);
    if (!got) {
        print_error("%s: crlm's JSON does not parse: %s\n", name, jerr.text);
        fail();
    }
    cmp_state s = {.name = name};
    json_t *cox = json_object_get(ref, "cox");
    if (json_is_object(cox) &&
        strstr(json_string_value(json_object_get(cox, "r_warning")), "infinite")) {
        s.skip_cox_fit = true;
        json_t *gc = json_object_get(got, "cox");
        assert_true(json_is_false(json_object_get(gc, "converged")));
        assert_non_null(strstr(json_string_value(json_object_get(gc, "message")), "infinite"));
    }
    compare(&s, "", ref, got);
    if (s.failures)
        print_error("%s: %zu of %zu numbers differ from R\n", name, s.failures, s.numbers);
    assert_int_equal(s.failures, 0);
    assert_true(s.numbers > 20);
    *total_numbers += s.numbers;
    json_decref(got);
    json_decref(ref);
    crlm_buf_free(&out);
    crlm_surv_result_free(res);
    crlm_surv_data_free(d);
    crlm_errors_free(&errs);
}

static void test_all_cases_against_r(void **state)
{
    (void)state;
    size_t total = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        run_one(cases[i], &total);
    print_message("compared %zu numbers with R in %zu cases\n", total,
                  sizeof cases / sizeof cases[0]);
    assert_true(total > 5000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_cases_against_r),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
