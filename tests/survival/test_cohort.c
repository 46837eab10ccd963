/* crlm cohort's Table 1 row against R, number for number, plus its input rules.
 *
 * tests/reference/cohort/<case>.json was written by tests/reference/make_cohort_refs.R with
 * R's survival package (survfit per group with summary at 1, 3, 5 years, survdiff, coxph with
 * relevel(ref = "response") adjusted for the covariates) in crlm's crlm-cohort/1 layout, on
 * tests/data/survival/colon_cohort*.csv (R's colon data mapped onto the cohort columns; the
 * mapping is in the R script). This test runs crlm_cohort_analyze on the same file, renders
 * crlm-cohort/1 JSON, parses it and walks R's tree: every number within 1e-6 relative (plus
 * 1e-10 absolute), every null null, every string equal. The other tests pin the rules R does
 * not check: the values refused (with line and column), R0 spellings, per-analysis dropping,
 * the Cox model's absence without a progression group, and the SVG's required parts.
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

static size_t compared, failed;

static void compare(const char *path, json_t *want, json_t *got)
{
    char sub[256];
    if (!got) {
        print_error("%s: missing in crlm's output\n", path);
        failed++;
        return;
    }
    if (json_is_null(want)) {
        if (!json_is_null(got)) {
            print_error("%s: R has null, crlm has a value\n", path);
            failed++;
        }
    } else if (json_is_number(want)) {
        double a = json_number_value(got), b = json_number_value(want);
        compared++;
        if (!json_is_number(got) || !(fabs(a - b) <= 1e-6 * fabs(b) + 1e-10)) {
            print_error("%s: crlm %.17g, R %.17g\n", path, a, b);
            failed++;
        }
    } else if (json_is_string(want)) {
        if (!json_is_string(got) || strcmp(json_string_value(want), json_string_value(got))) {
            print_error("%s: strings differ\n", path);
            failed++;
        }
    } else if (json_is_boolean(want)) {
        if (json_is_true(want) != json_is_true(got)) {
            print_error("%s: booleans differ\n", path);
            failed++;
        }
    } else if (json_is_array(want)) {
        if (!json_is_array(got) || json_array_size(got) != json_array_size(want)) {
            print_error("%s: array lengths differ\n", path);
            failed++;
            return;
        }
        for (size_t i = 0; i < json_array_size(want); i++) {
            snprintf(sub, sizeof sub, "%s/%zu", path, i);
            compare(sub, json_array_get(want, i), json_array_get(got, i));
        }
    } else if (json_is_object(want)) {
        const char *key;
        json_t *v;
        json_object_foreach(want, key, v)
        {
            if (!strcmp(key, "args") || !strcmp(key, "generated_by"))
                continue;
            snprintf(sub, sizeof sub, "%s/%s", path, key);
            compare(sub, v, json_object_get(got, key));
        }
    }
}

static char *read_all(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

static void run_case(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/reference/cohort/%s.json", CRLM_SOURCE_DIR, name);
    json_error_t jerr;
    json_t *want = json_load_file(path, 0, &jerr);
    assert_non_null(want);
    json_t *args = json_object_get(want, "args");
    const char *unit = json_string_value(json_object_get(args, "time_unit"));
    json_t *covs = json_object_get(args, "covariates");
    const char *cov[8];
    size_t ncov = json_array_size(covs);
    assert_true(ncov <= 8);
    for (size_t i = 0; i < ncov; i++)
        cov[i] = json_string_value(json_array_get(covs, i));
    crlm_cohort_spec spec = {.covariates = cov, .ncovariates = ncov,
                             .time_unit = !strcmp(unit, "days")    ? CRLM_TIME_DAYS
                                          : !strcmp(unit, "years") ? CRLM_TIME_YEARS
                                                                   : CRLM_TIME_MONTHS};
    snprintf(path, sizeof path, "%s/tests/data/survival/%s", CRLM_SOURCE_DIR,
             json_string_value(json_object_get(args, "file")));
    size_t len = 0;
    char *data = read_all(path, &len);
    assert_non_null(data);
    crlm_errors errs = {0};
    crlm_cohort_result *r = NULL;
    assert_int_equal(crlm_cohort_analyze(data, len, &spec, NULL, &r, &errs), CRLM_OK);
    crlm_buf b = {0};
    crlm_cohort_result_json(r, &b);
    assert_false(b.failed);
    json_t *got = json_loads(b.data, 0, &jerr);
    if (!got)
        print_error("crlm's JSON does not parse: %s (line %d)\n", jerr.text, jerr.line);
    assert_non_null(got);
    size_t before = compared;
    failed = 0;
    compare(name, want, got);
    print_message("%s: %zu numbers compared with R\n", name, compared - before);
    assert_int_equal(failed, 0);
    assert_true(compared - before > 100);
    json_decref(got);
    json_decref(want);
    crlm_buf_free(&b);
    crlm_cohort_result_free(r);
    crlm_errors_free(&errs);
    free(data);
}

static void test_colon_days_against_r(void **state)
{
    (void)state;
    run_case("colon_cohort");
}

static void test_colon_months_against_r(void **state)
{
    (void)state;
    run_case("colon_cohort_months");
}

static crlm_cohort_result *analyze(const char *csv, crlm_status want, crlm_errors *errs)
{
    crlm_cohort_spec spec = {0};
    crlm_cohort_result *r = NULL;
    assert_int_equal(crlm_cohort_analyze(csv, strlen(csv), &spec, NULL, &r, errs), want);
    return r;
}

static const char *header = "response_group,r0,os_time,os_status,dfs_time,dfs_status\n";

static void test_invalid_values_are_located(void **state)
{
    (void)state;
    char csv[512];
    snprintf(csv, sizeof csv,
             "%sresponse,yes,10,1,5,1\npartial,yes,10,1,5,1\nstable,maybe,10,1,5,1\n"
             "progression,no,-3,1,5,1\nresponse,no,10,2,5,1\n",
             header);
    crlm_errors errs = {0};
    assert_null(analyze(csv, CRLM_E_TYPE, &errs));
    assert_int_equal(errs.count, 4);
    assert_int_equal(errs.items[0].line, 3);
    assert_int_equal(errs.items[0].column, 1);
    assert_non_null(strstr(errs.items[0].expected, "response, stable or progression"));
    assert_string_equal(errs.items[0].found, "\"partial\"");
    assert_int_equal(errs.items[1].line, 4);
    assert_int_equal(errs.items[1].column, 2);
    assert_int_equal(errs.items[2].line, 5);
    assert_int_equal(errs.items[2].column, 3);
    assert_int_equal(errs.items[3].line, 6);
    assert_int_equal(errs.items[3].column, 4);
    crlm_errors_free(&errs);

    snprintf(csv, sizeof csv, "response_group,r0,os_time,os_status\nresponse,1,1,1\n");
    assert_null(analyze(csv, CRLM_E_MISSING, &errs));
    assert_int_equal(errs.count, 2); /* dfs_time and dfs_status */
    assert_non_null(strstr(errs.items[0].expected, "\"dfs_time\""));
    crlm_errors_free(&errs);
}

static void test_counts_and_dropping(void **state)
{
    (void)state;
    char csv[1024];
    /* R0 spellings; missing group, OS and DFS each drop only from their analyses */
    snprintf(csv, sizeof csv,
             "%sresponse,YES,10,1,5,1\nresponse,true,20,0,,\nresponse,1,30,1,25,0\n"
             "stable,No,15,1,8,1\nstable,false,25,0,25,0\nstable,NA,,,12,1\n"
             "progression,0,5,1,2,1\nprogression,,7,1,3,1\n,yes,9,1,4,1\n",
             header);
    crlm_errors errs = {0};
    crlm_cohort_result *r = analyze(csv, CRLM_OK, &errs);
    assert_non_null(r);
    assert_int_equal(r->n, 9);
    assert_int_equal(r->n_r0_known, 7);
    assert_int_equal(r->n_r0, 4);
    assert_true(fabs(r->r0_pct - 400.0 / 7) < 1e-12);
    assert_int_equal(r->n_group_known, 8);
    assert_int_equal(r->groups[0].n, 3);
    assert_int_equal(r->groups[1].n, 3);
    assert_int_equal(r->groups[2].n, 2);
    assert_true(fabs(r->groups[2].pct - 25.0) < 1e-12);
    assert_int_equal(r->dropped_os, 2);  /* no group; no OS */
    assert_int_equal(r->dropped_dfs, 2); /* no group; no DFS */
    assert_int_equal(r->groups[0].os->n, 3);
    assert_int_equal(r->groups[0].dfs->n, 2);
    assert_int_equal(r->groups[1].os->n, 2);
    /* months by default: 1 year = 12; response OS: events at 10 (3 at risk) and 30 */
    assert_true(fabs(r->groups[0].os->at[0].surv - 2.0 / 3) < 1e-15);
    assert_true(fabs(r->groups[0].os->at[0].n_risk - 2) < 1e-15);
    assert_non_null(r->cox);
    assert_string_equal(r->hr->name, "response_group=progression");
    crlm_cohort_result_free(r);
    crlm_errors_free(&errs);
}

static void test_no_progression_no_cox(void **state)
{
    (void)state;
    char csv[512];
    snprintf(csv, sizeof csv, "%sresponse,1,10,1,5,1\nresponse,1,20,0,5,0\nstable,0,15,1,8,1\n",
             header);
    crlm_errors errs = {0};
    crlm_cohort_result *r = analyze(csv, CRLM_OK, &errs);
    assert_null(r->cox);
    assert_null(r->hr);
    assert_non_null(strstr(r->cox_message, "progression"));
    assert_null(r->groups[2].os);
    crlm_buf b = {0};
    crlm_cohort_result_json(r, &b);
    assert_non_null(strstr(b.data, "\"cox_os\": null"));
    json_error_t jerr;
    json_t *j = json_loads(b.data, 0, &jerr);
    assert_non_null(j);
    json_decref(j);
    crlm_buf_free(&b);
    crlm_cohort_result_free(r);
    crlm_errors_free(&errs);
}

static void test_svg_parts(void **state)
{
    (void)state;
    size_t len = 0;
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/data/survival/colon_cohort.csv", CRLM_SOURCE_DIR);
    char *data = read_all(path, &len);
    assert_non_null(data);
    crlm_cohort_spec spec = {.time_unit = CRLM_TIME_DAYS};
    crlm_cohort_result *r = NULL;
    crlm_errors errs = {0};
    assert_int_equal(crlm_cohort_analyze(data, len, &spec, NULL, &r, &errs), CRLM_OK);
    crlm_buf b = {0};
    crlm_cohort_svg(r, false, &b);
    assert_false(b.failed);
    assert_non_null(strstr(b.data, "xmlns=\"http://www.w3.org/2000/svg\""));
    assert_non_null(strstr(b.data, "viewBox="));
    assert_non_null(strstr(b.data, "Number at risk"));
    assert_non_null(strstr(b.data, "stroke-dasharray"));
    assert_non_null(strstr(b.data, "fill-opacity"));
    assert_non_null(strstr(b.data, "Time since resection (days)"));
    assert_non_null(strstr(b.data, ">302<")); /* response at risk at 0 */
    crlm_buf_free(&b);
    crlm_cohort_result_free(r);
    crlm_errors_free(&errs);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_colon_days_against_r),
        cmocka_unit_test(test_colon_months_against_r),
        cmocka_unit_test(test_invalid_values_are_located),
        cmocka_unit_test(test_counts_and_dropping),
        cmocka_unit_test(test_no_progression_no_cox),
        cmocka_unit_test(test_svg_parts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
