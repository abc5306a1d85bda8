// OpenSSL libcrypto for the Security target: EVP ciphers and MACs, providers, randomness, errors.
#include <openssl/evp.h>
#include <openssl/provider.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/err.h>
