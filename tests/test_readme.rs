//! The README's first code sample is the quickstart example, verbatim, so
//! the report printed under it comes from the code shown.

#[test]
fn the_readme_sample_is_the_quickstart_example() {
    let readme = include_str!("../README.md");
    let quickstart = include_str!("../examples/quickstart.rs");
    let begin = quickstart.find("// README: begin\n").expect("the example marks the README's part") + 17;
    let end = quickstart.find("// README: end").expect("the example marks the README's part");
    let sample = format!("```rust,no_run\n{}```", &quickstart[begin..end]);
    assert!(readme.contains(&sample), "README.md's first sample differs from examples/quickstart.rs");
}
