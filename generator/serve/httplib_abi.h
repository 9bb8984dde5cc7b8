// Include cpp-httplib exactly as Debian's libcpp-httplib.so was compiled.
//
// Contract: include this instead of <httplib.h> everywhere in kb. Debian
// builds the shared library with OpenSSL, zlib and brotli support
// (pkg-config --cflags cpp-httplib), and those macros change the layout of
// public types (httplib::Request gains an `ssl` member, the client its SSL
// state). A translation unit compiled without them disagrees with the library
// about object sizes and corrupts memory at run time. Defining them here keeps
// every kb file in step whether or not the build passes the pkg-config flags.
#pragma once

#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_OPENSSL_SUPPORT
#endif
#ifndef CPPHTTPLIB_ZLIB_SUPPORT
#define CPPHTTPLIB_ZLIB_SUPPORT
#endif
#ifndef CPPHTTPLIB_BROTLI_SUPPORT
#define CPPHTTPLIB_BROTLI_SUPPORT
#endif

#include <httplib.h>
