/* The lesion-table reader: each kind of bad row marks only its patient and names its line; rows
 * of a study may come in any date order; a broken CSV stops the run with the reader's error.
 * Inputs are inline so each expectation sits next to its bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "crlm/lesion_table.h"
#include "crlm/profile.h"
#include "crlm/recist.h"

#include "test_util.h"

#define P TEST_PROFILE

#define HDR "patient_id,date,lesion_id,organ,role,nodal,diameter_mm,status,baseline\n"

typedef struct res {
    crlm_status st;
    crlm_buf out;
    crlm_errors errs;
    crlm_lesion_table_summary sum;
} res;

static res run(const char *csv, bool jsonl)
{
    res r;
    memset(&r, 0, sizeof r);
    r.st = crlm_lesion_table_run_memory(csv, strlen(csv), P, jsonl, &r.out, &r.errs, &r.sum);
    return r;
}

static void done(res *r)
{
    crlm_buf_free(&r->out);
    crlm_errors_free(&r->errs);
    crlm_lesion_table_summary_free(&r->sum);
}

static void assert_has(const res *r, const char *s)
{
    if (!r->out.data || !strstr(r->out.data, s)) {
        print_error("output lacks <%s>:\n%s\n", s, r->out.data ? r->out.data : "(empty)");
        fail();
    }
}

static void test_unsorted_dates_and_other_columns(void **state)
{
    (void)state;
    /* columns in another order plus an extra one; follow-up listed before the baseline */
    res r = run("extra,baseline,status,diameter_mm,nodal,role,organ,lesion_id,date,patient_id\n"
                "x,,,42,,target,liver,A,2024-03-04,P\n"
                "x,true,,60,,target,liver,A,2024-01-08,P\n", false);
    assert_int_equal(r.st, CRLM_OK);
    assert_int_equal(r.sum.patients, 1);
    assert_int_equal(r.sum.rows, 2);
    assert_int_equal(r.sum.patients_with_errors, 0);
    assert_has(&r, "P,timepoint,2024-03-04,2024-01-08,42.0,-30.0,-30.0,pr,none,no,pr,\n");
    done(&r);
}

static void test_each_bad_row_marks_only_its_patient(void **state)
{
    (void)state;
    res r = run(HDR
                "A,2024-13-01,L,liver,target,,10,,\n"          /* bad date */
                "B,2024-01-01,L,spleen,target,,10,,\n"         /* bad organ */
                "C,2024-01-01,L,liver,target,maybe,10,,\n"     /* bad nodal */
                "D,2024-01-01,L,liver,target,,-1,,\n"          /* negative diameter */
                "E,2024-01-01,L,liver,target,,,present,\n"     /* status on a target */
                "F,2024-01-01,L,liver,target,,10,,\n"
                "F,2024-01-01,L,liver,target,,11,,\n"          /* same lesion twice in a study */
                "G,2024-01-01,L,liver,target,,10,,\n"
                "G,2024-02-01,L,liver,non_target,,,present,\n" /* role changed */
                "H,2024-01-01,L,liver\n"                       /* too few fields */
                "OK,2024-01-01,L,liver,target,,30,,\n"
                "OK,2024-03-01,L,liver,target,,36,,\n",
                false);
    assert_int_equal(r.st, CRLM_OK);
    assert_int_equal(r.sum.patients, 9);
    assert_int_equal(r.sum.patients_with_errors, 8);
    assert_int_equal(r.errs.count, 8);
    long want_lines[] = {2, 3, 4, 5, 6, 8, 10, 11};
    for (size_t i = 0; i < 8; i++)
        assert_int_equal(r.errs.items[i].line, want_lines[i]);
    assert_string_equal(r.errs.items[0].pointer, "A");
    assert_non_null(strstr(r.errs.items[5].found, "lesion L again on 2024-01-01"));
    assert_non_null(strstr(r.errs.items[6].expected, "role target as lesion L had on line 9"));
    assert_has(&r, "A,error,,,,,,,,,,\"line 2: expected a date YYYY-MM-DD from 1900 in date, found");
    assert_has(&r, "OK,timepoint,2024-03-01,2024-01-01,36.0,20.0,20.0,pd,none,no,pd,\n");
    done(&r);
}

static void test_broken_csv_stops(void **state)
{
    (void)state;
    res r = run(HDR "P,2024-01-01,L,liver,target,,30,,\n"
                    "Q,2024-01-01,\"L,liver,target,,30,,\n", false);
    /* the broken record's patient cannot be known: the patient being read (P, whose rows may
     * continue past the break) is marked, and nothing after the break is read */
    assert_int_equal(r.st, CRLM_E_SYNTAX);
    assert_int_equal(r.sum.patients, 1);
    assert_int_equal(r.sum.patients_with_errors, 1);
    assert_has(&r, "P,error,,,,,,,,,,\"line 3: expected ");
    assert_int_equal(r.errs.count, 1);
    done(&r);
    /* a patient complete before the break is judged normally */
    r = run(HDR "P,2024-01-01,L,liver,target,,30,,\n"
                "P,2024-03-01,L,liver,target,,30,,\n", false);
    assert_int_equal(r.st, CRLM_OK);
    assert_has(&r, "P,best,,2024-01-01,,0.0,,,,,sd,\n");
    done(&r);
}

static void test_missing_header_column(void **state)
{
    (void)state;
    res r = run("patient_id,date,lesion_id,organ,role,nodal,diameter_mm,status\n", false);
    assert_int_equal(r.st, CRLM_E_MISSING);
    assert_int_equal(r.errs.count, 1);
    assert_non_null(strstr(r.errs.items[0].expected, "baseline"));
    done(&r);
    r = run("", false);
    assert_int_equal(r.st, CRLM_E_MISSING);
    done(&r);
}

static void test_jsonl_and_empty_patient_id(void **state)
{
    (void)state;
    res r = run(HDR ",2024-01-01,L,liver,target,,30,,\n"
                    "N,2024-01-01,M,lymph_node,non_target,,12,present,\n"
                    "N,2024-02-20,M,lymph_node,non_target,,9,present,\n", true);
    assert_int_equal(r.st, CRLM_OK);
    assert_int_equal(r.sum.patients_with_errors, 1);
    assert_has(&r, "{\"patient_id\":\"\",\"error\":{\"line\":2,\"expected\":\"a patient id\"");
    /* a non-target node back under 10 mm is normal: complete response */
    assert_has(&r, "\"target\":\"none\",\"non_target\":\"cr\",\"new_lesions\":\"no\",\"overall\":\"cr\"}],"
                   "\"best_overall\":\"cr\"");
    done(&r);
}

/* The lesion table runs the case engine, continuing PR included (E2: 100 -> 68 -> 75 is PR,
 * PR), and a patient with a baseline study only is not evaluable (best "ne", not empty). */
static void test_continuing_pr_and_baseline_only(void **state)
{
    (void)state;
    res r = run(HDR "E2,2024-01-08,A,liver,target,,60,,true\n"
                    "E2,2024-01-08,B,liver,target,,40,,true\n"
                    "E2,2024-03-04,A,liver,target,,40,,\n"
                    "E2,2024-03-04,B,liver,target,,28,,\n"
                    "E2,2024-04-01,A,liver,target,,45,,\n"
                    "E2,2024-04-01,B,liver,target,,30,,\n"
                    "F1,2024-01-08,A,liver,target,,30,,true\n", false);
    assert_int_equal(r.st, CRLM_OK);
    assert_has(&r, "E2,timepoint,2024-03-04,2024-01-08,68.0,-32.0,-32.0,pr,none,no,pr,\n");
    assert_has(&r, "E2,timepoint,2024-04-01,2024-01-08,75.0,-25.0,10.3,pr,none,no,pr,\n");
    assert_has(&r, "E2,best,,2024-01-08,,-32.0,,,,,pr,\n");
    assert_has(&r, "F1,best,,2024-01-08,,,,,,,ne,\n");
    done(&r);
}

/* a split patient is caught both ways: by the hash set, and in --sorted mode by the order */
static void test_split_patient(void **state)
{
    (void)state;
    static const char csv[] = HDR "P1,2024-01-01,L,liver,target,,30,,\n"
                                  "P2,2024-01-01,L,liver,target,,30,,\n"
                                  "P1,2024-03-01,L,liver,target,,30,,\n"
                                  "P3,2024-01-01,L,liver,target,,30,,\n";
    res r = run(csv, false);
    assert_int_equal(r.sum.patients, 4);
    assert_int_equal(r.sum.patients_with_errors, 1);
    assert_int_equal(r.errs.count, 1);
    assert_int_equal(r.errs.items[0].line, 4);
    assert_non_null(strstr(r.errs.items[0].found, "patient P1 again after other patients"));
    done(&r);
    crlm_csv_reader *csv_r = NULL;
    assert_int_equal(crlm_csv_open_memory(&csv_r, csv, strlen(csv), NULL, NULL), CRLM_OK);
    crlm_buf out = {0};
    crlm_lesion_table_summary sum;
    crlm_lesion_table_options opt = {.sorted_ids = true};
    assert_int_equal(crlm_lesion_table_run(csv_r, P, &opt, &sum), CRLM_OK);
    assert_int_equal(sum.patients_with_errors, 1); /* P1 after P2; P3 after P1 is in order */
    crlm_csv_close(csv_r);
    crlm_buf_free(&out);
    crlm_lesion_table_summary_free(&sum);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unsorted_dates_and_other_columns),
        cmocka_unit_test(test_each_bad_row_marks_only_its_patient),
        cmocka_unit_test(test_broken_csv_stops),
        cmocka_unit_test(test_missing_header_column),
        cmocka_unit_test(test_jsonl_and_empty_patient_id),
        cmocka_unit_test(test_split_patient),
        cmocka_unit_test(test_continuing_pr_and_baseline_only),
    };
    return cmocka_run_group_tests(tests, test_profile_setup, test_profile_teardown);
}
