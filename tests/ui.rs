//! Every misuse of an attribute is a compile error at the offending tokens,
//! with a message that says how to fix it: one mistake per file.

#[test]
fn attribute_misuse_fails_to_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
