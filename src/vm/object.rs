//! Heap object types behind `Value`'s `Arc`s (being filled in by the VM work).

use super::cell::ObjCell;
use super::value::Value;

#[derive(Debug, Default)]
pub struct ListObj {
    pub items: ObjCell<Vec<Value>>,
}
#[derive(Debug)]
pub struct DictObj;
#[derive(Debug)]
pub struct SetObj;
#[derive(Debug)]
pub struct Function;
#[derive(Debug)]
pub struct Class;
#[derive(Debug)]
pub struct Instance;
#[derive(Debug)]
pub struct BoundMethod;
#[derive(Debug)]
pub struct Builtin;
#[derive(Debug)]
pub struct Module;
#[derive(Debug)]
pub struct CellObj;
#[derive(Debug)]
pub struct RangeObj;
#[derive(Debug)]
pub struct SliceObj;
#[derive(Debug)]
pub struct IterObj;
#[derive(Debug)]
pub struct Generator;
#[derive(Debug)]
pub struct Native;
