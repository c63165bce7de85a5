//! Generates the configs of the field-count series (10, 100 and 1,000
//! `u32` fields), each with its hand-written floor.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let mut code = String::new();
    for count in [10, 100, 1000] {
        let _ = writeln!(code, "#[derive(twelve_config::EnvConfig, Debug)]\n#[env(prefix = \"S_\")]");
        let _ = writeln!(code, "pub struct Fields{count} {{");
        for index in 0..count {
            let _ = writeln!(code, "    pub f{index:04}: u32,");
        }
        let _ = writeln!(code, "}}\n");
        let _ = writeln!(code, "pub fn floor_{count}() -> Result<Fields{count}, String> {{");
        let _ = writeln!(code, "    Ok(Fields{count} {{");
        for index in 0..count {
            let _ = writeln!(
                code,
                "        f{index:04}: std::env::var(\"S_F{index:04}\").map_err(|e| e.to_string())?.parse().map_err(|_| \"S_F{index:04}\".to_string())?,"
            );
        }
        let _ = writeln!(code, "    }})\n}}\n");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("scale.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
    println!("cargo::rerun-if-changed=build.rs");
}
