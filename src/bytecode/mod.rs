//! Bytecode: the opcode table (declared once), code objects, and `dis`.

pub mod code;
pub mod dis;
pub mod docs;
pub mod opcodes;

pub use code::CodeObject;
pub use opcodes::{ArgKind, BinaryOp, CompareOp, Instr, Op, SwitchPoint};
