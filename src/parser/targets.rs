//! Validation of assignment and deletion targets, with CPython 3.11's wording for the
//! common mistakes (`f() = 1`, `1 = x`, `del a + b`, `f() += 1`).

use super::ast::*;
use super::{PResult, Parser, SyntaxError};

/// CPython's `_PyPegen_get_expr_name`: how an expression is named in error messages.
pub(super) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::True => "True",
        ExprKind::False => "False",
        ExprKind::None => "None",
        ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Imag(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_) => "literal",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Slice { .. } => "slice",
        ExprKind::Ellipsis => "ellipsis",
        ExprKind::NamedExpr { .. } => "named expression",
    }
}

/// The first sub-expression that cannot be assigned to (or deleted), if any.
pub(super) fn invalid_target(e: &Expr, delete: bool) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
        ExprKind::Tuple(elts) | ExprKind::List(elts) => {
            elts.iter().find_map(|x| invalid_target(x, delete))
        }
        ExprKind::Starred(inner) if !delete => invalid_target(inner, delete),
        _ => Some(e),
    }
}

/// Whether CPython's "Maybe you meant '=='" hint applies: the bad target is an operand-
/// level expression (what `bitwise_or` parses), not a display or boolean/compare form.
fn hint_applies(e: &Expr) -> bool {
    !matches!(
        e.kind,
        ExprKind::Tuple(_)
            | ExprKind::List(_)
            | ExprKind::GeneratorExp { .. }
            | ExprKind::True
            | ExprKind::False
            | ExprKind::None
            | ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::UnaryOp {
                op: UnaryOp::Not,
                ..
            }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::Yield(_)
            | ExprKind::YieldFrom(_)
            | ExprKind::Starred(_)
    )
}

impl Parser {
    pub(super) fn check_store(&self, e: &Expr) -> PResult<()> {
        match invalid_target(e, false) {
            None => Ok(()),
            Some(bad) => Err(SyntaxError::at(
                format!("cannot assign to {}", expr_name(bad)),
                bad.pos,
            )),
        }
    }

    pub(super) fn check_del(&self, e: &Expr) -> PResult<()> {
        match invalid_target(e, true) {
            None => Ok(()),
            Some(bad) => Err(SyntaxError::at(
                format!("cannot delete {}", expr_name(bad)),
                bad.pos,
            )),
        }
    }

    /// Checks `t1 = t2 = ... = value`; `bare_last` says whether the last target was an
    /// unparenthesised tuple (CPython then blames its last element with the `==` hint).
    pub(super) fn check_assign_targets(&self, targets: &[Expr], bare_last: bool) -> PResult<()> {
        for (i, t) in targets.iter().enumerate() {
            if matches!(t.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) && i > 0 {
                return Err(SyntaxError::at(
                    "assignment to yield expression not possible",
                    t.pos,
                ));
            }
        }
        if let [only] = targets {
            let candidate = match (&only.kind, bare_last) {
                (ExprKind::Tuple(elts), true) => elts.last(),
                _ => Some(only),
            };
            if let Some(c) = candidate {
                if invalid_target(c, false).is_some() && hint_applies(c) {
                    return Err(SyntaxError::at(
                        format!(
                            "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                            expr_name(c)
                        ),
                        c.pos,
                    ));
                }
            }
        }
        for t in targets {
            self.check_store(t)?;
            if let ExprKind::Starred(_) = t.kind {
                return Err(SyntaxError::at(
                    "starred assignment target must be in a list or tuple",
                    t.pos,
                ));
            }
        }
        Ok(())
    }

    pub(super) fn check_aug_target(&self, e: &Expr) -> PResult<()> {
        match e.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
            _ => Err(SyntaxError::at(
                format!(
                    "'{}' is an illegal expression for augmented assignment",
                    expr_name(e)
                ),
                e.pos,
            )),
        }
    }
}
