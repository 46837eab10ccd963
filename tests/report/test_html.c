/* The printable HTML report: every valid example renders a complete, well-nested page that
 * names its recommendation, says it is decision support, and loads nothing from anywhere; case
 * text that reaches the page (a lesion id, a regimen) is escaped wherever it appears. What a
 * browser shows is tested by tests/browser/html_report.mjs. */
#include <dirent.h>

#include "test_util.h"

#include "crlm/pathway.h"
#include "crlm/report.h"
#include "report/report_internal.h"

#define P TEST_PROFILE

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *s = strstr(hay, needle); s; s = strstr(s + 1, needle))
        n++;
    return n;
}

/* Elements that never have a closing tag in HTML. */
static bool is_void(const char *name, size_t n)
{
    static const char *const v[] = {"meta", "br", "hr", "img", "link", "input", "wbr"};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (strlen(v[i]) == n && strncmp(name, v[i], n) == 0)
            return true;
    return false;
}

/* Every element is closed, in order: a stack over the tags, skipping the doctype, comments,
 * void elements, self-closed SVG elements and the content of <style>. Fails with the offending
 * offset. */
static void assert_well_nested(const char *html)
{
    struct {
        const char *name;
        size_t n;
    } stack[256];
    size_t depth = 0;
    for (const char *s = strchr(html, '<'); s; s = strchr(s, '<')) {
        if (strncmp(s, "<!--", 4) == 0) {
            s = strstr(s, "-->");
            assert_non_null(s);
            continue;
        }
        if (s[1] == '!') {
            s = strchr(s, '>');
            assert_non_null(s);
            continue;
        }
        bool closing = s[1] == '/';
        const char *name = s + 1 + closing;
        size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789");
        if (n == 0)
            fail_msg("stray '<' at offset %td", s - html);
        const char *end = strchr(name, '>');
        assert_non_null(end);
        if (closing) {
            if (depth == 0 || stack[depth - 1].n != n || strncmp(stack[depth - 1].name, name, n))
                fail_msg("</%.*s> at offset %td does not close <%.*s>", (int)n, name, s - html,
                         depth ? (int)stack[depth - 1].n : 0, depth ? stack[depth - 1].name : "");
            depth--;
        } else if (end[-1] != '/' && !is_void(name, n)) {
            assert_true(depth < sizeof stack / sizeof stack[0]);
            stack[depth].name = name;
            stack[depth++].n = n;
            if (n == 5 && strncmp(name, "style", 5) == 0) {
                end = strstr(end, "</style>");
                assert_non_null(end);
                end--;
            }
        }
        s = end + 1;
    }
    if (depth)
        fail_msg("<%.*s> is never closed", (int)stack[depth - 1].n, stack[depth - 1].name);
}

/* Nothing the page could fetch: the only URL is the SVG namespace, which is a name. */
static void assert_self_contained(const char *html)
{
    size_t xmlns = count(html, "xmlns=\"http://www.w3.org/2000/svg\"");
    assert_int_equal(count(html, "http://"), xmlns);
    assert_int_equal(count(html, "https://"), 0);
    assert_int_equal(count(html, "//www.w3.org"), xmlns);
    assert_null(strstr(html, "src="));
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<link"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "@import"));
    assert_null(strstr(html, "url("));
    assert_null(strstr(html, "@font-face"));
    assert_null(strstr(html, "<?xml")); /* the SVG's declaration, if any, is stripped */
    /* every href is an in-page anchor */
    for (const char *s = strstr(html, "href=\""); s; s = strstr(s + 1, "href=\""))
        assert_int_equal(s[6], '#');
}

static char *render(const crlm_case *c, crlm_report **out)
{
    crlm_report *r = NULL;
    assert_int_equal(crlm_assess(c, P, &r), CRLM_OK);
    crlm_buf b = {0};
    crlm_report_write_html(r, &b);
    assert_false(b.failed);
    assert_non_null(b.data);
    if (out)
        *out = r;
    else
        crlm_report_free(r);
    return b.data; /* the caller frees */
}

static void check_page(const char *name, const crlm_case *c)
{
    crlm_report *r;
    char *html = render(c, &r);
    size_t len = strlen(html);
    assert_true(strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
    assert_string_equal(html + len - 8, "</html>\n");
    assert_non_null(strstr(html, "<meta charset=\"utf-8\">"));
    assert_int_equal(count(html, "<h1"), 1);
    assert_well_nested(html);
    assert_self_contained(html);

    /* the recommendation, by code and inside its box */
    const char *code = crlm_pathway_name(r->pathway.recommendation);
    assert_non_null(code);
    const char *box = strstr(html, "id=\"recommendation\"");
    assert_non_null(box);
    const char *box_end = strstr(box, "</p>");
    const char *at = strstr(box, code);
    if (!at || at > box_end)
        fail_msg("%s: recommendation %s is not in its box", name, code);

    /* the sections a board reads, the case id, the engine and the disclaimer */
    static const char *const must[] = {
        "id=\"patient\"", "id=\"pathway\"", "id=\"checks\"", "id=\"scores\"", "id=\"response\"",
        "id=\"liver\"", "id=\"prognosis\"", "id=\"references\"", "Standardized FLR",
        "Fong clinical risk score", "not a certified medical device", "Decision support",
        "seed:N</code> is reference N of Araujo et al.", "@media print", "SHA-256"};
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
        if (!strstr(html, must[i]))
            fail_msg("%s: missing %s", name, must[i]);
    assert_non_null(strstr(html, c->id));
    assert_non_null(strstr(html, crlm_profile_sha256(P)));
    /* headers say what they head */
    assert_int_equal(count(html, "<th>"), 0);
    /* every fired check is shown with its severity in words */
    for (size_t i = 0; i < r->checks.count; i++) {
        assert_non_null(strstr(html, r->checks.items[i].code));
        const char *word = r->checks.items[i].severity == CRLM_SEV_CRITICAL  ? ">Critical<"
                           : r->checks.items[i].severity == CRLM_SEV_WARNING ? ">Warning<"
                                                                             : ">Info<";
        assert_non_null(strstr(html, word));
    }
    /* every rationale's rule id is there, and each cited id is explained once */
    for (size_t i = 0; i < r->pathway.n_rationale; i++)
        assert_non_null(strstr(html, r->pathway.rationale[i].rule));
    for (const char *s = strstr(html, "<a href=\"#"); s; s = strstr(s + 1, "<a href=\"#")) {
        char anchor[80];
        size_t n = strcspn(s + 10, "\"");
        assert_true(n < 60);
        snprintf(anchor, sizeof anchor, "<li id=\"%.*s\"", (int)n, s + 10);
        if (count(html, anchor) != 1)
            fail_msg("%s: citation #%.*s is not explained exactly once", name, (int)n, s + 10);
    }
    /* the spider plot is inline whenever there is a baseline */
    if (r->response->n_baselines)
        assert_non_null(strstr(html, "<figure id=\"spider\"><svg role=\"img\""));
    crlm_report_free(r);
    free(html);
}

static void every_valid_example(void **state)
{
    (void)state;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/examples", CRLM_SOURCE_DIR);
    DIR *d = opendir(dir);
    assert_non_null(d);
    int rendered = 0;
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0 || strncmp(e->d_name, "invalid", 7) == 0)
            continue;
        char rel[600];
        snprintf(rel, sizeof rel, "examples/%s", e->d_name);
        char *json = test_read_file(rel, NULL);
        crlm_case *c = test_case(json, P);
        check_page(e->d_name, c);
        crlm_case_free(c);
        free(json);
        rendered++;
    }
    closedir(d);
    assert_true(rendered >= 5);
}

static void progression_example_content(void **state)
{
    (void)state;
    char *json = test_read_file("examples/progression-on-chemotherapy.json", NULL);
    crlm_case *c = test_case(json, P);
    char *html = render(c, NULL);
    static const char *const must[] = {
        "Resection despite progression (selected patients)",
        "<code>resection_despite_progression</code>",
        "Second-line chemotherapy, then restage",
        "anti_egfr_perioperative",
        "progressor_selected_for_resection",
        "RAS mutant (KRAS mutant, NRAS wild type)",
        "metachronous",
        "<th scope=\"col\" class=\"num\">L1 (mm)</th>",
        "<td class=\"num\">74.0</td><td class=\"num\">+29.8&#8239;%</td>",
        "<strong>PD</strong>",
        "<strong>progression</strong>",
        "30.2&#8239;%</strong> vs threshold 30&#8239;% (after chemotherapy)",
        "<span class=\"sev sev-warning\">Warning</span>",
        "Response group <em>progression</em>",
        "<td class=\"num\">45.9-77.4&#8239;%</td>",
        "score 3: 5-year overall survival 20&#8239;%",
        "Araujo 2022, reference 29 (Adam et al., 2004)",
        "Karoui et al., 2006",
    };
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
        if (!strstr(html, must[i]))
            fail_msg("missing %s", must[i]);
    free(html);
    crlm_case_free(c);
    free(json);
}

/* Unknowns read "unknown", never 0: the CEA-less example's Fong score is a range. */
static void unknowns_are_words(void **state)
{
    (void)state;
    char *json = test_read_file("examples/missing-cea.json", NULL);
    crlm_case *c = test_case(json, P);
    char *html = render(c, NULL);
    assert_non_null(strstr(html, "<strong>3-4</strong> (range)"));
    assert_non_null(strstr(html, "CEA over 200: unknown"));
    free(html);
    crlm_case_free(c);
    free(json);
}

/* Case text reaches the page through a lesion id (response table, the recist_selection check
 * message, the spider plot's legend) and a regimen name; none of it may become markup. */
static void hostile_text_is_escaped(void **state)
{
    (void)state;
    crlm_case *c = test_case(
        "{\"format\":\"crlm-case/1\",\"id\":\"HOSTILE-1\",\"assessed_on\":\"2024-06-01\","
        "\"imaging\":[{\"date\":\"2024-01-10\",\"lesions\":["
        "{\"id\":\"A<b>&\\\"'\",\"organ\":\"liver\",\"role\":\"target\",\"diameter_mm\":6},"
        "{\"id\":\"L2\",\"organ\":\"liver\",\"role\":\"target\",\"diameter_mm\":30}]},"
        "{\"date\":\"2024-04-10\",\"lesions\":["
        "{\"id\":\"A<b>&\\\"'\",\"organ\":\"liver\",\"role\":\"target\",\"diameter_mm\":5},"
        "{\"id\":\"L2\",\"organ\":\"liver\",\"role\":\"target\",\"diameter_mm\":20}]}],"
        "\"chemotherapy\":[{\"line\":1,\"regimen\":\"<script>x</script>\","
        "\"started_on\":\"2024-01-15\",\"ended_on\":\"2024-03-30\"}]}",
        P);
    crlm_report *r;
    char *html = render(c, &r);
    const char *escaped = "A&lt;b&gt;&amp;&quot;&#39;";
    assert_null(strstr(html, "<b>"));
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "A<b"));
    assert_non_null(strstr(html, "&lt;script&gt;x&lt;/script&gt;"));
    /* in the response table's header, the check message and the plot */
    assert_true(count(html, escaped) >= 3);
    bool selection = false;
    for (size_t i = 0; i < r->checks.count; i++)
        selection |= strcmp(r->checks.items[i].code, "recist_selection") == 0 &&
                     strstr(r->checks.items[i].message, "A<b>") != NULL;
    assert_true(selection); /* the message really carried the raw id */
    assert_well_nested(html);
    assert_self_contained(html);
    crlm_report_free(r);
    free(html);
    crlm_case_free(c);

    crlm_buf b = {0};
    crlm_buf_xml_escape(&b, "A<b>&\"'");
    assert_string_equal(b.data, escaped);
    crlm_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_valid_example),
        cmocka_unit_test(progression_example_content),
        cmocka_unit_test(unknowns_are_words),
        cmocka_unit_test(hostile_text_is_escaped),
    };
    return cmocka_run_group_tests(tests, test_profile_setup, test_profile_teardown);
}
