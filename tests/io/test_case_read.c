/* The case reader: every example reads; invalid input yields every error with its pointer,
 * what was expected and what was found; hard limits hold; derived fields are derived only
 * from what is known. */
#include <math.h>

#include "test_util.h"
#include "crlm/case_read.h"

static crlm_status read_json(const char *json, crlm_case **c, crlm_errors *e)
{
    return crlm_case_read(json, strlen(json), NULL, c, e);
}

#define HEAD "{\"format\":\"crlm-case/1\",\"id\":\"T-1\",\"assessed_on\":\"2024-06-01\""

static void examples_read(void **state)
{
    (void)state;
    const char *ok[] = {"examples/low-risk-metachronous.json", "examples/synchronous-high-risk.json",
                        "examples/missing-cea.json", "examples/progression-on-chemotherapy.json",
                        "examples/two-stage-candidate.json"};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        size_t len;
        char *text = test_read_file(ok[i], &len);
        crlm_case *c = NULL;
        assert_int_equal(crlm_case_read(text, len, NULL, &c, NULL), CRLM_OK);
        assert_non_null(c);
        crlm_case_free(c);
        free(text);
    }
}

static void invalid_example_reports_everything(void **state)
{
    (void)state;
    size_t len;
    char *text = test_read_file("examples/invalid.json", &len);
    crlm_case *c = NULL;
    crlm_errors e = {0};
    assert_int_not_equal(crlm_case_read(text, len, NULL, &c, &e), CRLM_OK);
    assert_null(c);
    assert_int_equal(e.count, 7);
    const crlm_error *x = test_find_error(&e, "/patient/height_cm");
    assert_non_null(x);
    assert_int_equal(x->code, CRLM_E_RANGE);
    assert_string_equal(x->expected, "a number from 50 to 250");
    assert_string_equal(x->found, "the number 320");
    x = test_find_error(&e, "/cea/0/value_ng_m");
    assert_non_null(x);
    assert_int_equal(x->code, CRLM_E_UNKNOWN_FIELD);
    x = test_find_error(&e, "/cea/0/value_ng_ml");
    assert_non_null(x);
    assert_int_equal(x->code, CRLM_E_MISSING);
    assert_non_null(test_find_error(&e, "/cea/0/date"));
    assert_int_equal(test_find_error(&e, "/imaging/0/lesions/0/diameter_mm")->code, CRLM_E_RANGE);
    assert_int_equal(test_find_error(&e, "/imaging/0/lesions/1/id")->code, CRLM_E_DUPLICATE);
    assert_int_equal(test_find_error(&e, "/chemotherapy/0/ended_on")->code, CRLM_E_ORDER);
    crlm_errors_free(&e);
    free(text);
}

static void syntax_error_line_and_column(void **state)
{
    (void)state;
    crlm_case *c = NULL;
    crlm_errors e = {0};
    assert_int_equal(read_json("{\n  \"format\": \"crlm-case/1\",\n  \"id\": \"X\",,\n}", &c, &e),
                     CRLM_E_SYNTAX);
    assert_int_equal(e.count, 1);
    assert_int_equal(e.items[0].line, 3);
    assert_true(e.items[0].column >= 12);
    crlm_errors_free(&e);
    /* duplicate keys are a syntax-level refusal: which one would win is undefined */
    assert_int_equal(read_json(HEAD ",\"id\":\"again\"}", &c, &e), CRLM_E_SYNTAX);
    crlm_errors_free(&e);
}

static void format_and_id(void **state)
{
    (void)state;
    crlm_case *c = NULL;
    crlm_errors e = {0};
    assert_int_equal(read_json("{\"format\":\"crlm-case/2\",\"id\":\"A\"}", &c, &e), CRLM_E_FORMAT);
    assert_string_equal(e.items[0].pointer, "/format");
    crlm_errors_free(&e);
    read_json("{\"format\":\"crlm-case/1\",\"id\":\"Jane Doe\"}", &c, &e);
    assert_int_equal(test_find_error(&e, "/id")->code, CRLM_E_RANGE);
    crlm_errors_free(&e);
    read_json("{\"format\":\"crlm-case/1\"}", &c, &e);
    const crlm_error *x = test_find_error(&e, "/id");
    assert_non_null(x);
    assert_int_equal(x->code, CRLM_E_MISSING);
    assert_string_equal(x->found, "nothing");
    crlm_errors_free(&e);
    read_json("[1,2]", &c, &e);
    assert_int_equal(e.items[0].code, CRLM_E_TYPE);
    assert_string_equal(e.items[0].found, "an array of 2 items");
    crlm_errors_free(&e);
}

static void types_ranges_enums(void **state)
{
    (void)state;
    crlm_case *c = NULL;
    crlm_errors e = {0};
    read_json(HEAD ",\"patient\":{\"sex\":\"F\",\"ecog\":1.5,\"weight_kg\":\"70\"},"
                   "\"cea\":[{\"date\":\"2024-01-01\",\"value_ng_ml\":2e6}],"
                   "\"molecular\":{\"kras\":\"G12D\"},\"plan\":{\"remnant_contiguous_segments\":9}}",
              &c, &e);
    assert_int_equal(e.count, 6);
    const crlm_error *x = test_find_error(&e, "/patient/sex");
    assert_int_equal(x->code, CRLM_E_ENUM);
    assert_string_equal(x->expected, "one of female, male, other");
    assert_string_equal(x->found, "the string \"F\"");
    assert_int_equal(test_find_error(&e, "/patient/ecog")->code, CRLM_E_TYPE);
    assert_int_equal(test_find_error(&e, "/patient/weight_kg")->code, CRLM_E_TYPE);
    assert_int_equal(test_find_error(&e, "/cea/0/value_ng_ml")->code, CRLM_E_RANGE);
    assert_int_equal(test_find_error(&e, "/molecular/kras")->code, CRLM_E_ENUM);
    assert_int_equal(test_find_error(&e, "/plan/remnant_contiguous_segments")->code, CRLM_E_RANGE);
    crlm_errors_free(&e);
}

static void dates_and_orders(void **state)
{
    (void)state;
    crlm_case *c = NULL;
    crlm_errors e = {0};
    read_json(HEAD ",\"primary\":{\"diagnosed_on\":\"2024-03-01\",\"resected_on\":\"2024-02-01\"},"
                   "\"liver_metastases\":{\"detected_on\":\"2024-07-01\"},"
                   "\"patient\":{\"birth_date\":\"1899-12-31\"},"
                   "\"plan\":{\"planned_on\":\"2024-08-01\"},"
                   "\"chemotherapy\":[{\"line\":1,\"started_on\":\"2024-01-10\",\"agents\":[\"oxaliplatin\"],"
                   "\"last_bevacizumab_on\":\"2024-02-01\"},"
                   "{\"line\":1,\"started_on\":\"2024-03-10\"}]}",
              &c, &e);
    assert_int_equal(test_find_error(&e, "/primary/resected_on")->code, CRLM_E_ORDER);
    const crlm_error *x = test_find_error(&e, "/liver_metastases/detected_on");
    assert_int_equal(x->code, CRLM_E_RANGE);
    assert_string_equal(x->expected, "a date on or before assessed_on (2024-06-01)");
    assert_string_equal(x->found, "2024-07-01");
    assert_int_equal(test_find_error(&e, "/patient/birth_date")->code, CRLM_E_RANGE);
    assert_null(test_find_error(&e, "/plan/planned_on")); /* a plan may lie ahead */
    assert_int_equal(test_find_error(&e, "/chemotherapy/0/last_bevacizumab_on")->code, CRLM_E_CONFLICT);
    assert_int_equal(test_find_error(&e, "/chemotherapy/1/line")->code, CRLM_E_DUPLICATE);
    /* the first line has no ended_on (ongoing) while the second started */
    assert_int_equal(test_find_error(&e, "/chemotherapy/1/started_on")->code, CRLM_E_CONFLICT);
    assert_int_equal(e.count, 6);
    crlm_errors_free(&e);
}

static void conflicts(void **state)
{
    (void)state;
    crlm_case *c = NULL;
    crlm_errors e = {0};
    read_json(HEAD ",\"primary\":{\"n_stage\":\"n0\",\"node_positive\":true},"
                   "\"imaging\":["
                   "{\"date\":\"2024-01-01\",\"lesions\":[{\"id\":\"L1\",\"organ\":\"liver\",\"role\":\"target\",\"diameter_mm\":20}]},"
                   "{\"date\":\"2024-03-01\",\"lesions\":[{\"id\":\"L1\",\"organ\":\"liver\",\"role\":\"non_target\",\"status\":\"present\"},"
                   "{\"id\":\"L2\",\"organ\":\"liver\",\"role\":\"target\",\"too_small\":true,\"diameter_mm\":4},"
                   "{\"id\":\"L3\",\"organ\":\"liver\",\"role\":\"new\",\"status\":\"present\"}]}]}",
              &c, &e);
    assert_int_equal(test_find_error(&e, "/primary/node_positive")->code, CRLM_E_CONFLICT);
    assert_int_equal(test_find_error(&e, "/imaging/1/lesions/0/role")->code, CRLM_E_CONFLICT);
    assert_int_equal(test_find_error(&e, "/imaging/1/lesions/1/too_small")->code, CRLM_E_CONFLICT);
    assert_int_equal(test_find_error(&e, "/imaging/1/lesions/2/status")->code, CRLM_E_CONFLICT);
    assert_int_equal(e.count, 4);
    crlm_errors_free(&e);
}

static void limits(void **state)
{
    (void)state;
    crlm_case *c = NULL;
    crlm_errors e = {0};
    /* nesting: refused before parsing, with a line and column */
    char deep[4096];
    int n = snprintf(deep, sizeof deep, HEAD ",\"patient\":");
    for (int i = 0; i < 1000; i++)
        deep[n++] = '[';
    deep[n] = '\0';
    assert_int_equal(read_json(deep, &c, &e), CRLM_E_LIMIT);
    assert_int_equal(e.items[0].line, 1);
    crlm_errors_free(&e);
    /* size */
    size_t big = CRLM_CASE_MAX_BYTES + 1;
    char *huge = malloc(big + 1);
    memset(huge, ' ', big);
    huge[big] = '\0';
    assert_int_equal(crlm_case_read(huge, big, NULL, &c, &e), CRLM_E_LIMIT);
    free(huge);
    crlm_errors_free(&e);
    /* list length */
    char *cea = malloc(64 * 1100 + 256);
    n = sprintf(cea, HEAD ",\"cea\":[");
    for (int i = 0; i < 1001; i++)
        n += sprintf(cea + n, "%s{\"date\":\"2024-01-01\",\"value_ng_ml\":1}", i ? "," : "");
    sprintf(cea + n, "]}");
    assert_int_equal(read_json(cea, &c, &e), CRLM_E_LIMIT);
    assert_string_equal(e.items[0].pointer, "/cea");
    free(cea);
    crlm_errors_free(&e);
    /* the error list itself is bounded */
    char *many = malloc(200 * 40 + 256);
    n = sprintf(many, HEAD ",\"patient\":{");
    for (int i = 0; i < 150; i++)
        n += sprintf(many + n, "%s\"x%d\":1", i ? "," : "", i);
    sprintf(many + n, "}}");
    assert_int_equal(read_json(many, &c, &e), CRLM_E_UNKNOWN_FIELD);
    assert_int_equal(e.count, CRLM_ERRORS_MAX);
    assert_int_equal(e.dropped, 50);
    free(many);
    crlm_errors_free(&e);
}

static void unknown_stays_unknown(void **state)
{
    (void)state;
    crlm_case *c = NULL;
    assert_int_equal(read_json(HEAD "}", &c, NULL), CRLM_OK);
    assert_true(isnan(c->patient.height_cm));
    assert_int_equal(c->patient.age_years, -1);
    assert_int_equal(c->primary.node_positive, CRLM_TRI_UNKNOWN);
    assert_int_equal(c->liver.synchronous, CRLM_TRI_UNKNOWN);
    assert_false(c->extrahepatic_known);
    assert_false(c->chemotherapy_known);
    assert_int_equal(c->molecular.ras, CRLM_MUT_UNKNOWN);
    crlm_case_free(c);
    /* an empty list is "none"; null is unknown */
    assert_int_equal(read_json(HEAD ",\"extrahepatic\":[],\"chemotherapy\":null}", &c, NULL), CRLM_OK);
    assert_true(c->extrahepatic_known);
    assert_int_equal(c->n_extrahepatic, 0);
    assert_false(c->chemotherapy_known);
    crlm_case_free(c);
}

static void derived_fields(void **state)
{
    (void)state;
    crlm_case *c = NULL;
    /* synchronous: found within 90 days of diagnosis; n1b -> node-positive; RAS from both */
    assert_int_equal(read_json("{\"format\":\"crlm-case/1\",\"id\":\"D\","
                               "\"primary\":{\"site\":\"transverse\",\"diagnosed_on\":\"2024-01-01\",\"n_stage\":\"n1b\"},"
                               "\"molecular\":{\"kras\":\"wild_type\",\"nras\":\"wild_type\"},"
                               "\"liver_metastases\":{\"detected_on\":\"2024-03-31\"},"
                               "\"patient\":{\"birth_date\":\"1960-04-01\"},"
                               "\"plan\":{\"planned_on\":\"2024-09-01\"}}",
                               &c, NULL),
                     CRLM_OK);
    assert_int_equal(c->liver.synchronous, CRLM_TRI_TRUE); /* 90 days exactly */
    assert_true(c->liver.synchronous_derived);
    assert_int_equal(c->primary.node_positive, CRLM_TRI_TRUE);
    assert_true(c->primary.node_positive_derived);
    assert_int_equal(c->primary.side, CRLM_SIDE_RIGHT);
    assert_int_equal(c->molecular.ras, CRLM_MUT_WILD_TYPE);
    /* assessed_on: the latest date in the case, the planned surgery aside */
    char d[11];
    crlm_date_format(c->assessed_on, d);
    assert_string_equal(d, "2024-03-31");
    assert_true(c->assessed_on_derived);
    assert_int_equal(c->patient.age_years, 63);
    crlm_case_free(c);
    assert_int_equal(read_json("{\"format\":\"crlm-case/1\",\"id\":\"D\","
                               "\"primary\":{\"diagnosed_on\":\"2024-01-01\",\"n_stage\":\"nx\"},"
                               "\"liver_metastases\":{\"detected_on\":\"2024-04-01\"}}",
                               &c, NULL),
                     CRLM_OK);
    assert_int_equal(c->liver.synchronous, CRLM_TRI_FALSE); /* 91 days */
    assert_int_equal(c->primary.node_positive, CRLM_TRI_UNKNOWN); /* nx */
    crlm_case_free(c);
}

static void sorted_lists(void **state)
{
    (void)state;
    crlm_case *c = NULL;
    assert_int_equal(read_json(HEAD ",\"cea\":[{\"date\":\"2024-05-01\",\"value_ng_ml\":3},"
                                    "{\"date\":\"2024-01-01\",\"value_ng_ml\":9}],"
                                    "\"imaging\":[{\"date\":\"2024-04-01\",\"lesions\":[]},"
                                    "{\"date\":\"2024-02-01\",\"lesions\":[]}]}",
                               &c, NULL),
                     CRLM_OK);
    assert_true(c->cea[0].value_ng_ml == 9);
    assert_true(c->studies[0].date < c->studies[1].date);
    crlm_case_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(examples_read),         cmocka_unit_test(invalid_example_reports_everything),
        cmocka_unit_test(syntax_error_line_and_column), cmocka_unit_test(format_and_id),
        cmocka_unit_test(types_ranges_enums),    cmocka_unit_test(dates_and_orders),
        cmocka_unit_test(conflicts),             cmocka_unit_test(limits),
        cmocka_unit_test(unknown_stays_unknown), cmocka_unit_test(derived_fields),
        cmocka_unit_test(sorted_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
