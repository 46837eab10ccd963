/* crlm: the whole public API in one include. See docs/ARCHITECTURE.md for the tour. */
#ifndef CRLM_CRLM_H
#define CRLM_CRLM_H

#include "crlm/buf.h"
#include "crlm/case.h"
#include "crlm/case_read.h"
#include "crlm/change.h"
#include "crlm/checks.h"
#include "crlm/csv.h"
#include "crlm/date.h"
#include "crlm/enums.h"
#include "crlm/error.h"
#include "crlm/evidence.h"
#include "crlm/lesion_table.h"
#include "crlm/lines.h"
#include "crlm/liver.h"
#include "crlm/pathway.h"
#include "crlm/profile.h"
#include "crlm/profile_read.h"
#include "crlm/recist.h"
#include "crlm/report.h"
#include "crlm/scores.h"
#include "crlm/stats.h"
#include "crlm/survival.h"
#include "crlm/tri.h"
#include "crlm/version.h"
#include "crlm/whatif.h"

#endif
