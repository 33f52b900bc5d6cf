//! The computed attributes of the built-in types, as getset descriptors in their
//! namespaces (CPython's `tp_getset`): `type.__mro__`, `function.__name__`,
//! `BaseException.args`, `range.start`, ... and the few plain methods of `type`.

use super::descr::{add_getsets, Getter, Setter};
use super::dispatch::type_ref;
use super::errors::{PyErr, PyResult};
use super::object::*;
use super::refcount::Ref;
use super::typeobj::TypeObj;
use super::types::{types, Types};
use super::value::{PyStr, Value};
use super::Vm;

type GS = (&'static str, Getter, Option<Setter>);

pub fn install(t: &Types) {
    add_getsets(
        &t.object,
        "object",
        &[
            (
                "__class__",
                |vm, o| Ok(Value::Class(vm.type_of(o))),
                Some(set_class),
            ),
            ("__dict__", instance_dict, Some(set_instance_dict)),
        ],
    );
    add_getsets(&t.type_, "type", TYPE_GETSETS);
    super::types::install(
        &t.type_,
        &[
            ("mro", type_mro),
            ("__subclasses__", type_subclasses),
            ("__instancecheck__", type_instancecheck),
            ("__subclasscheck__", type_subclasscheck),
        ],
    );
    add_getsets(&t.function, "function", FUNCTION_GETSETS);
    add_getsets(
        &t.method,
        "method",
        &[
            (
                "__self__",
                |_, o| Ok(bm(o).map(|m| m.this.clone()).unwrap_or(Value::None)),
                None,
            ),
            (
                "__func__",
                |_, o| Ok(bm(o).map(|m| m.func.clone()).unwrap_or(Value::None)),
                None,
            ),
            (
                // A bound native method is named after its receiver's type, as
                // CPython's `[].append.__qualname__ == 'list.append'`.
                "__qualname__",
                |vm, o| {
                    let Some(m) = bm(o) else {
                        return Ok(Value::None);
                    };
                    match &m.func {
                        Value::Builtin(b) => {
                            // Bound to a class (`dict.fromkeys`): that class's name.
                            let owner = match &m.this {
                                Value::Class(c) => c.qualname(),
                                other => vm.type_of(other).qualname(),
                            };
                            Ok(Value::string(format!("{owner}.{}", b.name)))
                        }
                        f => {
                            let f = f.clone();
                            vm.getattr_str(&f, "__qualname__")
                        }
                    }
                },
                None,
            ),
        ],
    );
    for ty in [
        &t.builtin_function,
        &t.method_descriptor,
        &t.classmethod_descriptor,
    ] {
        add_getsets(
            ty,
            "builtin_function_or_method",
            &[
                ("__name__", |_, o| Ok(builtin_name(o)), None),
                ("__qualname__", |_, o| Ok(builtin_name(o)), None),
                ("__doc__", |_, _| Ok(Value::None), None),
                ("__module__", |_, _| Ok(Value::None), None),
            ],
        );
    }
    add_getsets(
        &t.generator,
        "generator",
        &[
            (
                "__name__",
                |_, o| {
                    Ok(gen(o)
                        .map(|g| Value::Str(g.name.clone()))
                        .unwrap_or(Value::None))
                },
                None,
            ),
            (
                "__qualname__",
                |_, o| {
                    Ok(gen(o)
                        .map(|g| Value::Str(g.qualname.clone()))
                        .unwrap_or(Value::None))
                },
                None,
            ),
            (
                "gi_running",
                |_, o| Ok(Value::Bool(gen(o).is_some_and(|g| g.state.lock().running))),
                None,
            ),
        ],
    );
    add_getsets(&t.code, "code", CODE_GETSETS);
    add_getsets(
        &t.module,
        "module",
        &[(
            "__dict__",
            |_, o| {
                Ok(match o {
                    Value::Module(m) => Value::Dict(m.dict.clone()),
                    _ => Value::None,
                })
            },
            None,
        )],
    );
    let range_attr: [GS; 3] = [
        (
            "start",
            |_, o| Ok(range(o).map(|r| r.start_value()).unwrap_or(Value::None)),
            None,
        ),
        (
            "stop",
            |_, o| Ok(range(o).map(|r| r.stop_value()).unwrap_or(Value::None)),
            None,
        ),
        (
            "step",
            |_, o| Ok(range(o).map(|r| r.step_value()).unwrap_or(Value::None)),
            None,
        ),
    ];
    add_getsets(&t.range, "range", &range_attr);
    add_getsets(
        &t.slice,
        "slice",
        &[
            (
                "start",
                |_, o| Ok(slice(o).map(|s| s.start.clone()).unwrap_or(Value::None)),
                None,
            ),
            (
                "stop",
                |_, o| Ok(slice(o).map(|s| s.stop.clone()).unwrap_or(Value::None)),
                None,
            ),
            (
                "step",
                |_, o| Ok(slice(o).map(|s| s.step.clone()).unwrap_or(Value::None)),
                None,
            ),
        ],
    );
    add_getsets(
        &t.int,
        "int",
        &[
            ("real", |_, o| Ok(int_value(o)), None),
            ("imag", |_, _| Ok(Value::Int(0)), None),
            ("numerator", |_, o| Ok(int_value(o)), None),
            ("denominator", |_, _| Ok(Value::Int(1)), None),
        ],
    );
    add_getsets(
        &t.float,
        "float",
        &[
            ("real", |_, o| Ok(o.payload().clone()), None),
            ("imag", |_, _| Ok(Value::Float(0.0)), None),
        ],
    );
    add_getsets(&t.base_exception, "BaseException", EXC_GETSETS);
    add_getsets(
        &t.stop_iteration,
        "StopIteration",
        &[("value", |_, o| Ok(first_arg(o)), None)],
    );
    add_getsets(
        &t.base_exception_group,
        "BaseExceptionGroup",
        &[
            ("message", super::builtins::exception_group::message, None),
            (
                "exceptions",
                super::builtins::exception_group::exceptions,
                None,
            ),
        ],
    );
    add_getsets(
        &t.system_exit,
        "SystemExit",
        &[("code", |_, o| Ok(first_arg(o)), None)],
    );
    add_getsets(
        &t.property,
        "property",
        &[
            (
                "fget",
                |_, o| Ok(prop(o).map(|p| p.fget.get_clone()).unwrap_or(Value::None)),
                Some(readonly_member),
            ),
            (
                "fset",
                |_, o| Ok(prop(o).map(|p| p.fset.get_clone()).unwrap_or(Value::None)),
                Some(readonly_member),
            ),
            (
                "fdel",
                |_, o| Ok(prop(o).map(|p| p.fdel.get_clone()).unwrap_or(Value::None)),
                Some(readonly_member),
            ),
            (
                "__doc__",
                |vm, o| {
                    if let Value::Instance(_) = o {
                        // A subclass instance: the doc its `__init__` put in its
                        // `__dict__`, else its class's own (CPython's lookup there).
                        if let Some(d) = super::descr::object_dict(o)
                            .and_then(|d| d.get_str(&PyStr::new("__doc__")))
                        {
                            return Ok(d);
                        }
                        let cls = vm.type_of(o);
                        return Ok(cls
                            .attrs()
                            .lock()
                            .get(&PyStr::new("__doc__"))
                            .cloned()
                            .unwrap_or(Value::None));
                    }
                    Ok(prop(o).map(|p| p.doc.get_clone()).unwrap_or(Value::None))
                },
                None,
            ),
        ],
    );
    super::types::install(
        &t.property,
        &[
            ("getter", property_getter),
            ("setter", property_setter),
            ("deleter", property_deleter),
            ("__set_name__", property_set_name),
        ],
    );
    for (ty, owner) in [
        (&t.classmethod, "classmethod"),
        (&t.staticmethod, "staticmethod"),
    ] {
        add_getsets(
            ty,
            owner,
            &[
                ("__func__", wrapped_func, None),
                ("__wrapped__", wrapped_func, None),
                // CPython 3.10+ copies these from the callable (functools_wraps)
                // and reads `__annotations__` through; here all are read through.
                // Not `__doc__`: a getset of that name would shadow the type's own
                // docstring (`classmethod.__doc__`).
                (
                    "__name__",
                    |vm, o| wrapped_attr(vm, o, "__name__"),
                    Some(|vm, o, v| set_wrapper_attr(vm, o, "__name__", v)),
                ),
                (
                    "__qualname__",
                    |vm, o| wrapped_attr(vm, o, "__qualname__"),
                    Some(|vm, o, v| set_wrapper_attr(vm, o, "__qualname__", v)),
                ),
                (
                    "__module__",
                    |vm, o| wrapped_attr(vm, o, "__module__"),
                    Some(|vm, o, v| set_wrapper_attr(vm, o, "__module__", v)),
                ),
                (
                    "__annotations__",
                    |vm, o| wrapped_attr(vm, o, "__annotations__"),
                    Some(|vm, o, v| set_wrapper_attr(vm, o, "__annotations__", v)),
                ),
                (
                    "__isabstractmethod__",
                    |vm, o| {
                        let f = wrapped_func(vm, o)?;
                        let key = super::value::intern("__isabstractmethod__");
                        match vm.getattr_opt(&f, &key)? {
                            Some(v) => Ok(Value::Bool(vm.truthy(&v)?)),
                            None => Ok(Value::Bool(false)),
                        }
                    },
                    None,
                ),
            ],
        );
    }
    add_getsets(
        &t.super_,
        "super",
        &[
            (
                "__thisclass__",
                |_, o| {
                    Ok(sup(o)
                        .map(|s| Value::Class(s.this_class.clone()))
                        .unwrap_or(Value::None))
                },
                None,
            ),
            (
                "__self__",
                |_, o| Ok(sup(o).map(|s| s.obj.clone()).unwrap_or(Value::None)),
                None,
            ),
            (
                "__self_class__",
                |_, o| {
                    Ok(sup(o)
                        .map(|s| Value::Class(s.obj_type.clone()))
                        .unwrap_or(Value::None))
                },
                None,
            ),
        ],
    );
}

/// The native object behind `v`, through a subclass instance to its payload.
fn native<T: 'static>(v: &Value) -> Option<&T> {
    match v.payload() {
        Value::Native(n) => n.downcast::<T>(),
        _ => None,
    }
}

fn prop(v: &Value) -> Option<&super::descr::PropertyObj> {
    native(v)
}

/// CPython's message for a read-only member (`property.fget` and the others).
fn readonly_member(_: &mut Vm, _: &Value, _: Option<Value>) -> PyResult<()> {
    Err(PyErr::attribute_error("readonly attribute"))
}

fn sup(v: &Value) -> Option<&super::descr::SuperObj> {
    native(v)
}

fn bm(v: &Value) -> Option<&BoundMethod> {
    match v {
        Value::BoundMethod(m) => Some(m),
        _ => None,
    }
}

fn gen(v: &Value) -> Option<&Generator> {
    match v {
        Value::Generator(g) => Some(g),
        _ => None,
    }
}

fn range(v: &Value) -> Option<&RangeObj> {
    match v {
        Value::Range(r) => Some(r),
        _ => None,
    }
}

fn slice(v: &Value) -> Option<&SliceObj> {
    match v {
        Value::Slice(s) => Some(s),
        _ => None,
    }
}

fn int_value(v: &Value) -> Value {
    match v.payload() {
        Value::Bool(b) => Value::Int(*b as i64),
        p => p.clone(),
    }
}

fn builtin_name(v: &Value) -> Value {
    match v {
        Value::Builtin(b) => Value::str(b.name),
        _ => Value::None,
    }
}

fn set_class(vm: &mut Vm, o: &Value, _v: Option<Value>) -> PyResult<()> {
    Err(PyErr::type_error(if vm.type_of(o).is_heap() {
        "gilvm does not support __class__ assignment"
    } else {
        "__class__ assignment only supported for mutable types or ModuleType subclasses"
    }))
}

/// `obj.__dict__`: the live namespace of an instance (or function).
fn instance_dict(vm: &mut Vm, o: &Value) -> PyResult<Value> {
    match super::descr::object_dict(o) {
        Some(d) => Ok(Value::Dict(d)),
        None => Err(PyErr::attribute_error(format!(
            "'{}' object has no attribute '__dict__'",
            vm.type_name(o)
        ))),
    }
}

fn set_instance_dict(vm: &mut Vm, o: &Value, v: Option<Value>) -> PyResult<()> {
    match (o, v) {
        (Value::Instance(i), Some(Value::Dict(new))) => match i.dict() {
            Some(d) => {
                let items = new.map.lock().clone();
                let old = std::mem::replace(&mut *d.map.lock(), items);
                drop(old);
                Ok(())
            }
            None => Err(PyErr::attribute_error(format!(
                "'{}' object has no attribute '__dict__'",
                vm.type_name(o)
            ))),
        },
        (_, Some(v)) => Err(PyErr::type_error(format!(
            "__dict__ must be set to a dictionary, not a '{}'",
            vm.type_name(&v)
        ))),
        (_, None) => Err(PyErr::type_error("cannot delete __dict__")),
    }
}

fn cls(v: &Value) -> Option<&Ref<TypeObj>> {
    match v {
        Value::Class(c) => Some(c),
        _ => None,
    }
}

/// `__module__` of a type: its namespace's for heap types, `builtins` (or the
/// module prefix of its name) for built-in ones.
pub fn type_module(c: &Ref<TypeObj>) -> Option<String> {
    if c.is_heap() {
        return match c.attrs().lock().get(&PyStr::new("__module__")) {
            Some(Value::Str(s)) => Some(s.as_str().to_string()),
            _ => None,
        };
    }
    let name = c.name();
    match name.rfind('.') {
        Some(i) => Some(name[..i].to_string()),
        None => Some("builtins".to_string()),
    }
}

fn heap_only(c: &TypeObj, what: &str) -> PyResult<()> {
    if c.is_heap() {
        Ok(())
    } else {
        Err(PyErr::type_error(format!(
            "cannot set '{what}' attribute of immutable type '{}'",
            c.name()
        )))
    }
}

fn str_value(vm: &Vm, v: Option<Value>, what: &str, owner: &str) -> PyResult<Ref<PyStr>> {
    match v.as_ref().map(Value::payload) {
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(other) => Err(PyErr::type_error(format!(
            "can only assign string to {owner}.{what}, not '{}'",
            vm.type_name(other)
        ))),
        None => Err(PyErr::type_error(format!(
            "cannot delete '{what}' attribute of immutable type '{owner}'"
        ))),
    }
}

const TYPE_GETSETS: &[GS] = &[
    (
        "__name__",
        |_, o| {
            // Native modules' types are named `module.name` (as CPython's C types,
            // whose `__name__` is what follows the last dot).
            Ok(cls(o)
                .map(|c| {
                    let n = c.name();
                    if c.is_heap() {
                        Value::str(&n)
                    } else {
                        Value::str(n.rsplit('.').next().unwrap_or(&n))
                    }
                })
                .unwrap_or(Value::None))
        },
        Some(|vm, o, v| {
            let Some(c) = cls(o) else { return Ok(()) };
            heap_only(c, "__name__")?;
            let s = str_value(vm, v, "__name__", &c.name())?;
            c.set_name(s.as_str());
            Ok(())
        }),
    ),
    (
        "__qualname__",
        |_, o| {
            Ok(cls(o)
                .map(|c| Value::str(&c.qualname()))
                .unwrap_or(Value::None))
        },
        Some(|vm, o, v| {
            let Some(c) = cls(o) else { return Ok(()) };
            heap_only(c, "__qualname__")?;
            let s = str_value(vm, v, "__qualname__", &c.name())?;
            c.set_qualname(s.as_str());
            Ok(())
        }),
    ),
    (
        "__module__",
        |_, o| {
            Ok(cls(o)
                .and_then(type_module)
                .map(|m| Value::str(&m))
                .unwrap_or(Value::None))
        },
        Some(|_, o, v| {
            let Some(c) = cls(o) else { return Ok(()) };
            heap_only(c, "__module__")?;
            match v {
                Some(v) => TypeObj::set_attr(c, super::value::intern("__module__"), v),
                None => {
                    TypeObj::del_attr(c, &PyStr::new("__module__"));
                }
            }
            Ok(())
        }),
    ),
    (
        "__doc__",
        |_, o| {
            Ok(cls(o)
                .and_then(|c| c.attrs().lock().get(&PyStr::new("__doc__")).cloned())
                .unwrap_or(Value::None))
        },
        Some(|_, o, v| {
            let Some(c) = cls(o) else { return Ok(()) };
            heap_only(c, "__doc__")?;
            // CPython's check_set_special_type_attr: a heap type's doc can be
            // replaced, not deleted (with the immutable-type wording, as there).
            let Some(v) = v else {
                return Err(PyErr::type_error(format!(
                    "cannot delete '__doc__' attribute of immutable type '{}'",
                    c.name()
                )));
            };
            TypeObj::set_attr(c, super::value::intern("__doc__"), v);
            Ok(())
        }),
    ),
    (
        "__bases__",
        |_, o| {
            Ok(Value::tuple(
                cls(o)
                    .map(|c| c.bases.iter().map(|b| Value::Class(b.clone())).collect())
                    .unwrap_or_default(),
            ))
        },
        None,
    ),
    (
        "__base__",
        |_, o| {
            Ok(cls(o)
                .and_then(|c| c.base.clone())
                .map(Value::Class)
                .unwrap_or(Value::None))
        },
        None,
    ),
    (
        "__mro__",
        |_, o| {
            Ok(Value::tuple(
                cls(o)
                    .map(|c| {
                        super::typeobj::mro(c)
                            .into_iter()
                            .map(Value::Class)
                            .collect()
                    })
                    .unwrap_or_default(),
            ))
        },
        None,
    ),
    (
        "__dict__",
        |_, o| {
            // A read-only live view, as CPython's.
            Ok(cls(o).map_or(Value::None, super::mappingproxy::of_class))
        },
        None,
    ),
    (
        "__annotations__",
        |_, o| {
            let Some(c) = cls(o) else {
                return Ok(Value::None);
            };
            let found = c
                .attrs()
                .lock()
                .get(&PyStr::new("__annotations__"))
                .cloned();
            if let Some(a) = found {
                return Ok(a);
            }
            let d = Value::dict(DictMap::default());
            if c.is_heap() {
                TypeObj::set_attr(c, super::value::intern("__annotations__"), d.clone());
            }
            Ok(d)
        },
        Some(|_, o, v| {
            let Some(c) = cls(o) else { return Ok(()) };
            if !c.is_heap() {
                return Err(PyErr::type_error(format!(
                    "cannot set '__annotations__' attribute of immutable type '{}'",
                    c.name()
                )));
            }
            let key = super::value::intern("__annotations__");
            match v {
                Some(v) => TypeObj::set_attr(c, key, v),
                None => {
                    if TypeObj::del_attr(c, &key).is_none() {
                        return Err(PyErr::attribute_error("__annotations__"));
                    }
                }
            }
            Ok(())
        }),
    ),
];

fn type_arg<'a>(vm: &Vm, a: &'a Args, name: &str) -> PyResult<&'a Ref<TypeObj>> {
    match a.pos.first() {
        Some(Value::Class(c)) => Ok(c),
        Some(v) => Err(PyErr::type_error(format!(
            "descriptor '{name}' for 'type' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))),
        None => Err(PyErr::type_error(format!(
            "descriptor '{name}' of 'type' object needs an argument"
        ))),
    }
}

fn type_mro(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = type_arg(vm, &a, "mro")?;
    Ok(Value::list(
        super::typeobj::mro(c)
            .into_iter()
            .map(Value::Class)
            .collect(),
    ))
}

fn type_subclasses(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = type_arg(vm, &a, "__subclasses__")?;
    Ok(Value::list(
        c.subclasses().into_iter().map(Value::Class).collect(),
    ))
}

fn type_instancecheck(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = type_arg(vm, &a, "__instancecheck__")?.clone();
    a.expect("__instancecheck__", 2, 2)?;
    Ok(Value::Bool(type_ref(&a.pos[1]).is_subclass(&c)))
}

fn type_subclasscheck(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = type_arg(vm, &a, "__subclasscheck__")?.clone();
    a.expect("__subclasscheck__", 2, 2)?;
    match &a.pos[1] {
        Value::Class(sub) => Ok(Value::Bool(sub.is_subclass(&c))),
        _ => Err(PyErr::type_error("issubclass() arg 1 must be a class")),
    }
}

fn func(v: &Value) -> Option<&Ref<Function>> {
    match v {
        Value::Function(f) => Some(f),
        _ => None,
    }
}

const FUNCTION_GETSETS: &[GS] = &[
    (
        "__name__",
        |_, o| Ok(func(o).map(|f| Value::Str(f.name())).unwrap_or(Value::None)),
        Some(|_, o, v| {
            let Some(f) = func(o) else { return Ok(()) };
            match v.as_ref().map(Value::payload) {
                Some(Value::Str(s)) => {
                    f.name.set(s.clone());
                    Ok(())
                }
                _ => Err(PyErr::type_error("__name__ must be set to a string object")),
            }
        }),
    ),
    (
        "__qualname__",
        |_, o| {
            Ok(func(o)
                .map(|f| Value::Str(f.qualname()))
                .unwrap_or(Value::None))
        },
        Some(|_, o, v| {
            let Some(f) = func(o) else { return Ok(()) };
            match v.as_ref().map(Value::payload) {
                Some(Value::Str(s)) => {
                    f.qualname.set(s.clone());
                    Ok(())
                }
                _ => Err(PyErr::type_error(
                    "__qualname__ must be set to a string object",
                )),
            }
        }),
    ),
    (
        "__module__",
        |_, o| Ok(func(o).map(|f| f.module.get_clone()).unwrap_or(Value::None)),
        Some(|_, o, v| {
            if let Some(f) = func(o) {
                f.module.set(v.unwrap_or(Value::None));
            }
            Ok(())
        }),
    ),
    (
        "__doc__",
        |_, o| Ok(func(o).map(|f| f.doc.get_clone()).unwrap_or(Value::None)),
        Some(|_, o, v| {
            if let Some(f) = func(o) {
                f.doc.set(v.unwrap_or(Value::None));
            }
            Ok(())
        }),
    ),
    (
        "__code__",
        |_, o| {
            Ok(func(o)
                .map(|f| Value::Code(f.code.clone()))
                .unwrap_or(Value::None))
        },
        None,
    ),
    (
        "__defaults__",
        |_, o| {
            Ok(func(o)
                .map(|f| {
                    if f.defaults.is_empty() {
                        Value::None
                    } else {
                        Value::tuple(f.defaults.clone())
                    }
                })
                .unwrap_or(Value::None))
        },
        None,
    ),
    (
        "__kwdefaults__",
        |_, o| {
            Ok(func(o)
                .and_then(|f| f.kwdefaults.get_clone())
                .map_or(Value::None, Value::Dict))
        },
        Some(|_, o, v| {
            let Some(f) = func(o) else { return Ok(()) };
            match v {
                Some(Value::Dict(d)) => f.kwdefaults.set(Some(d)),
                None | Some(Value::None) => f.kwdefaults.set(None),
                Some(_) => {
                    return Err(PyErr::type_error(
                        "__kwdefaults__ must be set to a dict object",
                    ))
                }
            }
            Ok(())
        }),
    ),
    (
        "__globals__",
        |_, o| {
            Ok(func(o)
                .map(|f| Value::Dict(f.globals.clone()))
                .unwrap_or(Value::None))
        },
        None,
    ),
    (
        "__closure__",
        |_, o| {
            let Some(f) = func(o) else {
                return Ok(Value::None);
            };
            if f.closure.is_empty() {
                return Ok(Value::None);
            }
            Ok(Value::tuple(
                f.closure.iter().map(|c| Value::Cell(c.clone())).collect(),
            ))
        },
        None,
    ),
    (
        "__dict__",
        |_, o| {
            Ok(func(o)
                .map(|f| Value::Dict(f.dict()))
                .unwrap_or(Value::None))
        },
        None,
    ),
    (
        "__annotations__",
        |_, o| {
            let Some(f) = func(o) else {
                return Ok(Value::None);
            };
            if let Some(d) = f.annotations.get_clone() {
                return Ok(Value::Dict(d));
            }
            let d = Ref::new(DictObj::default());
            f.annotations.set(Some(d.clone()));
            Ok(Value::Dict(d))
        },
        Some(|_, o, v| {
            let Some(f) = func(o) else { return Ok(()) };
            match v {
                Some(Value::Dict(d)) => f.annotations.set(Some(d)),
                None | Some(Value::None) => f.annotations.set(None),
                Some(_) => {
                    return Err(PyErr::type_error(
                        "__annotations__ must be set to a dict object",
                    ))
                }
            }
            Ok(())
        }),
    ),
];

fn code(v: &Value) -> Option<&Ref<crate::bytecode::CodeObject>> {
    match v {
        Value::Code(c) => Some(c),
        _ => None,
    }
}

const CODE_GETSETS: &[GS] = &[
    (
        "co_name",
        |_, o| {
            Ok(code(o)
                .map(|c| Value::Str(c.name_obj.clone()))
                .unwrap_or(Value::None))
        },
        None,
    ),
    (
        "co_qualname",
        |_, o| {
            Ok(code(o)
                .map(|c| Value::Str(c.qualname_obj.clone()))
                .unwrap_or(Value::None))
        },
        None,
    ),
    (
        "co_filename",
        |_, o| {
            Ok(code(o)
                .map(|c| Value::str(&c.filename))
                .unwrap_or(Value::None))
        },
        None,
    ),
    (
        "co_firstlineno",
        |_, o| {
            Ok(code(o)
                .map(|c| Value::Int(c.first_line as i64))
                .unwrap_or(Value::None))
        },
        None,
    ),
    (
        "co_argcount",
        |_, o| {
            Ok(code(o)
                .map(|c| Value::Int(c.argcount as i64))
                .unwrap_or(Value::None))
        },
        None,
    ),
    (
        "co_flags",
        |_, o| {
            Ok(code(o)
                .map(|c| Value::Int(cpython_co_flags(c.flags)))
                .unwrap_or(Value::None))
        },
        None,
    ),
    (
        "co_posonlyargcount",
        |_, o| {
            Ok(code(o)
                .map(|c| Value::Int(c.posonlyargcount as i64))
                .unwrap_or(Value::None))
        },
        None,
    ),
    (
        "co_kwonlyargcount",
        |_, o| {
            Ok(code(o)
                .map(|c| Value::Int(c.kwonlyargcount as i64))
                .unwrap_or(Value::None))
        },
        None,
    ),
    (
        "co_varnames",
        |_, o| {
            Ok(code(o)
                .map(|c| Value::tuple(c.varnames.iter().map(|s| Value::str(s)).collect()))
                .unwrap_or(Value::None))
        },
        None,
    ),
    (
        // gilvm's own constant table: the values CPython would list, not in its order
        // (no leading None for a function without a docstring).
        "co_consts",
        |_, o| {
            Ok(code(o)
                .map(|c| Value::tuple(c.consts.to_vec()))
                .unwrap_or(Value::None))
        },
        None,
    ),
    (
        "co_names",
        |_, o| {
            Ok(code(o)
                .map(|c| Value::tuple(c.names.iter().map(|s| Value::Str(s.clone())).collect()))
                .unwrap_or(Value::None))
        },
        None,
    ),
];

fn exc(v: &Value) -> Option<&ObjCell<ExcData>> {
    match v {
        Value::Instance(i) => i.exc.as_deref(),
        _ => None,
    }
}

fn first_arg(v: &Value) -> Value {
    exc(v)
        .and_then(|d| d.lock().args.first().cloned())
        .unwrap_or(Value::None)
}

use super::cell::ObjCell;

const EXC_GETSETS: &[GS] = &[
    (
        "args",
        |_, o| {
            Ok(Value::tuple(
                exc(o).map(|d| d.lock().args.clone()).unwrap_or_default(),
            ))
        },
        Some(|vm, o, v| {
            let Some(d) = exc(o) else { return Ok(()) };
            let Some(v) = v else {
                return Err(PyErr::type_error("args may not be deleted"));
            };
            let items = vm.collect(&v)?;
            let old = std::mem::replace(&mut d.lock().args, items);
            drop(old);
            Ok(())
        }),
    ),
    (
        "__traceback__",
        |_, o| Ok(super::traceback::traceback_object(o)),
        Some(|_, _, _| Ok(())),
    ),
    (
        "__cause__",
        |_, o| {
            Ok(exc(o)
                .and_then(|d| d.lock().cause.clone())
                .unwrap_or(Value::None))
        },
        Some(|vm, o, v| {
            let Some(d) = exc(o) else { return Ok(()) };
            let v = v.unwrap_or(Value::None);
            if !matches!(v, Value::None) && !vm.type_of(&v).is_subclass(&types().base_exception) {
                return Err(PyErr::type_error(
                    "exception cause must be None or derive from BaseException",
                ));
            }
            let mut g = d.lock();
            g.cause = Some(v);
            g.suppress_context = true;
            Ok(())
        }),
    ),
    (
        "__context__",
        |_, o| {
            Ok(exc(o)
                .and_then(|d| d.lock().context.clone())
                .unwrap_or(Value::None))
        },
        Some(|_, o, v| {
            if let Some(d) = exc(o) {
                let old = std::mem::replace(
                    &mut d.lock().context,
                    v.filter(|v| !matches!(v, Value::None)),
                );
                drop(old);
            }
            Ok(())
        }),
    ),
    (
        "__suppress_context__",
        |_, o| {
            Ok(Value::Bool(
                exc(o).is_some_and(|d| d.lock().suppress_context),
            ))
        },
        Some(|vm, o, v| {
            if let Some(d) = exc(o) {
                let b = match v {
                    Some(v) => vm.truthy(&v)?,
                    None => false,
                };
                d.lock().suppress_context = b;
            }
            Ok(())
        }),
    ),
];

fn wrapped_func(_vm: &mut Vm, o: &Value) -> PyResult<Value> {
    if let Some(c) = native::<super::descr::ClassMethodObj>(o) {
        return Ok(c.func.get_clone());
    }
    if let Some(s) = native::<super::descr::StaticMethodObj>(o) {
        return Ok(s.func.get_clone());
    }
    Ok(Value::None)
}

/// An attribute of the callable a classmethod/staticmethod wraps; on a subclass
/// instance, what its `__dict__` holds first (its `__init__` copies them there, as
/// CPython's every instance, and they may be reassigned).
fn wrapped_attr(vm: &mut Vm, o: &Value, name: &str) -> PyResult<Value> {
    let key = super::value::intern(name);
    if let Some(v) = super::descr::object_dict(o).and_then(|d| d.get_str(&key)) {
        return Ok(v);
    }
    let f = wrapped_func(vm, o)?;
    vm.getattr(&f, &key)
}

/// Assigning one of those: kept in the instance `__dict__` where there is one
/// (a subclass instance); the built-in objects have none here, so it is refused.
fn set_wrapper_attr(vm: &mut Vm, o: &Value, name: &str, v: Option<Value>) -> PyResult<()> {
    let Some(d) = super::descr::object_dict(o) else {
        return Err(PyErr::attribute_error(format!(
            "attribute '{name}' of '{}' objects is not writable",
            vm.type_name(o)
        )));
    };
    let key = super::value::intern(name);
    match v {
        Some(v) => d.set_str(name, v),
        None => {
            if d.del_str(&key).is_none() {
                return Err(PyErr::attribute_error(name.to_string()));
            }
        }
    }
    Ok(())
}

/// `getter`/`setter`/`deleter`: a copy made by calling the property's own type
/// (so a subclass makes its own kind), with one function replaced and the name kept.
fn property_copy(vm: &mut Vm, a: &Args, which: usize, meth: &str) -> PyResult<Value> {
    a.expect(meth, 2, 2)?;
    let Some(p) = a.pos.first().and_then(prop) else {
        return Err(PyErr::type_error(format!(
            "descriptor '{meth}' for 'property' objects doesn't apply to a '{}' object",
            a.pos.first().map(|v| vm.type_name(v)).unwrap_or_default()
        )));
    };
    let mut parts = [p.fget.get_clone(), p.fset.get_clone(), p.fdel.get_clone()];
    parts[which] = a.pos[1].clone();
    // A doc taken from the old getter is taken again from the (new) getter.
    let doc = if p.getter_doc.get() && !matches!(parts[0], Value::None) {
        Value::None
    } else {
        p.doc.get_clone()
    };
    let name = p.name.get_clone();
    let [fget, fset, fdel] = parts;
    let ty = Value::Class(vm.type_of(&a.pos[0]));
    let new = vm.call(&ty, &[fget, fset, fdel, doc], &[])?;
    if let Some(np) = prop(&new) {
        np.name.set(name);
    }
    Ok(new)
}

fn property_getter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    property_copy(vm, &a, 0, "getter")
}

fn property_setter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    property_copy(vm, &a, 1, "setter")
}

fn property_deleter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    property_copy(vm, &a, 2, "deleter")
}

fn property_set_name(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("__set_name__", 3, 3)?;
    if let (Some(p), Value::Str(n)) = (prop(&a.pos[0]), a.pos[2].payload()) {
        p.name.set(Some(n.clone()));
    }
    Ok(Value::None)
}

/// `co_flags` with CPython's bit values (asyncio.iscoroutinefunction and inspect read
/// them): gilvm's own flag bits are numbered differently.
fn cpython_co_flags(f: u32) -> i64 {
    use crate::bytecode::code::flags;
    let mut out = 0;
    if f & (flags::MODULE | flags::CLASS_BODY) == 0 {
        out |= 0x1 | 0x2; // CO_OPTIMIZED | CO_NEWLOCALS
    }
    if f & flags::VARARGS != 0 {
        out |= 0x4;
    }
    if f & flags::VARKEYWORDS != 0 {
        out |= 0x8;
    }
    if f & flags::ASYNC_GENERATOR != 0 {
        out |= 0x200;
    } else if f & flags::COROUTINE != 0 {
        out |= 0x80;
    } else if f & flags::GENERATOR != 0 {
        out |= 0x20;
    }
    out
}
