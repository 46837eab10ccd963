/* Helpers shared by the pathway tests: a case is built as a jansson object from a base JSON
 * text, edited one member at a time with a slash path (set a value, or remove it to make it
 * unknown), run through the public API (crlm_case_read, crlm_assess, crlm_report_write_json)
 * and the `crlm-report/1` JSON is parsed back, so the tests read what integrations read.
 *
 * The base cases are below with their hand computations; every test changes one or two
 * members of a base case and says what that changes. */
#ifndef CRLM_PATHWAY_TEST_H
#define CRLM_PATHWAY_TEST_H

#include "test_util.h"

#include <jansson.h>

#include "crlm/buf.h"
#include "crlm/case_read.h"
#include "crlm/pathway.h"
#include "crlm/report.h"

/* ---- base cases -------------------------------------------------------------------------- */

/* Both bases: 175 cm, 80 kg -> Mosteller BSA sqrt(175*80/3600) = 1.97203 m2 -> TLV
 * -794.41 + 1267.28 x 1.97203 = 1704.70 mL. FLR 600 mL -> sFLR 35.20 % (>= 20 % normal
 * liver, >= 30 % after chemotherapy, < 40 % injured liver). Sigmoid primary (left-sided),
 * KRAS and NRAS wild type (RAS wild type). Plan R0, 3 contiguous segments, vessels and
 * biliary drainage preserved: technically resectable. */
#define PT_PATIENT "\"patient\":{\"height_cm\":175,\"weight_kg\":80,\"liver_condition\":\"normal\"},"
#define PT_MOLECULAR "\"molecular\":{\"kras\":\"wild_type\",\"nras\":\"wild_type\"},"
#define PT_PLAN(planned)                                                                       \
    "\"plan\":{\"procedure\":\"minor_hepatectomy\",\"planned_on\":\"" planned "\","          \
    "\"expected_margin\":\"r0\",\"remnant_contiguous_segments\":3,"                            \
    "\"inflow_outflow_preserved\":true,\"biliary_drainage_preserved\":true}"
#define PT_LES(id, mm) "{\"id\":\"" id "\",\"organ\":\"liver\",\"role\":\"target\",\"diameter_mm\":" #mm "}"
#define PT_NT(id) "{\"id\":\"" id "\",\"organ\":\"liver\",\"role\":\"non_target\",\"status\":\"present\",\"count\":1}"
#define PT_STUDY(date, lesions) "{\"date\":\"" date "\",\"modality\":\"ct\",\"slice_mm\":2.5,\"lesions\":[" lesions "]}"

/* U: untreated, metachronous, Fong 0. Primary resected 2022-01-20, metastases detected
 * 2024-05-02: 27 calendar months (>= 12, no point; not synchronous: 2.3 years after the
 * diagnosis, over the 90-day window); n0 (no point); one tumour (no point); largest 30 mm
 * (<= 50, no point); CEA 12 (<= 200, no point). Fong 0 -> low risk. No chemotherapy: remnant
 * threshold 20 %, sFLR 35.2 % adequate. Last imaging 2024-05-02 -> surgery 2024-06-10: 39 days
 * (<= 42, no early_progression_risk). Expected: upfront_resection. */
#define PT_BASE_UNTREATED                                                                      \
    "{\"format\":\"crlm-case/1\",\"id\":\"U\",\"assessed_on\":\"2024-06-01\"," PT_PATIENT     \
    "\"primary\":{\"site\":\"sigmoid\",\"diagnosed_on\":\"2022-01-10\",\"resected_on\":"        \
    "\"2022-01-20\",\"symptomatic\":false,\"n_stage\":\"n0\"}," PT_MOLECULAR                    \
    "\"liver_metastases\":{\"detected_on\":\"2024-05-02\"},\"extrahepatic\":[],"               \
    "\"cea\":[{\"date\":\"2024-05-02\",\"value_ng_ml\":12}],"                                   \
    "\"imaging\":[" PT_STUDY("2024-05-02", PT_LES("L1", 30)) "],"                              \
    "\"chemotherapy\":[],\"volumetry\":[{\"date\":\"2024-05-10\",\"flr_ml\":600}],"            \
    PT_PLAN("2024-06-10") "}"

/* C: after one line of CAPOX (capecitabine + oxaliplatin, 4 cycles, 2024-02-05 to 2024-04-24,
 * intent conversion), with response. Baseline 2024-01-05 (the last study before the line):
 * targets L1 40 + L2 30 = 70 mm, non-target L3. 2024-03-05 (on chemotherapy): 25 + 18 = 43 mm,
 * -38.6 % -> PR. 2024-04-28 (after the line ended, before surgery): 24 + 17 = 41 mm, -41.4 %
 * -> PR, not PD against the nadir 43. Line 1: response, no progression on or after it.
 * Chemotherapy given: threshold 30 %, sFLR 35.2 % adequate; resectable. Last imaging 2024-04-28
 * is after the line ended (no restaging_required) and 22 days before surgery 2024-05-20.
 * Current burden: 3 tumours (L1, L2, L3), largest 24 mm, CEA 12 (2024-04-26).
 * Expected: resection_after_chemotherapy. */
#define PT_LINE1_CAPOX                                                                         \
    "{\"line\":1,\"intent\":\"conversion\",\"regimen\":\"capox\",\"agents\":[\"capecitabine\","  \
    "\"oxaliplatin\"],\"started_on\":\"2024-02-05\",\"ended_on\":\"2024-04-24\",\"cycles\":4}"
#define PT_BASE_AFTER_CHEMO(s2, s3, cea)                                                       \
    "{\"format\":\"crlm-case/1\",\"id\":\"C\",\"assessed_on\":\"2024-05-01\"," PT_PATIENT     \
    "\"primary\":{\"site\":\"sigmoid\",\"diagnosed_on\":\"2022-01-10\",\"resected_on\":"        \
    "\"2022-01-20\",\"symptomatic\":false,\"n_stage\":\"n0\"}," PT_MOLECULAR                    \
    "\"liver_metastases\":{\"detected_on\":\"2024-01-05\"},\"extrahepatic\":[],"               \
    "\"cea\":[{\"date\":\"2024-01-04\",\"value_ng_ml\":40},{\"date\":\"2024-04-26\","          \
    "\"value_ng_ml\":" #cea "}],"                                                               \
    "\"imaging\":[" PT_STUDY("2024-01-05", PT_LES("L1", 40) "," PT_LES("L2", 30) "," PT_NT("L3")) \
    "," PT_STUDY("2024-03-05", s2) "," PT_STUDY("2024-04-28", s3) "],"                        \
    "\"chemotherapy\":[" PT_LINE1_CAPOX "],"                                                    \
    "\"volumetry\":[{\"date\":\"2024-04-29\",\"flr_ml\":600}]," PT_PLAN("2024-05-20") "}"
#define PT_BASE_CONTROLLED                                                                     \
    PT_BASE_AFTER_CHEMO(PT_LES("L1", 25) "," PT_LES("L2", 18) "," PT_NT("L3"),                 \
                        PT_LES("L1", 24) "," PT_LES("L2", 17) "," PT_NT("L3"), 12)

/* P: the same patient progressing on line 1, every selection criterion met. Baseline 70 mm;
 * 2024-03-05 (on chemotherapy): 50 + 36 = 86 mm, +22.9 % and +16 mm over the nadir 70 -> PD
 * on chemotherapy; 2024-04-28 (after the line): 45 + 40 = 85 mm, +21.4 %, +15 mm over the
 * nadir 70 -> PD. Current burden: 3 tumours (limit 3), largest 45 mm (limit 50), CEA 150
 * (limit 200), no extrahepatic disease, R0, sFLR 35.2 % >= 30 % (resectable), no second line.
 * Expected: resection_despite_progression, option second_line_then_restage. */
#define PT_BASE_PROGRESSING                                                                    \
    PT_BASE_AFTER_CHEMO(PT_LES("L1", 50) "," PT_LES("L2", 36) "," PT_NT("L3"),                 \
                        PT_LES("L1", 45) "," PT_LES("L2", 40) "," PT_NT("L3"), 150)

/* Two lines: CAPOX 2023-11-01..2024-01-20 with PD (baseline 2023-10-25 30 + 20 = 50 mm;
 * 2024-01-05 40 + 26 = 66 mm, +32 %, +16 mm, on chemotherapy), then FOLFIRI 2024-02-05..
 * 2024-04-24 whose baseline is the 2024-01-05 study (66 mm). */
#define PT_SECOND_LINE_CASE(s3, s4)                                                               \
    "{\"format\":\"crlm-case/1\",\"id\":\"S\",\"assessed_on\":\"2024-05-01\"," PT_PATIENT     \
    "\"primary\":{\"site\":\"sigmoid\",\"diagnosed_on\":\"2022-01-10\",\"resected_on\":"        \
    "\"2022-01-20\",\"symptomatic\":false,\"n_stage\":\"n0\"}," PT_MOLECULAR                    \
    "\"liver_metastases\":{\"detected_on\":\"2023-10-25\"},\"extrahepatic\":[],"               \
    "\"cea\":[{\"date\":\"2024-04-26\",\"value_ng_ml\":50}],\"imaging\":["                      \
    PT_STUDY("2023-10-25", PT_LES("L1", 30) "," PT_LES("L2", 20) "," PT_NT("L3")) ","          \
    PT_STUDY("2024-01-05", PT_LES("L1", 40) "," PT_LES("L2", 26) "," PT_NT("L3")) ","          \
    PT_STUDY("2024-03-05", s3) "," PT_STUDY("2024-04-28", s4) "],\"chemotherapy\":["            \
    "{\"line\":1,\"regimen\":\"capox\",\"agents\":[\"capecitabine\",\"oxaliplatin\"],"          \
    "\"started_on\":\"2023-11-01\",\"ended_on\":\"2024-01-20\",\"cycles\":4},"                 \
    "{\"line\":2,\"regimen\":\"folfiri\",\"agents\":[\"irinotecan\",\"fluorouracil\","          \
    "\"leucovorin\"],\"started_on\":\"2024-02-05\",\"ended_on\":\"2024-04-24\",\"cycles\":4}]," \
    "\"volumetry\":[{\"date\":\"2024-04-29\",\"flr_ml\":600}]," PT_PLAN("2024-05-20") "}"

/* ---- building and running ---------------------------------------------------------------- */

static inline json_t *pt_case(const char *text)
{
    json_error_t err;
    json_t *j = json_loads(text, 0, &err);
    if (!j)
        fprintf(stderr, "base case: %s at %d:%d\n", err.text, err.line, err.column);
    assert_non_null(j);
    return j;
}

/* Sets the member at `path` ("plan/expected_margin", "imaging/2/lesions/0/diameter_mm") to the
 * JSON text `value`, creating objects on the way; a NULL value removes the member (unknown). */
static inline void pt_set(json_t *root, const char *path, const char *value)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    json_t *at = root;
    char *tok = buf;
    while (tok) {
        char *slash = strchr(tok, '/');
        char *next = NULL;
        if (slash) {
            *slash = '\0';
            next = slash + 1;
        }
        if (json_is_array(at)) {
            size_t i = (size_t)strtoul(tok, NULL, 10);
            if (!next) {
                if (value) {
                    json_t *v = json_loads(value, JSON_DECODE_ANY, NULL);
                    assert_non_null(v);
                    if (i == json_array_size(at))
                        assert_int_equal(json_array_append_new(at, v), 0);
                    else
                        assert_int_equal(json_array_set_new(at, i, v), 0);
                } else {
                    assert_int_equal(json_array_remove(at, i), 0);
                }
                return;
            }
            at = json_array_get(at, i);
            assert_non_null(at);
        } else {
            assert_true(json_is_object(at));
            if (!next) {
                if (value) {
                    json_t *v = json_loads(value, JSON_DECODE_ANY, NULL);
                    if (!v)
                        fprintf(stderr, "bad value for %s: %s\n", path, value);
                    assert_non_null(v);
                    assert_int_equal(json_object_set_new(at, tok, v), 0);
                } else {
                    assert_int_equal(json_object_del(at, tok), 0);
                }
                return;
            }
            json_t *child = json_object_get(at, tok);
            if (!child) {
                child = json_object();
                json_object_set_new(at, tok, child);
            }
            at = child;
        }
        tok = next;
    }
}

/* Code ids seen in reports that are not in crlm_check_rules() (checked by one test). */
static char pt_unlisted_checks[512];

static inline bool pt_check_listed(const char *code)
{
    size_t n;
    const crlm_rule_info *t = crlm_check_rules(&n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(t[i].id, code) == 0)
            return true;
    return false;
}

/* Rule ids and check codes seen in any report of this test program (for the coverage tests). */
static char pt_seen[4096];

static inline void pt_see(const char *id)
{
    char key[80];
    snprintf(key, sizeof key, " %s ", id);
    if (strstr(pt_seen, key))
        return;
    size_t n = strlen(pt_seen);
    snprintf(pt_seen + n, sizeof pt_seen - n, "%s%s ", n ? "" : " ", id);
}

static inline bool pt_was_seen(const char *id)
{
    char key[80];
    snprintf(key, sizeof key, " %s ", id);
    return strstr(pt_seen, key) != NULL;
}

/* Assesses the case with the profile and returns the parsed report (json_decref it). */
static inline json_t *pt_eval_with(const json_t *c, const crlm_profile *p)
{
    char *text = json_dumps(c, JSON_COMPACT);
    assert_non_null(text);
    crlm_case *cs = test_case(text, p);
    free(text);
    crlm_report *r = NULL;
    assert_int_equal(crlm_assess(cs, p, &r), CRLM_OK);
    crlm_buf b = {0};
    crlm_report_write_json(r, &b);
    assert_false(b.failed);
    json_error_t err;
    json_t *out = json_loadb(b.data, b.len, 0, &err);
    if (!out)
        fprintf(stderr, "report is not JSON: %s\n", err.text);
    assert_non_null(out);
    crlm_buf_free(&b);
    crlm_report_free(r);
    crlm_case_free(cs);
    json_t *checks = json_object_get(out, "checks");
    for (size_t i = 0; i < json_array_size(checks); i++) {
        const char *code = json_string_value(json_object_get(json_array_get(checks, i), "code"));
        if (code && !pt_check_listed(code) && !strstr(pt_unlisted_checks, code)) {
            size_t n = strlen(pt_unlisted_checks);
            snprintf(pt_unlisted_checks + n, sizeof pt_unlisted_checks - n, "%s%s", n ? " " : "", code);
        }
        if (code)
            pt_see(code);
    }
    json_t *ra = json_object_get(json_object_get(out, "pathway"), "rationale");
    for (size_t i = 0; i < json_array_size(ra); i++) {
        const char *id = json_string_value(json_object_get(json_array_get(ra, i), "rule"));
        if (id)
            pt_see(id);
    }
    return out;
}

/* ---- reading the report ------------------------------------------------------------------ */

static inline void pt_dump(const json_t *rep, const char *member)
{
    char *s = json_dumps(json_object_get(rep, member), JSON_INDENT(1));
    fprintf(stderr, "%s: %s\n", member, s ? s : "(none)");
    free(s);
}

static inline const char *pt_rec(const json_t *rep)
{
    return json_string_value(json_object_get(json_object_get(rep, "pathway"), "recommendation"));
}

static inline bool pt_in_list(const json_t *list, const char *s)
{
    for (size_t i = 0; i < json_array_size(list); i++) {
        const char *v = json_string_value(json_array_get(list, i));
        if (v && strcmp(v, s) == 0)
            return true;
    }
    return false;
}

/* True when the recommendation is `code`; prints the pathway otherwise. */
static inline bool pt_rec_is(const json_t *rep, const char *code)
{
    const char *r = pt_rec(rep);
    if (r && strcmp(r, code) == 0)
        return true;
    fprintf(stderr, "expected recommendation %s, got %s\n", code, r ? r : "(null)");
    pt_dump(rep, "pathway");
    return false;
}

static inline bool pt_fired(const json_t *rep, const char *rule_id)
{
    json_t *ra = json_object_get(json_object_get(rep, "pathway"), "rationale");
    for (size_t i = 0; i < json_array_size(ra); i++) {
        const char *id = json_string_value(json_object_get(json_array_get(ra, i), "rule"));
        if (id && strcmp(id, rule_id) == 0)
            return true;
    }
    return false;
}

static inline bool pt_option(const json_t *rep, const char *code)
{
    return pt_in_list(json_object_get(json_object_get(rep, "pathway"), "options"), code);
}
static inline bool pt_suggested(const json_t *rep, const char *code)
{
    json_t *reg = json_object_get(json_object_get(rep, "pathway"), "regimen");
    return pt_in_list(json_object_get(reg, "suggested"), code);
}
static inline bool pt_avoid(const json_t *rep, const char *code)
{
    json_t *reg = json_object_get(json_object_get(rep, "pathway"), "regimen");
    return pt_in_list(json_object_get(reg, "avoid"), code);
}
/* pathway.missing names `name` exactly (one item of the list). */
static inline bool pt_missing(const json_t *rep, const char *name)
{
    json_t *m = json_object_get(json_object_get(rep, "pathway"), "missing");
    if (pt_in_list(m, name))
        return true;
    fprintf(stderr, "expected %s among the missing inputs\n", name);
    pt_dump(rep, "pathway");
    return false;
}
static inline size_t pt_missing_count(const json_t *rep)
{
    return json_array_size(json_object_get(json_object_get(rep, "pathway"), "missing"));
}

/* The first check with `code`, or NULL when it did not fire. */
static inline const json_t *pt_check_object(const json_t *rep, const char *code)
{
    json_t *checks = json_object_get(rep, "checks");
    for (size_t i = 0; i < json_array_size(checks); i++) {
        json_t *c = json_array_get(checks, i);
        const char *cc = json_string_value(json_object_get(c, "code"));
        if (cc && strcmp(cc, code) == 0)
            return c;
    }
    return NULL;
}

/* The severity of the first check with `code`, or NULL when it did not fire. */
static inline const char *pt_check(const json_t *rep, const char *code)
{
    return json_string_value(json_object_get(pt_check_object(rep, code), "severity"));
}

/* The message of the first check with `code`, or NULL when it did not fire. */
static inline const char *pt_check_message(const json_t *rep, const char *code)
{
    return json_string_value(json_object_get(pt_check_object(rep, code), "message"));
}

#define PT_REC(rep, code) assert_true(pt_rec_is((rep), (code)))
#define PT_FIRED(rep, id) assert_true(pt_fired((rep), (id)))
#define PT_NOT_FIRED(rep, id) assert_false(pt_fired((rep), (id)))
#define PT_MISSING(rep, name) assert_true(pt_missing((rep), (name)))

#endif
