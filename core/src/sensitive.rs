//! Which field names hold secrets: the one rule that both the generator (for the `Debug` of the
//! models it writes) and the core (for unmodelled fields, kept in `extra`) apply. It must stay
//! free of dependencies: the generator compiles this file on its own.

/// Whether a field with this wire name must never be shown: secrets, tokens, passwords, PINs.
pub fn is_sensitive(wire: &str) -> bool {
    let w = wire.to_ascii_lowercase();
    w.contains("secret") || w.contains("password") || w.ends_with("token") || w.ends_with("pin")
}
