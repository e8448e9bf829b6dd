//! Reading messages the way an independent program does: Python's `email` package (every header and
//! leaf decoded, attachments saved) and the tools that read the attachments. Shared by the e-mail,
//! Outlook and container tests (`#[path = "common/email.rs"] mod email;`).
#![allow(dead_code)]

use std::process::Command;

use crate::common::{Dir, document, office_text, pdftotext, require};

/// Reads a message with Python's `email` package: every header decoded, every leaf part decoded
/// (transfer encoding and charset), attachments saved into a folder; prints JSON.
const READ_MESSAGE: &str = r#"
import email, email.policy, json, os, sys
path, outdir = sys.argv[1], sys.argv[2]
os.makedirs(outdir, exist_ok=True)
def walk(msg, prefix, out):
    for k, v in msg.items():
        out["headers"].append(k + ": " + str(v))
    out["structure"].append(prefix + msg.get_content_type())
    out["defects"] += [prefix + type(d).__name__ for d in msg.defects]
    if msg.is_multipart():
        for i, p in enumerate(msg.iter_parts() if hasattr(msg, "iter_parts") else msg.get_payload()):
            walk(p, prefix + str(i + 1) + ".", out)
        return
    if msg.get_content_type() == "message/rfc822":
        walk(msg.get_payload()[0], prefix + "1.", out)
        return
    data = msg.get_payload(decode=True) or b""
    if msg.get_content_maintype() == "text":
        out["texts"].append(data.decode(msg.get_content_charset() or "us-ascii"))
    else:
        name = prefix + (msg.get_filename() or "attachment")
        out["files"].append(name)
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(data)
msg = email.message_from_bytes(open(path, "rb").read(), policy=email.policy.default)
out = {"headers": [], "texts": [], "files": [], "structure": [], "defects": []}
walk(msg, "", out)
print(json.dumps(out))
"#;

pub struct Reading {
    pub headers: Vec<String>,
    pub texts: Vec<String>,
    /// Saved attachments: (name, path).
    pub files: Vec<(String, std::path::PathBuf)>,
    pub structure: Vec<String>,
    pub defects: Vec<String>,
}

pub fn python_reads(d: &Dir, rel: &str) -> Reading {
    require("python3");
    let outdir = d.join(&format!("py-{}", rel.replace('/', "_")));
    let o = Command::new("python3")
        .args(["-c", READ_MESSAGE])
        .arg(d.join(rel))
        .arg(&outdir)
        .output()
        .expect("python3 runs");
    assert!(o.status.success(), "python's email package failed on {rel}: {}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let strings =
        |k: &str| -> Vec<String> { v[k].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect() };
    Reading {
        headers: strings("headers"),
        texts: strings("texts"),
        files: strings("files").into_iter().map(|n| (n.clone(), outdir.join(n))).collect(),
        structure: strings("structure"),
        defects: strings("defects"),
    }
}

/// Every way an independent tool reads an output message: its bytes, its decoded headers and texts, and
/// the text of its attachments.
pub fn readings(d: &Dir, rel: &str) -> Vec<(String, String)> {
    let r = python_reads(d, rel);
    let mut out = vec![
        ("bytes".to_string(), String::from_utf8_lossy(&d.read(rel)).into_owned()),
        ("headers (python email)".to_string(), r.headers.join("\n")),
        ("text parts (python email)".to_string(), r.texts.join("\n")),
    ];
    for (name, path) in &r.files {
        out.push((
            format!("attachment {name}, bytes"),
            String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned(),
        ));
        out.push((format!("attachment name {name}"), name.clone()));
        if name.ends_with(".pdf") {
            out.push((format!("attachment {name}, pdftotext"), pdftotext(path)));
        } else if name.ends_with(".docx") {
            out.push((format!("attachment {name}, unzip"), office_text(path)));
            let o = Command::new("unzip").arg("-p").arg(path).output().expect("unzip runs");
            out.push((format!("attachment {name}, unzip -p"), String::from_utf8_lossy(&o.stdout).into_owned()));
        }
    }
    out
}

/// Copies fixtures/mail files into `in/`.
pub fn copy_messages(d: &Dir, names: &[&str]) {
    for name in names {
        d.fixture(&format!("mail/{name}"), &format!("in/{name}"));
    }
}

/// Redacts the fixtures/mail files of `cases` (file, reason code) in one run and checks that each needs
/// manual handling with its code, that the run says so (exit 3) and that nothing was published; the
/// report, for further checks.
pub fn withheld_with_codes(d: &Dir, cases: &[(&str, &str)]) -> serde_json::Value {
    let names: Vec<&str> = cases.iter().map(|c| c.0).collect();
    copy_messages(d, &names);
    let out = d.lak(&["redact", "in", "--out", "uit"]);
    assert_eq!(out.code, 3, "{out:?}");
    let r = d.report("uit-review");
    for (name, code) in cases {
        let doc = document(&r, name);
        assert_eq!(doc["status"], "needs_manual", "{name}");
        assert_eq!(doc["reason"]["code"], *code, "{name}: {doc}");
    }
    assert!(d.documents("uit").is_empty(), "{:?}", d.documents("uit"));
    r
}
