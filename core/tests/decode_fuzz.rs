//! Arbitrary input into every response decoder: it may fail, it must never panic.

use proptest::prelude::*;
use serde_json::Value;

fn operation_ids() -> Vec<&'static str> {
    telegent::operations::ALL.iter().map(|op| op.id).collect()
}

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        prop_oneof![
            Just("NULL".to_string()),
            Just("true".to_string()),
            Just("{\"a\":1}".to_string()),
            Just("[1]".to_string()),
            ".{0,12}"
        ]
        .prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        let keys = prop_oneof![
            Just("Number".to_string()),
            Just("PhoneNumbers".to_string()),
            Just("To".to_string()),
            Just("TNID".to_string()),
            Just("Results".to_string()),
            "[A-Za-z]{1,8}"
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(keys, inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_a_decoder(body in prop::collection::vec(any::<u8>(), 0..256)) {
        for id in operation_ids() {
            let _ = telegent::test_util::decode_response_body(id, &body);
        }
    }

    #[test]
    fn arbitrary_json_never_panics_a_decoder_and_re_encodes(value in arbitrary_json()) {
        let body = serde_json::to_vec(&value).unwrap();
        for id in operation_ids() {
            if let Some(Ok(encoded)) = telegent::test_util::decode_response_body(id, &body) {
                // Whatever decodes must encode again and decode to the same thing.
                let again = telegent::test_util::decode_response_body(id, &serde_json::to_vec(&encoded).unwrap()).unwrap().unwrap();
                prop_assert_eq!(again, encoded);
            }
        }
    }
}
