//! Code generated from the spec by `telegent-codegen`; see ARCHITECTURE.md. Do not edit.

pub mod blocking_groups;
pub mod dispatch;
pub mod groups;
pub mod models;
pub mod operations;
