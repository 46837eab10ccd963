/* JSON numbers must read back to exactly the same double and unknown must print as null; the
 * one- and two-decimal fast path must agree with the general path. */
#include <math.h>

#include "test_util.h"

#include "crlm/buf.h"

static const char *num(double x)
{
    static crlm_buf b;
    crlm_buf_reset(&b);
    crlm_buf_json_number(&b, x);
    return b.data;
}

static void formats(void **state)
{
    (void)state;
    assert_string_equal(num(22.8), "22.8");
    assert_string_equal(num(-31.4), "-31.4");
    assert_string_equal(num(0.05), "0.05");
    assert_string_equal(num(-0.5), "-0.5");
    assert_string_equal(num(1524.8), "1524.8");
    assert_string_equal(num(2.04), "2.04");
    assert_string_equal(num(100), "100");
    assert_string_equal(num(0), "0");
    assert_string_equal(num(-794.41), "-794.41");
    assert_string_equal(num(1.0 / 3.0), "0.33333333333333331"); /* 15 digits would not read back */
    assert_string_equal(num(NAN), "null");
    assert_string_equal(num(INFINITY), "null");
    assert_string_equal(num(1e300), "1e+300");
}

static void round_trip(void **state)
{
    (void)state;
    /* every value k/10 and k/100 over a range, and awkward doubles, read back exactly */
    for (int k = -20000; k <= 20000; k += 7) {
        double a = k / 10.0, c = k / 100.0, d = k * 0.1 + 1e-9;
        assert_true(strtod(num(a), NULL) == a);
        assert_true(strtod(num(c), NULL) == c);
        assert_true(strtod(num(d), NULL) == d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(formats), cmocka_unit_test(round_trip)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
