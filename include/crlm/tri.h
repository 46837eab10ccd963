/* The tri-state boolean: unknown is never false. Value 0 is UNKNOWN, so a zeroed field is "not
 * known". Ground floor: the model, the writers and the results all use it. */
#ifndef CRLM_TRI_H
#define CRLM_TRI_H

typedef enum crlm_tri { CRLM_TRI_UNKNOWN = 0, CRLM_TRI_FALSE = 1, CRLM_TRI_TRUE = 2 } crlm_tri;

#endif
