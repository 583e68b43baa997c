// The one header Swift sees for libxml2.
//
// Debian's libxml2 is built with ICU, and its xmlversion.h makes the other headers include the
// system ICU headers. Those clash with the ICU that Foundation bundles ("'UErrorCode' has different
// definitions in different modules"), on some clean builds only. Nothing here needs libxml2's ICU
// support, so switch it off before any other libxml2 header is read.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xinclude.h>
#include <libxml/xmlIO.h>
#include <libxml/xpath.h>
