import CCrypto

/// The OpenSSL ciphers this module uses, by their OpenSSL 3 fetch names.
enum CipherName: String, CaseIterable, Sendable {
    case desECB = "DES-ECB"
    case desCBC = "DES-CBC"
    case tdes2ECB = "DES-EDE-ECB"
    case tdes2CBC = "DES-EDE-CBC"
    case tdes3ECB = "DES-EDE3-ECB"
    case tdes3CBC = "DES-EDE3-CBC"
    case aes128ECB = "AES-128-ECB"
    case aes128CBC = "AES-128-CBC"
    case aes192ECB = "AES-192-ECB"
    case aes192CBC = "AES-192-CBC"
    case aes256ECB = "AES-256-ECB"
    case aes256CBC = "AES-256-CBC"
    case aes256WrapPad = "AES-256-WRAP-PAD"

    /// Single DES lives only in OpenSSL 3's legacy provider.
    var needsLegacyProvider: Bool { self == .desECB || self == .desCBC }
}

/// Owns a private OpenSSL library context with the default and legacy providers loaded, and the
/// ciphers fetched from it once. Immutable after `init`, and OpenSSL documents fetched
/// `EVP_CIPHER` objects as safe to share between threads, hence `@unchecked Sendable`.
final class LibCrypto: @unchecked Sendable {
    /// The process-wide instance, created on first use.
    static let shared = LibCrypto()

    private let context: OpaquePointer?
    private let ciphers: [CipherName: Result<OpaquePointer, SecurityError>]

    /// Creates a library context; `moduleDirectory` overrides where OpenSSL looks for provider
    /// modules such as legacy.so (tests use it to see the error when the legacy provider is absent).
    init(moduleDirectory: String? = nil) {
        let context = OSSL_LIB_CTX_new()
        self.context = context
        var ciphers: [CipherName: Result<OpaquePointer, SecurityError>] = [:]
        if let moduleDirectory { OSSL_PROVIDER_set_default_search_path(context, moduleDirectory) }
        guard context != nil, OSSL_PROVIDER_load(context, "default") != nil else {
            let reason = "cannot create an OpenSSL library context with the default provider: \(LibCrypto.drainErrors())"
            for name in CipherName.allCases {
                ciphers[name] = .failure(.cipherUnavailable(name: name.rawValue, reason: reason))
            }
            self.ciphers = ciphers
            return
        }
        // Load the legacy provider explicitly: without it OpenSSL 3 refuses single DES, which the
        // CUP MAC and X9.19 need. If it is missing only the DES ciphers fail, each with the reason.
        var legacyFailure: String?
        if OSSL_PROVIDER_load(context, "legacy") == nil {
            legacyFailure = "the OpenSSL legacy provider (legacy.so) could not be loaded (\(LibCrypto.drainErrors())); "
                + "install it (Debian: libssl3) or set OPENSSL_MODULES to its directory"
        }
        for name in CipherName.allCases {
            if name.needsLegacyProvider, let legacyFailure {
                ciphers[name] = .failure(.cipherUnavailable(name: name.rawValue, reason: legacyFailure))
            } else if let cipher = EVP_CIPHER_fetch(context, name.rawValue, nil) {
                ciphers[name] = .success(cipher)
            } else {
                ciphers[name] = .failure(.cipherUnavailable(name: name.rawValue, reason: LibCrypto.drainErrors()))
            }
        }
        self.ciphers = ciphers
    }

    deinit {
        for case let .success(cipher) in ciphers.values { EVP_CIPHER_free(cipher) }
        OSSL_LIB_CTX_free(context)
    }

    /// Empties OpenSSL's thread-local error queue and returns its entries as text.
    static func drainErrors() -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            messages.append(String(decoding: bytes, as: UTF8.self))
        }
        return messages.isEmpty ? "no OpenSSL error recorded" : messages.joined(separator: "; ")
    }

    /// Runs one whole-message cipher operation with padding disabled (the caller checks lengths).
    func crypt(
        _ name: CipherName, key: [UInt8], iv: [UInt8]?, input: [UInt8], encrypt: Bool
    ) throws(SecurityError) -> [UInt8] {
        let cipher = try ciphers[name, default: .failure(.cipherUnavailable(name: name.rawValue, reason: "not fetched"))].get()
        guard let ctx = EVP_CIPHER_CTX_new() else {
            throw .cryptoFailure(operation: name.rawValue, detail: LibCrypto.drainErrors())
        }
        defer { EVP_CIPHER_CTX_free(ctx) }
        let isWrap = name == .aes256WrapPad
        if isWrap { EVP_CIPHER_CTX_set_flags(ctx, EVP_CIPHER_CTX_FLAG_WRAP_ALLOW) }
        var output = [UInt8](repeating: 0, count: input.count + 32)
        var written: Int32 = 0
        var finalWritten: Int32 = 0
        let ivBytes = iv ?? []
        let ok = key.withUnsafeBufferPointer { k in
            ivBytes.withUnsafeBufferPointer { v in
                input.withUnsafeBufferPointer { i in
                    output.withUnsafeMutableBufferPointer { o in
                        guard EVP_CipherInit_ex2(ctx, cipher, k.baseAddress, iv == nil ? nil : v.baseAddress,
                                                 encrypt ? 1 : 0, nil) == 1 else { return false }
                        if !isWrap { EVP_CIPHER_CTX_set_padding(ctx, 0) }
                        guard EVP_CipherUpdate(ctx, o.baseAddress, &written, i.baseAddress, Int32(i.count)) == 1
                        else { return false }
                        return EVP_CipherFinal_ex(ctx, o.baseAddress.map { $0 + Int(written) }, &finalWritten) == 1
                    }
                }
            }
        }
        guard ok else {
            let detail = LibCrypto.drainErrors()
            if isWrap && !encrypt { throw .integrityCheckFailed }
            throw .cryptoFailure(operation: name.rawValue, detail: detail)
        }
        return Array(output.prefix(Int(written + finalWritten)))
    }

    /// Computes AES-CMAC (NIST SP 800-38B) through `EVP_MAC`.
    func cmac(cipher: CipherName, key: [UInt8], message: [UInt8]) throws(SecurityError) -> [UInt8] {
        guard let mac = EVP_MAC_fetch(context, "CMAC", nil) else {
            throw .cipherUnavailable(name: "CMAC", reason: LibCrypto.drainErrors())
        }
        defer { EVP_MAC_free(mac) }
        guard let ctx = EVP_MAC_CTX_new(mac) else {
            throw .cryptoFailure(operation: "CMAC", detail: LibCrypto.drainErrors())
        }
        defer { EVP_MAC_CTX_free(ctx) }
        var output = [UInt8](repeating: 0, count: 16)
        var written = 0
        var paramName = Array("cipher".utf8CString)
        var paramValue = Array(cipher.rawValue.utf8CString)
        let ok = paramName.withUnsafeMutableBufferPointer { n in
            paramValue.withUnsafeMutableBufferPointer { v in
                key.withUnsafeBufferPointer { k in
                    message.withUnsafeBufferPointer { m in
                        output.withUnsafeMutableBufferPointer { o in
                            var params = [
                                OSSL_PARAM_construct_utf8_string(n.baseAddress, v.baseAddress, 0),
                                OSSL_PARAM_construct_end(),
                            ]
                            guard EVP_MAC_init(ctx, k.baseAddress, k.count, &params) == 1,
                                  EVP_MAC_update(ctx, m.baseAddress, m.count) == 1
                            else { return false }
                            return EVP_MAC_final(ctx, o.baseAddress, &written, o.count) == 1
                        }
                    }
                }
            }
        }
        guard ok else { throw .cryptoFailure(operation: "CMAC", detail: LibCrypto.drainErrors()) }
        return Array(output.prefix(written))
    }

    /// Fills `count` bytes from OpenSSL's CSPRNG.
    func randomBytes(_ count: Int) throws(SecurityError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        let ok = output.withUnsafeMutableBufferPointer { o in
            RAND_bytes_ex(context, o.baseAddress, o.count, 0) == 1
        }
        guard ok else { throw .cryptoFailure(operation: "RAND_bytes", detail: LibCrypto.drainErrors()) }
        return output
    }
}
