/* Thresholds that must be ordered are checked against each other when a profile is read
 * (the order table of crlm/profile.h, read by src/io/profile_read.c). Each constraint is
 * tried at its boundary against the default profile: where equality is allowed the equal
 * value reads and one step past it is refused; where it is not, equality is refused and one
 * step inside reads (a step is a whole unit for counts and days, half a unit for measures,
 * so the value prints the same however a number is formatted). The refusal names the upper parameter's value by its JSON pointer, the
 * other parameter and its value in "expected", and the value found. The expected rows are
 * written out here, not taken from the code's table, and the table must have exactly them. */
#include "test_util.h"

/* The default profile's text with parameter `key` set to `value` (the caller frees). */
static char *with_value(const char *key, const char *value)
{
    char *text = test_read_file("profiles/default.json", NULL);
    char from[128];
    snprintf(from, sizeof from, "\"%s\": { \"value\": ", key);
    char *at = strstr(text, from);
    assert_non_null(at);
    size_t vlen = strcspn(at + strlen(from), ",");
    char old[192], to[192];
    snprintf(old, sizeof old, "%.*s", (int)(strlen(from) + vlen), at);
    snprintf(to, sizeof to, "%s%s", from, value);
    return test_replace(text, old, to);
}

static crlm_status read_text(char *text, crlm_errors *e)
{
    crlm_profile *p = NULL;
    crlm_status st = crlm_profile_read(text, strlen(text), &p, e);
    crlm_profile_free(p);
    free(text);
    return st;
}

typedef struct row {
    const char *upper, *lower;
    const char *lower_value; /* as the default profile has it */
    bool equal_ok;
    const char *inside, *outside; /* one step inside (reads) and one step outside (refused) */
    const char *what;
} row;

static const row rows[] = {
    {"tbs_zone3_from", "tbs_zone2_from", "3", true, "3", "2.5", "TBS zones"},
    {"game_high_risk_from", "game_medium_risk_from", "2", true, "2", "1", "GAME groups"},
    {"konopke_high_risk_from", "konopke_medium_risk_from", "1", true, "1", "0", "Konopke groups"},
    {"mcrs_high_risk_from", "mcrs_medium_risk_from", "1", true, "1", "0", "m-CRS groups"},
    {"flr_chemotherapy_pct", "flr_normal_pct", "20", true, "20", "19.5",
     "remnant: chemotherapy needs no less"},
    {"flr_injured_pct", "flr_chemotherapy_pct", "30", true, "30", "29.5",
     "remnant: an injured liver needs no less"},
    {"bevacizumab_min_days", "bevacizumab_critical_under_days", "28", true, "28", "27",
     "bevacizumab interval"},
    {"flr_chemo_cycles", "prolonged_chemo_cycles", "6", true, "6", "5",
     "cycle limits: Karoui before Kishi"},
    {"recist_max_targets", "recist_max_targets_per_organ", "2", true, "2", "1",
     "RECIST target counts"},
    {"recist_node_target_mm", "recist_node_normal_under_mm", "10", true, "10", "9.5",
     "RECIST node sizes"},
    {"recist_measurable_mm", "recist_too_small_mm", "5", false, "5.1", "5",
     "RECIST: too small is not measurable"},
    {"tlv_physiological_max_ml", "tlv_physiological_min_ml", "500", false, "500.1", "500",
     "TLV physiological range"},
};
#define N_ROWS (sizeof rows / sizeof rows[0])

static void each_constraint_at_its_boundary(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ROWS; i++) {
        const row *r = &rows[i];
        crlm_errors e = {0};
        if (read_text(with_value(r->upper, r->inside), &e) != CRLM_OK)
            fail_msg("%s = %s should read", r->upper, r->inside);
        crlm_errors_free(&e);
        assert_int_equal(read_text(with_value(r->upper, r->outside), &e), CRLM_E_ORDER);
        assert_int_equal(e.count, 1);
        char pointer[128], expected[200], found[64];
        snprintf(pointer, sizeof pointer, "/parameters/%s/value", r->upper);
        snprintf(expected, sizeof expected, "%s %s (%s; %s)", r->equal_ok ? "at least" : "more than",
                 r->lower, r->lower_value, r->what);
        snprintf(found, sizeof found, "the number %s", r->outside);
        assert_string_equal(e.items[0].pointer, pointer);
        assert_string_equal(e.items[0].expected, expected);
        assert_string_equal(e.items[0].found, found);
        crlm_errors_free(&e);
    }
}

/* Moving the lower parameter past the upper one is the same broken pair, reported at the
 * upper one; two broken pairs are two errors. */
static void lower_side_and_several(void **state)
{
    (void)state;
    crlm_errors e = {0};
    assert_int_equal(read_text(with_value("flr_normal_pct", "30.1"), &e), CRLM_E_ORDER);
    assert_int_equal(e.count, 1);
    assert_string_equal(e.items[0].pointer, "/parameters/flr_chemotherapy_pct/value");
    assert_string_equal(e.items[0].expected,
                        "at least flr_normal_pct (30.1; remnant: chemotherapy needs no less)");
    assert_string_equal(e.items[0].found, "the number 30");
    crlm_errors_free(&e);
    char *text = with_value("tbs_zone2_from", "10");
    text = test_replace(text, "\"bevacizumab_critical_under_days\": { \"value\": 28",
                        "\"bevacizumab_critical_under_days\": { \"value\": 43");
    assert_int_equal(read_text(text, &e), CRLM_E_ORDER);
    assert_int_equal(e.count, 2);
    assert_non_null(test_find_error(&e, "/parameters/tbs_zone3_from/value"));
    assert_non_null(test_find_error(&e, "/parameters/bevacizumab_min_days/value"));
    crlm_errors_free(&e);
    /* a value that is itself invalid is reported once, as such, not again as an order */
    assert_int_equal(read_text(with_value("flr_chemotherapy_pct", "\"thirty\""), &e), CRLM_E_TYPE);
    assert_int_equal(e.count, 1);
    crlm_errors_free(&e);
}

/* The Fong high-risk threshold stays within the score's 0-5 with both groups non-empty. */
static void fong_high_risk_within_the_score(void **state)
{
    (void)state;
    static const struct {
        const char *v;
        crlm_status st;
    } cases[] = {{"1", CRLM_OK}, {"5", CRLM_OK}, {"0", CRLM_E_RANGE}, {"6", CRLM_E_RANGE}};
    for (size_t i = 0; i < 4; i++) {
        crlm_errors e = {0};
        assert_int_equal(read_text(with_value("fong_high_risk_from", cases[i].v), &e), cases[i].st);
        if (cases[i].st != CRLM_OK)
            assert_non_null(test_find_error(&e, "/parameters/fong_high_risk_from/value"));
        crlm_errors_free(&e);
    }
}

/* The code's table has exactly the rows above: a constraint removed or added is seen here. */
static void the_table_is_these_rows(void **state)
{
    (void)state;
    static const struct {
        crlm_param lo, hi;
    } table[] = {
#define T(lo, rel, hi, what) {CRLM_P_##lo, CRLM_P_##hi},
        CRLM_PARAM_ORDER_TABLE(T)
#undef T
    };
    assert_int_equal(sizeof table / sizeof table[0], N_ROWS);
    for (size_t i = 0; i < N_ROWS; i++) {
        bool found = false;
        for (size_t k = 0; k < N_ROWS; k++)
            found |= strcmp(crlm_profile_key(table[k].lo), rows[i].lower) == 0 &&
                     strcmp(crlm_profile_key(table[k].hi), rows[i].upper) == 0;
        if (!found)
            fail_msg("no order row %s <= %s in the code", rows[i].lower, rows[i].upper);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_constraint_at_its_boundary),
        cmocka_unit_test(lower_side_and_several),
        cmocka_unit_test(fong_high_risk_within_the_score),
        cmocka_unit_test(the_table_is_these_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
