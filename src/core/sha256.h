/* SHA-256 (FIPS 180-4) for the profile hash. Our own so that the core library and the command
 * line need no cryptographic library at all: loading and initialising OpenSSL cost six times
 * the assessment itself in every `crlm assess` run. Not for secrets: no constant-time claims. */
#ifndef CRLM_CORE_SHA256_H
#define CRLM_CORE_SHA256_H

#include <stddef.h>
#include <stdint.h>

void crlm__sha256(const void *data, size_t len, uint8_t out[32]);

#endif
