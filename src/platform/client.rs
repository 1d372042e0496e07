//! The one place the app talks to the network: the platform's public API (DS-PREFILL.md § 2),
//! and only when the user asks (the window's button, the command line's `--send`). One blocking
//! client (ureq, rustls with the system's certificates — a ministry's proxy may re-sign TLS), a
//! timeout, the proxy from the environment (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`,
//! `NO_PROXY`) or else the system's (Windows' settings, [`super::proxy`]; none for the machine
//! itself), the platform's address as given.
//!
//! Every failure says what happened and what to do instead.

use std::time::Duration;

use serde_json::{Map, Value as Json};

/// How long a request may take, unless told otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The prefilled dossier the platform created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// Where the user takes it over (`…/commencer/{path}?prefill_token=…`).
    pub dossier_url: String,
    /// Its number on the platform.
    pub dossier_number: u64,
    /// Its id.
    pub dossier_id: String,
    /// The token that proves it is the one prefilled.
    pub prefill_token: String,
}

/// Where a prefilled dossier stands on the platform (`GET …/dossiers?prefill_token=`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Nobody took it over yet: it waits at its address (deleted after 5 days).
    Waiting {
        /// Where the user takes it over.
        dossier_url: String,
    },
    /// Someone took it over: its state on the platform (`brouillon`, `en_construction`,
    /// `en_instruction`, `accepte`, `refuse`, `sans_suite`) and its dates.
    TakenOver {
        /// The platform's state.
        state: String,
        /// When it was submitted, if it was (ISO 8601).
        submitted_at: Option<String>,
        /// When it was decided, if it was.
        processed_at: Option<String>,
    },
    /// The platform no longer knows it: not taken over within 5 days and deleted, or deleted
    /// by its owner.
    Unknown,
}

impl Status {
    /// The answer as the draft keeps it, asked at `asked_at` (UTC).
    #[must_use]
    pub fn recorded(&self, asked_at: String) -> crate::domain::dossier::PlatformState {
        let (state, submitted_at, processed_at) = match self {
            Status::Waiting { .. } => ("waiting".to_owned(), None, None),
            Status::Unknown => ("unknown".to_owned(), None, None),
            Status::TakenOver {
                state,
                submitted_at,
                processed_at,
            } => (state.clone(), submitted_at.clone(), processed_at.clone()),
        };
        crate::domain::dossier::PlatformState {
            asked_at,
            state,
            submitted_at,
            processed_at,
        }
    }
}

/// Why a request failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// 400: the platform refused the dossier.
    #[error(
        "la plateforme a refusé le dossier (400) : {0}. Vérifiez la description du formulaire, ou utilisez le lien ou la copie champ par champ"
    )]
    Refused(String),
    /// 404: unknown, closed or unpublished démarche.
    #[error(
        "la démarche n°{0} est inconnue, close ou non publiée sur la plateforme (404). Vérifiez son numéro dans la description enregistrée"
    )]
    NotFound(u64),
    /// 404 on the description: unknown démarche, or its description turned off.
    #[error(
        "la plateforme ne publie pas de description pour « {0} » (404) : démarche inconnue, ou description désactivée par ses administrateurs. Enregistrez-la depuis votre navigateur, ou demandez-la à l'équipe de la démarche"
    )]
    NoDescription(String),
    /// 429: too many requests.
    #[error("la plateforme demande de patienter (429){}. Réessayez plus tard", retry(*.0))]
    TooMany(Option<u64>),
    /// Another status.
    #[error("la plateforme a répondu {status} : {body}")]
    Status {
        /// The status.
        status: u16,
        /// The start of its answer.
        body: String,
    },
    /// No answer in time.
    #[error(
        "pas de réponse de la plateforme en {0} s. Réessayez, ou utilisez le lien ou la copie champ par champ"
    )]
    Timeout(u64),
    /// Nothing listens there.
    #[error(
        "connexion refusée par {0}. Vérifiez l'adresse de la plateforme, ou votre accès au réseau"
    )]
    ConnectionRefused(String),
    /// The name does not resolve.
    #[error(
        "adresse introuvable : {0}. Vérifiez l'adresse de la plateforme et votre accès au réseau"
    )]
    HostNotFound(String),
    /// The proxy failed.
    #[error(
        "le proxy n'a pas pu joindre la plateforme : {0}. Vérifiez HTTPS_PROXY (ou demandez l'adresse du proxy à votre service informatique)"
    )]
    Proxy(String),
    /// The platform's address answered with a redirection: not followed (a POST sent on, or an
    /// answer taken, from another host could hand the user a stranger's link).
    #[error(
        "la plateforme a répondu par une redirection{} : elle n'a pas été suivie et rien n'a été enregistré. Vérifiez l'adresse de la plateforme",
        location_of(.0.as_deref())
    )]
    Redirected(Option<String>),
    /// The answer names a dossier's address on another host than the platform's.
    #[error(
        "la réponse donne une adresse de dossier hors de la plateforme ({0}) : elle est refusée et rien n'a été enregistré"
    )]
    ForeignAddress(String),
    /// No connection, and the system chooses its proxy by a script the app does not run.
    #[error("pas de connexion à {address} ; {advice}")]
    ProxyScript {
        /// The platform's address.
        address: String,
        /// What to do ([`super::proxy::SystemProxy::advice`]).
        advice: String,
    },
    /// TLS failed.
    #[error("connexion sécurisée impossible : {0}")]
    Tls(String),
    /// An answer that is not the JSON expected.
    #[error("réponse inattendue de la plateforme : {0}")]
    Unexpected(String),
    /// Anything else.
    #[error("échec de la requête : {0}")]
    Other(String),
}

fn location_of(location: Option<&str>) -> String {
    location.map_or_else(String::new, |l| format!(" vers {l}"))
}

fn retry(seconds: Option<u64>) -> String {
    seconds.map_or_else(String::new, |s| format!(" : encore {s} s"))
}

/// A client for one platform.
pub struct Client {
    agent: ureq::Agent,
    base: String,
    timeout: Duration,
    /// What to tell when no connection is made and the system's proxy is a script.
    proxy_advice: Option<String>,
}

/// The host of an address (`https://host:port/…` → `host`).
fn host_of(base: &str) -> &str {
    let rest = base.split("://").nth(1).unwrap_or(base);
    if let Some(v6) = rest.strip_prefix('[') {
        return v6.split(']').next().unwrap_or_default();
    }
    rest.split(['/', ':']).next().unwrap_or_default()
}

/// Whether the address is this machine (no proxy for it).
fn is_loopback(base: &str) -> bool {
    let host = host_of(base);
    host == "localhost"
        || host == "127.0.0.1"
        || host.starts_with("127.")
        || base.contains("://[::1]")
}

impl Client {
    /// A client for the platform at `base` (`https://www.demarches-simplifiees.fr`).
    #[must_use]
    pub fn new(base: &str, timeout: Duration) -> Self {
        let system = super::proxy::system();
        let proxy = if is_loopback(base) {
            None
        } else {
            ureq::Proxy::try_from_env().or_else(|| {
                let address = system.as_ref()?.proxy_for(host_of(base))?;
                ureq::Proxy::new(&address).ok()
            })
        };
        let proxy_advice = system
            .filter(|_| proxy.is_none() && !is_loopback(base))
            .and_then(|s| s.advice());
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            // A redirection is returned as it is, never followed: see `answer`.
            .max_redirects(0)
            .http_status_as_error(false)
            .proxy(proxy)
            .user_agent(concat!("dossier-cloud/", env!("CARGO_PKG_VERSION")))
            .tls_config(
                ureq::tls::TlsConfig::builder()
                    .root_certs(ureq::tls::RootCerts::PlatformVerifier)
                    .build(),
            )
            .build();
        Client {
            agent: config.into(),
            base: base.trim_end_matches('/').to_owned(),
            timeout,
            proxy_advice,
        }
    }

    /// The platform's address.
    #[must_use]
    pub fn base(&self) -> &str {
        &self.base
    }

    /// Where the form's description is published (DS-PREFILL.md § 1).
    #[must_use]
    pub fn description_url(&self, path: &str) -> String {
        format!("{}/preremplir/{path}/schema", self.base)
    }

    /// Where the API takes the dossiers of a démarche.
    #[must_use]
    pub fn dossiers_url(&self, demarche: u64) -> String {
        format!("{}/api/public/v1/demarches/{demarche}/dossiers", self.base)
    }

    fn error(&self, e: &ureq::Error) -> SendError {
        let host = self.base.clone();
        // Windows' resolver says « host not found » as a socket error of its own.
        let host_not_found = matches!(e, ureq::Error::HostNotFound)
            || matches!(e, ureq::Error::Io(io) if matches!(io.raw_os_error(), Some(11001 | 11004)) && cfg!(windows));
        let unreached = host_not_found
            || matches!(
                e,
                ureq::Error::Timeout(_) | ureq::Error::ConnectionFailed | ureq::Error::Io(_)
            );
        if unreached && let Some(advice) = &self.proxy_advice {
            return SendError::ProxyScript {
                address: host,
                advice: advice.clone(),
            };
        }
        match e {
            ureq::Error::Timeout(_) => SendError::Timeout(self.timeout.as_secs()),
            _ if host_not_found => SendError::HostNotFound(host),
            ureq::Error::ConnectionFailed => SendError::ConnectionRefused(host),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => {
                SendError::ConnectionRefused(host)
            }
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                SendError::Timeout(self.timeout.as_secs())
            }
            ureq::Error::InvalidProxyUrl | ureq::Error::ConnectProxyFailed(_) => {
                SendError::Proxy(e.to_string())
            }
            ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => {
                SendError::Tls(e.to_string())
            }
            other => SendError::Other(other.to_string()),
        }
    }

    /// An address the platform gave, accepted only on the platform's own host (the user is told
    /// to open it and sign in there).
    fn on_platform(&self, url: &str) -> Result<(), SendError> {
        let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
        if scheme_ok && host_of(url).eq_ignore_ascii_case(host_of(&self.base)) {
            Ok(())
        } else {
            Err(SendError::ForeignAddress(
                crate::domain::text::visible(&excerpt(url)).into_owned(),
            ))
        }
    }

    /// Reads an answer: its status, its `Retry-After`, its text (at most 4 MiB).
    fn answer(
        &self,
        response: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<(u16, Option<u64>, String), SendError> {
        let mut response = response.map_err(|e| self.error(&e))?;
        let status = response.status().as_u16();
        if response.status().is_redirection() {
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .map(|l| crate::domain::text::visible(l).into_owned());
            return Err(SendError::Redirected(location));
        }
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok());
        let text = response
            .body_mut()
            .with_config()
            .limit(4 * 1024 * 1024)
            .read_to_string()
            .map_err(|e| self.error(&e))?;
        Ok((status, retry_after, text))
    }

    /// The failure an answer other than a success says.
    fn failure(status: u16, retry_after: Option<u64>, text: &str, demarche: u64) -> SendError {
        match status {
            400 => SendError::Refused(platform_error(text)),
            404 => SendError::NotFound(demarche),
            429 => SendError::TooMany(retry_after),
            _ => SendError::Status {
                status,
                body: excerpt(text),
            },
        }
    }

    /// Asks where a prefilled dossier stands, by its prefill token.
    ///
    /// # Errors
    /// A [`SendError`] saying what happened and what to do.
    pub fn status(&self, demarche: u64, prefill_token: &str) -> Result<Status, SendError> {
        let request = self
            .agent
            .get(&self.dossiers_url(demarche))
            .query("prefill_token", prefill_token)
            .header("Accept", "application/json")
            .call();
        let (status, retry_after, text) = self.answer(request)?;
        if status != 200 {
            return Err(Self::failure(status, retry_after, &text, demarche));
        }
        let status = status_of(&text, prefill_token)?;
        if let Status::Waiting { dossier_url } = &status {
            self.on_platform(dossier_url)?;
        }
        Ok(status)
    }

    /// Fetches the form's published description (its text as published, to be parsed and
    /// kept).
    ///
    /// # Errors
    /// A [`SendError`] saying what happened and what to do; 404 when the démarche is unknown or
    /// its administrators turned its description off.
    pub fn description(&self, path: &str) -> Result<String, SendError> {
        let request = self
            .agent
            .get(&self.description_url(path))
            .header("Accept", "application/json")
            .call();
        let (status, retry_after, text) = self.answer(request)?;
        match status {
            200 => Ok(text),
            404 => Err(SendError::NoDescription(path.to_owned())),
            _ => Err(Self::failure(status, retry_after, &text, 0)),
        }
    }

    /// Creates the prefilled dossier: POSTs the body, exactly, as `application/json`.
    ///
    /// # Errors
    /// A [`SendError`] saying what happened and what to do.
    pub fn create(&self, demarche: u64, body: &Map<String, Json>) -> Result<Created, SendError> {
        let text = serde_json::to_string(body).map_err(|e| SendError::Other(e.to_string()))?;
        let request = self
            .agent
            .post(&self.dossiers_url(demarche))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .send(text.as_bytes());
        let (status, retry_after, answer) = self.answer(request)?;
        match status {
            200 | 201 => {
                let created = created(&answer)?;
                self.on_platform(&created.dossier_url)?;
                Ok(created)
            }
            _ => Err(Self::failure(status, retry_after, &answer, demarche)),
        }
    }
}

fn excerpt(text: &str) -> String {
    let text: String = text.chars().take(200).collect();
    if text.trim().is_empty() {
        "(réponse vide)".to_owned()
    } else {
        text
    }
}

/// The platform's `{"error": "…"}`, or the start of its answer.
fn platform_error(answer: &str) -> String {
    serde_json::from_str::<Json>(answer)
        .ok()
        .and_then(|j| j.get("error").and_then(Json::as_str).map(str::to_owned))
        .unwrap_or_else(|| excerpt(answer))
}

/// The platform's list of dossiers for the token: the one with it, or none.
fn status_of(answer: &str, token: &str) -> Result<Status, SendError> {
    let json: Json =
        serde_json::from_str(answer).map_err(|_| SendError::Unexpected(excerpt(answer)))?;
    let list = json
        .as_array()
        .ok_or_else(|| SendError::Unexpected(excerpt(answer)))?;
    let Some(entry) = list
        .iter()
        .find(|d| d.get("dossier_prefill_token").and_then(Json::as_str) == Some(token))
        .or_else(|| list.first())
    else {
        return Ok(Status::Unknown);
    };
    let text = |key: &str| entry.get(key).and_then(Json::as_str).map(str::to_owned);
    let state = text("state")
        .ok_or_else(|| SendError::Unexpected("« state » manque dans la réponse".to_owned()))?;
    if state == "prefilled" {
        return Ok(Status::Waiting {
            dossier_url: text("dossier_url").unwrap_or_default(),
        });
    }
    Ok(Status::TakenOver {
        state,
        submitted_at: text("submitted_at"),
        processed_at: text("processed_at"),
    })
}

fn created(answer: &str) -> Result<Created, SendError> {
    let json: Json =
        serde_json::from_str(answer).map_err(|_| SendError::Unexpected(excerpt(answer)))?;
    let text = |key: &str| json.get(key).and_then(Json::as_str).map(str::to_owned);
    let missing = |key: &str| SendError::Unexpected(format!("« {key} » manque dans la réponse"));
    Ok(Created {
        dossier_url: text("dossier_url").ok_or_else(|| missing("dossier_url"))?,
        dossier_number: json
            .get("dossier_number")
            .and_then(Json::as_u64)
            .ok_or_else(|| missing("dossier_number"))?,
        dossier_id: text("dossier_id").unwrap_or_default(),
        prefill_token: text("dossier_prefill_token")
            .ok_or_else(|| missing("dossier_prefill_token"))?,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_machine_itself_goes_without_a_proxy() {
        assert!(super::is_loopback("http://127.0.0.1:8080"));
        assert!(super::is_loopback("http://localhost/x"));
        assert!(super::is_loopback("http://[::1]:9"));
        assert!(!super::is_loopback("https://www.demarches-simplifiees.fr"));
    }
}
