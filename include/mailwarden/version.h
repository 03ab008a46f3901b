/*
 * mailwarden/version.h — the version of the headers. This file is the one
 * place the project's version is written: CMake reads it from here.
 */
#ifndef MAILWARDEN_VERSION_H
#define MAILWARDEN_VERSION_H

#define MW_VERSION_MAJOR 0
#define MW_VERSION_MINOR 6
#define MW_VERSION_PATCH 0

/* MAJOR * 10000 + MINOR * 100 + PATCH, comparable with mw_version_number(). */
#define MW_VERSION_NUMBER (MW_VERSION_MAJOR * 10000 + MW_VERSION_MINOR * 100 + MW_VERSION_PATCH)

#endif /* MAILWARDEN_VERSION_H */
