// Symbol visibility for the C++ API. The library is built with hidden
// visibility; only declarations marked MAILWARDEN_EXPORT are exported.
#pragma once

#if defined(_WIN32)
#  if defined(MW_BUILDING_LIBRARY)
#    define MAILWARDEN_EXPORT __declspec(dllexport)
#  elif defined(MW_STATIC)
#    define MAILWARDEN_EXPORT
#  else
#    define MAILWARDEN_EXPORT __declspec(dllimport)
#  endif
#else
#  define MAILWARDEN_EXPORT __attribute__((visibility("default")))
#endif
