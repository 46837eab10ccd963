/* Shared between the score files: input selection (inputs.c). */
#ifndef CRLM_SCORES_INTERNAL_H
#define CRLM_SCORES_INTERNAL_H

#include "crlm/scores.h"

void crlm__score_inputs(const crlm_case *c, crlm_when when, double too_small_mm,
                        crlm_score_inputs *io);

#endif
