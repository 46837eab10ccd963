/* libFuzzer target for the profile reader: arbitrary bytes through crlm_profile_read, which
 * must refuse or accept without crashing, leaking or reading out of bounds. */
#include <stddef.h>
#include <stdint.h>

#include "crlm/profile.h"
#include "crlm/profile_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crlm_errors errs = {0};
    crlm_profile *p = NULL;
    if (crlm_profile_read((const char *)data, size, &p, &errs) == CRLM_OK)
        (void)crlm_profile_sha256(p);
    crlm_profile_free(p);
    crlm_errors_free(&errs);
    return 0;
}
