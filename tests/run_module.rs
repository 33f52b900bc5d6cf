//! `gilvm run -m MODULE` against `python3 -m MODULE`: the same stdout, exit status and
//! last stderr line (minus the program name), in a directory of test packages. The
//! corpus harness runs files only, so `-m` is checked here.

use std::path::{Path, PathBuf};
use std::process::Command;

const GILVM: &str = env!("CARGO_BIN_EXE_gilvm");

fn tree() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gilvm_run_module_{}", std::process::id()));
    let files: &[(&str, &str)] = &[
        (
            "mpkg/__init__.py",
            "print('init mpkg', __name__)\n",
        ),
        (
            "mpkg/__main__.py",
            "import sys\nprint('main of', __package__, __name__, sys.argv[1:])\n",
        ),
        (
            "mpkg/tool.py",
            "import sys\nfrom . import helper\nprint(__name__, __package__, __spec__.name, sys.argv[0].endswith('mpkg/tool.py'), sys.argv[1:], helper.H)\nif sys.argv[1:] == ['fail']:\n    raise SystemExit(3)\n",
        ),
        ("mpkg/helper.py", "H = 'helper'\n"),
        ("nomain/__init__.py", ""),
        ("plain.py", "import sys\nprint('plain', __name__, sys.path[0] != '', sys.argv[1:])\n"),
    ];
    for (path, src) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, src).unwrap();
    }
    dir
}

/// (exit status, stdout, last stderr line without the "prog: " prefix).
fn run(cmd: &mut Command, dir: &Path) -> (Option<i32>, String, String) {
    let out = cmd.current_dir(dir).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stderr.lines().last().unwrap_or("").to_string();
    let last = match last.split_once(": ") {
        Some((prog, rest)) if prog.ends_with("gilvm") || prog.ends_with("python3") => {
            rest.to_string()
        }
        _ => last,
    };
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        last,
    )
}

fn python3_available() -> bool {
    Command::new("python3")
        .arg("-c")
        .arg("pass")
        .output()
        .is_ok()
}

#[test]
fn run_module_matches_python3() {
    let dir = tree();
    let cases: &[&[&str]] = &[
        &["mpkg.tool", "a", "-b", "--c"],
        &["mpkg.tool", "fail"],
        &["mpkg", "x"],
        &["plain", "1", "2"],
        &["nomain"],
        &["no_such_module"],
        &["mpkg.tool.x"],
        &["sys"],
    ];
    let have_python = python3_available();
    for args in cases {
        let ours = run(Command::new(GILVM).arg("run").arg("-m").args(*args), &dir);
        let expected = match (have_python, *args) {
            (true, _) => run(Command::new("python3").arg("-m").args(*args), &dir),
            (false, _) => continue,
        };
        assert_eq!(ours, expected, "gilvm run -m {}", args.join(" "));
    }
    // Without python3 at least the basic case must work.
    let (code, out, _) = run(
        Command::new(GILVM).args(["run", "-m", "mpkg.tool", "z"]),
        &dir,
    );
    assert_eq!(code, Some(0));
    assert!(
        out.contains("__main__ mpkg mpkg.tool True ['z'] helper"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
