#pragma once
// The back office served over HTTPS on loopback in tests: a certificate the test makes, its
// fingerprint as a till pins it, and a demo office's files beside them.
#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <string>

#include "loopback_socket.hpp"
#include "office_fixture.hpp"

namespace tillbook::testing {

// A self-signed P-256 certificate for 127.0.0.1, valid for an hour, and its key, as PEM files.
inline void WriteSelfSignedCertificate(const std::string& cert_path, const std::string& key_path) {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    REQUIRE(key != nullptr);
    X509* cert = X509_new();
    REQUIRE(cert != nullptr);
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1");
    REQUIRE(san != nullptr);
    X509_add_ext(cert, san, -1);
    X509_EXTENSION_free(san);
    REQUIRE(X509_sign(cert, key, EVP_sha256()) > 0);
    FILE* cert_file = std::fopen(cert_path.c_str(), "w");
    FILE* key_file = std::fopen(key_path.c_str(), "w");
    REQUIRE(cert_file != nullptr);
    REQUIRE(key_file != nullptr);
    CHECK(PEM_write_X509(cert_file, cert) == 1);
    CHECK(PEM_write_PrivateKey(key_file, key, nullptr, nullptr, 0, nullptr, nullptr) == 1);
    std::fclose(cert_file);
    std::fclose(key_file);
    X509_free(cert);
    EVP_PKEY_free(key);
}

// The SHA-256 of the certificate in the PEM file at `cert_path`, as 64 lowercase hex digits.
inline std::string CertificateSha256(const std::string& cert_path) {
    FILE* file = std::fopen(cert_path.c_str(), "r");
    REQUIRE(file != nullptr);
    X509* cert = PEM_read_X509(file, nullptr, nullptr, nullptr);
    std::fclose(file);
    REQUIRE(cert != nullptr);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    REQUIRE(X509_digest(cert, EVP_sha256(), digest, &size) == 1);
    X509_free(cert);
    std::string hex;
    for (unsigned int i = 0; i < size; ++i) {
        constexpr char kDigits[] = "0123456789abcdef";
        hex.push_back(kDigits[digest[i] >> 4U]);
        hex.push_back(kDigits[digest[i] & 0x0FU]);
    }
    return hex;
}

// A demo office's database and a certificate and key for it to serve HTTPS with, on a free port.
struct HttpsOffice {
    explicit HttpsOffice(const std::string& name = "tls")
        : dir(name),
          db(dir.File("office.db")),
          cert(dir.File("cert.pem")),
          key(dir.File("key.pem")),
          port(FreePort()) {
        REQUIRE(RunOffice({"init", "--db", db, "--demo"}) == 0);
        WriteSelfSignedCertificate(cert, key);
    }
    TempDir dir;
    std::string db, cert, key;
    int port;
};

}  // namespace tillbook::testing
