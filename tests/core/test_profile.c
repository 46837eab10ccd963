/* Profiles: the built-in default is the shipped file, its hash is the one computed
 * independently by scripts/profile-sha256 (Python, sorted keys, %.17g reals), formatting does
 * not change the hash but any value does, and a profile is validated as strictly as a case. */
#include "test_util.h"
#include "crlm/profile_read.h"

#define DEFAULT_SHA256 "e2c3a22114015d4bbffc898a289daa32ede582c8bd80b1958adf0129b1669582"

static char *default_text(size_t *len) { return test_read_file("profiles/default.json", len); }

static void builtin_is_the_file(void **state)
{
    (void)state;
    crlm_profile *p = crlm_profile_default_new();
    assert_non_null(p);
    assert_string_equal(crlm_profile_sha256(p), DEFAULT_SHA256);
    assert_string_equal(crlm_profile_name(p), "default");
    size_t len;
    char *text = default_text(&len);
    crlm_profile *q = NULL;
    assert_int_equal(crlm_profile_read(text, len, &q, NULL), CRLM_OK);
    assert_string_equal(crlm_profile_sha256(q), DEFAULT_SHA256);
    /* published defaults the acceptance tests rely on (report-format.md) */
    assert_true(crlm_profile_num(p, CRLM_P_BEVACIZUMAB_MIN_DAYS) == 42);
    assert_true(crlm_profile_num(p, CRLM_P_BEVACIZUMAB_CRITICAL_UNDER_DAYS) == 28);
    assert_true(crlm_profile_num(p, CRLM_P_PROLONGED_CHEMO_CYCLES) == 6);
    assert_true(crlm_profile_num(p, CRLM_P_FLR_CHEMO_CYCLES) == 9);
    assert_true(crlm_profile_num(p, CRLM_P_FLR_NORMAL_PCT) == 20);
    assert_true(crlm_profile_num(p, CRLM_P_FLR_CHEMOTHERAPY_PCT) == 30);
    assert_true(crlm_profile_num(p, CRLM_P_FLR_INJURED_PCT) == 40);
    assert_true(crlm_profile_num(p, CRLM_P_KGR_MIN_PCT_PER_WEEK) == 2);
    assert_true(crlm_profile_num(p, CRLM_P_SYNCHRONOUS_WINDOW_DAYS) == 90);
    assert_true(crlm_profile_num(p, CRLM_P_GAME_MUTATION) == 0);  /* kras */
    assert_true(crlm_profile_num(p, CRLM_P_BSA_FORMULA) == 0);    /* mosteller */
    assert_true(crlm_profile_num(p, CRLM_P_RECIST_CONFIRMATION) == 0);
    assert_true(crlm_profile_num(p, CRLM_P_TLV_INTERCEPT_ML) == -794.41);
    assert_string_equal(crlm_profile_evidence(p, CRLM_P_BEVACIZUMAB_MIN_DAYS), "seed:34");
    assert_string_equal(crlm_profile_evidence(p, CRLM_P_FONG_CEA_NG_ML_OVER), "fong-1999, seed:6");
    crlm_profile_free(q);
    crlm_profile_free(p);
    free(text);
}

static void hash_follows_content_not_layout(void **state)
{
    (void)state;
    size_t len;
    char *text = default_text(&len);
    /* Strip every newline and indentation: same canonical form, same hash. */
    char *flat = malloc(len + 1);
    size_t n = 0;
    bool in_str = false;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '"' && (i == 0 || text[i - 1] != '\\'))
            in_str = !in_str;
        if (!in_str && (text[i] == '\n' || text[i] == ' '))
            continue;
        flat[n++] = text[i];
    }
    crlm_profile *p = NULL;
    assert_int_equal(crlm_profile_read(flat, n, &p, NULL), CRLM_OK);
    assert_string_equal(crlm_profile_sha256(p), DEFAULT_SHA256);
    crlm_profile_free(p);
    /* One threshold changed: a different hash, and the new value is used. */
    char *at = strstr(text, "\"bevacizumab_min_days\": { \"value\": 42");
    assert_non_null(at);
    at[strlen("\"bevacizumab_min_days\": { \"value\": 4")] = '9';
    assert_int_equal(crlm_profile_read(text, len, &p, NULL), CRLM_OK);
    assert_string_not_equal(crlm_profile_sha256(p), DEFAULT_SHA256);
    assert_true(crlm_profile_num(p, CRLM_P_BEVACIZUMAB_MIN_DAYS) == 49);
    crlm_profile_free(p);
    free(flat);
    free(text);
}

static void strict_validation(void **state)
{
    (void)state;
    crlm_profile *p = NULL;
    crlm_errors e = {0};
    const char *bad = "{\"format\":\"crlm-profile/1\",\"name\":\"x\",\"parameters\":{"
                      "\"fong_cea_ng_ml_over\":{\"value\":-1,\"evidence\":[\"fong-1999\"]},"
                      "\"bsa_formula\":{\"value\":\"haycock\",\"evidence\":[\"x\"]},"
                      "\"recist_confirmation\":{\"value\":1,\"evidence\":[\"x\"]},"
                      "\"kgr_min_pct_per_week\":{\"value\":2,\"evidence\":[]},"
                      "\"made_up\":{\"value\":1,\"evidence\":[\"x\"]}}}";
    assert_int_not_equal(crlm_profile_read(bad, strlen(bad), &p, &e), CRLM_OK);
    assert_null(p);
    assert_int_equal(test_find_error(&e, "/parameters/fong_cea_ng_ml_over/value")->code, CRLM_E_RANGE);
    assert_int_equal(test_find_error(&e, "/parameters/bsa_formula/value")->code, CRLM_E_ENUM);
    assert_int_equal(test_find_error(&e, "/parameters/recist_confirmation/value")->code, CRLM_E_TYPE);
    assert_int_equal(test_find_error(&e, "/parameters/kgr_min_pct_per_week/evidence")->code, CRLM_E_MISSING);
    assert_int_equal(test_find_error(&e, "/parameters/made_up")->code, CRLM_E_UNKNOWN_FIELD);
    /* every other parameter is reported missing: a profile never falls back to a default */
    const crlm_error *x = test_find_error(&e, "/parameters/fong_largest_mm_over");
    assert_non_null(x);
    assert_int_equal(x->code, CRLM_E_MISSING);
    assert_int_equal(e.count, 5 + (CRLM_PARAM_COUNT - 4));
    crlm_errors_free(&e);
    assert_int_equal(crlm_profile_read("{\"format\":\"crlm-case/1\"}", 24, &p, &e), CRLM_E_FORMAT);
    crlm_errors_free(&e);
    /* An over-long evidence id is an error and is never copied (found by fuzzing: the joined
     * list was sized for the valid ids only). */
    char *text = test_read_file("profiles/default.json", NULL);
    char *at = strstr(text, "\"evidence\": [\"fong-1999\", \"seed:6\"]");
    assert_non_null(at);
    char long_id[80];
    memset(long_id, 'x', 70);
    long_id[70] = '\0';
    char edited[32768];
    snprintf(edited, sizeof edited, "%.*s\"evidence\": [\"%s\", \"seed:6\"]%s", (int)(at - text), text,
             long_id, at + strlen("\"evidence\": [\"fong-1999\", \"seed:6\"]"));
    assert_int_equal(crlm_profile_read(edited, strlen(edited), &p, &e), CRLM_E_TYPE);
    assert_null(p);
    assert_string_equal(e.items[0].pointer, "/parameters/fong_tumor_count_over/evidence/0");
    crlm_errors_free(&e);
    free(text);
}

static void custom_profile_changes_scores(void **state)
{
    (void)state;
    crlm_profile *p = test_profile_with("\"fong_cea_ng_ml_over\": { \"value\": 200",
                                        "\"fong_cea_ng_ml_over\": { \"value\": 30");
    assert_true(crlm_profile_num(p, CRLM_P_FONG_CEA_NG_ML_OVER) == 30);
    assert_string_not_equal(crlm_profile_sha256(p), DEFAULT_SHA256);
    crlm_profile_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builtin_is_the_file),
        cmocka_unit_test(hash_follows_content_not_layout),
        cmocka_unit_test(strict_validation),
        cmocka_unit_test(custom_profile_changes_scores),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
