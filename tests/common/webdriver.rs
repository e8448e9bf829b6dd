//! A minimal WebDriver client for tests: chromedriver driving headless Chromium, spoken to over
//! `std::net` with `serde_json`. Only what the review-page tests use: open a page, run a script, find,
//! click and type into elements, look for an alert.
//!
//! The tests skip when Chromium or chromedriver is missing, unless `LAK_REQUIRE_BROWSER=1` (set by
//! `.ci/run`), where a missing browser fails them.
#![allow(dead_code)]

use std::io::{BufRead, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A browser session; closed and its driver ended on drop.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
}

fn in_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|n| std::env::split_paths(&path).map(|d| d.join(n)).find(|p| p.is_file()))
}

/// A headless browser that downloads into `downloads`, or `None` (with a message) when none is
/// installed and none is required.
pub fn browser(downloads: &Path) -> Option<Browser> {
    let chromium = in_path(&["chromium", "chromium-browser", "google-chrome"]);
    let driver = in_path(&["chromedriver"]);
    let (Some(chromium), Some(driver)) = (chromium, driver) else {
        if std::env::var("LAK_REQUIRE_BROWSER").is_ok_and(|v| v == "1") {
            panic!(
                "LAK_REQUIRE_BROWSER=1 but chromium or chromedriver is not installed (Debian: chromium chromium-driver)"
            );
        }
        eprintln!("SKIPPED: chromium and chromedriver are not installed; the review page is not tested in a browser");
        return None;
    };
    std::fs::create_dir_all(downloads).expect("a download folder");
    Some(Browser::start(&chromium, &driver, downloads))
}

impl Browser {
    fn start(chromium: &Path, driver: &Path, downloads: &Path) -> Browser {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let mut b = Browser { driver: child, port, session: String::new() };
        let start = Instant::now();
        while b.http("GET", "/status", None).is_err() {
            assert!(start.elapsed() < Duration::from_secs(20), "chromedriver did not answer");
            std::thread::sleep(Duration::from_millis(50));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "unhandledPromptBehavior": "ignore",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1280,900", "--no-first-run", "--no-default-browser-check"],
                "prefs": {"download.default_directory": downloads, "download.prompt_for_download": false}
            }
        }}});
        let v = b.http("POST", "/session", Some(caps)).expect("a browser session");
        b.session = v["sessionId"].as_str().expect("a session id").to_string();
        b
    }

    /// One WebDriver call: `Ok(value)` or `Err(error code and message)`.
    fn http(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        // chromedriver ignores HTTP/1.0 and keeps the connection open after its answer: read by length.
        let req = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            self.port,
            body.len()
        );
        s.write_all(req.as_bytes()).map_err(|e| e.to_string())?;
        let mut r = std::io::BufReader::new(s);
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
                return Err("no answer".into());
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                length = v.trim().parse().map_err(|_| "bad length")?;
            }
        }
        let mut body = vec![0; length];
        r.read_exact(&mut body).map_err(|e| e.to_string())?;
        let json = String::from_utf8_lossy(&body);
        let v: Value = serde_json::from_str(&json).map_err(|e| format!("{e}: {json}"))?;
        let value = v.get("value").cloned().unwrap_or(v);
        match value.get("error") {
            Some(e) => Err(format!("{e}: {}", value["message"])),
            None => Ok(value),
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let path = format!("/session/{}{path}", self.session);
        self.http(method, &path, body).unwrap_or_else(|e| panic!("{method} {path}: {e}"))
    }

    /// Opens `url` and waits until the page says it is ready.
    pub fn open(&self, url: &str) {
        self.call("POST", "/url", Some(json!({ "url": url })));
        self.wait("return document.documentElement.dataset.ready === '1'");
    }

    /// Runs `script` (a function body) in the page and returns its result.
    pub fn run(&self, script: &str) -> Value {
        self.call("POST", "/execute/sync", Some(json!({ "script": script, "args": [] })))
    }

    /// Runs `script` until it returns true (10 s at most).
    pub fn wait(&self, script: &str) {
        let start = Instant::now();
        while self.run(script) != Value::Bool(true) {
            assert!(start.elapsed() < Duration::from_secs(10), "timed out waiting for: {script}");
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    fn element(&self, css: &str) -> String {
        let v = self.call("POST", "/element", Some(json!({ "using": "css selector", "value": css })));
        v[ELEMENT].as_str().unwrap_or_else(|| panic!("no element {css}")).to_string()
    }

    /// Clicks the element `css` selects.
    pub fn click(&self, css: &str) {
        let e = self.element(css);
        self.call("POST", &format!("/element/{e}/click"), Some(json!({})));
    }

    /// Types `text` into the element `css` selects (keys reach the page as a person's would).
    pub fn type_into(&self, css: &str, text: &str) {
        let e = self.element(css);
        self.call("POST", &format!("/element/{e}/value"), Some(json!({ "text": text })));
    }

    /// The text of an open alert, prompt or confirm dialog.
    pub fn alert(&self) -> Option<String> {
        let path = format!("/session/{}/alert/text", self.session);
        self.http("GET", &path, None).ok().map(|v| v.to_string())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.http("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
