/* An event coding that matches nothing must never turn into "no events": with --event
 * COLUMN=VALUE, a VALUE that no complete row has, or a VALUE that is itself a missing value
 * (empty, NA: such rows are dropped), is refused naming the column and the values the column
 * has, a bounded list. The neighbours read: one row with VALUE is one event, and a numeric
 * VALUE matches the same number written otherwise. */
#include "test_util.h"

#include "crlm/csv.h"
#include "crlm/survival.h"

static crlm_status read_csv(const char *csv, const char *value, crlm_errors *errs, size_t *events)
{
    crlm_csv_reader *r = NULL;
    assert_int_equal(crlm_csv_open_memory(&r, csv, strlen(csv), NULL, errs), CRLM_OK);
    crlm_surv_spec spec = {.time_col = "t", .event_col = "vital", .event_value = value};
    crlm_surv_data *d = NULL;
    crlm_status st = crlm_surv_data_read(r, &spec, &d, errs);
    crlm_csv_close(r);
    if (d && events) {
        *events = 0;
        for (size_t i = 0; i < d->n; i++)
            *events += d->status[i];
    }
    crlm_surv_data_free(d);
    return st;
}

static void value_that_no_row_has(void **state)
{
    (void)state;
    const char *csv = "t,vital\n1,alive\n2,alive\n3,Dead\n4,\n";
    crlm_errors e = {0};
    assert_int_equal(read_csv(csv, "dead", &e, NULL), CRLM_E_ARGUMENT);
    assert_int_equal(e.count, 1);
    assert_int_equal(e.items[0].line, 1);
    assert_int_equal(e.items[0].column, 2);
    assert_string_equal(e.items[0].expected,
                        "at least one complete row with \"dead\" in column \"vital\"");
    assert_string_equal(e.items[0].found, "none of 3; its values are \"alive\", \"Dead\"");
    crlm_errors_free(&e);
    /* the neighbour: the value as written is one event */
    size_t events = 0;
    assert_int_equal(read_csv(csv, "Dead", NULL, &events), CRLM_OK);
    assert_int_equal(events, 1);
    /* a VALUE only a dropped row has still censors every complete row: refused */
    assert_int_equal(read_csv("t,vital\n1,alive\n,dead\n", "dead", &e, NULL), CRLM_E_ARGUMENT);
    crlm_errors_free(&e);
}

static void missing_value_as_event_value(void **state)
{
    (void)state;
    crlm_errors e = {0};
    assert_int_equal(read_csv("t,vital\n1,alive\n2,\n", "", &e, NULL), CRLM_E_ARGUMENT);
    assert_string_equal(e.items[0].expected, "an event value for column \"vital\" (COLUMN=VALUE)");
    assert_string_equal(e.items[0].found, "an empty value, which marks a missing value");
    crlm_errors_free(&e);
    assert_int_equal(read_csv("t,vital\n1,alive\n2,NA\n", "NA", &e, NULL), CRLM_E_ARGUMENT);
    assert_string_equal(e.items[0].found, "\"NA\", which marks a missing value");
    crlm_errors_free(&e);
}

static void bounded_list_of_values(void **state)
{
    (void)state;
    char csv[512] = "t,vital\n";
    for (int i = 1; i <= 20; i++)
        snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "%d,v%d\n", i, i);
    crlm_errors e = {0};
    assert_int_equal(read_csv(csv, "x", &e, NULL), CRLM_E_ARGUMENT);
    assert_string_equal(e.items[0].found,
                        "none of 20; its values are \"v1\", \"v2\", \"v3\", \"v4\", \"v5\" and more");
    crlm_errors_free(&e);
}

/* A numeric VALUE matches the same number however it is written ("1" and "1.0"). */
static void numeric_value(void **state)
{
    (void)state;
    size_t events = 0;
    assert_int_equal(read_csv("t,vital\n1,1.0\n2,0\n3,2\n", "1", NULL, &events), CRLM_OK);
    assert_int_equal(events, 1);
    crlm_errors e = {0};
    assert_int_equal(read_csv("t,vital\n1,1.0\n2,0\n", "2", &e, NULL), CRLM_E_ARGUMENT);
    assert_string_equal(e.items[0].found, "none of 2; its values are \"1.0\", \"0\"");
    crlm_errors_free(&e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(value_that_no_row_has),
        cmocka_unit_test(missing_value_as_event_value),
        cmocka_unit_test(bounded_list_of_values),
        cmocka_unit_test(numeric_value),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
