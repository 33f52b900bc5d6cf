//! The virtual machine: values and objects, frames, the eval loop, builtins, modules.

pub mod cell;
pub mod object;
pub mod value;
