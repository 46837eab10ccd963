/* Every enumeration of the case file, as one X-macro table each, so the C enum, the JSON
 * spelling and the reader's list of allowed values come from the same line. Value 0 of every
 * enum is UNKNOWN: a zero-initialised field is "not known", never a real category. */
#ifndef CRLM_ENUMS_H
#define CRLM_ENUMS_H

#ifdef __cplusplus
extern "C" {
#endif

#define CRLM_SEX_VALUES(X) X(CRLM_SEX, FEMALE, "female") X(CRLM_SEX, MALE, "male") X(CRLM_SEX, OTHER, "other")
#define CRLM_LIVER_VALUES(X)                                                                   \
    X(CRLM_LIVER, NORMAL, "normal") X(CRLM_LIVER, STEATOSIS, "steatosis")                      \
    X(CRLM_LIVER, STEATOHEPATITIS, "steatohepatitis")                                          \
    X(CRLM_LIVER, SINUSOIDAL_INJURY, "sinusoidal_injury") X(CRLM_LIVER, CIRRHOSIS, "cirrhosis") \
    X(CRLM_LIVER, FIBROSIS, "fibrosis")
#define CRLM_SITE_VALUES(X)                                                                    \
    X(CRLM_SITE, CECUM, "cecum") X(CRLM_SITE, ASCENDING, "ascending")                          \
    X(CRLM_SITE, HEPATIC_FLEXURE, "hepatic_flexure") X(CRLM_SITE, TRANSVERSE, "transverse")    \
    X(CRLM_SITE, SPLENIC_FLEXURE, "splenic_flexure") X(CRLM_SITE, DESCENDING, "descending")    \
    X(CRLM_SITE, SIGMOID, "sigmoid") X(CRLM_SITE, RECTOSIGMOID, "rectosigmoid")                \
    X(CRLM_SITE, RECTUM, "rectum")
#define CRLM_TSTAGE_VALUES(X)                                                                  \
    X(CRLM_T, TX, "tx") X(CRLM_T, 0, "t0") X(CRLM_T, IS, "tis") X(CRLM_T, 1, "t1")              \
    X(CRLM_T, 2, "t2") X(CRLM_T, 3, "t3") X(CRLM_T, 4, "t4") X(CRLM_T, 4A, "t4a")              \
    X(CRLM_T, 4B, "t4b")
#define CRLM_NSTAGE_VALUES(X)                                                                  \
    X(CRLM_N, 0, "n0") X(CRLM_N, 1, "n1") X(CRLM_N, 1A, "n1a") X(CRLM_N, 1B, "n1b")           \
    X(CRLM_N, 1C, "n1c") X(CRLM_N, 2, "n2") X(CRLM_N, 2A, "n2a") X(CRLM_N, 2B, "n2b")         \
    X(CRLM_N, NX, "nx")
#define CRLM_MUTATION_VALUES(X) X(CRLM_MUT, WILD_TYPE, "wild_type") X(CRLM_MUT, MUTANT, "mutant")
#define CRLM_MSI_VALUES(X) X(CRLM_MSI, HIGH, "msi_high") X(CRLM_MSI, MSS, "mss")
#define CRLM_EHSITE_VALUES(X)                                                                  \
    X(CRLM_EH, LUNG, "lung") X(CRLM_EH, PERITONEUM, "peritoneum")                              \
    X(CRLM_EH, PORTAL_NODES, "portal_nodes") X(CRLM_EH, DISTANT_NODES, "distant_nodes")        \
    X(CRLM_EH, BONE, "bone") X(CRLM_EH, OTHER, "other")
#define CRLM_MODALITY_VALUES(X) X(CRLM_MOD, CT, "ct") X(CRLM_MOD, MRI, "mri") X(CRLM_MOD, PET_CT, "pet_ct")
#define CRLM_ORGAN_VALUES(X)                                                                   \
    X(CRLM_ORGAN, LIVER, "liver") X(CRLM_ORGAN, LUNG, "lung")                                  \
    X(CRLM_ORGAN, LYMPH_NODE, "lymph_node") X(CRLM_ORGAN, PERITONEUM, "peritoneum")            \
    X(CRLM_ORGAN, BONE, "bone") X(CRLM_ORGAN, ADRENAL, "adrenal") X(CRLM_ORGAN, BRAIN, "brain") \
    X(CRLM_ORGAN, OTHER, "other")
#define CRLM_SEGMENT_VALUES(X)                                                                 \
    X(CRLM_SEG, I, "i") X(CRLM_SEG, II, "ii") X(CRLM_SEG, III, "iii") X(CRLM_SEG, IV, "iv")    \
    X(CRLM_SEG, IVA, "iva") X(CRLM_SEG, IVB, "ivb") X(CRLM_SEG, V, "v") X(CRLM_SEG, VI, "vi")  \
    X(CRLM_SEG, VII, "vii") X(CRLM_SEG, VIII, "viii")
#define CRLM_MORPHOLOGY_VALUES(X)                                                              \
    X(CRLM_MORPH, GROUP_1, "group_1") X(CRLM_MORPH, GROUP_2, "group_2")                        \
    X(CRLM_MORPH, GROUP_3, "group_3")
#define CRLM_ROLE_VALUES(X)                                                                    \
    X(CRLM_ROLE, TARGET, "target") X(CRLM_ROLE, NON_TARGET, "non_target") X(CRLM_ROLE, NEW, "new")
#define CRLM_LSTATUS_VALUES(X)                                                                 \
    X(CRLM_LS, PRESENT, "present") X(CRLM_LS, ABSENT, "absent")                                \
    X(CRLM_LS, UNEQUIVOCAL_PROGRESSION, "unequivocal_progression")                             \
    X(CRLM_LS, UNEQUIVOCAL, "unequivocal") X(CRLM_LS, EQUIVOCAL, "equivocal")
#define CRLM_INTENT_VALUES(X)                                                                  \
    X(CRLM_INTENT, PERIOPERATIVE, "perioperative") X(CRLM_INTENT, CONVERSION, "conversion")    \
    X(CRLM_INTENT, ADJUVANT, "adjuvant") X(CRLM_INTENT, PALLIATIVE, "palliative")
#define CRLM_AGENT_VALUES(X)                                                                   \
    X(CRLM_AGENT, FLUOROURACIL, "fluorouracil") X(CRLM_AGENT, CAPECITABINE, "capecitabine")    \
    X(CRLM_AGENT, LEUCOVORIN, "leucovorin") X(CRLM_AGENT, OXALIPLATIN, "oxaliplatin")          \
    X(CRLM_AGENT, IRINOTECAN, "irinotecan") X(CRLM_AGENT, BEVACIZUMAB, "bevacizumab")          \
    X(CRLM_AGENT, AFLIBERCEPT, "aflibercept") X(CRLM_AGENT, CETUXIMAB, "cetuximab")            \
    X(CRLM_AGENT, PANITUMUMAB, "panitumumab") X(CRLM_AGENT, RAMUCIRUMAB, "ramucirumab")        \
    X(CRLM_AGENT, OTHER, "other")
#define CRLM_PROCEDURE_VALUES(X)                                                               \
    X(CRLM_PROC, MINOR_HEPATECTOMY, "minor_hepatectomy")                                       \
    X(CRLM_PROC, MAJOR_HEPATECTOMY, "major_hepatectomy")                                       \
    X(CRLM_PROC, TWO_STAGE_HEPATECTOMY, "two_stage_hepatectomy")                               \
    X(CRLM_PROC, RESECTION_WITH_ABLATION, "resection_with_ablation")                           \
    X(CRLM_PROC, ABLATION, "ablation")
#define CRLM_MARGIN_VALUES(X) X(CRLM_MARGIN, R0, "r0") X(CRLM_MARGIN, R1, "r1") X(CRLM_MARGIN, R2, "r2")

#define CRLM__ENUM_MEMBER(prefix, name, str) prefix##_##name,
#define CRLM__DECLARE_ENUM(type, prefix, LIST)                                                 \
    typedef enum type { prefix##_UNKNOWN = 0, LIST(CRLM__ENUM_MEMBER) prefix##_COUNT__ } type;

CRLM__DECLARE_ENUM(crlm_sex, CRLM_SEX, CRLM_SEX_VALUES)
CRLM__DECLARE_ENUM(crlm_liver_condition, CRLM_LIVER, CRLM_LIVER_VALUES)
CRLM__DECLARE_ENUM(crlm_site, CRLM_SITE, CRLM_SITE_VALUES)
CRLM__DECLARE_ENUM(crlm_t_stage, CRLM_T, CRLM_TSTAGE_VALUES)
CRLM__DECLARE_ENUM(crlm_n_stage, CRLM_N, CRLM_NSTAGE_VALUES)
CRLM__DECLARE_ENUM(crlm_mutation, CRLM_MUT, CRLM_MUTATION_VALUES)
CRLM__DECLARE_ENUM(crlm_msi, CRLM_MSI, CRLM_MSI_VALUES)
CRLM__DECLARE_ENUM(crlm_eh_site, CRLM_EH, CRLM_EHSITE_VALUES)
CRLM__DECLARE_ENUM(crlm_modality, CRLM_MOD, CRLM_MODALITY_VALUES)
CRLM__DECLARE_ENUM(crlm_organ, CRLM_ORGAN, CRLM_ORGAN_VALUES)
CRLM__DECLARE_ENUM(crlm_segment, CRLM_SEG, CRLM_SEGMENT_VALUES)
CRLM__DECLARE_ENUM(crlm_morphology, CRLM_MORPH, CRLM_MORPHOLOGY_VALUES)
CRLM__DECLARE_ENUM(crlm_role, CRLM_ROLE, CRLM_ROLE_VALUES)
CRLM__DECLARE_ENUM(crlm_lesion_status, CRLM_LS, CRLM_LSTATUS_VALUES)
CRLM__DECLARE_ENUM(crlm_intent, CRLM_INTENT, CRLM_INTENT_VALUES)
CRLM__DECLARE_ENUM(crlm_agent, CRLM_AGENT, CRLM_AGENT_VALUES)
CRLM__DECLARE_ENUM(crlm_procedure, CRLM_PROC, CRLM_PROCEDURE_VALUES)
CRLM__DECLARE_ENUM(crlm_margin, CRLM_MARGIN, CRLM_MARGIN_VALUES)

/* Which enumeration a lookup is about. */
typedef enum crlm_enum_kind {
    CRLM_ENUM_SEX, CRLM_ENUM_LIVER, CRLM_ENUM_SITE, CRLM_ENUM_TSTAGE, CRLM_ENUM_NSTAGE,
    CRLM_ENUM_MUTATION, CRLM_ENUM_MSI, CRLM_ENUM_EHSITE, CRLM_ENUM_MODALITY, CRLM_ENUM_ORGAN,
    CRLM_ENUM_SEGMENT, CRLM_ENUM_MORPHOLOGY, CRLM_ENUM_ROLE, CRLM_ENUM_LSTATUS,
    CRLM_ENUM_INTENT, CRLM_ENUM_AGENT, CRLM_ENUM_PROCEDURE, CRLM_ENUM_MARGIN,
    CRLM_ENUM_KIND_COUNT
} crlm_enum_kind;

/* The JSON spelling of a value, or NULL for UNKNOWN and out-of-range values. Static. */
const char *crlm_enum_name(crlm_enum_kind kind, int value);
/* The value spelled `s`, or 0 (UNKNOWN) when s is not one of the allowed spellings. */
int crlm_enum_parse(crlm_enum_kind kind, const char *s);
/* "female, male, other": the allowed spellings, for error messages. Static. */
const char *crlm_enum_allowed(crlm_enum_kind kind);

#ifdef __cplusplus
}
#endif
#endif
