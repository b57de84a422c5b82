//! TLS setup: rustls with the ring provider (no OpenSSL, no C toolchain beyond what ring needs).
//!
//! rustls needs one process-wide crypto provider. Installing it is idempotent, and a provider
//! the host application installed first is left in place. This must never panic.

/// Installs ring as rustls's process default unless one is already installed.
pub fn install_crypto_provider() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Err means another provider is already installed, which is just as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}
