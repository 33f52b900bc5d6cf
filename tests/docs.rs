//! docs/bytecode.md must match what the opcode table renders; bless with GILVM_BLESS=1.

#[test]
fn bytecode_doc_is_generated_from_the_opcode_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/bytecode.md");
    let want = gilvm::bytecode::docs::markdown();
    if std::env::var_os("GILVM_BLESS").is_some() {
        std::fs::write(path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "docs/bytecode.md is stale: run `GILVM_BLESS=1 cargo test --test docs`"
    );
}
