//! A static file server for the composer page (`www/`), on loopback only, so `wasmail demo
//! --serve-page` can show the browser side of wasmail next to the SMTP side.

use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use tiny_http::{Header, Response, Server};

/// Serves the files under a directory on 127.0.0.1 at a free port until stopped.
pub struct PageServer {
    server: Arc<Server>,
    addr: SocketAddr,
    thread: Option<JoinHandle<()>>,
}

impl PageServer {
    /// Starts serving `root`. Fails when `root` has no built page (`index.html` and the
    /// wasm-bindgen output in `pkg/`), saying how to build it.
    pub fn start(root: &Path) -> Result<Self, String> {
        for needed in [
            "index.html",
            "pkg/wasmail_wasm.js",
            "pkg/wasmail_wasm_bg.wasm",
        ] {
            if !root.join(needed).is_file() {
                return Err(format!(
                    "the composer page is not built ({} is missing): run `.ci/test-browser \
                     --build-only` first, or pass --www DIR",
                    root.join(needed).display()
                ));
            }
        }
        let server = Server::http("127.0.0.1:0").map_err(|e| format!("cannot listen: {e}"))?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or("the page server has no IP address")?;
        let server = Arc::new(server);
        let root = root.to_path_buf();
        let worker = Arc::clone(&server);
        let thread = std::thread::spawn(move || {
            for request in worker.incoming_requests() {
                let response = respond(&root, request.url());
                // A client that went away is not the server's problem.
                let _ = request.respond(response);
            }
        });
        Ok(Self {
            server,
            addr,
            thread: Some(thread),
        })
    }

    /// Where the page is served.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops serving and waits for the worker.
    pub fn stop(mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl std::fmt::Debug for PageServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

fn respond(root: &Path, url: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let not_found = || Response::from_data(b"not found".to_vec()).with_status_code(404);
    let Some(path) = resolve(root, url) else {
        return not_found();
    };
    match std::fs::read(&path) {
        Ok(bytes) => {
            let header = Header::from_bytes("Content-Type", content_type(&path))
                .expect("static header is valid");
            Response::from_data(bytes).with_header(header)
        }
        Err(_) => not_found(),
    }
}

/// The file a URL names under `root`, refusing anything that would step outside it.
fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let relative = Path::new(path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let full = root.join(relative);
    Some(if full.is_dir() {
        full.join("index.html")
    } else {
        full
    })
}

fn content_type(path: &Path) -> &'static [u8] {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => b"text/html; charset=utf-8",
        Some("js") | Some("mjs") => b"text/javascript; charset=utf-8",
        Some("wasm") => b"application/wasm",
        Some("css") => b"text/css; charset=utf-8",
        Some("json") => b"application/json",
        Some("png") => b"image/png",
        Some("svg") => b"image/svg+xml",
        _ => b"application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_stay_inside_the_root() {
        let root = Path::new("/srv/www");
        assert_eq!(resolve(root, "/pkg/a.js?v=1"), Some(root.join("pkg/a.js")));
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/pkg/../../x"), None);
        assert_eq!(content_type(Path::new("x.wasm")), b"application/wasm");
    }
}
