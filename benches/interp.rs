//! Interpreter throughput on a few of programs/bench, run in-process (compile once,
//! execute per iteration). Each program checks its own result, so a broken
//! interpreter fails the bench instead of timing nothing.

use criterion::{criterion_group, criterion_main, Criterion};
use gilvm::driver::compile_source;
use gilvm::vm::{Interp, Vm};

fn run(source: &str, name: &str, arg: &str) {
    let code = compile_source(source, name).expect("bench program compiles");
    let interp = Interp::new(vec![name.to_string(), arg.to_string()], None);
    let mut vm = Vm::new(interp.clone());
    if let Err(e) = vm.run_module_code(code, "__main__") {
        panic!("{name} failed: {}", vm.format_exception(&e));
    }
    vm.finish_thread();
}

fn programs(c: &mut Criterion) {
    let mut g = c.benchmark_group("programs");
    g.sample_size(10);
    let progs: &[(&str, &str, &str)] = &[
        ("fib", include_str!("../programs/bench/fib.py"), "22"),
        ("loops", include_str!("../programs/bench/loops.py"), "200"),
        ("richards", include_str!("../programs/bench/richards.py"), "2"),
        ("nbody", include_str!("../programs/bench/nbody.py"), "5000"),
    ];
    for &(name, src, arg) in progs {
        g.bench_function(name, |b| b.iter(|| run(src, name, arg)));
    }
    g.finish();
}

/// Instructions per second on a tight loop: the dispatch cost itself.
fn dispatch(c: &mut Criterion) {
    let src = "i = 0\nwhile i < 100000:\n    i += 1\nassert i == 100000\n";
    c.bench_function("dispatch/while_loop_100k", |b| b.iter(|| run(src, "loop", "")));
}

criterion_group!(benches, programs, dispatch);
criterion_main!(benches);
