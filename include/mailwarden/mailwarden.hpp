// Umbrella header for the C++ API.
#pragma once

#include <mailwarden/address.hpp>
#include <mailwarden/error.hpp>
#include <mailwarden/version.hpp>
