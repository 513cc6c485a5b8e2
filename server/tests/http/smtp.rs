//! A small SMTP server on a loopback port, started by a test: it takes every message (or
//! refuses the next ones with a temporary error when told to) and keeps what it took.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// One delivered message.
#[derive(Clone, Debug)]
pub struct Received {
    pub to: Vec<String>,
    /// The message as sent (headers and MIME body).
    pub data: String,
}

impl Received {
    /// The text of every part, with base64 and quoted-printable decoded.
    pub fn text(&self) -> String {
        decoded(&self.data)
    }

    /// The `Subject` header, decoded.
    pub fn subject(&self) -> String {
        let mut lines = self.data.lines().skip_while(|l| !l.starts_with("Subject:"));
        let mut raw = lines
            .next()
            .unwrap_or_default()
            .trim_start_matches("Subject:")
            .to_string();
        for l in lines.take_while(|l| l.starts_with(' ') || l.starts_with('\t')) {
            raw.push_str(l);
        }
        raw.split_whitespace().map(decode_word).collect::<String>()
    }
}

pub struct Smtp {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<AtomicUsize>,
    handle: tokio::task::JoinHandle<()>,
}

impl Drop for Smtp {
    fn drop(&mut self) {
        self.handle.abort();
    }
}

impl Smtp {
    pub async fn start() -> Smtp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let received: Arc<Mutex<Vec<Received>>> = Arc::default();
        let refuse: Arc<AtomicUsize> = Arc::default();
        let (r, f) = (received.clone(), refuse.clone());
        let handle = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (r, f) = (r.clone(), f.clone());
                tokio::spawn(async move {
                    let _ = session(stream, r, f).await;
                });
            }
        });
        Smtp {
            port,
            received,
            refuse,
            handle,
        }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Refuses the next `n` messages with `451` (a temporary failure).
    pub fn refuse_next(&self, n: usize) {
        self.refuse.store(n, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits until at least `n` messages arrived (at most 20 s), and returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let started = std::time::Instant::now();
        loop {
            let got = self.received();
            if got.len() >= n || started.elapsed() > Duration::from_secs(20) {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

async fn session(
    stream: tokio::net::TcpStream,
    received: Arc<Mutex<Vec<Received>>>,
    refuse: Arc<AtomicUsize>,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 test.local ESMTP\r\n").await?;
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_string();
        let verb = command
            .split(' ')
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let answer: &[u8] = match verb.as_str() {
            "EHLO" => b"250-test.local\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            "HELO" | "NOOP" => b"250 ok\r\n",
            "RSET" => {
                to.clear();
                b"250 ok\r\n"
            }
            "MAIL" => {
                let left = refuse.load(Ordering::SeqCst);
                if left > 0 {
                    refuse.store(left - 1, Ordering::SeqCst);
                    b"451 try again later\r\n"
                } else {
                    b"250 ok\r\n"
                }
            }
            "RCPT" => {
                let address = command
                    .split_once('<')
                    .and_then(|(_, r)| r.split_once('>'))
                    .map_or(String::new(), |(a, _)| a.to_string());
                to.push(address);
                b"250 ok\r\n"
            }
            "DATA" => {
                write.write_all(b"354 go ahead\r\n").await?;
                let mut data = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    data.push_str(
                        line.strip_prefix('.')
                            .filter(|_| line.starts_with(".."))
                            .unwrap_or(&line),
                    );
                }
                received.lock().unwrap().push(Received {
                    to: std::mem::take(&mut to),
                    data,
                });
                b"250 queued\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 not implemented\r\n",
        };
        write.write_all(answer).await?;
    }
}

/// Every MIME part's body, decoded, one after another.
fn decoded(data: &str) -> String {
    use base64::Engine;
    let mut out = String::new();
    for part in data.split("\r\n\r\n").collect::<Vec<_>>().windows(2) {
        let (headers, body) = (part[0].to_ascii_lowercase(), part[1]);
        let body = body.split("\r\n--").next().unwrap_or_default();
        if headers.contains("content-transfer-encoding: base64") {
            let joined: String = body.split_whitespace().collect();
            if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(joined) {
                out.push_str(&String::from_utf8_lossy(&bytes));
            }
        } else if headers.contains("content-transfer-encoding: quoted-printable") {
            out.push_str(&quoted_printable(body));
        } else if headers.contains("content-transfer-encoding") {
            out.push_str(body);
        }
        out.push('\n');
    }
    out
}

fn quoted_printable(text: &str) -> String {
    let mut bytes = Vec::new();
    let raw = text.replace("=\r\n", "");
    let mut it = raw.bytes().peekable();
    while let Some(b) = it.next() {
        if b == b'=' {
            let hex: Vec<u8> = it.by_ref().take(2).collect();
            if let Ok(v) = u8::from_str_radix(&String::from_utf8_lossy(&hex), 16) {
                bytes.push(v);
            }
        } else {
            bytes.push(b);
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// An RFC 2047 encoded word (`=?utf-8?b?…?=`), decoded; other words as they are.
fn decode_word(word: &str) -> String {
    use base64::Engine;
    let parts: Vec<&str> = word.split('?').collect();
    if parts.len() == 5 && parts[0] == "=" && parts[4] == "=" {
        if parts[2].eq_ignore_ascii_case("b") {
            if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(parts[3]) {
                return String::from_utf8_lossy(&bytes).into_owned();
            }
        } else if parts[2].eq_ignore_ascii_case("q") {
            return quoted_printable(&parts[3].replace('_', " "));
        }
    }
    format!("{word} ")
}
