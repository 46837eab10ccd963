/* Contradictions across the sections of a case are errors, each at its JSON pointer with what
 * was expected and what was found: an age the birth date makes impossible on assessed_on; a
 * surgery planned before the data it is planned on; chemotherapy lines that overlap. Each is
 * tried at its boundary (the last value that reads, the first that does not). */
#include "test_util.h"
#include "crlm/case_read.h"

/* Reads `json`; returns the number of errors and copies the one at `pointer` (or fails when
 * `pointer` is given and absent). */
static size_t errors_of(const char *json, const char *pointer, crlm_error *out)
{
    crlm_case *c = NULL;
    crlm_errors e = {0};
    crlm_status st = crlm_case_read(json, strlen(json), NULL, &c, &e);
    size_t n = e.count;
    if (pointer) {
        const crlm_error *x = test_find_error(&e, pointer);
        if (!x) {
            for (size_t i = 0; i < e.count; i++)
                fprintf(stderr, "  got %s: %s / %s\n", e.items[i].pointer, e.items[i].expected,
                        e.items[i].found);
            fail_msg("no error at %s", pointer);
        }
        *out = *x;
    }
    assert_true((st == CRLM_OK) == (n == 0));
    crlm_case_free(c);
    crlm_errors_free(&e);
    return n;
}

/* A case with an age and a birth date, assessed on `assessed` (NULL: derived from the CEA of
 * 2024-06-12). */
static void age_case(char *json, size_t size, const char *assessed, const char *birth, int age)
{
    char head[64] = "";
    if (assessed)
        snprintf(head, sizeof head, ",\"assessed_on\":\"%s\"", assessed);
    snprintf(json, size,
             "{\"format\":\"crlm-case/1\",\"id\":\"A\"%s,\"patient\":{\"age_years\":%d,"
             "\"birth_date\":\"%s\"},\"cea\":[{\"date\":\"%s\",\"value_ng_ml\":3}]}",
             head, age, birth, assessed ? assessed : "2024-06-12");
}
#define AGE(assessed, birth, age) age_case(json, sizeof json, assessed, birth, age)

static void age_and_birth_date(void **state)
{
    (void)state;
    char json[512];
    crlm_error x;
    /* 64 on the day of the 64th birthday; 63 the day before */
    AGE("2024-06-12", "1960-06-12", 64);
    assert_int_equal(errors_of(json, NULL, NULL), 0);
    AGE("2024-06-12", "1960-06-13", 63);
    assert_int_equal(errors_of(json, NULL, NULL), 0);
    AGE("2024-06-12", "1960-06-13", 64);
    assert_int_equal(errors_of(json, "/patient/age_years", &x), 1);
    assert_int_equal(x.code, CRLM_E_CONFLICT);
    assert_string_equal(x.expected, "the age birth_date (1960-06-13) gives on assessed_on "
                                    "(2024-06-12): 63");
    assert_string_equal(x.found, "64");
    AGE("2024-06-12", "1960-06-12", 63);
    assert_int_equal(errors_of(json, "/patient/age_years", &x), 1);
    AGE("2024-06-12", "1960-06-12", 65);
    assert_int_equal(errors_of(json, "/patient/age_years", &x), 1);
    /* born on 29 February: on 28 February of a common year either age is possible */
    AGE("2023-02-28", "2000-02-29", 22);
    assert_int_equal(errors_of(json, NULL, NULL), 0);
    AGE("2023-02-28", "2000-02-29", 23);
    assert_int_equal(errors_of(json, NULL, NULL), 0);
    AGE("2023-02-28", "2000-02-29", 21);
    assert_int_equal(errors_of(json, "/patient/age_years", &x), 1);
    /* a derived assessment date (the latest date, the CEA of 2024-06-12) is the reference */
    AGE(NULL, "1960-06-13", 64);
    assert_int_equal(errors_of(json, "/patient/age_years", &x), 1);
    assert_string_equal(x.expected, "the age birth_date (1960-06-13) gives on assessed_on "
                                    "(2024-06-12, derived): 63");
#undef AGE
}

/* The planned surgery lies on or after every date it is planned on. */
static void planned_on_after_its_data(void **state)
{
    (void)state;
    static const struct {
        const char *member; /* a root member with one date of 2024-05-20 */
        const char *what;
    } kinds[] = {
        {"\"imaging\":[{\"date\":\"2024-05-20\",\"lesions\":[]}]", "imaging"},
        {"\"cea\":[{\"date\":\"2024-05-20\",\"value_ng_ml\":3}]", "CEA"},
        {"\"volumetry\":[{\"date\":\"2024-05-20\",\"flr_ml\":500}]", "volumetry"},
        {"\"chemotherapy\":[{\"line\":1,\"started_on\":\"2024-05-20\"}]", "chemotherapy start"},
        {"\"chemotherapy\":[{\"line\":1,\"started_on\":\"2024-01-10\",\"ended_on\":\"2024-05-20\"}]",
         "chemotherapy end"},
        {"\"chemotherapy\":[{\"line\":1,\"started_on\":\"2024-01-10\",\"agents\":[\"bevacizumab\"],"
         "\"last_bevacizumab_on\":\"2024-05-20\"}]",
         "last bevacizumab dose"},
        {"\"imaging\":[]", NULL}, /* pve_on is in the plan itself, below */
    };
    char json[768];
    crlm_error x;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        for (int same_day = 1; same_day >= 0; same_day--) {
            snprintf(json, sizeof json,
                     "{\"format\":\"crlm-case/1\",\"id\":\"P\",\"assessed_on\":\"2024-06-01\",%s,"
                     "\"plan\":{\"planned_on\":\"%s\"%s}}",
                     kinds[i].member, same_day ? "2024-05-20" : "2024-05-19",
                     kinds[i].what ? "" : ",\"pve_on\":\"2024-05-20\"");
            if (same_day) {
                assert_int_equal(errors_of(json, NULL, NULL), 0);
                continue;
            }
            assert_int_equal(errors_of(json, "/plan/planned_on", &x), 1);
            assert_int_equal(x.code, CRLM_E_ORDER);
            char expected[160];
            snprintf(expected, sizeof expected,
                     "a date on or after 2024-05-20, the latest data the surgery is planned on "
                     "(%s)",
                     kinds[i].what ? kinds[i].what : "portal vein embolization");
            assert_string_equal(x.expected, expected);
            assert_string_equal(x.found, "2024-05-19");
        }
    }
    /* the case: a planned date of 1900 (a bevacizumab interval of -45,444 days) */
    assert_int_equal(errors_of("{\"format\":\"crlm-case/1\",\"id\":\"P\",\"chemotherapy\":[{\"line\":1,"
                               "\"started_on\":\"2024-01-10\",\"ended_on\":\"2024-04-01\","
                               "\"agents\":[\"bevacizumab\"],\"last_bevacizumab_on\":\"2024-04-01\"}],"
                               "\"plan\":{\"planned_on\":\"1900-01-01\"}}",
                               "/plan/planned_on", &x),
                     1);
    assert_string_equal(x.found, "1900-01-01");
}

static void chemotherapy_lines_do_not_overlap(void **state)
{
    (void)state;
    char json[768];
    crlm_error x;
#define LINES(l1, l2)                                                                          \
    snprintf(json, sizeof json,                                                                \
             "{\"format\":\"crlm-case/1\",\"id\":\"C\",\"assessed_on\":\"2024-12-01\","       \
             "\"chemotherapy\":[%s,%s]}", l1, l2)
    const char *first = "{\"line\":1,\"started_on\":\"2024-01-10\",\"ended_on\":\"2024-04-20\"}";
    /* the next line may start the day the first ended */
    LINES(first, "{\"line\":2,\"started_on\":\"2024-04-20\"}");
    assert_int_equal(errors_of(json, NULL, NULL), 0);
    /* one day earlier it overlaps */
    LINES(first, "{\"line\":2,\"started_on\":\"2024-04-19\"}");
    assert_int_equal(errors_of(json, "/chemotherapy/1/started_on", &x), 1);
    assert_int_equal(x.code, CRLM_E_CONFLICT);
    assert_string_equal(x.expected, "a start on or after 2024-04-20, when line 1 (index 0) ended");
    assert_string_equal(x.found, "2024-04-19, while line 1 ran (2024-01-10 to 2024-04-20)");
    /* listed in another order: the pointer is the later line's, as written (index 0) */
    LINES("{\"line\":2,\"started_on\":\"2024-04-19\"}", first);
    assert_int_equal(errors_of(json, "/chemotherapy/0/started_on", &x), 1);
    assert_string_equal(x.expected, "a start on or after 2024-04-20, when line 1 (index 1) ended");
    /* two ongoing lines, or an earlier line still ongoing */
    LINES("{\"line\":1,\"started_on\":\"2024-01-10\"}", "{\"line\":2,\"started_on\":\"2024-05-01\"}");
    assert_int_equal(errors_of(json, "/chemotherapy/1/started_on", &x), 1);
    assert_string_equal(x.found, "2024-05-01, while line 1 (from 2024-01-10) is ongoing");
    LINES("{\"line\":1,\"started_on\":\"2024-01-10\"}",
          "{\"line\":2,\"started_on\":\"2024-05-01\",\"ended_on\":\"2024-06-01\"}");
    assert_int_equal(errors_of(json, "/chemotherapy/1/started_on", &x), 1);
    /* two lines started the same day */
    LINES(first, "{\"line\":2,\"started_on\":\"2024-01-10\",\"ended_on\":\"2024-04-20\"}");
    assert_int_equal(errors_of(json, "/chemotherapy/1/started_on", &x), 1);
#undef LINES
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(age_and_birth_date),
        cmocka_unit_test(planned_on_after_its_data),
        cmocka_unit_test(chemotherapy_lines_do_not_overlap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
