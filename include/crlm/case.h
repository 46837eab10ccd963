/* The case: one patient as the tumour board sees them on one day (`crlm-case/1`).
 *
 * A crlm_case is immutable once read. Unknown is explicit everywhere:
 *   - numbers are doubles with the unit in the name; NaN means unknown (test with CRLM_KNOWN);
 *   - integers that may be unknown use -1;
 *   - booleans are tri-state (crlm_tri, 0 = unknown);
 *   - enums are 0 (…_UNKNOWN) when absent;
 *   - dates are day numbers, CRLM_DATE_UNKNOWN when absent;
 *   - lists carry `_known`: an empty known list means "none", an unknown list means unknown.
 * Everything a case points to lives in the case's own arena; crlm_case_free frees it all.
 *
 * Derived fields (sidedness, RAS, node status from N stage, synchronous from dates, the
 * assessment date) are computed once by the reader, each with a flag saying it was derived;
 * the rules that derive them live here, below every reader.
 *
 * This is the model layer: it sits below every module that computes on a case and below the
 * readers that build one (docs/ARCHITECTURE.md).
 */
#ifndef CRLM_CASE_H
#define CRLM_CASE_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#include "crlm/date.h"
#include "crlm/enums.h"
#include "crlm/error.h"
#include "crlm/tri.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A number is known when it is finite: NaN is "not known", and an infinity (a division by
 * zero somewhere upstream) is no measurement either, so it must never pass for one. */
#define CRLM_KNOWN(x) (isfinite(x))

typedef enum crlm_side { CRLM_SIDE_UNKNOWN = 0, CRLM_SIDE_RIGHT, CRLM_SIDE_LEFT } crlm_side;

/* Hard limits: input beyond them is refused with E_LIMIT, so hostile input cannot exhaust
 * memory. They are far above any real patient record. */
#define CRLM_CASE_MAX_BYTES (1u << 20)
#define CRLM_CASE_MAX_DEPTH 8
#define CRLM_CASE_MAX_STUDIES 200
#define CRLM_CASE_MAX_LESIONS 100
#define CRLM_CASE_MAX_CEA 1000
#define CRLM_CASE_MAX_LINES 30
#define CRLM_CASE_MAX_VOLUMETRY 50
#define CRLM_CASE_MAX_EXTRAHEPATIC 50
#define CRLM_CASE_MAX_STRING 256

typedef struct crlm_patient {
    crlm_sex sex;
    int age_years;           /* -1 unknown; derived from birth_date when only that is given */
    crlm_date birth_date;
    double height_cm, weight_kg;
    int ecog;                /* 0-4, -1 unknown */
    crlm_liver_condition liver_condition;
} crlm_patient;

typedef struct crlm_primary {
    crlm_site site;
    crlm_side side;          /* derived from site */
    crlm_date diagnosed_on, resected_on; /* resected_on unknown: in place (or not recorded) */
    crlm_tri symptomatic;
    crlm_t_stage t_stage;
    crlm_n_stage n_stage;
    crlm_tri node_positive;  /* given, or derived from n_stage */
    bool node_positive_derived;
} crlm_primary;

typedef struct crlm_molecular {
    crlm_mutation kras, nras, braf_v600e;
    crlm_msi msi;
    crlm_mutation ras;       /* derived: mutant if either, wild type only if both */
} crlm_molecular;

typedef struct crlm_liver_mets {
    crlm_date detected_on;
    crlm_tri synchronous;
    bool synchronous_derived;
    crlm_tri bilobar;
    int count;               /* at detection from a report; -1 unknown */
    double largest_mm;       /* at detection from a report; NaN unknown */
} crlm_liver_mets;

typedef struct crlm_extrahepatic {
    crlm_eh_site site;
    crlm_tri resectable;
} crlm_extrahepatic;

typedef struct crlm_cea {
    crlm_date date;
    double value_ng_ml;
} crlm_cea;

typedef struct crlm_lesion {
    const char *id;
    crlm_organ organ;
    crlm_segment segment;
    crlm_role role;
    crlm_tri nodal;
    double diameter_mm;      /* NaN: not measured (for a target: not assessed) */
    bool too_small;          /* present but too small to measure (RECIST: 5 mm) */
    crlm_lesion_status status;
    int count;               /* lesions this item stands for; 1 unless given */
} crlm_lesion;

typedef struct crlm_study {
    crlm_date date;
    crlm_modality modality;
    double slice_mm;
    bool baseline;           /* marked as the RECIST baseline */
    crlm_morphology morphology;
    size_t n_lesions;
    const crlm_lesion *lesions;
} crlm_study;

typedef struct crlm_chemo_line {
    int line;
    crlm_intent intent;
    const char *regimen;     /* NULL unknown */
    unsigned agents;         /* bit (1u << crlm_agent) per agent given */
    bool agents_known;
    crlm_date started_on;
    crlm_date ended_on;      /* CRLM_DATE_UNKNOWN: ongoing on the assessment date */
    int cycles;              /* -1 unknown */
    crlm_date last_bevacizumab_on;
} crlm_chemo_line;

typedef struct crlm_volumetry {
    crlm_date date;
    double total_liver_ml, tumor_ml, flr_ml;
    crlm_tri after_pve;
} crlm_volumetry;

typedef struct crlm_plan {
    crlm_procedure procedure;
    crlm_date planned_on;
    crlm_margin expected_margin;
    int remnant_contiguous_segments; /* -1 unknown */
    crlm_tri inflow_outflow_preserved, biliary_drainage_preserved;
    crlm_date pve_on;
} crlm_plan;

typedef struct crlm_case {
    const char *id;
    crlm_date assessed_on;
    bool assessed_on_derived;
    crlm_patient patient;
    crlm_primary primary;
    crlm_molecular molecular;
    crlm_liver_mets liver;
    bool extrahepatic_known, cea_known, imaging_known, chemotherapy_known, volumetry_known;
    size_t n_extrahepatic, n_cea, n_studies, n_lines, n_volumetry;
    const crlm_extrahepatic *extrahepatic;
    const crlm_cea *cea;           /* sorted by date */
    const crlm_study *studies;     /* sorted by date */
    const crlm_chemo_line *lines;  /* sorted by start date */
    const crlm_volumetry *volumetry; /* sorted by date */
    crlm_plan plan;
} crlm_case;

/* Frees a case and everything it points to (the case's arena). NULL is a no-op. Cases come
 * from the readers (crlm/case_read.h, and the FHIR mapping). */
void crlm_case_free(crlm_case *c);

/* Convenience: has this line of chemotherapy this agent? */
static inline bool crlm_line_has(const crlm_chemo_line *l, crlm_agent a)
{
    return (l->agents >> (unsigned)a) & 1u;
}
/* Body-mass index from the patient's height and weight; NaN when either is unknown. */
double crlm_patient_bmi(const crlm_patient *p);

/* Values the case format derives from others, one definition each (docs/case-format.md), so
 * every reader (JSON, FHIR) derives them alike. */
/* Right: caecum to transverse colon; left: splenic flexure to rectum (EVIDENCE: seed:25). */
crlm_side crlm_site_side(crlm_site s);
/* Node-positive from the N stage: N1/N2 and their subdivisions yes, N0 no, NX unknown. */
crlm_tri crlm_n_stage_node_positive(crlm_n_stage n);
/* RAS: mutant if KRAS or NRAS is, wild type only when both are known wild type. */
crlm_mutation crlm_ras_of(crlm_mutation kras, crlm_mutation nras);

#ifdef __cplusplus
}
#endif
#endif
