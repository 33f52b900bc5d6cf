//! The docs stay true: docs/bytecode.md matches what the opcode table renders (bless
//! with GILVM_BLESS=1), and every command README.md shows runs.

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

/// Every command of README.md's usage block runs and succeeds (with a tiny threaded
/// program for FILE.py and `a b` for ARGS), and the two fresh-machine commands name
/// what exists, so the README cannot go stale unnoticed.
#[test]
fn readme_commands_work() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let usage = readme
        .split("## Usage")
        .nth(1)
        .expect("README has a Usage section");
    let commands: Vec<&str> = usage
        .lines()
        .skip_while(|l| !l.starts_with("    gilvm"))
        .take_while(|l| l.starts_with("    "))
        .map(|l| l.split("  #").next().unwrap().trim())
        .collect();
    assert!(commands.len() >= 10, "usage block not found: {commands:?}");

    let dir = std::env::temp_dir().join(format!("gilvm-readme-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("prog.py"),
        "import sys, threading\n\
         n = int(sys.argv[1]) if sys.argv[1:2] and sys.argv[1].isdigit() else 2\n\
         def work():\n    sum(range(2000))\n\
         ts = [threading.Thread(target=work) for i in range(n)]\n\
         for t in ts:\n    t.start()\nfor t in ts:\n    t.join()\n\
         print('ok', sys.argv[1:])\n",
    )
    .unwrap();
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_gilvm"));
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for cmd in &commands {
        let mut line = cmd
            .replace("[ARGS...]", "a b")
            .replace("FILE.py", "prog.py");
        // Bare `gilvm bench` over its full default grid takes about two minutes, most
        // of this test's cost: here it runs the same built-in workloads, calibrated as
        // by default, on a smaller grid given with its documented flags, and the table
        // must hold every cell of that grid.
        let bench_grid = *cmd == "gilvm bench";
        if bench_grid {
            line.push_str(" --threads 1,2 --switch-interval 1ms,50ms --repeat 1");
        }
        // The prompt reads its input from stdin here (not a terminal): one line.
        let mut child = std::process::Command::new("sh")
            .args(["-c", &line])
            .current_dir(&dir)
            .env("PATH", &path)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(b"exit()\n").unwrap();
        let out = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "README command `{cmd}` failed ({}):\n{stdout}\n{stderr}",
            out.status
        );
        if bench_grid {
            check_bench_table(
                &stdout,
                &["cpu", "io", "mixed"],
                &["1", "2"],
                &["1ms", "50ms"],
            );
        }
        // `gilvm race` reports on the program's schedules instead of showing its output.
        if cmd.contains("FILE.py")
            && !cmd.contains("bench")
            && !cmd.contains("dis")
            && !cmd.contains("race")
        {
            assert!(
                stdout.contains("ok ["),
                "`{cmd}` did not run the program: {stdout}"
            );
        }
        for f in ["t.json", "t.svg", "charts.svg"] {
            if cmd.contains(f) {
                let len = std::fs::metadata(dir.join(f)).map(|m| m.len()).unwrap_or(0);
                assert!(len > 0, "`{cmd}` wrote no {f}");
            }
        }
    }

    // On a fresh machine: `cargo run --release -- ARGS` is the built binary with ARGS,
    // and the test script exists.
    let fresh = readme
        .split("## On a fresh machine")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("README has a fresh-machine section");
    let cmds: Vec<&str> = fresh
        .lines()
        .filter(|l| l.starts_with("    "))
        .map(str::trim)
        .collect();
    assert_eq!(cmds.len(), 2, "{cmds:?}");
    let args = cmds[0]
        .strip_prefix("cargo run --release -- ")
        .expect("first command is cargo run --release -- ...");
    let out = std::process::Command::new(bin)
        .args(args.split_whitespace())
        .current_dir(root)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "`{}` failed", cmds[0]);
    assert_eq!(cmds[1], "./scripts/test");
    let script = std::fs::read_to_string(format!("{root}/scripts/test")).unwrap();
    assert!(script.contains("cargo test --release"));
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(format!("{root}/scripts/test"))
        .unwrap()
        .permissions()
        .mode();
    assert!(mode & 0o111 != 0, "scripts/test is not executable");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `gilvm bench`'s table has its header and one row per workload, thread count and
/// interval, each row with a time, a 1-thread speedup of 1.00 and numbers where
/// numbers belong, and says the built-in workloads were calibrated.
fn check_bench_table(out: &str, workloads: &[&str], threads: &[&str], intervals: &[&str]) {
    assert!(
        out.lines()
            .any(|l| l.starts_with("workload") && l.contains("speedup") && l.contains("cores")),
        "bench table header missing:\n{out}"
    );
    assert!(
        out.contains("calibrated"),
        "bench did not calibrate:\n{out}"
    );
    let mut seen = Vec::new();
    for line in out.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() || !workloads.contains(&cols[0]) {
            continue;
        }
        // Axis columns (policy, switch points) may sit between the workload and the
        // thread count: the thread count is the first integer, the figures follow it.
        let Some(t) = cols.iter().position(|c| c.parse::<u32>().is_ok()) else {
            continue;
        };
        if cols.len() < t + 6 {
            continue;
        }
        let num = |i: usize| cols[t + i].parse::<f64>().ok();
        assert!(
            num(2).is_some_and(|ms| ms > 0.0) && num(4).is_some() && num(5).is_some(),
            "bench row without figures: {line}"
        );
        if cols[t] == "1" {
            assert_eq!(cols[t + 4], "1.00", "1-thread speedup is not 1: {line}");
        }
        seen.push((
            cols[0].to_string(),
            cols[t].to_string(),
            cols[t + 1].to_string(),
        ));
    }
    for w in workloads {
        for t in threads {
            for i in intervals {
                let cell = (w.to_string(), t.to_string(), i.to_string());
                assert!(seen.contains(&cell), "bench table lacks {cell:?}:\n{out}");
            }
        }
    }
    assert_eq!(
        seen.len(),
        workloads.len() * threads.len() * intervals.len(),
        "bench table rows: {seen:?}"
    );
}
