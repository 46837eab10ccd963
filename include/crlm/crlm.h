/* crlm: the whole public API in one include. See docs/ARCHITECTURE.md for the tour. */
#ifndef CRLM_CRLM_H
#define CRLM_CRLM_H

#include "crlm/buf.h"
#include "crlm/case.h"
#include "crlm/checks.h"
#include "crlm/date.h"
#include "crlm/enums.h"
#include "crlm/error.h"
#include "crlm/profile.h"
#include "crlm/report.h"
#include "crlm/scores.h"
#include "crlm/version.h"

#endif
